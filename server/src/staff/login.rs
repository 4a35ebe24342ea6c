//! Signing in and out. The sign-in form has a token of its own (the anonymous session's): a
//! sign-in planted by another site fails like a wrong password would, with the form again.
//! Wrong sign-ins are counted per username and per client (`throttle`): beyond the quota the
//! answer is 429 before any account is read.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use app::routes;
use app::views::form::FormErrors;
use app::views::render_document;
use app::views::staff::LoginPage;

use super::account::{LoginError, authenticate};
use super::csrf::CsrfForm;
use super::csrf::TokenOnly;
use super::session::{SignedIn, csrf_token, sign_in, stored_token};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::client::Client;
use crate::web::page::{Page, staff_page};

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    torna: Option<String>,
}

/// Only console pages are places to come back to after signing in.
fn next_page(requested: Option<&str>) -> String {
    let staff_page = |p: &str| {
        p == routes::STAFF_HOME
            || p.strip_prefix(routes::STAFF_HOME)
                .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('?'))
    };
    requested
        .map(routes::safe_local_path)
        .filter(|p| staff_page(p))
        .unwrap_or_else(|| routes::STAFF_HOME.to_owned())
}

/// The sign-in form. While the database does not answer it still renders (its session is then
/// kept in memory), saying that signing in may not work now.
pub async fn login_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    Query(query): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let csrf = csrf_token(&session).await?;
    let next = next_page(query.torna.as_deref());
    let notice = (!state.db.health().is_healthy()).then_some(lang.t().login_outage_notice);
    let html = render_document(view! {
        <LoginPage ctx=ctx username=String::new() csrf=csrf errors=FormErrors::default() next=next notice=notice />
    });
    Ok(staff_page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

pub async fn login_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let next = next_page(form.next.as_deref());
    // First of all, so that a throttled sign-in reads nothing (not even the session).
    let guess = state.throttle.sign_in(client, &form.username).await?;
    let token_ok = stored_token(&session).await.is_some_and(|expected| {
        use subtle::ConstantTimeEq;
        bool::from(expected.as_bytes().ct_eq(form.csrf.as_bytes()))
    });
    if !token_ok {
        errors.push("username", t.form_expired);
    } else if form.username.trim().is_empty() || form.password.is_empty() {
        errors.push("username", t.login_required);
    } else {
        let now = state.clock.now();
        match authenticate(&state.db, &form.username, &form.password, now).await {
            Ok(staff) => {
                guess.right();
                sign_in(&session, &staff).await?;
                tracing::info!(staff.id = staff.id, "staff signed in");
                return Ok(Redirect::to(&next).into_response());
            }
            Err(LoginError::Refused) => {
                guess.wrong();
                errors.push("username", t.login_failed);
            }
            Err(LoginError::Db(err)) => return Err(err.into()),
            Err(LoginError::Hash(err)) => return Err(AppError::internal(err)),
        }
    }
    let csrf = csrf_token(&session).await?;
    let username = form.username.trim().to_owned();
    let html = render_document(view! {
        <LoginPage ctx=ctx username=username csrf=csrf errors=errors next=next />
    });
    Ok(staff_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}

/// Signing out ends the session, here and on every instance.
pub async fn logout(signed_in: SignedIn, _: CsrfForm<TokenOnly>) -> Result<Response, AppError> {
    signed_in
        .session
        .flush()
        .await
        .map_err(AppError::internal)?;
    Ok(Redirect::to(routes::STAFF_LOGIN).into_response())
}
