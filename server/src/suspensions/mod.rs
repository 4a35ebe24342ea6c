//! Agendas never closed, shown (issue 14): every suspension of an agenda is kept as data —
//! the agenda, the period, the reason (a category and a few words fit to publish), who and
//! when, the slots, and what became of each booking (moved to which slot, or put on the
//! waiting list and which entry) — written by `backoffice::suspend` in the transaction that
//! moves the bookings (`record`). Supervisors read it with each booking's outcome, message and
//! audit entries (`report`, audited); everyone reads the counts per area of the last 90 days
//! (`public`, from the prepared bytes of `board`; no personal data).

pub mod board;
pub mod public;
pub mod record;
pub mod report;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::get;

use app::domain::Role;
use app::routes;

use crate::staff::session::require;
use crate::state::AppState;

/// The public pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::SUSPENSIONS, get(public::index))
        .route(routes::SUSPENSIONS_AREA, get(public::area))
}

/// The supervisors' report (inside the staff area's session layer).
pub fn staff_routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(routes::STAFF_SUSPENSIONS, get(report::list))
        .route(routes::STAFF_SUSPENSION, get(report::detail))
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Supervisor),
            require,
        ))
}
