//! What every staff page stands on: the signed-in member of staff, found once per request by
//! the role guard in front of the route (`require`), and the session's CSRF token. While the
//! database does not answer, a signed-in member of staff stays signed in (the session store and
//! the member of staff as last read are kept in memory) and every staff page says so.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use tower_sessions::Session;

use app::domain::Role;
use app::routes;
use app::views::staff::{FormExpiredPage, StaffView};
use app::views::{PageContext, render_document};

use super::account::{Staff, by_id};
use crate::error::AppError;
use crate::secrets::random_token;
use crate::state::AppState;
use crate::web::page::staff_page;

const STAFF_KEY: &str = "staff_id";
const CSRF_KEY: &str = "csrf";

/// The signed-in member of staff, with the token for their forms.
#[derive(Clone)]
pub struct SignedIn {
    pub staff: Staff,
    pub csrf: String,
    pub session: Session,
    /// The database did not answer when the request came in.
    pub outage: bool,
}

impl SignedIn {
    pub fn view(&self) -> StaffView {
        StaffView {
            name: self.staff.display_name.clone(),
            role: self.staff.role,
            csrf: self.csrf.clone(),
            outage: self.outage,
        }
    }

    /// Whether the member of staff's role includes `role` (for what a page offers).
    pub fn may(&self, role: Role) -> bool {
        self.staff.role.allows(role)
    }

    /// Whether a submitted token is the session's (compared in constant time).
    pub fn token_matches(&self, submitted: &str) -> bool {
        use subtle::ConstantTimeEq;
        bool::from(self.csrf.as_bytes().ct_eq(submitted.as_bytes()))
    }

    /// Something kept in the staff session for this member of staff.
    pub async fn get<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.session.get::<T>(key).await.ok().flatten()
    }

    pub async fn insert<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), AppError> {
        self.session
            .insert(key, value)
            .await
            .map_err(AppError::internal)
    }

    pub async fn remove<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, AppError> {
        self.session
            .remove::<T>(key)
            .await
            .map_err(AppError::internal)
    }

    /// The answer to a form whose token is missing or wrong: nothing was done (403).
    pub fn form_expired(&self, ctx: PageContext) -> Response {
        tracing::warn!(staff.id = self.staff.id, "staff form refused: wrong token");
        let lang = ctx.lang;
        let staff = self.view();
        let html = render_document(view! { <FormExpiredPage ctx=ctx staff=staff /> });
        staff_page(lang, StatusCode::FORBIDDEN, html)
    }
}

/// The route layer that lets in members of staff whose role includes `role`: others signed in
/// get 403, and anyone not signed in goes to the sign-in page (and back here afterwards). The
/// member of staff is then in the request for the handler (`SignedIn`).
pub async fn require(
    State((state, role)): State<(AppState, Role)>,
    mut request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let signed_in = match signed_in(&mut parts, &state).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return to_login(&parts),
        Err(err) => return err.into_response(),
    };
    if !signed_in.may(role) {
        tracing::warn!(
            staff.id = signed_in.staff.id,
            "a member of staff was refused a page"
        );
        return AppError::Forbidden.into_response();
    }
    parts.extensions.insert(signed_in);
    request = Request::from_parts(parts, body);
    next.run(request).await
}

/// The sign-in page, with the way back to the page asked for.
fn to_login(parts: &Parts) -> Response {
    let next = parts
        .uri
        .path_and_query()
        .map_or(routes::STAFF_HOME, |p| p.as_str());
    // Encoded, the way back grows up to three times: past the longest target the sign-in page
    // would keep anyway, the console's home instead of a `Location` no proxy accepts.
    let next = if next.len() > routes::MAX_REDIRECT_TARGET {
        parts.uri.path()
    } else {
        next
    };
    let next = if next.len() > routes::MAX_REDIRECT_TARGET {
        routes::STAFF_HOME
    } else {
        next
    };
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("torna", next)
        .finish();
    Redirect::to(&format!("{}?{query}", routes::STAFF_LOGIN)).into_response()
}

/// The member of staff signed in to the request's session, if any.
async fn signed_in(parts: &mut Parts, state: &AppState) -> Result<Option<SignedIn>, AppError> {
    let session = Session::from_request_parts(parts, state)
        .await
        .map_err(|(_, why)| AppError::internal(why))?;
    let Ok(Some(id)) = session.get::<i64>(STAFF_KEY).await else {
        return Ok(None);
    };
    let health = state.db.health();
    let staff = match state
        .staff_cache
        .try_get_with(id, by_id(&state.db, id))
        .await
    {
        Ok(staff) => {
            if let Some(staff) = &staff {
                state.staff_sessions.remember(staff).await;
            }
            staff
        }
        Err(err) => {
            // Without the database, the member of staff as last read (they stay signed in).
            let remembered = if health.failed(&err) {
                state.staff_sessions.remembered(id).await
            } else {
                None
            };
            match remembered {
                Some(staff) => Some(staff),
                None => return Err(AppError::from(crate::db::unshare(&err))),
            }
        }
    };
    let Some(staff) = staff else {
        let _ = session.flush().await;
        return Ok(None);
    };
    let csrf = csrf_token(&session).await?;
    Ok(Some(SignedIn {
        staff,
        csrf,
        session,
        outage: !health.is_healthy(),
    }))
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = AppError;

    /// The member of staff the route's guard let in; a route without a guard is a bug.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<SignedIn>()
            .cloned()
            .ok_or_else(|| AppError::internal("a staff route without its role guard"))
    }
}

/// The session's CSRF token, if it has one.
pub async fn stored_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF_KEY).await.ok().flatten()
}

/// The session's CSRF token, created on first use.
pub async fn csrf_token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = stored_token(session).await {
        return Ok(token);
    }
    let token = random_token();
    session
        .insert(CSRF_KEY, &token)
        .await
        .map_err(AppError::internal)?;
    Ok(token)
}

/// Starts a member of staff's session: a new id (one planted before is worth nothing after)
/// and a new token.
pub async fn sign_in(session: &Session, staff: &Staff) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::internal)?;
    session
        .insert(STAFF_KEY, staff.id)
        .await
        .map_err(AppError::internal)?;
    session
        .insert(CSRF_KEY, random_token())
        .await
        .map_err(AppError::internal)
}
