//! Step 3: checking the answers and confirming the held slot, with an optional phone number and
//! e-mail address for reminders. Submitting twice, or in two tabs, leads to the one booking
//! made. When the hold has lapsed, the same slot is held again if it is still free (what was
//! typed is kept); otherwise the list comes back with the same filters. "Give me more time"
//! extends the hold a limited number of times.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{FiscalCode, WaitingStatus};
use app::routes;
use app::views::booking::{ConfirmData, ConfirmPage, Journey, Notice, with_query};
use app::views::form::{FormErrors, read_contacts};
use app::views::{PageContext, render_document};

use super::proof::Proven;
use super::slots::{SlotParams, slots_again};
use crate::booking::book::{Contacts, confirm};
use crate::booking::error::BookingError;
use crate::booking::hold::{Hold, hold, live_hold};
use crate::booking::receipt::{prescription_view, slot_place, slot_view};
use crate::booking::rules::{HOLD_SECONDS, last_day_online, may_wait_for_earlier};
use crate::clock::local;
use crate::db::{Db, on_read};
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::state::AppState;
use crate::waitlist;
use crate::web::page::{Page, private_page};
use crate::web::pass::CitizenPass;

/// How many times "give me more time" may extend one hold.
pub const MAX_HOLD_EXTENSIONS: u8 = 2;

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    telefono: String,
    #[serde(default)]
    email: String,
    /// The slot being confirmed, to hold it again if the hold lapsed meanwhile.
    #[serde(default)]
    posto: Option<i64>,
    /// "Keep me on the waiting list for an earlier slot" (a checkbox: present when ticked).
    #[serde(default)]
    prima: Option<String>,
}

/// The language switch's second sending of a confirmation form with errors (see `submit`).
#[derive(Debug, Default, Deserialize)]
pub struct Resend {
    #[serde(default)]
    rivedi: Option<String>,
}

impl ConfirmForm {
    fn keep_waiting(&self) -> bool {
        self.prima.is_some()
    }
}

/// Whether the slot being confirmed is later than the earliest the person could want, so that
/// they may keep waiting for an earlier one (the prescription's deadline); None otherwise.
fn may_keep_waiting(
    state: &AppState,
    prescription: &Prescription,
    starts_at: i64,
) -> Option<chrono::NaiveDate> {
    let kind = state.catalog.by_id(prescription.service_id)?.kind;
    let deadline = prescription.deadline(kind);
    may_wait_for_earlier(starts_at, deadline, state.clock.today(), state.clock.now())
        .then_some(deadline)
}

/// What the confirmation page shows beyond the hold itself: what was typed and its errors, and
/// whether the hold was just taken again or more time refused.
#[derive(Default)]
struct Shown {
    form: ConfirmForm,
    errors: FormErrors,
    renewed: bool,
    extend_refused: bool,
}

/// The patient's name as the registry has it (the person proved the fiscal code and NRE).
pub(super) async fn patient_name(
    db: &Db,
    fiscal_code: &FiscalCode,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, String)> = on_read!(db, pool => {
        sqlx::query_as("select given_name, family_name from citizens where fiscal_code = $1")
            .bind(fiscal_code.as_str())
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(|(given, family)| format!("{given} {family}")))
}

