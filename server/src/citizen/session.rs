//! A signed-in citizen's session: server-side, in the same store as staff sessions
//! (tower-sessions over the database, read through its cache), under its own cookie
//! (`cupola_citizen`, `SameSite=Lax` so that the provider's redirect back carries it; every
//! citizen form is same-origin checked). Its id is changed at sign-in. It ends after 15 minutes
//! without activity and 8 hours after signing in, both measured on the app's clock; "sign out
//! everywhere" ends every session of the citizen at once (`citizen_sign_outs`). Kiosk terminals
//! never carry one: signing in is refused there and a session is not read there.

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use app::domain::{Channel, FiscalCode};

use super::oidc::Identity;
use crate::audit::{self, Actor};
use crate::db::{Conn, on_conn, on_read};
use crate::error::AppError;
use crate::state::AppState;

/// Minutes without activity after which a session ends.
pub const IDLE_MINUTES: usize = 15;
const IDLE_SECONDS: i64 = IDLE_MINUTES as i64 * 60;
/// Hours after signing in after which a session ends, however active.
const MAX_SECONDS: i64 = 8 * 3600;
/// Activity is written back at most this often (each write extends the stored session).
const SEEN_EVERY: i64 = 60;

const KEY: &str = "citizen";

/// The cookie's name; `__Host-` pins it to this host over HTTPS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-cupola_citizen"
    } else {
        "cupola_citizen"
    }
}

/// The session layer for citizens' routes (the staff store, the citizen cookie).
pub fn layer(
    state: &AppState,
) -> tower_sessions::SessionManagerLayer<crate::staff::store::StaffSessions> {
    tower_sessions::SessionManagerLayer::new(state.staff_sessions.clone())
        .with_name(cookie_name(state.pass.secure))
        .with_secure(state.pass.secure)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_path("/")
        .with_expiry(tower_sessions::Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::seconds(IDLE_SECONDS + SEEN_EVERY),
        ))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Stored {
    #[serde(rename = "f")]
    fiscal_code: String,
    #[serde(rename = "n")]
    name: String,
    #[serde(rename = "p")]
    provider: String,
    /// When the citizen signed in (milliseconds).
    #[serde(rename = "a")]
    at_ms: i64,
    /// When the session was last used (seconds, written back at most once a minute).
    #[serde(rename = "s")]
    seen: i64,
}

/// A signed-in citizen.
#[derive(Clone, Debug)]
pub struct SignedCitizen {
    pub fiscal_code: FiscalCode,
    /// The name the identity provider gave (may be empty).
    pub name: String,
}

/// What the request's citizen session says.
pub enum Current {
    /// No one signed in.
    Anonymous,
    /// There was a session, and it has ended (idle, too old, or signed out everywhere).
    Ended,
    Signed(SignedCitizen),
}

/// The citizen signed in on this request, if any. An ended session is deleted here.
pub async fn current(
    session: Option<&Session>,
    state: &AppState,
    kiosk: bool,
) -> Result<Current, AppError> {
    let Some(session) = session else {
        return Ok(Current::Anonymous);
    };
    if kiosk {
        return Ok(Current::Anonymous);
    }
    let Some(mut stored) = session
        .get::<Stored>(KEY)
        .await
        .map_err(AppError::internal)?
    else {
        return Ok(Current::Anonymous);
    };
    let now = state.clock.now();
    let ended = now - stored.seen > IDLE_SECONDS
        || state.clock.now_millis() - stored.at_ms > MAX_SECONDS * 1000
        || signed_out_since(state, &stored).await?;
    let Ok(fiscal_code) = FiscalCode::parse(&stored.fiscal_code) else {
        session.flush().await.map_err(AppError::internal)?;
        return Ok(Current::Ended);
    };
    if ended {
        session.flush().await.map_err(AppError::internal)?;
        return Ok(Current::Ended);
    }
    if now - stored.seen >= SEEN_EVERY {
        stored.seen = now;
        session
            .insert(KEY, &stored)
            .await
            .map_err(AppError::internal)?;
    }
    Ok(Current::Signed(SignedCitizen {
        fiscal_code,
        name: stored.name,
    }))
}

/// The key the citizen's sign-outs are kept under: a keyed hash of the fiscal code.
fn subject(state: &AppState, fiscal_code: &str) -> String {
    state
        .links
        .seal_hex(&format!("citizen-sign-out:{fiscal_code}"))
}

/// Whether the citizen signed out everywhere after this session began.
async fn signed_out_since(state: &AppState, stored: &Stored) -> Result<bool, AppError> {
    let subject = subject(state, &stored.fiscal_code);
    let at: Option<(i64,)> = on_read!(&state.db, pool => {
        sqlx::query_as("select signed_out_at_ms from citizen_sign_outs where subject = $1")
            .bind(&subject)
            .fetch_optional(pool)
            .await?
    });
    Ok(at.is_some_and(|(out,)| out >= stored.at_ms))
}

/// Begins the citizen's session: a new session id (whatever the browser had before is not
/// carried over), and the sign-in audited.
pub async fn start(session: &Session, state: &AppState, who: &Identity) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::internal)?;
    let now = state.clock.now();
    let stored = Stored {
        fiscal_code: who.fiscal_code.as_str().to_owned(),
        name: who.name.clone(),
        provider: who.provider.clone(),
        at_ms: state.clock.now_millis(),
        seen: now,
    };
    session
        .insert(KEY, &stored)
        .await
        .map_err(AppError::internal)?;
    let fiscal_code = stored.fiscal_code.clone();
    let detail = format!("provider={}", who.provider);
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                audit::record(
                    conn,
                    Actor::Citizen(Channel::Web),
                    "citizen.signed_in",
                    Some(&fiscal_code),
                    None,
                    &detail,
                    now,
                )
                .await
            })
        })
        .await
        .map_err(AppError::from)?;
    tracing::info!(provider = %who.provider, "a citizen signed in");
    Ok(())
}

/// Ends this browser's session.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::internal)
}

/// Ends every session of the citizen, on every device (audited), then this one.
pub async fn end_everywhere(
    session: &Session,
    state: &AppState,
    citizen: &SignedCitizen,
) -> Result<(), AppError> {
    let subject = subject(state, citizen.fiscal_code.as_str());
    let fiscal_code = citizen.fiscal_code.as_str().to_owned();
    let (now, now_ms) = (state.clock.now(), state.clock.now_millis());
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    sqlx::query(
                        "insert into citizen_sign_outs (subject, signed_out_at_ms) values ($1, $2) \
                         on conflict (subject) do update set signed_out_at_ms = excluded.signed_out_at_ms",
                    )
                    .bind(&subject)
                    .bind(now_ms)
                    .execute(&mut *c)
                    .await?;
                    audit::record(
                        Conn::from(&mut *c),
                        Actor::Citizen(Channel::Web),
                        "citizen.signed_out_everywhere",
                        Some(&fiscal_code),
                        None,
                        "",
                        now,
                    )
                    .await
                })
            })
        })
        .await
        .map_err(AppError::from)?;
    end(session).await
}

/// The status of a page refused to a kiosk terminal (signing in is not offered there).
pub const KIOSK_REFUSAL: StatusCode = StatusCode::FORBIDDEN;
