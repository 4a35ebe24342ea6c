//! The citizen's booking journey as plain HTML forms (Post/Redirect/Get, no JavaScript), one
//! file per step: the prescription (`prescription`), free slots and choosing one (`slots`),
//! confirming the held slot (`confirm`), the waiting list (`waitlist`), finding a booking again
//! (`lookup`), the receipt and its printable, calendar and QR forms (`receipt`), cancelling
//! (`cancel`) and moving (`move_to`). What the browser has proven travels in the encrypted
//! citizen pass (`web::pass::Pass`), never in the URL; every change goes through the booking
//! core with the citizen as the actor.

mod cancel;
mod confirm;
mod lookup;
mod move_to;
mod prescription;
mod receipt;
mod slots;
mod waitlist;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use app::domain::BookingCode;
use app::routes;
use app::views::PageContext;

use super::details::{self, BookingRow};
use crate::audit::Actor;
use crate::error::AppError;
use crate::prescriptions::{self, Prescription};
use crate::state::AppState;
use crate::web::pass::CitizenPass;

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
        .route(routes::BOOK_RELEASE, post(slots::release))
        .route(
            routes::BOOK_WAITLIST,
            get(waitlist::page).post(waitlist::join),
        )
        .route(routes::MY_BOOKINGS, get(lookup::form).post(lookup::submit))
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
}

/// Who acts: a citizen, through the portal or a kiosk terminal.
fn actor(ctx: &PageContext) -> Actor {
    Actor::Citizen(ctx.channel())
}

/// Back to the start of the journey (the pass proves no prescription).
fn to_start() -> Response {
    Redirect::to(routes::BOOK).into_response()
}

/// The prescription the pass proves, or None (the journey starts again at /prenota).
async fn pass_prescription(
    state: &AppState,
    pass: &CitizenPass,
) -> Result<Option<Prescription>, AppError> {
    match pass.prescription {
        Some(id) => Ok(prescriptions::by_id(&state.db, id).await?),
        None => Ok(None),
    }
}

/// The booking behind a code in the URL, if this browser has proven it may see it.
async fn visible_booking(
    state: &AppState,
    pass: &CitizenPass,
    code: &str,
) -> Result<Option<BookingRow>, AppError> {
    let Ok(code) = BookingCode::parse(code) else {
        return Ok(None);
    };
    Ok(details::by_code(&state.db, &code)
        .await?
        .filter(|b| pass.may_see(b.id)))
}

/// Without the right to see a booking, people are asked for the fiscal code and booking code.
fn ask_to_identify() -> Response {
    Redirect::to(routes::MY_BOOKINGS).into_response()
}

/// Whether the citizen may still change the booking online (the rule the change enforces).
fn changeable(state: &AppState, ctx: &PageContext, booking: &BookingRow) -> bool {
    super::rules::may_change(
        actor(ctx),
        booking.status,
        booking.starts_at,
        state.clock.today(),
        state.clock.now(),
    )
    .is_ok()
}