/// The confirmation page of the held slot; None when its slot or service is gone.
async fn confirm_page(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    params: &SlotParams,
    hold: &Hold,
    pass: &CitizenPass,
    shown: Shown,
) -> Result<Option<String>, AppError> {
    let Shown { form, errors, .. } = &shown;
    let (form, errors) = (form, errors.clone());
    let lang = ctx.lang;
    let Some(view) = prescription_view(state, lang, prescription) else {
        return Ok(None);
    };
    let Some((starts_at, facility_id)) = slot_place(state, hold.slot_id).await? else {
        return Ok(None);
    };
    let offered = waitlist::open_entry(&state.db, prescription.id)
        .await?
        .is_some_and(|e| e.status == WaitingStatus::Offered);
    let now = state.clock.now();
    let ticked = form.keep_waiting();
    let data = ConfirmData {
        journey: Journey::Book,
        slot: slot_view(
            state,
            lang,
            hold.slot_id,
            starts_at,
            facility_id,
            view.deadline,
        ),
        prescription: view,
        held_until: local(hold.expires_at),
        offered,
        phone: form.telefono.clone(),
        email: form.email.clone(),
        errors,
        patient: patient_name(&state.db, &prescription.fiscal_code).await?,
        last_day_online: last_day_online(
            app::domain::BookingStatus::Confirmed,
            starts_at,
            state.clock.today(),
        ),
        back_query: params.query(),
        renewed: shown.renewed,
        can_extend: pass.hold_extensions < MAX_HOLD_EXTENSIONS,
        extend_refused: shown.extend_refused,
        seconds_left: hold.expires_at - now,
        keep_waiting: may_keep_waiting(state, prescription, starts_at).map(|_| ticked),
    };
    Ok(Some(render_document(
        view! { <ConfirmPage ctx=ctx data=data /> },
    )))
}

/// The held slot of the pass, if still live.
async fn held(
    state: &AppState,
    pass: &CitizenPass,
    prescription: &Prescription,
) -> Result<Option<Hold>, AppError> {
    let Some(token) = &pass.hold else {
        return Ok(None);
    };
    Ok(live_hold(&state.db, token, prescription.id, state.clock.now()).await?)
}

