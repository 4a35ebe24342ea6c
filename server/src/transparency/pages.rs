//! The transparency page (`/trasparenza/tempi-di-attesa[?zona=ID]`) and its open data (CSV,
//! JSON), served from what `publish` holds.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use app::routes;
use app::views::render_document;
use app::views::transparency::TransparencyColumnsPage;
use leptos::prelude::*;

use super::publish::Published;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, html_page, lang_of};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::TRANSPARENCY, get(page))
        .route(routes::TRANSPARENCY_CSV, get(csv))
        .route(routes::TRANSPARENCY_JSON, get(json))
        .route(routes::TRANSPARENCY_COLUMNS, get(columns))
}

/// What each column of the open data holds: a short page of fixed text.
pub async fn columns(Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    html_page(
        lang,
        render_document(view! { <TransparencyColumnsPage ctx=ctx /> }),
    )
}

async fn current(state: &AppState) -> Result<Arc<Published>, AppError> {
    Ok(state
        .transparency
        .current(&state.db, &state.catalog, &state.directory, &state.clock)
        .await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    zona: Option<String>,
}

/// `/trasparenza/tempi-di-attesa[?zona=ID]`: the page of the region or of one area.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let area = match query.zona.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(typed) => Some(
            typed
                .parse::<i64>()
                .ok()
                .filter(|id| state.directory.area_name(*id).is_some())
                .ok_or(AppError::NotFound)?,
        ),
    };
    let published = current(&state).await?;
    let body = published
        .page(area, lang_of(&headers))
        .ok_or(AppError::NotFound)?;
    let mut response = body.respond(&headers);
    // The language follows the cookie: caches must keep one copy per language.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
    );
    Ok(response)
}

pub async fn csv(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let published = current(&state).await?;
    let mut response = published.csv.respond(&headers);
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"tempi-di-attesa.csv\""),
    );
    Ok(response)
}

pub async fn json(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let published = current(&state).await?;
    Ok(published.json.respond(&headers))
}
