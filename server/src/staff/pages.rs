//! Sign-in, sign-out, what every staff page stands on (the signed-in member of staff, CSRF
//! tokens) and the operator availability page.

use std::time::Duration;

use axum::Form;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::{Channel, PriorityClass, Role};
use app::routes;
use app::views::form::FormErrors;
use app::views::operator::{ConsoleSlot, ConsoleSlotsData, ConsoleSlotsPage, LoginPage, StaffView};
use app::views::render_document;

use super::{LoginError, Staff};
use crate::availability::{self, SlotQuery};
use crate::clock::local;
use crate::error::AppError;
use crate::http::{AppState, Page, html_page};

const STAFF_KEY: &str = "staff_id";
const CSRF_KEY: &str = "csrf";

/// Staff pages are personal and never cached.
pub(crate) fn page(lang: app::i18n::Lang, status: StatusCode, html: String) -> Response {
    let mut response = html_page(lang, html);
    *response.status_mut() = status;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// The session's CSRF token, created on first use.
async fn csrf_token(session: &Session) -> Result<String, AppError> {
    if let Ok(Some(token)) = session.get::<String>(CSRF_KEY).await {
        return Ok(token);
    }
    let token = crate::booking::new_token();
    session
        .insert(CSRF_KEY, &token)
        .await
        .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
    Ok(token)
}

/// Whether a submitted form carries the session's token (compared in constant time).
async fn csrf_ok(session: &Session, submitted: &str) -> bool {
    let Ok(Some(expected)) = session.get::<String>(CSRF_KEY).await else {
        return false;
    };
    expected.len() == submitted.len()
        && expected
            .bytes()
            .zip(submitted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The signed-in member of staff, with the token for their forms. Without one, the request is
/// sent to the sign-in page (and back here afterwards).
pub struct SignedIn {
    pub staff: Staff,
    pub csrf: String,
    pub session: Session,
}

impl SignedIn {
    pub fn view(&self) -> StaffView {
        StaffView {
            name: self.staff.display_name.clone(),
            role: self.staff.role,
            csrf: self.csrf.clone(),
        }
    }

    /// Refuses a page the member of staff's role does not include.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.staff.role.allows(role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn check_csrf(&self, submitted: &str) -> bool {
        csrf_ok(&self.session, submitted).await
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let next = parts
            .uri
            .path_and_query()
            .map_or(routes::STAFF_HOME, |p| p.as_str())
            .to_owned();
        let to_login = || {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("torna", &next)
                .finish();
            Redirect::to(&format!("{}?{query}", routes::STAFF_LOGIN)).into_response()
        };
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(Some(id)) = session.get::<i64>(STAFF_KEY).await else {
            return Err(to_login());
        };
        let staff = state
            .staff_cache
            .try_get_with(id, super::by_id(&state.db, id))
            .await
            .map_err(|_| AppError::from(sqlx::Error::PoolTimedOut).into_response())?;
        let Some(staff) = staff else {
            let _ = session.flush().await;
            return Err(to_login());
        };
        let csrf = csrf_token(&session)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(SignedIn {
            staff,
            csrf,
            session,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    torna: Option<String>,
}

/// Only console pages are places to come back to after signing in.
fn next_page(requested: Option<&str>) -> String {
    requested
        .filter(|p| p.starts_with(routes::STAFF_HOME) && !p.starts_with("//"))
        .map_or_else(
            || routes::STAFF_HOME.to_owned(),
            |p| routes::safe_local_path(p).to_owned(),
        )
}

pub async fn login_form(
    Page(ctx): Page,
    session: Session,
    Query(query): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let csrf = csrf_token(&session).await?;
    let next = next_page(query.torna.as_deref());
    let html = render_document(view! {
        <LoginPage ctx=ctx username=String::new() csrf=csrf errors=FormErrors::default() next=next />
    });
    Ok(page(lang, StatusCode::OK, html))
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
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let next = next_page(form.next.as_deref());
    if !csrf_ok(&session, &form.csrf).await {
        errors.push("username", t.form_expired);
    } else if form.username.trim().is_empty() || form.password.is_empty() {
        errors.push("username", t.login_required);
    } else {
        let now = state.clock.now();
        match super::authenticate(&state.db, &form.username, &form.password, now).await {
            Ok(staff) => {
                // A new session id at sign-in: one planted before it is worth nothing after.
                session
                    .cycle_id()
                    .await
                    .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
                session
                    .insert(STAFF_KEY, staff.id)
                    .await
                    .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
                session
                    .insert(CSRF_KEY, crate::booking::new_token())
                    .await
                    .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
                tracing::info!(staff.id = staff.id, "staff signed in");
                return Ok(Redirect::to(&next).into_response());
            }
            Err(LoginError::Wrong) => errors.push("username", t.login_failed),
            Err(LoginError::Locked { until }) => {
                let minutes = ((until - now) as f64 / 60.0).ceil() as i64;
                errors.push("username", (t.login_locked)(minutes.max(1)));
            }
            Err(LoginError::Db(err)) => return Err(err.into()),
            Err(LoginError::Hash(err)) => {
                return Err(AppError::from(sqlx::Error::Protocol(err.to_string())));
            }
        }
    }
    let csrf = csrf_token(&session).await?;
    let username = form.username.trim().to_owned();
    let html = render_document(view! {
        <LoginPage ctx=ctx username=username csrf=csrf errors=errors next=next />
    });
    Ok(page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(session: Session, Form(form): Form<CsrfForm>) -> Result<Response, AppError> {
    if !csrf_ok(&session, &form.csrf).await {
        return Ok((StatusCode::FORBIDDEN, "invalid form").into_response());
    }
    session
        .flush()
        .await
        .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
    Ok(Redirect::to(routes::STAFF_LOGIN).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SlotsQuery {
    servizio: Option<String>,
}

/// Every free slot of a service, including those kept for operators and short deadlines, read
/// fresh from the database (operators book for people on the phone: no cached answers).
pub async fn slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<SlotsQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let lang = ctx.lang;
    let t = lang.t();
    let typed: String = query
        .servizio
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let mut data = ConsoleSlotsData {
        query: typed.clone(),
        ..ConsoleSlotsData::default()
    };
    if !typed.is_empty() {
        let service = state
            .catalog
            .by_code(&typed)
            .or_else(|| state.catalog.search(&typed).into_iter().next());
        match service {
            None => data.errors.push("servizio", t.unknown_service),
            Some(service) => {
                let now = state.clock.now();
                let found = availability::free_slots(
                    &state.db,
                    &SlotQuery {
                        service_id: service.row.id,
                        channel: Channel::Operator,
                        priority: Some(PriorityClass::U),
                        area_id: None,
                        town: None,
                        from: None,
                        after: None,
                        limit: 50,
                    },
                    now,
                )
                .await?;
                data.service = Some((service.name(lang).to_owned(), service.row.code.clone()));
                data.slots = found
                    .into_iter()
                    .map(|s| {
                        let facility = state.directory.get(s.facility_id);
                        ConsoleSlot {
                            starts: local(s.starts_at),
                            facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                            town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                            reserved: reservation(t, s.reserved_channel, s.reserved_priority),
                        }
                    })
                    .collect();
            }
        }
    }
    let status = if data.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let staff = signed_in.view();
    let html = render_document(view! { <ConsoleSlotsPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, status, html))
}

/// What a slot is kept for, in words.
pub(super) fn reservation(
    t: &app::i18n::Texts,
    channel: Option<String>,
    priority: Option<String>,
) -> Option<String> {
    if let Some(channel) = channel.as_deref().and_then(Channel::parse) {
        let i = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        return Some(t.channel_names[i].to_owned());
    }
    priority.map(|p| (t.priority_reservation)(&p))
}

/// How long a member of staff is remembered between requests (their session expires sooner
/// when idle: see the session layer).
pub const STAFF_CACHE_SECONDS: Duration = Duration::from_secs(30);