/// Holds `slot` again for the prescription (the same hold when it is still live: extended).
async fn hold_again(
    state: &AppState,
    ctx: &PageContext,
    prescription: &Prescription,
    slot: i64,
) -> Result<Option<Hold>, AppError> {
    let asker = prescription.asker(ctx.channel());
    match hold(
        &state.db,
        prescription,
        slot,
        asker,
        state.clock.now(),
        HOLD_SECONDS,
    )
    .await
    {
        Ok(hold) => Ok(Some(hold)),
        Err(BookingError::SlotTaken | BookingError::SlotUnavailable) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
        ..
    }: Proven,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    if let Some(hold) = held(&state, &pass, &prescription).await? {
        let page = confirm_page(
            &state,
            ctx,
            &prescription,
            &params,
            &hold,
            &pass,
            Shown::default(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
        return Ok(private_page(lang, StatusCode::OK, page));
    }
    if let Some((id, code)) = crate::booking::details::active_of(&state.db, prescription.id).await?
    {
        pass.remember_journey_booking(id);
        return Ok(pass.see_other(&app::routes::receipt(&code)));
    }
    slots_again(
        &state,
        ctx,
        &prescription,
        Journey::Book,
        &params,
        Notice::HoldExpired,
        StatusCode::OK,
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
        actor,
    }: Proven,
    Query(params): Query<SlotParams>,
    Query(resend): Query<Resend>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let mut errors = FormErrors::default();
    let (phone, email) = read_contacts(lang, &form.telefono, &form.email, &mut errors);
    if !errors.is_empty() || resend.rivedi.is_some() {
        // With errors the language switch sends the form again to this address, marked, so
        // that what was typed comes back in the new language and nothing is booked.
        let query = match params.query() {
            q if q.is_empty() => "rivedi=1".to_owned(),
            q => format!("{q}&rivedi=1"),
        };
        let ctx = PageContext {
            path: with_query(routes::BOOK_CONFIRM, &query),
            ..ctx
        };
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let shown = Shown {
            form,
            errors,
            ..Shown::default()
        };
        if let Some(hold) = held(&state, &pass, &prescription).await?
            && let Some(html) =
                confirm_page(&state, ctx, &prescription, &params, &hold, &pass, shown).await?
        {
            return Ok(private_page(lang, status, html));
        }
        return Ok(
            Redirect::to(&with_query(routes::BOOK_CONFIRM, &params.query())).into_response(),
        );
    }
    let contacts = Contacts { phone, email, lang };
    let token = pass.hold.clone().unwrap_or_default();
    // Kept waiting only when the slot allows it (a form may say anything).
    let keep_waiting = match held(&state, &pass, &prescription).await? {
        Some(hold) if form.keep_waiting() => match slot_place(&state, hold.slot_id).await? {
            Some((starts_at, _)) => may_keep_waiting(&state, &prescription, starts_at),
            None => None,
        },
        _ => None,
    };
    let confirmed = confirm(
        &state.db,
        &token,
        &contacts,
        keep_waiting,
        actor,
        state.clock.now(),
    )
    .await;
    let notice = match confirmed {
        Ok(confirmed) => {
            pass.remember_journey_booking(confirmed.booking_id);
            pass.hold = None;
            pass.prescription = None;
            let to = format!("{}?confermata", routes::receipt(confirmed.code.as_str()));
            return Ok(pass.see_other(&to));
        }
        // Submitted twice, or already booked in another tab: show that booking.
        Err(BookingError::HoldExpired | BookingError::AlreadyBooked) => {
            if let Some((id, code)) =
                crate::booking::details::active_of(&state.db, prescription.id).await?
            {
                pass.remember_journey_booking(id);
                pass.hold = None;
                return Ok(pass.see_other(&routes::receipt(&code)));
            }
            // The hold lapsed: the same slot again if it is still free, with what was typed.
            if let Some(slot) = form.posto
                && let Some(hold) = hold_again(&state, &ctx, &prescription, slot).await?
            {
                pass.hold = Some(hold.token.clone());
                pass.hold_extensions = 0;
                let shown = Shown {
                    form,
                    renewed: true,
                    ..Shown::default()
                };
                if let Some(html) = confirm_page(
                    &state,
                    ctx.clone(),
                    &prescription,
                    &params,
                    &hold,
                    &pass,
                    shown,
                )
                .await?
                {
                    return Ok(pass.page(private_page(lang, StatusCode::CONFLICT, html)));
                }
            }
            Notice::HoldExpired
        }
        Err(BookingError::SlotTaken) => Notice::SlotTaken,
        Err(err) => return Err(err.into()),
    };
    slots_again(
        &state,
        ctx,
        &prescription,
        Journey::Book,
        &params,
        notice,
        StatusCode::CONFLICT,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct ExtendForm {
    #[serde(default)]
    posto: Option<i64>,
}

/// "Give me more time": holds the same slot again for the full time, at most
/// `MAX_HOLD_EXTENSIONS` times per hold; then the page says no more time can be given.
pub async fn extend(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
        ..
    }: Proven,
    Query(params): Query<SlotParams>,
    Form(form): Form<ExtendForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let confirm_url = with_query(routes::BOOK_CONFIRM, &params.query());
    let live = held(&state, &pass, &prescription).await?;
    let slot = live.as_ref().map(|h| h.slot_id).or(form.posto);
    if pass.hold_extensions >= MAX_HOLD_EXTENSIONS {
        if let Some(hold) = live {
            let shown = Shown {
                extend_refused: true,
                ..Shown::default()
            };
            let html = confirm_page(&state, ctx, &prescription, &params, &hold, &pass, shown)
                .await?
                .ok_or(AppError::NotFound)?;
            return Ok(private_page(lang, StatusCode::CONFLICT, html));
        }
        return Ok(pass.see_other(&confirm_url));
    }
    if let Some(slot) = slot
        && let Some(hold) = hold_again(&state, &ctx, &prescription, slot).await?
    {
        pass.hold = Some(hold.token);
        pass.hold_extensions += 1;
    }
    Ok(pass.see_other(&confirm_url))
}

/// A stray GET of the extension URL shows the confirmation step.
pub async fn extend_get(Query(params): Query<SlotParams>) -> Redirect {
    Redirect::to(&with_query(routes::BOOK_CONFIRM, &params.query()))
}
