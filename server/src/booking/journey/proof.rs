//! What the browser has proven, read from its pass, as extractors: `Proven`, the prescription
//! whose codes it typed (without one, the journey starts again at `/prenota`), and `Visible`,
//! the booking of the URL's code when the browser has proven it may see it (without that, the
//! fiscal code and booking code are asked for). Either way the handler gets the pass back to
//! store again.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

use app::domain::{BookingCode, Channel, FiscalCode};
use app::routes;
use app::views::PageContext;

use crate::audit::Actor;
use crate::booking::details::{self, BookingRow};
use crate::booking::rules::may_change;
use crate::citizen::SignedCitizen;
use crate::citizen::delegation;
use crate::citizen::session::{self, Current};
use crate::error::AppError;
use crate::prescriptions::{self, Prescription};
use crate::state::AppState;
use crate::web::pass::Pass;

/// Who acts: a citizen, through the portal or a kiosk terminal.
pub(super) fn actor(ctx: &PageContext) -> Actor {
    Actor::Citizen(ctx.channel())
}

fn channel_of(pass: &Pass) -> Channel {
    if pass.kiosk {
        Channel::Kiosk
    } else {
        Channel::Web
    }
}

/// Whether the citizen signed in on this browser may act for the holder of `holder`: as
/// themselves, or as their delegate (a live delegation); the actor to record.
async fn signed_in_for(
    parts: &Parts,
    state: &AppState,
    pass: &Pass,
    holder: &FiscalCode,
) -> Result<Option<Actor>, Response> {
    let Some(citizen) = signed_in_citizen(parts, state, pass).await? else {
        return Ok(None);
    };
    if citizen.fiscal_code == *holder {
        return Ok(Some(Actor::Citizen(Channel::Web)));
    }
    let delegation = delegation::acting_for(
        &state.db,
        citizen.fiscal_code.as_str(),
        holder.as_str(),
        state.clock.today(),
    )
    .await
    .map_err(|e| AppError::from(e).into_response())?;
    Ok(delegation.map(|delegation| Actor::Delegate {
        channel: Channel::Web,
        delegation,
    }))
}

/// The citizen signed in on this browser, if any (never on a kiosk terminal).
pub(super) async fn signed_in_citizen(
    parts: &Parts,
    state: &AppState,
    pass: &Pass,
) -> Result<Option<SignedCitizen>, Response> {
    let session = parts.extensions.get::<tower_sessions::Session>();
    match session::current(session, state, pass.kiosk).await {
        Ok(Current::Signed(citizen)) => Ok(Some(citizen)),
        Ok(Current::Anonymous | Current::Ended) => Ok(None),
        Err(err) => Err(err.into_response()),
    }
}

/// The prescription the pass proves, with the pass.
pub(super) struct Proven {
    pub pass: Pass,
    pub prescription: Prescription,
    /// Who acts: the holder, or a delegate signed in (recorded with every change).
    pub actor: Actor,
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
        let typed = Actor::Citizen(channel_of(&pass));
        let found = match found {
            Some(prescription) if pass.signed_in => {
                // Chosen by a citizen signed in, its holder or their delegate: good while that
                // session (and that delegation) lasts.
                signed_in_for(parts, state, &pass, &prescription.fiscal_code)
                    .await?
                    .map(|actor| (prescription, actor))
            }
            found => found.map(|prescription| (prescription, typed)),
        };
        match found {
            Some((prescription, actor)) => Ok(Proven {
                pass,
                prescription,
                actor,
            }),
            None => Err(Redirect::to(routes::BOOK).into_response()),
        }
    }
}

/// The booking of the URL's `{code}`, which the pass proves this browser may see, with the pass.
pub(super) struct Visible {
    pub pass: Pass,
    pub booking: BookingRow,
    /// Who acts: the holder, or a delegate signed in (recorded with every change).
    pub actor: Actor,
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
            .map_err(|e| AppError::from(e).into_response())?;
        let (booking, actor) = match booking {
            Some(b) if pass.may_see(b.id) => Some((b, Actor::Citizen(channel_of(&pass)))),
            // Its holder, or their delegate, signed in: without typing codes.
            Some(b) => signed_in_for(parts, state, &pass, &b.fiscal_code)
                .await?
                .map(|actor| (b, actor)),
            None => None,
        }
        .ok_or_else(ask)?;
        Ok(Visible {
            pass,
            booking,
            actor,
        })
    }
}

/// Whether the citizen may still change the booking online (the rule the change enforces).
pub(super) fn changeable(state: &AppState, ctx: &PageContext, booking: &BookingRow) -> bool {
    // A delegate signed in is under the same rule as the holder.
    may_change(
        actor(ctx),
        booking.status,
        booking.starts_at,
        state.clock.today(),
        state.clock.now(),
    )
    .is_ok()
}
