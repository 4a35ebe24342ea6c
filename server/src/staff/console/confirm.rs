//! The step between choosing a slot and booking it: the GET shows the slot, the citizen,
//! whether they can still change it online, and the contacts for reminders (prefilled from the
//! registry); the POST books, only with the token that GET put in the staff session for this
//! prescription and slot. A stray Enter, a stale form or a forged post books nothing.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use app::domain::calendar::{can_change_online, last_day_to_change};
use app::routes;
use app::views::form::{FormErrors, read_contacts};
use app::views::staff::{ConsoleConfirmData, ConsoleConfirmPage, ConsoleJourney};
use app::views::{PageContext, render_document};

use super::book::{ChooseParams, Choosing, choose_page, chosen};
use super::{ServedCitizen, Serving, actor, citizen_summary, confirm_path};
use crate::booking::book::{Contacts, book_now};
use crate::booking::error::BookingError;
use crate::booking::receipt::{prescription_view, refusal, slot_view};
use crate::clock::local;
use crate::db::on_read;
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Where the confirmation step being shown is kept in the staff session.
const PENDING_KEY: &str = "console_pending_booking";

/// The confirmation step an operator was shown: only its form books.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Pending {
    staff_id: i64,
    prescription_id: i64,
    slot_id: i64,
    token: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmParams {
    ricetta: Option<String>,
    slot: Option<String>,
}

/// Where the slot is and when it starts, if it is one of the service's and has not started.
async fn slot_of(
    state: &AppState,
    service_id: i64,
    slot: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    on_read!(&state.db, pool => {
        sqlx::query_as(
            "select starts_at, facility_id from slots \
             where id = $1 and service_id = $2 and starts_at > $3",
        )
        .bind(slot)
        .bind(service_id)
        .bind(state.clock.now())
        .fetch_optional(pool)
        .await
    })
}

/// The contacts the citizen registry knows, to prefill the reminder fields.
async fn registry_contacts(
    state: &AppState,
    fiscal_code: &str,
) -> Result<(String, String), sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> = on_read!(&state.db, pool => {
        sqlx::query_as("select phone, email from citizens where fiscal_code = $1")
            .bind(fiscal_code)
            .fetch_optional(pool)
            .await?
    });
    let (phone, email) = row.unwrap_or_default();
    Ok((phone.unwrap_or_default(), email.unwrap_or_default()))
}

struct Shown {
    pending: Pending,
    phone: String,
    email: String,
    errors: FormErrors,
}

/// The confirmation page; None when the slot is not one of the prescription's service, or
/// has started.
async fn confirm_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    served: &ServedCitizen,
    prescription: &Prescription,
    shown: Shown,
) -> Result<Option<String>, AppError> {
    let lang = ctx.lang;
    let Some((starts_at, facility_id)) =
        slot_of(state, prescription.service_id, shown.pending.slot_id).await?
    else {
        return Ok(None);
    };
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let slot = slot_view(
        state,
        lang,
        shown.pending.slot_id,
        starts_at,
        facility_id,
        view.deadline,
    );
    let day = local(starts_at).date();
    let citizen = citizen_summary(state, served)
        .await?
        .ok_or(AppError::NotFound)?;
    let data = ConsoleConfirmData {
        prescription_id: prescription.id,
        citizen,
        prescription: view,
        slot,
        change_online_until: can_change_online(state.clock.today(), day)
            .then(|| last_day_to_change(day)),
        token: shown.pending.token,
        phone: shown.phone,
        email: shown.email,
        errors: shown.errors,
    };
    let staff = signed_in.view();
    Ok(Some(render_document(
        view! { <ConsoleConfirmPage ctx=ctx staff=staff data=data /> },
    )))
}

