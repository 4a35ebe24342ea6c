//! The HTTP surface: routes, the middleware every response passes through, and serving.

mod fast;
mod health;
mod pages;
pub mod pass;

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use app::i18n::Lang;
use app::routes;
use app::views::{ErrorKind, ErrorPage, Kiosk, PageContext, render_document};

use crate::assets::Assets;
use crate::availability::pages as times;
use crate::backoffice::pages as backoffice;
use crate::booking::pages as booking;
use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::db::Db;
use crate::error::AppError;
use crate::facilities::Directory;
use crate::staff::pages as staff;
use crate::staff::{audit as staff_audit, console};
use pass::PassConfig;

pub use pages::LANG_COOKIE;

/// Everything a request handler may need. Cheap to clone.
/// What every handler shares. Cloned once or more per request (each layer with state, each
/// `State` extractor), so it is one `Arc`: cloning the fields themselves (moka caches, pools)
/// was the largest cost of serving a cached page.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub directory: Arc<Directory>,
    pub assets: Arc<Assets>,
    pub clock: Clock,
    pub pass: PassConfig,
    pub availability: crate::availability::cache::AvailabilityCache,
    pub snapshots: Arc<crate::snapshots::Snapshots>,
    pub admission: Arc<crate::admission::Admission>,
    pub staff_sessions: crate::staff::store::StaffSessions,
    /// Members of staff by id, briefly: a signed-in operator's request reads no staff row.
    pub staff_cache: moka::future::Cache<i64, Option<crate::staff::Staff>>,
    /// How long audit entries are kept (the daily purge deletes older ones).
    pub audit_retention_months: u32,
    /// Public waiting times (transparency), computed in the background.
    pub transparency: Arc<crate::transparency::Transparency>,
    /// Inactivity timings of kiosk terminals.
    pub kiosk: Kiosk,
    /// The key a terminal must present once to be enrolled as a kiosk (none: any browser).
    pub kiosk_key: Option<String>,
}

impl AppState {
    /// Sets how long audit entries are kept; only before the state is shared (at start).
    pub fn with_audit_retention(mut self, months: u32) -> AppState {
        Arc::get_mut(&mut self.0)
            .expect("set before the state is shared")
            .audit_retention_months = months;
        self
    }

    /// Sets the kiosk inactivity timings; only before the state is shared (at start).
    pub fn with_kiosk(mut self, kiosk: Kiosk) -> AppState {
        Arc::get_mut(&mut self.0)
            .expect("set before the state is shared")
            .kiosk = kiosk;
        self
    }

    /// Sets the key that enrols kiosk terminals; only before the state is shared (at start).
    pub fn with_kiosk_key(mut self, key: Option<String>) -> AppState {
        Arc::get_mut(&mut self.0)
            .expect("set before the state is shared")
            .kiosk_key = key.filter(|k| !k.is_empty());
        self
    }

    /// Starts what keeps the in-memory state current: the snapshot publisher and, on
    /// PostgreSQL, the listener for other instances' slot changes; and the daily audit purge.
    pub fn start_background_work(&self) {
        self.db.listen_for_changes();
        tokio::spawn(crate::journal::run_audit_purge(
            self.db.clone(),
            self.clock.clone(),
            self.audit_retention_months,
            std::time::Duration::from_secs(24 * 3600),
        ));
        tokio::spawn(
            self.staff_sessions
                .clone()
                .delete_expired(std::time::Duration::from_secs(15 * 60)),
        );
        tokio::spawn(self.admission.clone().run());
        tokio::spawn(self.snapshots.clone().run(
            self.db.clone(),
            self.catalog.clone(),
            self.directory.clone(),
            self.clock.clone(),
        ));
        tokio::spawn(self.transparency.clone().run(
            self.db.clone(),
            self.catalog.clone(),
            self.directory.clone(),
            self.clock.clone(),
        ));
    }

