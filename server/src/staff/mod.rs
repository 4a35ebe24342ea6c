//! The staff area (`/operatore`): operators, supervisors and administrators. They sign in
//! (`login`, `account`) to sessions kept in the database (`store`) whose id changes at sign-in;
//! each route states the role it needs as a layer (`session::require`), and every form carries
//! the session's token (`csrf`). Operators serve citizens in the console (`console`) and see
//! every free slot (`slots`); the desk of a facility marks its visits attended or missed
//! (`desk`); supervisors search the audit (`audit_search`) and watch message delivery
//! (`deliveries`). The back office
//! (agendas) is a feature of its own, `backoffice`, inside the same area.

pub mod account;
pub mod audit_search;
pub mod console;
pub mod csrf;
pub mod deliveries;
pub mod desk;
pub mod login;
pub mod session;
pub mod slots;
pub mod store;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use app::domain::Role;
use app::routes;

use crate::state::AppState;

/// The staff area's routes, each group behind the role it needs (the session layer around
/// them is the router's, shared with the back office).
pub fn routes(state: &AppState) -> Router<AppState> {
    let operators = Router::new()
        .route(routes::STAFF_HOME, get(console::search::home))
        .route(routes::STAFF_LOGOUT, post(login::logout))
        .route(routes::STAFF_SLOTS, get(slots::slots))
        .route(
            routes::STAFF_CITIZEN_SEARCH,
            get(console::search::citizen_search_form).post(console::search::citizen_search_submit),
        )
        .route(
            routes::STAFF_CITIZEN,
            get(console::record::citizen_record).post(console::record::citizen_close),
        )
        .route(
            routes::STAFF_CITIZEN_DELEGATION,
            post(console::record::delegation_submit),
        )
        .route(
            routes::STAFF_CITIZEN_DELEGATION_REVOKE,
            post(console::record::delegation_revoke),
        )
        .route(
            routes::STAFF_CITIZEN_BOOK,
            get(console::book::book_slots).post(console::book::book_submit),
        )
        .route(
            routes::STAFF_CITIZEN_BOOK_CONFIRM,
            get(console::confirm::confirm_form).post(console::confirm::confirm_submit),
        )
        .route(
            routes::STAFF_BOOKING,
            get(console::receipt::booking_receipt),
        )
        .route(
            routes::STAFF_BOOKING_PRINT,
            get(console::receipt::booking_print),
        )
        .route(routes::STAFF_BOOKING_QR, get(console::receipt::booking_qr))
        .route(
            routes::STAFF_CITIZEN_GUARANTEE,
            get(console::guarantee::guarantee_form).post(console::guarantee::guarantee_submit),
        )
        .route(routes::STAFF_DESK, get(desk::desk_page))
        .route(routes::STAFF_DESK_MARK, post(desk::desk_mark))
        .route(
            routes::STAFF_BOOKING_CANCEL,
            get(console::change::cancel_form).post(console::change::cancel_submit),
        )
        .route(
            routes::STAFF_BOOKING_MOVE,
            get(console::change::move_slots).post(console::change::move_submit),
        )
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Operator),
            session::require,
        ));
    let supervisors = Router::new()
        .route(
            routes::STAFF_AUDIT,
            get(audit_search::audit_page).post(audit_search::audit_search),
        )
        .route(routes::STAFF_AUDIT_FHIR, get(audit_search::audit_export))
        .route(routes::STAFF_DELIVERIES, get(deliveries::deliveries_page))
        .route(
            routes::STAFF_DELIVERY_RETRY,
            post(deliveries::delivery_retry),
        )
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Supervisor),
            session::require,
        ));
    Router::new()
        .route(
            routes::STAFF_LOGIN,
            get(login::login_form).post(login::login_submit),
        )
        .merge(operators)
        .merge(supervisors)
        .merge(crate::legal::review::routes(state))
}
