//! Cancelling a booking online, until two working days before, with a reason.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::routes;
use app::views::booking::CancelPage;
use app::views::form::FormErrors;
use app::views::render_document;

use super::proof::{Visible, changeable};
use crate::booking::change::cancel;
use crate::booking::error::BookingError;
use crate::booking::receipt::{CancelForm, cancel_data};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, private_page};

pub async fn form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
) -> Result<Response, AppError> {
    if !changeable(&state, &ctx, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let lang = ctx.lang;
    let data = cancel_data(
        &state,
        lang,
        &booking,
        &CancelForm::default(),
        FormErrors::default(),
    );
    let html = render_document(view! { <CancelPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}

pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, actor, .. }: Visible,
    Form(form): Form<CancelForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let Some(reason) = form.reason() else {
        let mut errors = FormErrors::default();
        errors.push("motivo", lang.t().reason_required);
        let data = cancel_data(&state, lang, &booking, &form, errors);
        let html = render_document(view! { <CancelPage ctx=ctx data=data /> });
        return Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html));
    };
    let receipt = routes::receipt(&booking.code);
    let cancelled = cancel(
        &state.db,
        booking.id,
        &reason,
        actor,
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
