//! What the browser has proven, read from its pass: the prescription whose codes it typed,
//! and the bookings it may see. Without it, the journey starts again or asks for the codes.

use axum::response::{IntoResponse, Redirect, Response};

use app::domain::BookingCode;
use app::routes;
use app::views::PageContext;

use crate::audit::Actor;
use crate::booking::details::{self, BookingRow};
use crate::booking::rules::may_change;
use crate::error::AppError;
use crate::prescriptions::{self, Prescription};
use crate::state::AppState;
use crate::web::pass::CitizenPass;

/// Who acts: a citizen, through the portal or a kiosk terminal.
pub(super) fn actor(ctx: &PageContext) -> Actor {
    Actor::Citizen(ctx.channel())
}

/// Back to the start of the journey (the pass proves no prescription).
pub(super) fn to_start() -> Response {
    Redirect::to(routes::BOOK).into_response()
}

/// The prescription the pass proves, or None (the journey starts again at /prenota).
pub(super) async fn pass_prescription(
    state: &AppState,
    pass: &CitizenPass,
) -> Result<Option<Prescription>, AppError> {
    match pass.prescription {
        Some(id) => Ok(prescriptions::by_id(&state.db, id).await?),
        None => Ok(None),
    }
}

/// The booking behind a code in the URL, if this browser has proven it may see it.
pub(super) async fn visible_booking(
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
pub(super) fn ask_to_identify() -> Response {
    Redirect::to(routes::MY_BOOKINGS).into_response()
}

/// Whether the citizen may still change the booking online (the rule the change enforces).
pub(super) fn changeable(state: &AppState, ctx: &PageContext, booking: &BookingRow) -> bool {
    may_change(
        actor(ctx),
        booking.status,
        booking.starts_at,
        state.clock.today(),
        state.clock.now(),
    )
    .is_ok()
}
