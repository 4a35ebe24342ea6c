//! The page a request is for: its language (the remembered choice, else the browser's), the
//! stylesheet, the terminal (kiosk or not) and the path the language switch comes back to; and
//! the three ways a rendered page is answered (public, personal, staff).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use app::i18n::Lang;
use app::routes;
use app::views::PageContext;

use super::terminal::Terminal;
use crate::state::AppState;

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// The language of the person asking: their remembered choice; on a first visit the best of
/// ours for the browser's `Accept-Language`; else Italian.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The page context of a request, as an extractor.
pub struct Page(pub PageContext);

impl FromRequestParts<AppState> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| routes::HOME.to_owned(), |pq| pq.as_str().to_owned());
        let terminal = Terminal::from_request_parts(parts, state).await?;
        Ok(Page(context_in(
            state,
            lang_of(&parts.headers),
            terminal,
            path,
        )))
    }
}

/// The page context in a language already known.
pub fn context_in(state: &AppState, lang: Lang, terminal: Terminal, path: String) -> PageContext {
    PageContext {
        lang,
        css_href: state.assets.css_href(),
        path,
        kiosk: terminal.is_kiosk().then_some(state.kiosk),
    }
}

/// A public page: revalidated on every visit, in one copy per language (pages follow the
/// language cookie, so they vary by it).
pub fn html_page(lang: Lang, document: String) -> Response {
    let mut response = Html(document).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

/// A citizen's own page (the journey, a receipt): never in a shared cache.
pub fn private_page(lang: Lang, status: StatusCode, document: String) -> Response {
    with(html_page(lang, document), status, "private, no-cache")
}

/// A page of a signed-in citizen's own data: never stored by the browser or anyone else.
pub fn personal_page(lang: Lang, status: StatusCode, document: String) -> Response {
    with(html_page(lang, document), status, "no-store")
}

/// A staff page: personal data, never stored anywhere.
pub fn staff_page(lang: Lang, status: StatusCode, document: String) -> Response {
    with(html_page(lang, document), status, "no-store")
}

fn with(mut response: Response, status: StatusCode, cache: &'static str) -> Response {
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
