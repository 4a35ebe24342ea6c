//! The public page of suspensions (`/sospensioni`, `/sospensioni/{area}`), served from the
//! prepared bytes of `board`: no personal data, no database per request.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use super::report::area_of;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::lang_of;

async fn respond(
    state: &AppState,
    headers: &HeaderMap,
    area: Option<i64>,
) -> Result<Response, AppError> {
    let published = state
        .suspensions
        .current(&state.db, &state.catalog, &state.directory, &state.clock)
        .await?;
    let body = published
        .page(area, lang_of(headers))
        .ok_or(AppError::NotFound)?;
    let mut response = body.respond(headers);
    // The language follows the cookie: caches must keep one copy per language.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
    );
    Ok(response)
}

/// `/sospensioni`: every area with its counts.
pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    respond(&state, &headers, None).await
}

/// `/sospensioni/{area}`: the suspensions of one area.
pub async fn area(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(area): Path<String>,
) -> Result<Response, AppError> {
    let area = area_of(&state, Some(&area))?.ok_or(AppError::NotFound)?;
    respond(&state, &headers, Some(area)).await
}
