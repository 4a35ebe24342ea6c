//! Public pages that need no booking: home, catalogue, language choice, data sources.

use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::i18n::Lang;
use app::routes;
use app::views::{CatalogPage, CatalogQuery, HomePage, render_document};

use super::{AppState, html_page, page_context};
use crate::error::AppError;

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";
/// Longest search people may type; longer input is cut, not rejected.
const MAX_QUERY_CHARS: usize = 100;

fn path_of(uri: &OriginalUri) -> String {
    uri.path_and_query()
        .map_or_else(|| routes::HOME.to_owned(), |pq| pq.as_str().to_owned())
}

pub async fn home(State(state): State<AppState>, uri: OriginalUri, headers: HeaderMap) -> Response {
    let ctx = page_context(&state, &headers, path_of(&uri));
    let lang = ctx.lang;
    html_page(lang, render_document(view! { <HomePage ctx=ctx /> }))
}

#[derive(Debug, Deserialize)]
pub struct CatalogParams {
    q: Option<String>,
}

pub async fn catalog(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    Query(params): Query<CatalogParams>,
) -> Response {
    let ctx = page_context(&state, &headers, path_of(&uri));
    let lang = ctx.lang;
    let typed: String = params
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let (query, services) = if typed.is_empty() {
        let all = state.catalog.all().iter().map(|s| s.item(lang)).collect();
        (CatalogQuery::All, all)
    } else {
        let found = state
            .catalog
            .search(&typed)
            .into_iter()
            .map(|s| s.item(lang))
            .collect();
        (CatalogQuery::Search(typed), found)
    };
    html_page(
        lang,
        render_document(view! { <CatalogPage ctx=ctx query=query services=services /> }),
    )
}

#[derive(Debug, Deserialize)]
pub struct LanguageParams {
    torna: Option<String>,
}

/// Remembers the language for a year and goes back to the page the switch was pressed on.
pub async fn set_language(
    Path(code): Path<String>,
    Query(params): Query<LanguageParams>,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let back = params.torna.unwrap_or_default();
    let target = routes::safe_local_path(&back);
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let mut response = Redirect::to(target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Where the demo data comes from, as written next to it.
pub async fn sources() -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        include_str!("../../data/SOURCES.md"),
    )
}
