//! Moving a booking online: the free slots of its prescription, a hold on the chosen one, then
//! the move itself (one update: the old slot is freed only once the new one is booked).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::domain::BookingStatus;
use app::i18n::Lang;
use app::routes;
use app::views::booking::{ConfirmData, ConfirmPage, Journey, Notice, with_query};
use app::views::form::FormErrors;
use app::views::render_document;

use super::proof::{Visible, changeable};
use super::slots::{ChooseForm, SlotParams, slots_again, slots_page};
use crate::booking::change::move_to_held;
use crate::booking::details::BookingRow;
use crate::booking::error::BookingError;
use crate::booking::hold::{hold, live_hold};
use crate::booking::receipt::{current_slot, prescription_view, refusal, slot_place, slot_view};
use crate::booking::rules::{HOLD_SECONDS, last_day_online};
use crate::clock::local;
use crate::error::AppError;
use crate::prescriptions::{self, Prescription};
use crate::state::AppState;
use crate::web::page::{Page, private_page};

async fn booking_prescription(
    state: &AppState,
    booking: &BookingRow,
) -> Result<Prescription, AppError> {
    prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Moving this booking, from where it is now.
fn move_journey(state: &AppState, lang: Lang, booking: &BookingRow) -> Journey {
    Journey::Move {
        code: booking.code.clone(),
        current: current_slot(state, lang, booking),
    }
}

pub async fn slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    if !changeable(&state, &ctx, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let prescription = booking_prescription(&state, &booking).await?;
    let lang = ctx.lang;
    let journey = move_journey(&state, lang, &booking);
    let html = slots_page(&state, ctx, &prescription, journey, &params, None).await?;
    Ok(private_page(lang, StatusCode::OK, html))
}

pub async fn choose(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible {
        mut pass, booking, ..
    }: Visible,
    Query(params): Query<SlotParams>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    if !changeable(&state, &ctx, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let prescription = booking_prescription(&state, &booking).await?;
    let held = hold(
        &state.db,
        &prescription,
        form.slot,
        prescription.asker(ctx.channel()),
        state.clock.now(),
        HOLD_SECONDS,
    )
    .await;
    match held {
        Ok(hold) => {
            pass.move_hold = Some((booking.id, hold.token));
            Ok(pass.see_other(&with_query(
                &routes::move_confirm(&booking.code),
                &params.query(),
            )))
        }
        Err(err) => {
            let notice = refusal(&err).ok_or(err)?;
            let journey = move_journey(&state, ctx.lang, &booking);
            slots_again(
                &state,
                ctx,
                &prescription,
                journey,
                &params,
                notice,
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

pub async fn confirm_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { pass, booking, .. }: Visible,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let prescription = booking_prescription(&state, &booking).await?;
    let lang = ctx.lang;
    let hold = match &pass.move_hold {
        Some((id, token)) if *id == booking.id => {
            live_hold(&state.db, token, prescription.id, state.clock.now()).await?
        }
        _ => None,
    };
    let journey = move_journey(&state, lang, &booking);
    let Some(hold) = hold else {
        return slots_again(
            &state,
            ctx,
            &prescription,
            journey,
            &params,
            Notice::HoldExpired,
            StatusCode::OK,
        )
        .await;
    };
    let view = prescription_view(&state, lang, &prescription).ok_or(AppError::NotFound)?;
    let (starts_at, facility_id) = slot_place(&state, hold.slot_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let data = ConfirmData {
        journey,
        slot: slot_view(
            &state,
            lang,
            hold.slot_id,
            starts_at,
            facility_id,
            view.deadline,
        ),
        prescription: view,
        held_until: local(hold.expires_at),
        offered: false,
        phone: String::new(),
        email: String::new(),
        errors: FormErrors::default(),
        patient: None,
        last_day_online: last_day_online(BookingStatus::Confirmed, starts_at, state.clock.today()),
        back_query: params.query(),
        renewed: false,
        can_extend: false,
        extend_refused: false,
        seconds_left: hold.expires_at - state.clock.now(),
        keep_waiting: None,
    };
    let html = render_document(view! { <ConfirmPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}

pub async fn confirm_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible {
        mut pass,
        booking,
        actor,
    }: Visible,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let receipt = routes::receipt(&booking.code);
    let token = match &pass.move_hold {
        Some((id, token)) if *id == booking.id => token.clone(),
        _ => return Ok(Redirect::to(&routes::move_slots(&booking.code)).into_response()),
    };
    let moved = move_to_held(
        &state.db,
        booking.id,
        &token,
        actor,
        state.clock.now(),
        state.clock.today(),
    )
    .await;
    let notice = match moved {
        Ok(()) => {
            pass.move_hold = None;
            return Ok(pass.see_other(&format!("{receipt}?spostata")));
        }
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            return Ok(Redirect::to(&receipt).into_response());
        }
        Err(BookingError::HoldExpired) => Notice::HoldExpired,
        Err(BookingError::SlotTaken) => Notice::SlotTaken,
        Err(err) => return Err(err.into()),
    };
    let prescription = booking_prescription(&state, &booking).await?;
    let journey = move_journey(&state, ctx.lang, &booking);
    slots_again(
        &state,
        ctx,
        &prescription,
        journey,
        &params,
        notice,
        StatusCode::CONFLICT,
    )
    .await
}
