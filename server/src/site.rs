//! The public site's own pages, which need no booking: home, catalogue, data sources, and the
//! language switch.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use leptos::prelude::*;
use serde::Deserialize;

use app::i18n::Lang;
use app::routes;
use app::views::{CatalogPage, CatalogQuery, HomePage, PageContext, SourcesPage, render_document};

use crate::assets::{Compressed, Effort};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{LANG_COOKIE, Page, html_page};

/// Longest search people may type; longer input is cut, not rejected.
const MAX_QUERY_CHARS: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::HOME, get(home))
        .route(routes::CATALOG, get(catalog))
        .route(routes::LANGUAGE, get(set_language).post(resend_in))
        .route(
            routes::SOURCES_PARTS[0],
            get(|page: Page, headers: HeaderMap| sources(page, headers, 0)),
        )
        .route(
            routes::SOURCES_PARTS[1],
            get(|page: Page, headers: HeaderMap| sources(page, headers, 1)),
        )
        .route(
            routes::SOURCES_PARTS[2],
            get(|page: Page, headers: HeaderMap| sources(page, headers, 2)),
        )
}

pub async fn home(Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    html_page(lang, render_document(view! { <HomePage ctx=ctx /> }))
}

#[derive(Debug, Deserialize)]
pub struct CatalogParams {
    q: Option<String>,
}

pub async fn catalog(
    State(state): State<AppState>,
    Page(ctx): Page,
    Query(params): Query<CatalogParams>,
) -> Response {
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
    remember_language(&code, params, Redirect::to)
}

/// The switch on a form page (a button of the form, see `Layout`'s `keep_form`): remembers the
/// language and sends the browser back to the form's address with the same POST body (307), so
/// that the page comes back in the new language with what was typed and its errors.
pub async fn resend_in(
    Path(code): Path<String>,
    Query(params): Query<LanguageParams>,
) -> Result<Response, AppError> {
    remember_language(&code, params, Redirect::temporary)
}

fn remember_language(
    code: &str,
    params: LanguageParams,
    redirect: fn(&str) -> Redirect,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(code).ok_or(AppError::NotFound)?;
    let back = params.torna.unwrap_or_default();
    let target = routes::safe_local_path(&back);
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let mut response = redirect(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// One part of SOURCES.md as HTML: 0 the overview (what comes before the first section, and
/// the sections after the second: the caveats), 1 the facilities, 2 the services.
fn sources_part(markdown: &str, part: usize) -> String {
    let mut sections: Vec<String> = vec![String::new()];
    for line in markdown.lines() {
        if line.starts_with("## ") {
            sections.push(String::new());
        }
        let current = sections.last_mut().expect("one section at least");
        current.push_str(line);
        current.push('\n');
    }
    let chosen = match part {
        0 => {
            let mut overview = sections[0].clone();
            overview.extend(sections.iter().skip(3).cloned());
            overview
        }
        n => sections.get(n).cloned().unwrap_or_default(),
    };
    markdown_html(&chosen)
}

/// The data sources pages: SOURCES.md in three parts (each first visit within 14 KB in every
/// language), rendered once per language and part and compressed at the highest level.
pub async fn sources(Page(ctx): Page, headers: HeaderMap, part: usize) -> Response {
    static HTML: std::sync::LazyLock<[&'static str; 3]> = std::sync::LazyLock::new(|| {
        [0, 1, 2].map(|part| {
            &*Box::leak(sources_part(include_str!("../data/SOURCES.md"), part).into_boxed_str())
        })
    });
    type Parts = [[Compressed; 3]; Lang::ALL.len()];
    static PAGES: std::sync::OnceLock<Parts> = std::sync::OnceLock::new();
    let lang = ctx.lang;
    let html = HTML[part];
    if ctx.kiosk.is_some() || ctx.path != routes::SOURCES_PARTS[part] {
        return html_page(
            lang,
            render_document(view! { <SourcesPage ctx=ctx part=part html=html /> }),
        );
    }
    let pages = PAGES.get_or_init(|| {
        Lang::ALL.map(|lang| {
            [0, 1, 2].map(|part| {
                let ctx = PageContext {
                    lang,
                    path: routes::SOURCES_PARTS[part].to_owned(),
                    ..ctx.clone()
                };
                let html = HTML[part];
                Compressed::of(
                    render_document(view! { <SourcesPage ctx=ctx part=part html=html /> }).into(),
                    "text/html; charset=utf-8",
                    "no-cache",
                    Effort::Best,
                )
            })
        })
    });
    let mut response = pages[lang as usize][part].respond(&headers);
    let headers = response.headers_mut();
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
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
