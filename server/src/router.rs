//! Cupola as one HTTP service: every feature's routes, the middleware stack in the order each
//! request meets it, the fast path in front, and serving with a graceful shutdown.
//!
//! A request meets, from the outside in: the fast path (snapshots and static files from
//! memory, and the shed answer when a lane is full); then logs and metrics, compression, the
//! terminal mark (kiosk or not, checked once), `no-store` on kiosks, security headers, the
//! panic catcher, admission (lanes, capacity, waiting room), the refusal of cross-site form
//! posts, and the error pages; then the route, whose own layers (staff sessions, role guards,
//! the API's JSON errors) come last.

use std::future::Future;

use axum::Router;
use axum::extract::Request;
use axum::extract::State;
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::fast::FastPath;
use crate::web::{middleware, operators, terminal};

/// Who an address serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// One address for everything (the default).
    Everyone,
    /// The public address when the staff area has its own: staff pages are not found here.
    Public,
    /// The staff area's own address (`CUPOLA_OPERATOR_ADDR`): citizens' booking pages and API
    /// are not found here, so no citizen flood can come through it.
    Staff,
}

impl Audience {
    fn serves(self, path: &str) -> bool {
        use crate::db::Lane;
        match (self, crate::admission::lane_of(path)) {
            (Audience::Everyone, _) => true,
            (Audience::Public, lane) => lane != Some(Lane::Operator),
            (Audience::Staff, lane) => lane != Some(Lane::Citizen),
        }
    }
}

/// The whole application, for one audience.
pub fn app_for(state: AppState, audience: Audience) -> Router {
    let app = app(state);
    if audience == Audience::Everyone {
        return app;
    }
    app.layer(from_fn(
        move |request: Request, next: axum::middleware::Next| async move {
            if audience.serves(request.uri().path()) {
                next.run(request).await
            } else {
                AppError::NotFound.into_response()
            }
        },
    ))
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    // Staff routes carry a session (in the database); citizens' routes never touch it.
    let sessions = tower_sessions::SessionManagerLayer::new(state.staff_sessions.clone())
        .with_name(if state.pass.secure {
            "__Host-cupola_staff"
        } else {
            "cupola_staff"
        })
        .with_secure(state.pass.secure)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Strict)
        .with_path("/")
        .with_expiry(tower_sessions::Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::minutes(30),
        ));
    let staff_area = crate::staff::routes(&state)
        .merge(crate::backoffice::pages::routes(&state))
        .layer(sessions);
    Router::new()
        .merge(staff_area)
        .merge(crate::site::routes())
        .merge(crate::kiosk::routes())
        .merge(crate::booking::journey::routes())
        .merge(crate::availability::pages::routes())
        .merge(crate::transparency::pages::routes())
        .merge(crate::api::routes())
        .merge(crate::health::routes())
        .fallback(static_or_not_found)
        .layer(from_fn_with_state(state.clone(), middleware::error_pages))
        .layer(from_fn(middleware::same_origin_posts))
        .layer(from_fn_with_state(
            state.clone(),
            crate::admission::gate::admit,
        ))
        .layer(CatchPanicLayer::new())
        .layer(from_fn(middleware::security_headers))
        .layer(from_fn(middleware::kiosk_no_store))
        .layer(from_fn_with_state(state.clone(), terminal::mark))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(from_fn(middleware::log_requests))
        .layer(from_fn(operators::schedule))
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    audience: Audience,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Without TCP_NODELAY small responses on kept-alive connections wait for delayed ACKs.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let service = FastPath::new(state.clone(), app_for(state, audience));
    // Each request carries its peer's address (`web::client`).
    axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service_with_connect_info::<std::net::SocketAddr>(
            service,
        ),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Static files the fast path did not take (a HEAD, say), else the page not found.
async fn static_or_not_found(State(state): State<AppState>, request: Request) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(asset) = state.assets.get(request.uri().path())
    {
        return asset.respond(request.headers());
    }
    AppError::NotFound.into_response()
}

#[cfg(test)]
mod tests {
    use super::Audience;

    #[test]
    fn each_address_serves_its_audience() {
        for path in ["/operatore", "/operatore/accesso", "/api/v1/operatore/x"] {
            assert!(Audience::Everyone.serves(path), "{path}");
            assert!(!Audience::Public.serves(path), "{path}");
            assert!(Audience::Staff.serves(path), "{path}");
        }
        for path in [
            "/prenota",
            "/prenotazioni/ABC",
            "/api/v1/bookings",
            "/api/v1/availability",
        ] {
            assert!(Audience::Everyone.serves(path), "{path}");
            assert!(Audience::Public.serves(path), "{path}");
            assert!(!Audience::Staff.serves(path), "{path}");
        }
        // Public pages and files are served on both.
        for path in ["/", "/prestazioni", "/lingua/en", "/static/app.css"] {
            assert!(
                Audience::Public.serves(path) && Audience::Staff.serves(path),
                "{path}"
            );
        }
    }
}
