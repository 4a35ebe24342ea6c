//! Limits at the edge: how long a client may take to send a request, how large its body may
//! be, how long a connection may stay open with nothing to do, and how many may be open at once.
//!
//! The connection-level limits (header-read timeout, idle timeout, the cap on connections,
//! HTTP/2's) are applied by `router::serve_with`; the body limits by `bodies`, a middleware that
//! reads every request's whole body — within its size limit and the body-read timeout — before
//! the request goes any further. So a half-sent request never reaches admission (and never holds
//! a lane's place: `admission::gate::admit` only sees complete requests), nor a handler.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use app::i18n::Lang;
use app::routes;
use app::views::{ErrorKind, ErrorPage, render_document};

use super::page::{context_in, html_page, lang_of};
use super::terminal::Terminal;
use crate::state::AppState;

/// The limits of the edge, set at start (`CUPOLA_HEADER_TIMEOUT_SECONDS` and the others).
#[derive(Clone, Debug)]
pub struct EdgeLimits {
    /// A connection must deliver a request's headers within this time: from when it opens,
    /// and (HTTP/1 keep-alive) from the end of the previous answer.
    pub header_read_timeout: Duration,
    /// A request's whole body must arrive within this time once its headers have.
    pub body_read_timeout: Duration,
    /// A connection with nothing in flight for this long is closed.
    pub idle_timeout: Duration,
    /// Connections open at once; beyond it, new ones wait to be accepted.
    pub max_connections: usize,
    /// HTTP/2: requests at once on one connection.
    pub h2_max_concurrent_streams: u32,
    /// The most a request's headers may take (HTTP/1 read buffer, HTTP/2 header list).
    pub max_header_bytes: usize,
}

impl Default for EdgeLimits {
    fn default() -> Self {
        EdgeLimits {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(20),
            max_connections: default_max_connections(),
            h2_max_concurrent_streams: 64,
            max_header_bytes: 32 * 1024,
        }
    }
}

/// Open connections the machine can afford: what the process's file-descriptor limit leaves
/// after a reserve for the database, logs and files, and at most 8,192 (a few hundred
/// megabytes of buffers at worst).
pub fn default_max_connections() -> usize {
    const RESERVE: usize = 256;
    open_files_limit()
        .map_or(1024, |limit| limit.saturating_sub(RESERVE))
        .clamp(64, 8192)
}

/// The soft limit on open files (Linux: `/proc/self/limits`), if known.
pub fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// The largest citizen form or API body: a few fields (fiscal code, NRE, a slot, a code).
pub const CITIZEN_BODY_LIMIT: usize = 16 * 1024;
/// The largest staff form: agendas and their templates carry more fields.
pub const STAFF_BODY_LIMIT: usize = 64 * 1024;

/// The body limit of a path: no route accepts more, whatever its method.
pub fn body_limit(path: &str) -> usize {
    if path.starts_with(routes::STAFF_HOME) {
        STAFF_BODY_LIMIT
    } else {
        CITIZEN_BODY_LIMIT
    }
}

/// The body-read timeout a request was served under (`router::serve_with` puts it on every
/// request; a request from elsewhere, a unit test's, gets the default).
#[derive(Clone, Copy, Debug)]
pub struct BodyReadTimeout(pub Duration);

/// Marks a request whose body has been read whole.
#[derive(Clone, Copy, Debug)]
struct Complete;

/// The middleware: every request goes on with its whole body read, or is answered 413 (too
/// large) or 408 (too slow).
pub async fn bodies(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match read_whole(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(refusal) => refusal,
    }
}

/// The request with its whole body in memory, read within the path's size limit and the
/// body-read timeout; or the answer to give instead. A request read already passes as it is.
pub async fn read_whole(state: &AppState, request: Request) -> Result<Request, Response> {
    if request.extensions().get::<Complete>().is_some() {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(Complete);
    let path = parts.uri.path();
    let limit = body_limit(path);
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT as u64) {
        // Refused before a byte of it is read (a body this large is not even drained).
        return Err(refusal(state, &parts, Refusal::TooLarge { drained: false }));
    }
    if axum::body::HttpBody::size_hint(&body).exact() == Some(0) {
        return Ok(Request::from_parts(parts, body));
    }
    let timeout = parts
        .extensions
        .get::<BodyReadTimeout>()
        .map_or_else(|| EdgeLimits::default().body_read_timeout, |t| t.0);
    match tokio::time::timeout(timeout, collect(body, limit)).await {
        Ok(Ok(bytes)) => Ok(Request::from_parts(parts, Body::from(bytes))),
        Ok(Err(refused)) => Err(refusal(state, &parts, refused)),
        Err(_) => {
            metrics::counter!("cupola_slow_requests_total").increment(1);
            Err(refusal(state, &parts, Refusal::Slow))
        }
    }
}

