//! The citizen's booking journey as plain HTML forms (Post/Redirect/Get, no JavaScript), one
//! file per step: the prescription (`prescription`), free slots and choosing one (`slots`),
//! confirming the held slot (`confirm`), the waiting list (`waitlist`), the guarantee route
//! (`guarantee`), finding a booking again
//! (`lookup`), the receipt and its printable, calendar and QR forms (`receipt`), cancelling
//! (`cancel`) and moving (`move_to`), the signed-in citizen's own area (`mine`), keeping a booking on the waiting list for an earlier slot
//! (`earlier`), and the one-tap links of messages (`one_tap`). What the
//! browser has proven travels in the encrypted citizen pass (`web::pass::Pass`), never in the URL
//! (`proof` reads it); every change goes through the booking core with the citizen as the actor.

mod cancel;
mod confirm;
mod earlier;
mod guarantee;
mod lookup;
mod mine;
mod move_to;
mod one_tap;
mod prescription;
mod proof;
mod receipt;
mod slots;
mod waitlist;

use axum::Router;
use axum::routing::{get, post};

use app::routes;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            routes::BOOK,
            get(prescription::form).post(prescription::submit),
        )
        .route(routes::BOOK_SLOTS, get(slots::slots))
        .route(
            routes::BOOK_CHOOSE,
            get(slots::choose_get).post(slots::choose),
        )
        .route(
            routes::BOOK_CONFIRM,
            get(confirm::form).post(confirm::submit),
        )
        .route(
            routes::BOOK_EXTEND,
            get(confirm::extend_get).post(confirm::extend),
        )
        .route(routes::BOOK_RELEASE, post(slots::release))
        .route(
            routes::BOOK_WAITLIST,
            get(waitlist::page).post(waitlist::join),
        )
        .route(
            routes::BOOK_GUARANTEE,
            get(guarantee::form).post(guarantee::submit),
        )
        .route(routes::BOOK_GUARANTEE_FILED, get(guarantee::filed))
        .route(routes::MY_BOOKINGS, get(lookup::form).post(lookup::submit))
        .route(routes::BOOK_MINE, post(mine::book))
        .route(routes::DELEGATIONS, post(mine::grant))
        .route(routes::DELEGATIONS_MINOR, post(mine::minor))
        .route(routes::DELEGATION_REVOKE, post(mine::revoke))
        .route(
            routes::LOST_CODE,
            get(lookup::lost_code_form).post(lookup::lost_code_submit),
        )
        .route(routes::RECEIPT, get(receipt::receipt))
        .route(routes::RECEIPT_PRINT, get(receipt::print))
        .route(routes::RECEIPT_ICS, get(receipt::ics))
        .route(routes::RECEIPT_QR, get(receipt::qr))
        .route(routes::CANCEL, get(cancel::form).post(cancel::submit))
        .route(routes::MOVE, get(move_to::slots).post(move_to::choose))
        .route(
            routes::MOVE_CONFIRM,
            get(move_to::confirm_form).post(move_to::confirm_submit),
        )
        .route(routes::EARLIER, get(earlier::get).post(earlier::submit))
        .route(routes::ONE_TAP, get(one_tap::page).post(one_tap::act))
}
