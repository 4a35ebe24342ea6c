//! Pharmacy kiosk terminals. Opening `/chiosco` once marks the terminal's browser as a kiosk (a
//! signed cookie that holds nothing personal; when `CUPOLA_KIOSK_KEY` is set, only a browser
//! that opens `/chiosco?chiave=KEY` once is enrolled, so that kiosk quotas stay the kiosks'). From then on its pages are the kiosk's: large targets, a
//! simpler start, bookings recorded with the kiosk channel (so kiosk quotas apply), every answer
//! `Cache-Control: no-store`, a short-lived pass, and an end button. The optional script warns
//! after a period without a touch and then ends the session: the pass is forgotten, a held slot
//! is given back and the browser is told to clear its caches and storage.

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, CookieJar, SameSite};
use leptos::prelude::*;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use app::routes;
use app::views::{Kiosk, KioskHomePage, PageContext, render_document};

use crate::error::AppError;
use crate::http::pass::{CitizenPass, PassConfig};
use crate::http::{AppState, Page, html_page};

/// The cookie that marks a kiosk terminal.
pub const KIOSK_COOKIE: &str = "cupola_chiosco";

/// Two minutes without a touch, then thirty seconds of warning.
pub const DEFAULT_TIMES: Kiosk = Kiosk {
    idle_seconds: 120,
    warning_seconds: 30,
};

/// Whether the request comes from an enrolled kiosk terminal (its cookie is signed with the
/// server's key: setting `cupola_chiosco=1` by hand does not make a kiosk).
pub fn is_kiosk(headers: &HeaderMap, config: &PassConfig) -> bool {
    let mut jar = CookieJar::new();
    for cookie in headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|c| c.name() == KIOSK_COOKIE)
    {
        jar.add_original(cookie.into_owned());
    }
    jar.signed(&config.key)
        .get(KIOSK_COOKIE)
        .is_some_and(|c| c.value() == "1")
}

fn kiosk_cookie(config: &PassConfig) -> Option<HeaderValue> {
    let mut jar = CookieJar::new();
    jar.signed_mut(&config.key).add(
        Cookie::build((KIOSK_COOKIE, "1"))
            .path("/")
            .http_only(true)
            .secure(config.secure)
            .same_site(SameSite::Lax)
            .max_age(cookie::time::Duration::days(365)),
    );
    let cookie = jar.get(KIOSK_COOKIE)?;
    HeaderValue::from_str(&cookie.to_string()).ok()
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
        if let Some(cookie) = kiosk_cookie(&state.pass) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return response;
    }
    let ended = query.chiusa.is_some();
    let html = render_document(view! { <KioskHomePage ctx=ctx ended=ended /> });
    let mut response = html_page(lang, html);
    if !enrolled && let Some(cookie) = kiosk_cookie(&state.pass) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Ends the session on the terminal: gives back a held slot, forgets the pass, and asks the
/// browser to clear its HTTP cache, storage and service workers; then the start screen.
pub async fn end(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let pass = CitizenPass::read(&headers, &state.pass, state.clock.now());
    for token in pass
        .hold
        .iter()
        .chain(pass.move_hold.iter().map(|(_, t)| t))
    {
        crate::booking::release(&state.db, token).await?;
    }
    let mut response = Redirect::to(&format!("{}?chiusa", routes::KIOSK)).into_response();
    let headers = response.headers_mut();
    if let Some(cookie) = state.pass.removal_cookie() {
        headers.append(header::SET_COOKIE, cookie);
    }
    headers.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}

/// On kiosks nothing is kept: every answer is `no-store` (no receipt in any cache, no page
/// restored by the back button after the reset).
pub async fn no_store(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let kiosk =
        is_kiosk(request.headers(), &state.pass) || request.uri().path().starts_with(routes::KIOSK);
    let mut response = next.run(request).await;
    if kiosk {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