/// Beyond its limit, a body is still read (and thrown away) up to this size before the 413, so
/// that the client, still sending, reads the answer instead of a reset connection; a larger one
/// is cut off.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// The body, whole, if it is within `limit`; else it is drained (up to `DRAIN_LIMIT`) and
/// refused.
async fn collect(body: Body, limit: usize) -> Result<Bytes, Refusal> {
    let mut stream = body.into_data_stream();
    let mut whole = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| Refusal::Broken)?;
        seen += chunk.len();
        if seen > DRAIN_LIMIT {
            return Err(Refusal::TooLarge { drained: false });
        }
        if seen <= limit {
            whole.extend_from_slice(&chunk);
        }
    }
    if seen > limit {
        return Err(Refusal::TooLarge { drained: true });
    }
    Ok(Bytes::from(whole))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    /// Over the limit; `drained`: read to its end, so the connection can go on.
    TooLarge {
        drained: bool,
    },
    Slow,
    /// The client broke off (or sent a malformed chunked body).
    Broken,
}

/// The answer to a refused body: the API's JSON, or a page in the person's language. The
/// connection is closed after it unless the body was read to its end.
fn refusal(state: &AppState, parts: &axum::http::request::Parts, refused: Refusal) -> Response {
    let api = parts.uri.path().starts_with("/api/");
    let (status, kind, code) = match refused {
        Refusal::TooLarge { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::TooLarge,
            "too_large",
        ),
        Refusal::Slow => (
            StatusCode::REQUEST_TIMEOUT,
            ErrorKind::SlowRequest,
            "timeout",
        ),
        Refusal::Broken => (
            StatusCode::BAD_REQUEST,
            ErrorKind::SlowRequest,
            "bad_request",
        ),
    };
    let mut response = if parts.uri.path().starts_with("/fhir/") {
        let t = api_lang(&parts.headers).t();
        let (code, text) = match kind {
            ErrorKind::TooLarge => ("too-long", t.too_large_body),
            _ => ("timeout", t.slow_request_body),
        };
        (
            status,
            [
                (header::CONTENT_TYPE, crate::fhir::wire::FHIR_JSON),
                (header::CACHE_CONTROL, "no-store"),
            ],
            crate::fhir::wire::outcome("error", code, text, "").to_string(),
        )
            .into_response()
    } else if api {
        let lang = api_lang(&parts.headers);
        let t = lang.t();
        let message = match kind {
            ErrorKind::TooLarge => t.too_large_body,
            _ => t.slow_request_body,
        };
        (
            status,
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(serde_json::json!({ "error": code, "message": message })),
        )
            .into_response()
    } else {
        let lang = lang_of(&parts.headers);
        let terminal = parts
            .extensions
            .get::<Terminal>()
            .copied()
            .unwrap_or_default();
        let ctx = context_in(state, lang, terminal, routes::HOME.to_owned());
        let mut page = html_page(
            lang,
            render_document(leptos::prelude::view! { <ErrorPage ctx=ctx kind=kind /> }),
        );
        *page.status_mut() = status;
        page.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        page
    };
    if refused != (Refusal::TooLarge { drained: true }) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The API's language (as `api::lang`).
fn api_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_forms_may_be_larger_than_citizens_and_nothing_is_unbounded() {
        assert_eq!(body_limit("/operatore/agende/3"), STAFF_BODY_LIMIT);
        assert_eq!(body_limit("/prenota/scegli"), CITIZEN_BODY_LIMIT);
        assert_eq!(body_limit("/api/v1/bookings"), CITIZEN_BODY_LIMIT);
        assert_eq!(body_limit("/anything/else"), CITIZEN_BODY_LIMIT);
    }

    #[test]
    fn the_open_files_limit_is_read_and_leaves_a_reserve() {
        if let Some(limit) = open_files_limit() {
            assert!(limit > 0);
            let max = default_max_connections();
            assert!((64..=8192).contains(&max));
            assert!(max <= limit.saturating_sub(256).max(64));
        }
    }
}
