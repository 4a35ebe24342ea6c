//! Cancelling and moving a booking of the served citizen: until it starts (staff are not bound
//! by the online deadline), with a reason for a cancellation, and a move in one step that never
//! leaves the person without a booking.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::domain::Channel;
use app::routes;
use app::views::form::FormErrors;
use app::views::staff::{ConsoleJourney, StaffCancelPage};
use app::views::{PageContext, render_document};

use super::book::{ChooseForm, ChooseParams, Choosing, choose_page};
use super::receipt::staff_may_change;
use super::{ServedBooking, actor};
use crate::booking::change::{cancel, move_to};
use crate::booking::details::BookingRow;
use crate::booking::error::BookingError;
use crate::booking::receipt::{CancelForm, cancel_data, current_slot, refusal};
use crate::error::AppError;
use crate::prescriptions;
use crate::staff::csrf::CsrfForm;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

pub async fn cancel_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served: _,
        booking,
    }: ServedBooking,
) -> Result<Response, AppError> {
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&routes::staff_booking(&booking.code)).into_response());
    }
    let lang = ctx.lang;
    let data = cancel_data(
        &state,
        lang,
        &booking,
        &CancelForm::default(),
        FormErrors::default(),
    );
    let staff = signed_in.view();
    let html = render_document(view! { <StaffCancelPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

pub async fn cancel_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served: _,
        booking,
    }: ServedBooking,
    CsrfForm(form): CsrfForm<CancelForm>,
) -> Result<Response, AppError> {
    let receipt = routes::staff_booking(&booking.code);
    let lang = ctx.lang;
    let Some(reason) = form.reason() else {
        let mut errors = FormErrors::default();
        errors.push("motivo", lang.t().reason_required);
        let data = cancel_data(&state, lang, &booking, &form, errors);
        let staff = signed_in.view();
        let html = render_document(view! { <StaffCancelPage ctx=ctx staff=staff data=data /> });
        return Ok(staff_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html));
    };
    let cancelled = cancel(
        &state.db,
        booking.id,
        &reason,
        actor(&signed_in),
        state.clock.now(),
        state.clock.today(),
    )
    .await;
    match cancelled {
        Ok(()) => Ok(Redirect::to(&format!("{receipt}?annullata")).into_response()),
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            Ok(Redirect::to(&receipt).into_response())
        }
        Err(err) => Err(err.into()),
    }
}

/// Moving this booking, from where it is now.
fn move_journey(state: &AppState, lang: app::i18n::Lang, booking: &BookingRow) -> ConsoleJourney {
    ConsoleJourney::Move {
        code: booking.code.clone(),
        current: current_slot(state, lang, booking),
    }
}

pub async fn move_slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served,
        booking,
    }: ServedBooking,
    Query(params): Query<ChooseParams>,
) -> Result<Response, AppError> {
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&routes::staff_booking(&booking.code)).into_response());
    }
    let prescription = prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let choosing = Choosing {
        signed_in: &signed_in,
        served: &served,
        prescription: &prescription,
        journey: move_journey(&state, ctx.lang, &booking),
    };
    choose_page(&state, ctx, choosing, &params, None).await
}

/// Moves the booking onto the chosen slot in one step (`booking::change::move_to`): the old
/// slot is freed only once the new one is booked, and a refused move keeps no slot.
pub async fn move_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served,
        booking,
    }: ServedBooking,
    CsrfForm(form): CsrfForm<ChooseForm>,
) -> Result<Response, AppError> {
    let receipt = routes::staff_booking(&booking.code);
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&receipt).into_response());
    }
    let prescription = prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let slot = form
        .slot
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let moved = move_to(
        &state.db,
        booking.id,
        &prescription,
        slot,
        Channel::Operator,
        actor(&signed_in),
        state.clock.now(),
        state.clock.today(),
    )
    .await;
    let notice = match moved {
        Ok(()) => return Ok(Redirect::to(&format!("{receipt}?spostata")).into_response()),
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            return Ok(Redirect::to(&receipt).into_response());
        }
        Err(err) => refusal(&err).ok_or(err)?,
    };
    let choosing = Choosing {
        signed_in: &signed_in,
        served: &served,
        prescription: &prescription,
        journey: move_journey(&state, ctx.lang, &booking),
    };
    let ctx = PageContext {
        path: routes::staff_booking_move(&booking.code),
        ..ctx
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