    /// Loads what is held in memory (catalogue, facilities, assets, the cookie key).
    pub async fn load(
        db: Db,
        clock: Clock,
        secure_cookies: bool,
        snapshot_dir: Option<std::path::PathBuf>,
        admission: crate::admission::AdmissionConfig,
    ) -> Result<AppState, sqlx::Error> {
        let admission_key = crate::secrets::get_or_create(&db, "admission").await?;
        let admission_key = cookie::Key::try_from(admission_key.as_slice())
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let key = crate::secrets::get_or_create(&db, "citizen_pass").await?;
        let key = cookie::Key::try_from(key.as_slice())
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let assets = Arc::new(Assets::load());
        let staff_sessions = crate::staff::store::StaffSessions::new(&db).await?;
        let availability = crate::availability::cache::AvailabilityCache::new(db.changes());
        availability.follow(db.changes());
        Ok(AppState(Arc::new(Shared {
            catalog: Arc::new(Catalog::load(&db).await?),
            directory: Arc::new(Directory::load(&db).await?),
            snapshots: Arc::new(crate::snapshots::Snapshots::new(
                snapshot_dir,
                assets.css_href(),
            )),
            admission: {
                let admission =
                    crate::admission::Admission::new(admission, &db, admission_key, secure_cookies);
                admission.prime().await;
                Arc::new(admission)
            },
            staff_sessions,
            transparency: Arc::new(crate::transparency::Transparency::new(assets.css_href())),
            staff_cache: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(crate::staff::pages::STAFF_CACHE_SECONDS)
                .build(),
            audit_retention_months: crate::journal::AUDIT_RETENTION_MONTHS,
            kiosk: crate::kiosk::DEFAULT_TIMES,
            kiosk_key: None,
            assets,
            availability,
            clock,
            pass: PassConfig {
                key,
                secure: secure_cookies,
            },
            db,
        })))
    }
}

/// The page context of a request, as an extractor: language, stylesheet, and the path the
/// language switch returns to.
pub struct Page(pub PageContext);

impl axum::extract::FromRequestParts<AppState> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| routes::HOME.to_owned(), |pq| pq.as_str().to_owned());
        Ok(Page(page_context(state, &parts.headers, path)))
    }
}

pub fn router(state: AppState) -> Router {
    // Staff routes carry a session (in the database); citizens' routes never touch it.
    let sessions = tower_sessions::SessionManagerLayer::new(state.staff_sessions.clone())
        .with_name(if state.pass.secure {
            "__Host-cupola_staff"
        } else {
            "cupola_staff"
        })
        .with_secure(state.pass.secure)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Strict)
        .with_path("/")
        .with_expiry(tower_sessions::Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::minutes(30),
        ));
    let staff_routes = Router::new()
        .route(routes::STAFF_HOME, get(console::home))
        .route(
            routes::STAFF_LOGIN,
            get(staff::login_form).post(staff::login_submit),
        )
        .route(routes::STAFF_LOGOUT, post(staff::logout))
        .route(routes::STAFF_SLOTS, get(staff::slots))
        // Operator console (issue 5).
        .route(
            routes::STAFF_CITIZEN_SEARCH,
            get(console::citizen_search_form).post(console::citizen_search_submit),
        )
        .route(
            routes::STAFF_CITIZEN,
            get(console::citizen_record).post(console::citizen_close),
        )
        .route(
            routes::STAFF_CITIZEN_BOOK,
            get(console::book_slots).post(console::book_submit),
        )
        .route(routes::STAFF_BOOKING, get(console::booking_receipt))
        .route(routes::STAFF_BOOKING_PRINT, get(console::booking_print))
        .route(routes::STAFF_BOOKING_QR, get(console::booking_qr))
        .route(
            routes::STAFF_BOOKING_CANCEL,
            get(console::cancel_form).post(console::cancel_submit),
        )
        .route(
            routes::STAFF_BOOKING_MOVE,
            get(console::move_slots).post(console::move_submit),
        )
        .route(
            routes::STAFF_AUDIT,
            get(staff_audit::audit_page).post(staff_audit::audit_search),
        )
        .route(routes::STAFF_AGENDAS, get(backoffice::list))
        .route(
            routes::STAFF_AGENDA_NEW,
            get(backoffice::new_form).post(backoffice::create),
        )
        .route(routes::STAFF_AGENDA, get(backoffice::show))
        .route(
            routes::STAFF_AGENDA_TEMPLATE,
            post(backoffice::add_template),
        )
        .route(routes::STAFF_AGENDA_GENERATE, post(backoffice::generate))
        .route(routes::STAFF_AGENDA_EXTRA, post(backoffice::extra))
        .route(routes::STAFF_AGENDA_SUSPEND, post(backoffice::suspend))
        .layer(sessions);
    Router::new()
        .merge(staff_routes)
        .route(routes::HOME, get(pages::home))
        .route(routes::KIOSK, get(crate::kiosk::home))
        .route(routes::KIOSK_END, post(crate::kiosk::end))
        .route(routes::CATALOG, get(pages::catalog))
        .route(routes::LANGUAGE, get(pages::set_language))
        .route(routes::SOURCES, get(pages::sources))
        .route(
            routes::BOOK,
            get(booking::prescription_form).post(booking::prescription_submit),
        )
        .route(routes::BOOK_SLOTS, get(booking::slots))
        .route(
            routes::BOOK_CHOOSE,
            get(booking::choose_get).post(booking::choose),
        )
        .route(
            routes::BOOK_CONFIRM,
            get(booking::confirm_form).post(booking::confirm_submit),
        )
        .route(routes::BOOK_RELEASE, post(booking::release))
        .route(
            routes::BOOK_WAITLIST,
            get(booking::waitlist_page).post(booking::waitlist_join),
        )
        .route(
            routes::MY_BOOKINGS,
            get(booking::lookup_form).post(booking::lookup_submit),
        )
        .route(routes::RECEIPT, get(booking::receipt))
        .route(routes::RECEIPT_PRINT, get(booking::receipt_print))
        .route(routes::RECEIPT_ICS, get(booking::receipt_ics))
        .route(routes::RECEIPT_QR, get(booking::receipt_qr))
        .route(
            routes::CANCEL,
            get(booking::cancel_form).post(booking::cancel_submit),
        )
        .route(
            routes::MOVE,
            get(booking::move_slots).post(booking::move_choose),
        )
        .route(
            routes::MOVE_CONFIRM,
            get(booking::move_confirm_form).post(booking::move_confirm_submit),
        )
        .route(routes::WAITING_TIMES, get(times::index))
        .route(routes::WAITING_TIMES_SERVICE, get(times::service))
        .route(routes::WAITING_TIMES_SERVICE_JSON, get(times::service_json))
        .route(routes::WAITING_TIMES_AREA, get(times::area))
        .route(routes::WAITING_TIMES_AREA_JSON, get(times::area_json))
        .route(routes::TRANSPARENCY, get(crate::transparency::page))
        .route(routes::TRANSPARENCY_CSV, get(crate::transparency::csv))
        .route(routes::TRANSPARENCY_JSON, get(crate::transparency::json))
        .merge(crate::api::routes())
        .route(routes::HEALTHZ, get(health::healthz))
        .route("/metrics", get(crate::telemetry::metrics))
        .route(routes::READYZ, get(health::readyz))
        .fallback(static_or_not_found)
        .layer(middleware::from_fn_with_state(state.clone(), error_pages))
        .layer(middleware::from_fn(same_origin_posts))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::admission::admit,
        ))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::kiosk::no_store,
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Without TCP_NODELAY small responses on kept-alive connections wait for delayed ACKs.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let service = fast::FastPath::new(state.clone(), router(state));
    axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(service),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// The language of the person asking: their remembered choice, else Italian.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .unwrap_or_default()
}

