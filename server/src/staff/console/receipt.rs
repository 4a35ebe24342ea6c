//! The operator's copy of a receipt and its printable version, each read of it audited (with
//! the reason the record was opened for) before it is shown.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

use app::views::render_document;
use app::views::staff::{StaffPrintPage, StaffReceiptData, StaffReceiptPage};

use super::{ServedBooking, ServedCitizen, actor};
use crate::audit;
use crate::booking::details::BookingRow;
use crate::booking::receipt::{ReceiptQuery, qr_response, receipt_data};
use crate::booking::rules::may_change;
use crate::error::AppError;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Records that a member of staff read a booking (before it is shown).
async fn audit_booking_viewed(
    state: &AppState,
    signed_in: &SignedIn,
    served: &ServedCitizen,
    booking_id: i64,
) -> Result<(), AppError> {
    let (actor, reason, now) = (actor(signed_in), served.reason.clone(), state.clock.now());
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                audit::booking(
                    conn,
                    actor,
                    "booking_viewed",
                    booking_id,
                    Some(&reason),
                    now,
                )
                .await
            })
        })
        .await?;
    Ok(())
}

pub(super) fn staff_may_change(
    state: &AppState,
    signed_in: &SignedIn,
    booking: &BookingRow,
) -> bool {
    may_change(
        actor(signed_in),
        booking.status,
        booking.starts_at,
        state.clock.today(),
        state.clock.now(),
    )
    .is_ok()
}

pub async fn booking_receipt(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served,
        booking,
    }: ServedBooking,
    Query(query): Query<ReceiptQuery>,
) -> Result<Response, AppError> {
    audit_booking_viewed(&state, &signed_in, &served, booking.id).await?;
    let notice = query.notice();
    let lang = ctx.lang;
    let data = StaffReceiptData {
        receipt: receipt_data(&state, lang, &booking, notice).ok_or(AppError::NotFound)?,
        changeable: staff_may_change(&state, &signed_in, &booking),
    };
    let staff = signed_in.view();
    let html = render_document(view! { <StaffReceiptPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

pub async fn booking_print(
    State(state): State<AppState>,
    Page(ctx): Page,
    ServedBooking {
        signed_in,
        served,
        booking,
    }: ServedBooking,
) -> Result<Response, AppError> {
    audit_booking_viewed(&state, &signed_in, &served, booking.id).await?;
    let lang = ctx.lang;
    let data = receipt_data(&state, lang, &booking, None).ok_or(AppError::NotFound)?;
    let staff = signed_in.view();
    let html = render_document(view! { <StaffPrintPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

/// The QR code on the operator's copy of the receipt (its page is the audited read).
pub async fn booking_qr(found: Result<ServedBooking, Response>) -> Result<Response, AppError> {
    let ServedBooking { booking, .. } = found.map_err(|_| AppError::NotFound)?;
    qr_response(&booking.code)
}
