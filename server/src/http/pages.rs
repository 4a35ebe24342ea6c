//! Public pages that need no booking: home, catalogue, language choice, data sources.

use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::i18n::Lang;
use app::routes;
use app::views::{CatalogPage, CatalogQuery, HomePage, PageContext, SourcesPage, render_document};

use super::{AppState, html_page, page_context};
use crate::assets::{Compressed, Effort};
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
/// The data sources page: SOURCES.md as HTML, rendered once per language and compressed at the
/// highest level (it is the longest page; this keeps its first visit under 14 KB).
pub async fn sources(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Response {
    static HTML: std::sync::LazyLock<&'static str> = std::sync::LazyLock::new(|| {
        Box::leak(markdown_html(include_str!("../../data/SOURCES.md")).into_boxed_str())
    });
    static PAGES: std::sync::OnceLock<[Compressed; 2]> = std::sync::OnceLock::new();
    let ctx = page_context(&state, &headers, path_of(&uri));
    let lang = ctx.lang;
    if ctx.kiosk.is_some() || ctx.path != routes::SOURCES {
        return html_page(
            lang,
            render_document(view! { <SourcesPage ctx=ctx html=*HTML /> }),
        );
    }
    let pages = PAGES.get_or_init(|| {
        [Lang::It, Lang::En].map(|lang| {
            let ctx = PageContext {
                lang,
                ..ctx.clone()
            };
            Compressed::of(
                render_document(view! { <SourcesPage ctx=ctx html=*HTML /> }).into(),
                "text/html; charset=utf-8",
                "no-cache",
                Effort::Best,
            )
        })
    });
    let mut response = pages[usize::from(lang == Lang::En)].respond(&headers);
    let headers = response.headers_mut();
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie"),
    );
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

/// Markdown to HTML, every heading one level down (the page has its own h1).
fn markdown_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let lower = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        // The file is ours, but nothing raw goes through.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}
