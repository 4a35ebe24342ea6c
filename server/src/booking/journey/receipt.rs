//! The receipt of a booking this browser has proven it may see: the page, its printable
//! version, the appointment as a calendar file, and the booking code as a QR code.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use app::views::booking::{PrintPage, ReceiptPage};
use app::views::render_document;

use super::proof::Visible;
use crate::booking::calendar::{Appointment, Method};
use crate::booking::receipt::{ReceiptQuery, qr_response, receipt_data};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, private_page};

pub async fn receipt(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
    Query(query): Query<ReceiptQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let mut data =
        receipt_data(&state, lang, &booking, query.notice()).ok_or(AppError::NotFound)?;
    data.earlier = super::earlier::section(&state, &ctx, &booking, query.earlier_changed()).await?;
    data.acted_by = super::mine::acted_on(&state, booking.id).await?;
    let html = render_document(view! { <ReceiptPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}

pub async fn print(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let data = receipt_data(&state, lang, &booking, None).ok_or(AppError::NotFound)?;
    let html = render_document(view! { <PrintPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}

/// The appointment as an iCalendar file for any calendar application: the same event (UID and
/// SEQUENCE) as the e-mails about the booking, cancelled once the booking is.
pub async fn ics(
    State(state): State<AppState>,
    Page(ctx): Page,
    Visible { booking, .. }: Visible,
) -> Result<Response, AppError> {
    let appointment = Appointment::of(&state, ctx.lang, &booking).ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"prenotazione.ics\"",
            ),
            (header::CACHE_CONTROL, "private, no-cache"),
        ],
        appointment.ics(Method::Publish, state.clock.now()),
    )
        .into_response())
}

/// The booking code as a QR code (SVG), for the desk's scanner: an image, so a booking this
/// browser may not see is simply not found.
pub async fn qr(visible: Result<Visible, Response>) -> Result<Response, AppError> {
    let Visible { booking, .. } = visible.map_err(|_| AppError::NotFound)?;
    qr_response(&booking.code)
}
