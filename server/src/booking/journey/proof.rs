//! What the browser has proven, read from its pass, as extractors: `Proven`, the prescription
//! whose codes it typed (without one, the journey starts again at `/prenota`), and `Visible`,
//! the booking of the URL's code when the browser has proven it may see it (without that, the
//! fiscal code and booking code are asked for). Either way the handler gets the pass back to
//! store again.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
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
use crate::web::pass::Pass;

/// Who acts: a citizen, through the portal or a kiosk terminal.
pub(super) fn actor(ctx: &PageContext) -> Actor {
    Actor::Citizen(ctx.channel())
}

/// The prescription the pass proves, with the pass.
pub(super) struct Proven {
    pub pass: Pass,
    pub prescription: Prescription,
}

impl FromRequestParts<AppState> for Proven {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let pass = Pass::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let found = match pass.prescription {
            Some(id) => prescriptions::by_id(&state.db, id)
                .await
                .map_err(|e| AppError::from(e).into_response())?,
            None => None,
        };
        match found {
            Some(prescription) => Ok(Proven { pass, prescription }),
            None => Err(Redirect::to(routes::BOOK).into_response()),
        }
    }
}

/// The booking of the URL's `{code}`, which the pass proves this browser may see, with the pass.
pub(super) struct Visible {
    pub pass: Pass,
    pub booking: BookingRow,
}

impl FromRequestParts<AppState> for Visible {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ask = || Redirect::to(routes::MY_BOOKINGS).into_response();
        let pass = Pass::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let Ok(Path(code)) = Path::<String>::from_request_parts(parts, state).await else {
            return Err(ask());
        };
        let Ok(code) = BookingCode::parse(&code) else {
            return Err(ask());
        };
        let booking = details::by_code(&state.db, &code)
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .filter(|b| pass.may_see(b.id))
            .ok_or_else(ask)?;
        Ok(Visible { pass, booking })
    }
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
