//! The receipt's line for an earlier slot: what the booking's own page shows about it, and the
//! form that joins or leaves it (`booking::earlier`). Without JavaScript: a POST, then the
//! receipt again.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::domain::WaitingStatus;
use app::routes;
use app::views::PageContext;
use app::views::booking::{Earlier, EarlierLine};
use chrono::NaiveDate;

use super::proof::{Visible, changeable};
use crate::booking::details::BookingRow;
use crate::booking::earlier;
use crate::booking::hold::live_hold_of;
use crate::booking::receipt::slot_place;
use crate::booking::rules::may_wait_for_earlier;
use crate::clock::local;
use crate::error::AppError;
use crate::links::Action;
use crate::state::AppState;
use crate::waitlist;
use crate::web::page::Page;

/// The prescription's deadline, as the receipt shows it.
fn deadline(state: &AppState, booking: &BookingRow) -> Option<NaiveDate> {
    let kind = state.catalog.by_id(booking.service_id)?.kind;
    Some(booking.priority.deadline(booking.prescribed_on, kind))
}

/// Whether this booking may join the line now (and its deadline).
fn may_join(state: &AppState, ctx: &PageContext, booking: &BookingRow) -> Option<NaiveDate> {
    let deadline = deadline(state, booking)?;
    (changeable(state, ctx, booking)
        && may_wait_for_earlier(
            booking.starts_at,
            deadline,
            state.clock.today(),
            state.clock.now(),
        ))
    .then_some(deadline)
}

/// The receipt's section: None when the booking neither waits nor may wait for an earlier slot.
pub(super) async fn section(
    state: &AppState,
    ctx: &PageContext,
    booking: &BookingRow,
    just_changed: bool,
) -> Result<Option<Earlier>, AppError> {
    if !booking.status.is_active() {
        return Ok(None);
    }
    let now = state.clock.now();
    let line = match earlier::linked(&state.db, booking.id).await? {
        Some(linked) => {
            let waiting = EarlierLine::Waiting {
                since: local(linked.since).date(),
            };
            if linked.status == WaitingStatus::Offered
                && let Some(hold) = live_hold_of(&state.db, booking.prescription_id, now).await?
                && let Some((starts_at, _)) = slot_place(state, hold.slot_id).await?
            {
                EarlierLine::Offered {
                    starts: local(starts_at),
                    until: local(hold.expires_at),
                    accept_href: routes::one_tap(&state.links.token(
                        Action::Accept,
                        linked.id,
                        hold.expires_at,
                    )),
                }
            } else {
                waiting
            }
        }
        None => {
            // Not while the prescription has another open entry (there is none once booked,
            // but the database would refuse a second one anyway).
            if may_join(state, ctx, booking).is_none()
                || waitlist::open_entry(&state.db, booking.prescription_id)
                    .await?
                    .is_some()
            {
                return Ok(None);
            }
            EarlierLine::CanJoin
        }
    };
    Ok(Some(Earlier { line, just_changed }))
}

#[derive(Debug, Default, Deserialize)]
pub struct EarlierForm {
    /// "entra" joins, "esci" leaves.
    #[serde(default)]
    azione: String,
}

/// Joins ("entra") or leaves ("esci") the line, then the receipt again. Joining is refused in
/// silence when the booking may no longer wait (the receipt then shows no form).
pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
    Form(form): Form<EarlierForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    match form.azione.as_str() {
        "entra" => {
            if let Some(deadline) = may_join(&state, &ctx, &booking) {
                earlier::join(&state.db, booking.id, deadline, now).await?;
            }
        }
        "esci" => {
            earlier::leave(&state.db, booking.id, now).await?;
        }
        _ => return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response()),
    }
    Ok(Redirect::to(&format!("{}?prima", routes::receipt(&booking.code))).into_response())
}

/// A stray GET shows the receipt.
pub async fn get(Visible { booking, .. }: Visible) -> Redirect {
    Redirect::to(&routes::receipt(&booking.code))
}
