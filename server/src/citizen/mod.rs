//! Citizens who sign in with SPID or CIE (OpenID Connect, `oidc`) and their server-side sessions
//! (`session`): the choice of provider, leaving for it and coming back, signing out here or
//! everywhere. Signing in stays optional (booking with the fiscal code and the NRE works for
//! everyone) and is never offered on kiosk terminals. What a signed-in citizen sees and does
//! is the booking journey's (`booking::journey::mine`).

pub mod delegation;
pub mod oidc;
pub mod session;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie::{Cookie, CookieJar, SameSite};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use app::routes;
use app::views::citizen::{ProviderChoice, SignInNotice, SignInPage};
use app::views::{PageContext, render_document};

use self::oidc::{Callback, Failure, PENDING_SECONDS, Pending};
use self::session::{Current, current};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, private_page};
use crate::web::pass;

pub use self::session::SignedCitizen;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::SIGN_IN, get(sign_in_page))
        .route(routes::SIGN_IN_START, get(start))
        .route(routes::SIGN_IN_RETURN, get(finish))
        .route(routes::SIGN_OUT, post(sign_out))
        .route(routes::SIGN_OUT_EVERYWHERE, post(sign_out_everywhere))
}

/// The address the provider sends citizens back to (registered with it).
fn return_address(state: &AppState) -> String {
    format!("{}{}", state.links.base_url(), routes::SIGN_IN_RETURN)
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInParams {
    /// Shown after signing out.
    uscito: Option<String>,
    /// Shown when a session ended.
    scaduta: Option<String>,
}

fn choices(state: &AppState) -> Vec<ProviderChoice> {
    state
        .sign_in
        .choices()
        .map(|(id, label)| ProviderChoice {
            id: id.to_owned(),
            label: label.to_owned(),
        })
        .collect()
}

fn page(
    state: &AppState,
    mut ctx: PageContext,
    notice: Option<SignInNotice>,
    status: StatusCode,
) -> Response {
    // The language switch comes back here, never to an address with a code in it.
    ctx.path = routes::SIGN_IN.to_owned();
    let lang = ctx.lang;
    let providers = choices(state);
    let html = render_document(view! { <SignInPage ctx=ctx providers=providers notice=notice /> });
    private_page(lang, status, html)
}

pub async fn sign_in_page(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    Query(params): Query<SignInParams>,
) -> Result<Response, AppError> {
    if let Current::Signed(_) = current(Some(&session), &state, ctx.kiosk.is_some()).await? {
        return Ok(Redirect::to(routes::MY_BOOKINGS).into_response());
    }
    let notice = if params.uscito.is_some() {
        Some(SignInNotice::SignedOut)
    } else if params.scaduta.is_some() {
        Some(SignInNotice::Expired)
    } else {
        None
    };
    Ok(page(&state, ctx, notice, StatusCode::OK))
}

/// The notice and status of a failed sign-in; logged by its class only.
fn failed(state: &AppState, ctx: PageContext, failure: Failure) -> Response {
    tracing::warn!(why = failure.class(), "a citizen's sign-in failed");
    let (notice, status) = match failure {
        Failure::UnknownProvider => return AppError::NotFound.into_response(),
        Failure::Refused(_) => (SignInNotice::Refused, StatusCode::BAD_REQUEST),
        Failure::Unavailable(_) => (SignInNotice::Unavailable, StatusCode::BAD_GATEWAY),
        Failure::NoFiscalCode => (SignInNotice::NoFiscalCode, StatusCode::FORBIDDEN),
        Failure::Cancelled => (SignInNotice::Cancelled, StatusCode::OK),
    };
    page(state, ctx, Some(notice), status)
}

/// Leaves for the provider: what must be checked on the way back is sealed in a cookie.
pub async fn start(
    State(state): State<AppState>,
    Page(ctx): Page,
    Path(provider): Path<String>,
) -> Response {
    if ctx.kiosk.is_some() {
        return page(&state, ctx, None, session::KIOSK_REFUSAL);
    }
    let now = state.clock.now();
    match state
        .sign_in
        .begin(&provider, &return_address(&state), now)
        .await
    {
        Ok((url, pending)) => {
            let mut response = Redirect::to(&url).into_response();
            if let Some(cookie) = pending_cookie(&state, Some(&pending)) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(failure) => failed(&state, ctx, failure),
    }
}

/// Back from the provider: the answer checked, the citizen's session begun.
pub async fn finish(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    headers: HeaderMap,
    Query(callback): Query<Callback>,
) -> Result<Response, AppError> {
    if ctx.kiosk.is_some() {
        return Ok(page(&state, ctx, None, session::KIOSK_REFUSAL));
    }
    let now = state.clock.now();
    let outcome = match read_pending(&state, &headers) {
        // Cancelled at the provider: said as such, whatever else came back.
        _ if callback.error.as_deref() == Some("access_denied") => Err(Failure::Cancelled),
        None => Err(Failure::Refused("no_pending")),
        Some(pending) => {
            state
                .sign_in
                .finish(&pending, &callback, &return_address(&state), now)
                .await
        }
    };
    // The request is used up, whatever came of it.
    let forget = pending_cookie(&state, None);
    let mut response = match outcome {
        Ok(identity) => {
            session::start(&session, &state, &identity).await?;
            Redirect::to(routes::MY_BOOKINGS).into_response()
        }
        Err(failure) => failed(&state, ctx, failure),
    };
    if let Some(cookie) = forget {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Signs out of this browser: the session and the pass (what it proved goes too).
pub async fn sign_out(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    session::end(&session).await?;
    Ok(signed_out(&state))
}

/// Signs out of every device.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
) -> Result<Response, AppError> {
    match current(Some(&session), &state, ctx.kiosk.is_some()).await? {
        Current::Signed(citizen) => {
            session::end_everywhere(&session, &state, &citizen).await?;
        }
        Current::Anonymous | Current::Ended => session::end(&session).await?,
    }
    Ok(signed_out(&state))
}

fn signed_out(state: &AppState) -> Response {
    let mut response = Redirect::to(&format!("{}?uscito=1", routes::SIGN_IN)).into_response();
    if let Some(cookie) = pass::removal_cookie(&state.pass) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn pending_name(state: &AppState) -> &'static str {
    if state.pass.secure {
        "__Host-cupola_signin"
    } else {
        "cupola_signin"
    }
}

/// The sealed cookie that keeps `pending` for ten minutes (None: the cookie that deletes it).
/// `SameSite=Lax`: it must come back with the provider's redirect.
fn pending_cookie(state: &AppState, pending: Option<&Pending>) -> Option<HeaderValue> {
    let name = pending_name(state);
    let (value, age) = match pending {
        Some(p) => (
            serde_json::to_string(p).ok()?,
            cookie::time::Duration::seconds(PENDING_SECONDS),
        ),
        None => (String::new(), cookie::time::Duration::ZERO),
    };
    let build = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(state.pass.secure)
        .same_site(SameSite::Lax)
        .max_age(age);
    let cookie = if pending.is_some() {
        let mut jar = CookieJar::new();
        jar.private_mut(&state.pass.key).add(build);
        jar.get(name)?.clone()
    } else {
        build.build()
    };
    HeaderValue::from_str(&cookie.to_string()).ok()
}

fn read_pending(state: &AppState, headers: &HeaderMap) -> Option<Pending> {
    let name = pending_name(state);
    let mut jar = CookieJar::new();
    for value in headers.get_all(header::COOKIE) {
        let Ok(value) = value.to_str() else { continue };
        for cookie in Cookie::split_parse(value.to_owned()).flatten() {
            if cookie.name() == name {
                jar.add_original(cookie.into_owned());
            }
        }
    }
    let cookie = jar.private(&state.pass.key).get(name)?;
    serde_json::from_str(cookie.value()).ok()
}
