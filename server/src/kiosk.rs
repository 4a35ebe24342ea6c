//! Pharmacy kiosk terminals. Opening `/chiosco` once enrols the terminal's browser as a kiosk
//! (a signed mark that holds nothing personal, see `web::terminal`; when `CUPOLA_KIOSK_KEY` is
//! set, only a browser that opens `/chiosco?chiave=KEY` once is enrolled, so that kiosk quotas
//! stay the kiosks'). From then on its pages are the kiosk's: large targets, a simpler start,
//! bookings recorded with the kiosk channel, every answer `Cache-Control: no-store`, a
//! short-lived pass, and an end button. The optional script warns after a period without a
//! touch and then ends the session: the pass is forgotten, a held slot is given back and the
//! browser is told to clear its caches and storage.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::*;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use app::routes;
use app::views::{KioskHomePage, PageContext, render_document};

use crate::booking::hold::release;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, html_page};
use crate::web::pass::{Pass, removal_cookie};
use crate::web::terminal::kiosk_mark;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::KIOSK, get(home))
        .route(routes::KIOSK_END, post(end))
}

#[derive(Debug, Default, Deserialize)]
pub struct HomeQuery {
    chiusa: Option<String>,
    /// The enrolment key, typed once on the terminal (when one is configured).
    chiave: Option<String>,
}

/// The kiosk's start screen; it also marks (enrols) the browser as a kiosk.
pub async fn home(
    State(state): State<AppState>,
    Page(ctx): Page,
    Query(query): Query<HomeQuery>,
) -> Response {
    let lang = ctx.lang;
    let enrolled = ctx.kiosk.is_some();
    let may_enrol = match (&state.kiosk_key, &query.chiave) {
        (None, _) => true,
        (Some(key), Some(given)) => bool::from(key.as_bytes().ct_eq(given.as_bytes())),
        (Some(_), None) => false,
    };
    if !enrolled && !may_enrol {
        // Kiosk quotas are the kiosks': an ordinary browser is not let in.
        return AppError::Forbidden.into_response();
    }
    let ctx = PageContext {
        kiosk: Some(state.kiosk),
        // The key never stays in the address bar or in the language switch.
        path: routes::KIOSK.to_owned(),
        ..ctx
    };
    if query.chiave.is_some() {
        let mut response = Redirect::to(routes::KIOSK).into_response();
        if let Some(cookie) = kiosk_mark(&state.pass) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return response;
    }
    let ended = query.chiusa.is_some();
    let html = render_document(view! { <KioskHomePage ctx=ctx ended=ended /> });
    let mut response = html_page(lang, html);
    if !enrolled && let Some(cookie) = kiosk_mark(&state.pass) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Ends the session on the terminal: gives back a held slot, forgets the pass, and asks the
/// browser to clear its HTTP cache, storage and service workers; then the start screen.
pub async fn end(State(state): State<AppState>, pass: Pass) -> Result<Response, AppError> {
    for token in pass
        .hold
        .iter()
        .chain(pass.move_hold.iter().map(|(_, t)| t))
    {
        release(&state.db, token).await?;
    }
    let mut response = Redirect::to(&format!("{}?chiusa", routes::KIOSK)).into_response();
    let headers = response.headers_mut();
    if let Some(cookie) = removal_cookie(&state.pass) {
        headers.append(header::SET_COOKIE, cookie);
    }
    headers.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}