pub fn page_context(state: &AppState, headers: &HeaderMap, path: String) -> PageContext {
    PageContext {
        lang: lang_of(headers),
        css_href: state.assets.css_href(),
        path,
        kiosk: crate::kiosk::is_kiosk(headers, &state.pass).then_some(state.kiosk),
    }
}

/// A rendered page: HTML, its language, and revalidation on every visit (pages follow the
/// language cookie, so they vary by it).
pub fn html_page(lang: Lang, document: String) -> Response {
    let mut response = Html(document).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

async fn static_or_not_found(State(state): State<AppState>, request: Request) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(asset) = state.assets.get(request.uri().path())
    {
        return asset.respond(request.headers());
    }
    AppError::NotFound.into_response()
}

/// Replaces the empty body of an error response with a page in the person's language.
async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = lang_of(request.headers());
    let kiosk = crate::kiosk::is_kiosk(request.headers(), &state.pass).then_some(state.kiosk);
    let response = next.run(request).await;
    let Some(kind) = response.extensions().get::<ErrorKind>().copied() else {
        return response;
    };
    let ctx = PageContext {
        lang,
        css_href: state.assets.css_href(),
        path: routes::HOME.to_owned(),
        kiosk,
    };
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
/// The JSON API is exempt: it takes no cookie, so a forged request carries no one's authority.
async fn same_origin_posts(request: Request, next: Next) -> Response {
    if request.method() == Method::POST && !request.uri().path().starts_with("/api/") {
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

/// A strict Content-Security-Policy (no inline script or style anywhere) and the usual hardening.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    set_security_headers(response.headers_mut());
    response
}

/// The security headers of every answer (those a handler set itself are kept).
fn set_security_headers(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
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
async fn log_requests(request: Request, next: Next) -> Response {
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
fn record_request(method: &Method, route: &str, status: StatusCode, started: Instant) {
    let labels = [
        ("method", method.as_str().to_owned()),
        ("route", route.to_owned()),
        ("status", status.as_str().to_owned()),
    ];
    metrics::counter!("cupola_http_requests_total", &labels).increment(1);
    metrics::histogram!("cupola_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
}
