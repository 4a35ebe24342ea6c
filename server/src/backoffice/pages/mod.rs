//! The back office's pages and forms. Supervisors see agendas (`agendas`), generate slots, add
//! extra slots and suspend days (`agenda`); administrators also create agendas and add template
//! rows. Each route states the role it needs as a layer; every form carries the session's token
//! (`CsrfForm`) and answers a success with a 303 to the agenda's page, where a one-time
//! confirmation is shown (Post/Redirect/Get).

mod agenda;
mod agendas;
mod input;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use app::domain::Role;
use app::i18n::Lang;
use app::routes;
use app::views::backoffice::Choice;

use super::agendas::{self as queries, Agenda};
use crate::error::AppError;
use crate::staff::session::{SignedIn, require};
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

/// The session key of the one-time confirmation shown after a redirect.
const NOTICE_KEY: &str = "backoffice_notice";
/// Days of slot counts on an agenda's page.
pub(super) const DAYS_SHOWN: u64 = 14;

/// The confirmation of what was just done, shown once.
pub(super) async fn take_notice(signed_in: &SignedIn) -> Option<String> {
    signed_in.remove::<String>(NOTICE_KEY).await.ok().flatten()
}

/// Remembers the confirmation and sends the browser to `to` (303 See Other).
pub(super) async fn done(
    signed_in: &SignedIn,
    to: &str,
    notice: String,
) -> Result<Response, AppError> {
    signed_in.insert(NOTICE_KEY, &notice).await?;
    Ok(Redirect::to(to).into_response())
}

pub(super) fn facility_choices(state: &AppState) -> Vec<Choice> {
    let mut out: Vec<Choice> = state
        .directory
        .all()
        .map(|f| (f.id.to_string(), format!("{}, {}", f.name, f.town)))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

pub(super) fn service_choices(state: &AppState, lang: Lang) -> Vec<Choice> {
    let mut out: Vec<Choice> = state
        .catalog
        .all()
        .iter()
        .map(|s| {
            (
                s.row.code.clone(),
                format!("{} ({})", s.name(lang), s.row.code),
            )
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// The agenda of a path (`/operatore/agende/{id}`), or 404.
pub(super) async fn agenda_of(state: &AppState, id: &str) -> Result<Agenda, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    queries::agenda(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}
