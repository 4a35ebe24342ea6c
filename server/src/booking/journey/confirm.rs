//! Step 3: confirming the held slot, with an optional phone number and e-mail address for
//! reminders. Submitting twice, or in two tabs, leads to the one booking made.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{Email, Phone, WaitingStatus};
use app::routes;
use app::views::booking::{ConfirmData, ConfirmPage, Journey, Notice};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::proof::{Proven, actor};
use super::slots::slots_again;
use crate::booking::book::{Contacts, confirm};
use crate::booking::error::BookingError;
use crate::booking::hold::{Hold, live_hold};
use crate::booking::receipt::{prescription_view, slot_place, slot_view};
use crate::clock::local;
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::state::AppState;
use crate::waitlist;
use crate::web::page::{Page, private_page};
use crate::web::pass::CitizenPass;

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    telefono: String,
    #[serde(default)]
    email: String,
}

async fn confirm_page(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    hold: &Hold,
    form: ConfirmForm,
    errors: FormErrors,
) -> Result<Option<String>, AppError> {
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
        phone: form.telefono,
        email: form.email,
        errors,
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

pub async fn form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
    }: Proven,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    if let Some(hold) = held(&state, &pass, &prescription).await? {
        let page = confirm_page(
            &state,
            ctx,
            &prescription,
            &hold,
            ConfirmForm::default(),
            FormErrors::default(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
        return Ok(private_page(lang, StatusCode::OK, page));
    }
    if let Some((id, code)) = crate::booking::details::active_of(&state.db, prescription.id).await?
    {
        pass.remember_booking(id);
        return Ok(pass.see_other(&app::routes::receipt(&code)));
    }
    slots_again(
        &state,
        ctx,
        &prescription,
        Journey::Book,
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
    }: Proven,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let phone = (!form.telefono.trim().is_empty())
        .then(|| Phone::parse(&form.telefono))
        .transpose()
        .map_err(|e| errors.push("telefono", t.phone_error(e)))
        .ok()
        .flatten();
    let email = (!form.email.trim().is_empty())
        .then(|| Email::parse(&form.email))
        .transpose()
        .map_err(|e| errors.push("email", t.email_error(e)))
        .ok()
        .flatten();
    if !errors.is_empty() {
        if let Some(hold) = held(&state, &pass, &prescription).await?
            && let Some(html) =
                confirm_page(&state, ctx, &prescription, &hold, form, errors).await?
        {
            return Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html));
        }
        return Ok(Redirect::to(routes::BOOK_CONFIRM).into_response());
    }
    let contacts = Contacts { phone, email, lang };
    let token = pass.hold.clone().unwrap_or_default();
    let confirmed = confirm(&state.db, &token, &contacts, actor(&ctx), state.clock.now()).await;
    let notice = match confirmed {
        Ok(confirmed) => {
            pass.remember_booking(confirmed.booking_id);
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
                pass.remember_booking(id);
                pass.hold = None;
                return Ok(pass.see_other(&routes::receipt(&code)));
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
        notice,
        StatusCode::CONFLICT,
    )
    .await
}
