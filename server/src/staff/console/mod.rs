//! The operator console: finding a citizen (`search`), their record (`record`), and booking
//! (`book`, then `confirm`: nothing is booked before the confirmation step), reprinting (`receipt`), moving and cancelling (`change`) for them, and
//! asking for the guarantee route when no slot meets a deadline (`guarantee`). Opening a
//! citizen's data needs a reason and is audited before anything is shown; the citizen being
//! served (fiscal code and reason) is then kept in the staff session — never in a URL, never in
//! a log. Every change goes through the booking core with the operator as the actor, under the
//! same rules as every other channel.

pub mod book;
pub mod change;
pub mod confirm;
pub mod guarantee;
pub mod receipt;
pub mod record;
pub mod search;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use app::domain::BookingCode;
use app::routes;
use app::views::staff::CitizenSummary;

use super::session::SignedIn;
use crate::audit::Actor;
use crate::booking::details::{self, BookingRow};
use crate::db::{Db, on_read};
use crate::error::AppError;
pub(crate) use crate::records::prescriptions_of;
use crate::state::AppState;

/// Where the citizen being served is kept in the staff session.
const CITIZEN_KEY: &str = "console_citizen";

/// The citizen an operator is serving, and why. Bound to the member of staff who opened the
/// record: someone else signing in on the same browser does not inherit it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct ServedCitizen {
    staff_id: i64,
    fiscal_code: String,
    reason: String,
}

async fn served(signed_in: &SignedIn) -> Option<ServedCitizen> {
    signed_in
        .get::<ServedCitizen>(CITIZEN_KEY)
        .await
        .filter(|c| c.staff_id == signed_in.staff.id)
}

fn to_search() -> Response {
    Redirect::to(routes::STAFF_CITIZEN_SEARCH).into_response()
}

/// A member of staff serving a citizen (whose record they opened, with a reason). Without an
/// open record, the console goes back to the search.
pub struct Serving {
    signed_in: SignedIn,
    served: ServedCitizen,
}

impl FromRequestParts<AppState> for Serving {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed_in = SignedIn::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match served(&signed_in).await {
            Some(served) => Ok(Serving { signed_in, served }),
            None => Err(to_search()),
        }
    }
}

/// The booking of the URL's `{code}`, when it is the served citizen's: someone else's booking
/// and no booking are the same answer (404).
pub struct ServedBooking {
    signed_in: SignedIn,
    served: ServedCitizen,
    booking: BookingRow,
}

impl FromRequestParts<AppState> for ServedBooking {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Serving { signed_in, served } = Serving::from_request_parts(parts, state).await?;
        let not_found = || AppError::NotFound.into_response();
        let Path(code) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        let code = BookingCode::parse(&code).map_err(|_| not_found())?;
        let booking = details::by_code(&state.db, &code)
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .filter(|b| b.fiscal_code.as_str() == served.fiscal_code)
            .ok_or_else(not_found)?;
        Ok(ServedBooking {
            signed_in,
            served,
            booking,
        })
    }
}

/// The confirmation step of `slot` for one of the served citizen's prescriptions.
fn confirm_path(prescription_id: i64, slot: i64) -> String {
    format!(
        "{}?ricetta={prescription_id}&slot={slot}",
        routes::STAFF_CITIZEN_BOOK_CONFIRM
    )
}

fn actor(signed_in: &SignedIn) -> Actor {
    Actor::Staff {
        id: signed_in.staff.id,
    }
}

/// The citizen's name and date of birth, if the registry knows the fiscal code.
async fn citizen_of(
    db: &Db,
    fiscal_code: &str,
) -> Result<Option<(String, String, Option<NaiveDate>)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select given_name, family_name, birth_date from citizens where fiscal_code = $1",
        )
        .bind(fiscal_code)
        .fetch_optional(pool)
        .await
    })
}

async fn citizen_summary(
    state: &AppState,
    served: &ServedCitizen,
) -> Result<Option<CitizenSummary>, AppError> {
    Ok(citizen_of(&state.db, &served.fiscal_code)
        .await?
        .map(|(given, family, birth_date)| CitizenSummary {
            fiscal_code: served.fiscal_code.clone(),
            name: format!("{given} {family}"),
            birth_date,
            reason: served.reason.clone(),
        }))
}
