//! The back office's pages and forms. Supervisors see agendas (`agendas`), generate slots, add
//! extra slots and suspend days (`agenda`); administrators also create agendas and add template
//! rows. Each route states the role it needs as a layer; every form carries the session's token
//! (`CsrfForm`) and answers a success with a 303 to the agenda's page, where a one-time
//! confirmation is shown (Post/Redirect/Get).

mod agenda;
mod agendas;
mod input;
mod notice;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use app::domain::Role;
use app::routes;

use crate::staff::session::require;
use crate::state::AppState;

/// The back office's routes: supervisors' and administrators'.
pub fn routes(state: &AppState) -> Router<AppState> {
    let supervisors = Router::new()
        .route(routes::STAFF_AGENDAS, get(agendas::list))
        .route(routes::STAFF_AGENDA, get(agenda::show))
        .route(routes::STAFF_AGENDA_GENERATE, post(agenda::generate))
        .route(routes::STAFF_AGENDA_EXTRA, post(agenda::extra))
        .route(routes::STAFF_AGENDA_SUSPEND, post(agenda::suspend))
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Supervisor),
            require,
        ));
    let admins = Router::new()
        .route(
            routes::STAFF_AGENDA_NEW,
            get(agendas::new_form).post(agendas::create),
        )
        .route(routes::STAFF_AGENDA_TEMPLATE, post(agenda::add_template))
        .route_layer(from_fn_with_state((state.clone(), Role::Admin), require));
    supervisors.merge(admins)
}
