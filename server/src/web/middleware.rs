//! The middleware every answer passes through: request logs and metrics, security headers,
//! refusal of cross-site form posts, `no-store` on kiosks, and error pages in the person's
//! language. The order they run in is `router`'s.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::routes;
use app::views::{ErrorKind, ErrorPage, render_document};

use super::page::{context_in, html_page, lang_of};
use super::terminal::Terminal;
use crate::state::AppState;

/// Replaces the empty body of an error response with a page in the person's language.
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let terminal = request
        .extensions()
        .get::<Terminal>()
        .copied()
        .unwrap_or_default();
    let lang = lang_of(request.headers());
    let response = next.run(request).await;
    let Some(kind) = response.extensions().get::<ErrorKind>().copied() else {
        return response;
    };
    let ctx = context_in(&state, lang, terminal, routes::HOME.to_owned());
    let (mut parts, _) = response.into_parts();
    let page = html_page(
        lang,
        render_document(leptos::prelude::view! { <ErrorPage ctx=ctx kind=kind /> }),
    );
    let (page_parts, body) = page.into_parts();
    for (name, value) in &page_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

/// Refuses form posts sent from another site (cross-site request forgery): browsers send
/// `Origin` with every POST, and it must name this host. The pass cookie is also SameSite=Lax.
///
/// The JSON API and FHIR are exempt: they take no cookie, so a forged request carries no one's
/// authority.
pub async fn same_origin_posts(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() == Method::POST && !path.starts_with("/api/") && !path.starts_with("/fhir/")
    {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok());
        if let (Some(host), Some(origin)) = (host, origin) {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            if origin == "null" || origin_host != host {
                tracing::warn!("cross-site form post refused");
                return (
                    axum::http::StatusCode::FORBIDDEN,
                    "cross-site request refused",
                )
                    .into_response();
            }
        }
    }
    next.run(request).await
}

/// On kiosks nothing is kept: every answer is `no-store` (no receipt in any cache, no page
/// restored by the back button after the reset).
pub async fn kiosk_no_store(request: Request, next: Next) -> Response {
    let kiosk = request
        .extensions()
        .get::<Terminal>()
        .is_some_and(|t| t.is_kiosk())
        || request.uri().path().starts_with(routes::KIOSK);
    let mut response = next.run(request).await;
    if kiosk {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A strict Content-Security-Policy (no inline script or style anywhere) and the usual hardening;
/// behind HTTPS (secure cookies), HSTS.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    set_security_headers(response.headers_mut(), state.pass.secure);
    response
}

/// The security headers of every answer (those a handler set itself are kept). `https`: Cupola
/// is served over HTTPS (`CUPOLA_SECURE_COOKIES`), so browsers are told to use nothing else
/// for two years, subdomains included. Never over plain HTTP: a trial on a laptop would lock
/// its browser out of `http://localhost` sites.
pub fn set_security_headers(headers: &mut HeaderMap, https: bool) {
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
    if https {
        set(
            headers,
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "same-origin");
    // Stylesheets, images and the manifest are never documents nor scripts: the policies below
    // would do nothing for them and cost half a kilobyte each on a first visit.
    let passive = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("text/css")
                || t.starts_with("image/")
                || t.starts_with("application/manifest+json")
        });
    if passive {
        return;
    }
    set(
        headers,
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, "x-frame-options", "DENY");
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
}

/// One log line per request: method, route pattern, status, duration. Never the URL itself.
pub async fn log_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map_or_else(
        || "(static or unknown)".to_owned(),
        |p| p.as_str().to_owned(),
    );
    let response = next.run(request).await;
    tracing::info!(
        http.method = %method,
        http.route = %route,
        http.status = response.status().as_u16(),
        http.duration_us = started.elapsed().as_micros() as u64,
        "request"
    );
    record_request(&method, &route, response.status(), started);
    response
}

/// Request metrics: count and latency by method, route pattern and status.
pub fn record_request(method: &Method, route: &str, status: StatusCode, started: Instant) {
    let labels = [
        ("method", method.as_str().to_owned()),
        ("route", route.to_owned()),
        ("status", status.as_str().to_owned()),
    ];
    metrics::counter!("cupola_http_requests_total", &labels).increment(1);
    metrics::histogram!("cupola_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
}
