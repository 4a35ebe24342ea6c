//! Liveness, readiness and metrics, for load balancers, orchestrators and Prometheus; and
//! `/health`, both at once in JSON with the database's health state (`db::Health`).

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use app::routes;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::HEALTHZ, get(healthz))
        .route(routes::READYZ, get(readyz))
        .route("/health", get(health))
        .route("/metrics", get(crate::telemetry::metrics))
}

/// The process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

#[derive(serde::Serialize)]
pub struct HealthReport {
    /// The process answers.
    live: bool,
    /// The database answers (as last known: failed queries and the probe decide).
    ready: bool,
    /// `ok` or `unavailable`.
    database: &'static str,
    /// Since when the database does not answer (RFC 3339), while it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    unavailable_since: Option<String>,
}

/// Liveness and readiness in one JSON answer: 200 when ready, 503 when not (no query is made:
/// the health state is kept by failed queries and, while unhealthy, the probe).
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<HealthReport>) {
    let since = state.db.health().unhealthy_since();
    let ready = since.is_none();
    let report = HealthReport {
        live: true,
        ready,
        database: if ready { "ok" } else { "unavailable" },
        unavailable_since: since
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.to_rfc3339()),
    };
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(report))
}

/// The database answers, within two seconds (at once not, while it is known not to).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            state.db.health().wake_probe();
            tracing::warn!("readiness check timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