/// Shows the chosen slot before booking it. Changes nothing in the database; it keeps in the
/// staff session which confirmation step this is, so that only its form books.
pub async fn confirm_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    Query(params): Query<ConfirmParams>,
) -> Result<Response, AppError> {
    let (prescription, slot_id) = match chosen(
        &state,
        &served,
        params.ricetta.as_deref().unwrap_or_default(),
        params.slot.as_deref().unwrap_or_default(),
    )
    .await?
    {
        Ok(chosen) => chosen,
        Err(redirect) => return Ok(redirect),
    };
    let pending = Pending {
        staff_id: signed_in.staff.id,
        prescription_id: prescription.id,
        slot_id,
        token: format!("{:032x}", rand::random::<u128>()),
    };
    let (phone, email) = registry_contacts(&state, &served.fiscal_code).await?;
    let lang = ctx.lang;
    let shown = Shown {
        pending: pending.clone(),
        phone,
        email,
        errors: FormErrors::default(),
    };
    let Some(html) = confirm_page(&state, ctx, &signed_in, &served, &prescription, shown).await?
    else {
        return Err(AppError::NotFound);
    };
    signed_in.insert(PENDING_KEY, &pending).await?;
    Ok(staff_page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    ricetta: String,
    #[serde(default)]
    slot: String,
    /// The confirmation step's token.
    #[serde(default)]
    conferma: String,
    #[serde(default)]
    telefono: String,
    #[serde(default)]
    email: String,
}

/// Books the slot of the confirmation step just shown, with the reminder contacts. Without
/// that step's token (a stale or forged form, another tab's slot) it books nothing and shows
/// the step again. Of two operators (or an operator and a citizen) choosing the same slot, one
/// gets it; the other sees the other free slots (409).
pub async fn confirm_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> Result<Response, AppError> {
    let (prescription, slot_id) = match chosen(&state, &served, &form.ricetta, &form.slot).await? {
        Ok(chosen) => chosen,
        Err(redirect) => return Ok(redirect),
    };
    let expected = Pending {
        staff_id: signed_in.staff.id,
        prescription_id: prescription.id,
        slot_id,
        token: form.conferma.clone(),
    };
    let confirmed_step = !form.conferma.is_empty()
        && signed_in.get::<Pending>(PENDING_KEY).await.as_ref() == Some(&expected);
    if !confirmed_step {
        return Ok(Redirect::to(&confirm_path(prescription.id, slot_id)).into_response());
    }
    let lang = ctx.lang;
    let mut errors = FormErrors::default();
    let (phone, email) = read_contacts(lang, &form.telefono, &form.email, &mut errors);
    // Messages in Italian when an operator books (the citizen chose no language).
    let contacts = Contacts {
        phone,
        email,
        ..Contacts::default()
    };
    if !errors.is_empty() {
        let shown = Shown {
            pending: expected,
            phone: form.telefono.trim().chars().take(20).collect(),
            email: form.email.trim().chars().take(254).collect(),
            errors,
        };
        let ctx = PageContext {
            path: confirm_path(prescription.id, slot_id),
            ..ctx
        };
        return match confirm_page(&state, ctx, &signed_in, &served, &prescription, shown).await? {
            Some(html) => Ok(staff_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html)),
            None => Err(AppError::NotFound),
        };
    }
    let result = book_now(
        &state.db,
        &prescription,
        slot_id,
        &contacts,
        actor(&signed_in),
        state.clock.now(),
    )
    .await;
    signed_in.remove::<Pending>(PENDING_KEY).await?;
    let notice = match result {
        Ok(confirmed) => {
            tracing::info!(
                staff.id = signed_in.staff.id,
                booking.id = confirmed.booking_id,
                "booked by an operator"
            );
            let to = format!(
                "{}?confermata",
                routes::staff_booking(confirmed.code.as_str())
            );
            return Ok(Redirect::to(&to).into_response());
        }
        Err(BookingError::AlreadyBooked) => {
            return Ok(Redirect::to(routes::STAFF_CITIZEN).into_response());
        }
        Err(err) => refusal(&err).ok_or(err)?,
    };
    let ctx = PageContext {
        path: format!("{}?ricetta={}", routes::STAFF_CITIZEN_BOOK, prescription.id),
        ..ctx
    };
    let choosing = Choosing {
        signed_in: &signed_in,
        served: &served,
        prescription: &prescription,
        journey: ConsoleJourney::Book {
            prescription_id: prescription.id,
        },
    };
    choose_page(
        &state,
        ctx,
        choosing,
        &ChooseParams::default(),
        Some(notice),
    )
    .await
}
