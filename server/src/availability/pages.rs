//! The public waiting-times pages: the first free date of a service at every facility and area,
//! open to anyone, no prescription needed. Service and area pages are the published snapshots.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use leptos::prelude::*;
use serde::Deserialize;

use app::routes;
use app::views::{WaitingTimesIndexPage, render_document};

use crate::assets::Compressed;
use crate::error::AppError;
use crate::snapshots::Published;
use crate::state::AppState;
use crate::web::page::{Page, html_page, lang_of};

/// The pages a snapshot is published under are also served by the fast path (`web::fast`)
/// once published; these routes answer the first request and anything the fast path leaves.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::WAITING_TIMES, get(index))
        .route(routes::WAITING_TIMES_SERVICE, get(service))
        .route(routes::WAITING_TIMES_SERVICE_JSON, get(service_json))
        .route(routes::WAITING_TIMES_AREA, get(area))
        .route(routes::WAITING_TIMES_AREA_JSON, get(area_json))
}

#[derive(Debug, Deserialize)]
pub struct IndexParams {
    q: Option<String>,
}

pub async fn index(
    State(state): State<AppState>,
    Page(ctx): Page,
    Query(params): Query<IndexParams>,
) -> Response {
    let lang = ctx.lang;
    let query: String = params
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let services = if query.is_empty() {
        state.catalog.all().iter().map(|s| s.item(lang)).collect()
    } else {
        state
            .catalog
            .search(&query)
            .into_iter()
            .map(|s| s.item(lang))
            .collect()
    };
    html_page(
        lang,
        render_document(view! { <WaitingTimesIndexPage ctx=ctx services=services /> }),
    )
}

/// The published snapshot of a service, publishing it now if this is its first request.
async fn snapshot(state: &AppState, code: &str) -> Result<Arc<Published>, AppError> {
    let service = state.catalog.by_code(code).ok_or(AppError::NotFound)?;
    if let Some(published) = state.snapshots.get(service.row.id) {
        return Ok(published);
    }
    state
        .snapshots
        .publish(
            &state.db,
            &state.catalog,
            &state.directory,
            service.row.id,
            state.clock.now(),
        )
        .await
        .ok_or_else(|| AppError::Unavailable(anyhow::anyhow!("the snapshot could not be computed")))
}

/// A snapshot page: its language follows the cookie, so caches must key on it too.
fn snapshot_page(body: &Compressed, headers: &HeaderMap) -> Response {
    let mut response = body.respond(headers);
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
    );
    response
}

pub async fn service(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let published = snapshot(&state, &code).await?;
    Ok(snapshot_page(published.html(lang_of(&headers)), &headers))
}

pub async fn service_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let published = snapshot(&state, &code).await?;
    Ok(published.json.respond(&headers))
}

pub async fn area(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((code, area)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let published = snapshot(&state, &code).await?;
    let page = published
        .area_html(area, lang_of(&headers))
        .ok_or(AppError::NotFound)?;
    Ok(snapshot_page(page, &headers))
}

pub async fn area_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((code, area)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let published = snapshot(&state, &code).await?;
    Ok(published
        .area_json(area)
        .ok_or(AppError::NotFound)?
        .respond(&headers))
}
