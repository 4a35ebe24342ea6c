//! Step 2b: with no slot inside the deadline, the request joins the waiting list (never a
//! refusal); its page says since when it waits.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::domain::WaitingStatus;
use app::routes;
use app::views::booking::{WaitlistData, WaitlistPage};
use app::views::render_document;

use super::proof::Proven;
use crate::booking::receipt::prescription_view;
use crate::clock::local;
use crate::error::AppError;
use crate::state::AppState;
use crate::waitlist;
use crate::web::page::{Page, private_page};

pub async fn join(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        pass,
        prescription,
        actor,
    }: Proven,
) -> Result<Response, AppError> {
    let kind = state
        .catalog
        .by_id(prescription.service_id)
        .map(|s| s.kind)
        .ok_or(AppError::NotFound)?;
    waitlist::join(
        &state.db,
        &prescription,
        prescription.deadline(kind),
        None,
        actor,
        ctx.lang,
        state.clock.now(),
    )
    .await?;
    Ok(pass.see_other(routes::BOOK_WAITLIST))
}

pub async fn page(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven { prescription, .. }: Proven,
) -> Result<Response, AppError> {
    let Some(entry) = waitlist::open_entry(&state.db, prescription.id).await? else {
        return Ok(Redirect::to(routes::BOOK_SLOTS).into_response());
    };
    if entry.status == WaitingStatus::Offered {
        return Ok(Redirect::to(routes::BOOK).into_response());
    }
    let lang = ctx.lang;
    let view = prescription_view(&state, lang, &prescription).ok_or(AppError::NotFound)?;
    let data = WaitlistData {
        prescription: view,
        since: local(entry.created_at).date(),
    };
    let html = render_document(view! { <WaitlistPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}
