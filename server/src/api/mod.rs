//! The booking journey as a JSON API (for the regional app and kiosks), documented in OpenAPI.

mod availability;
mod bookings;
mod catalog;
mod errors;
mod extract;
pub(crate) mod lang;
mod types;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::{Json, Router, middleware};
use utoipa::OpenApi;

use crate::state::AppState;

/// No request needs more; a bigger one is refused before it is read.
const BODY_LIMIT: usize = 16 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cupola API",
        description = "Book, look up, move and cancel visits and exams of the Tuscan health \
            service with an electronic prescription. Messages follow `Accept-Language` \
            (English when it starts with `en`, else Italian). Personal data travels only in \
            request bodies, never in URLs."
    ),
    paths(
        catalog::services,
        availability::availability,
        bookings::create,
        bookings::lookup,
        bookings::cancel,
        bookings::move_to,
        openapi_json,
    ),
    tags(
        (name = "catalogue", description = "Services and free slots, open to everyone"),
        (name = "bookings", description = "Bookings made with an electronic prescription"),
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "openApiDocument",
    tag = "catalogue",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// An API path that does not exist: a JSON 404 (written by `json_errors`), not the HTML page.
async fn no_such_path() -> axum::http::StatusCode {
    axum::http::StatusCode::NOT_FOUND
}

/// Routes under /api/v1.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/services", get(catalog::services))
        .route("/api/v1/availability", get(availability::availability))
        .route("/api/v1/bookings", post(bookings::create))
        .route("/api/v1/bookings/lookup", post(bookings::lookup))
        .route("/api/v1/bookings/cancel", post(bookings::cancel))
        .route("/api/v1/bookings/move", post(bookings::move_to))
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/{*rest}", any(no_such_path))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(errors::json_errors))
}
