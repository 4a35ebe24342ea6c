//! HL7 FHIR R4 (4.0.1) under `/fhir/r4`, for the regional app, hospital systems, other regions'
//! CUPs and the national platform: the CapabilityStatement (`metadata`), the directory
//! (`Organization`, `Location`, `HealthcareService`, `Schedule`: read and search) and free
//! `Slot`s (search), all read from memory (the directory is built at most once a minute, the
//! slots come from the availability cache the public pages use); and appointments as IHE ITI
//! Scheduling has them (`$find`, `$hold`, `$book`, read and search: `appointments`), through
//! the same booking core as the HTML journey and `/api/v1`.
//!
//! `wire` holds FHIR's rules on the wire (media type, `_format`, `OperationOutcome` errors in
//! the request's language, `ETag`), `search` the parameters and the `searchset` Bundle,
//! `systems` every code and identifier system used.

mod appointments;
pub mod audit_events;
mod capability;
pub mod directory;
mod ids;
mod reads;
mod search;
mod slots;
pub mod systems;
pub mod wire;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Router, middleware};

use crate::state::AppState;

/// No request needs more.
const BODY_LIMIT: usize = 16 * 1024;

/// A path under /fhir/r4 that names nothing: 404, whose outcome `wire::outcomes` writes.
async fn no_such_path() -> StatusCode {
    StatusCode::NOT_FOUND
}

/// Routes under /fhir/r4.
pub fn routes() -> Router<AppState> {
    let fhir = Router::new()
        .route("/metadata", get(capability::metadata))
        .route("/Slot", get(slots::search))
        .route("/Appointment", get(appointments::search_by_get))
        .route("/Appointment/_search", post(appointments::search))
        .route("/Appointment/$find", post(appointments::find))
        .route("/Appointment/$hold", post(appointments::hold))
        .route("/Appointment/$book", post(appointments::book))
        .route("/Appointment/{id}", get(appointments::read))
        .route("/{kind}", get(reads::search))
        .route("/{kind}/{id}", get(reads::read))
        .fallback(no_such_path)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(wire::outcomes));
    Router::new().nest("/fhir/r4", fhir)
}
