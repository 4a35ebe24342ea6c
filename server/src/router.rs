//! Cupola as one HTTP service: every feature's routes, the middleware stack in the order each
//! request meets it, the fast path in front, and serving with a graceful shutdown.
//!
//! A request meets, from the outside in: the fast path (snapshots and static files from
//! memory, and the shed answer when a lane is full); then logs and metrics, compression, the
//! terminal mark (kiosk or not, checked once), `no-store` on kiosks, security headers, the
//! panic catcher, the whole body read (within its size and time limits, `web::limits`),
//! admission (lanes, capacity, waiting room), the refusal of cross-site form posts, and the
//! error pages; then the route, whose own layers (staff sessions, role guards,
//! the API's JSON errors) come last.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::fast::FastPath;
use crate::web::limits::{self, BodyReadTimeout, EdgeLimits};
use crate::web::{middleware, operators, terminal};

/// Who an address serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// One address for everything (the default).
    Everyone,
    /// The public address when the staff area has its own: staff pages are not found here.
    Public,
    /// The staff area's own address (`CUPOLA_OPERATOR_ADDR`): citizens' booking pages and API
    /// are not found here, so no citizen flood can come through it.
    Staff,
}

impl Audience {
    fn serves(self, path: &str) -> bool {
        use crate::db::Lane;
        match (self, crate::admission::lane_of(path)) {
            (Audience::Everyone, _) => true,
            (Audience::Public, lane) => lane != Some(Lane::Operator),
            (Audience::Staff, lane) => lane != Some(Lane::Citizen),
        }
    }
}

/// The whole application, for one audience.
pub fn app_for(state: AppState, audience: Audience) -> Router {
    let app = app(state);
    if audience == Audience::Everyone {
        return app;
    }
    app.layer(from_fn(
        move |request: Request, next: axum::middleware::Next| async move {
            if audience.serves(request.uri().path()) {
                next.run(request).await
            } else {
                AppError::NotFound.into_response()
            }
        },
    ))
}

/// The whole application.
pub fn app(state: AppState) -> Router {
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
    let staff_area = crate::staff::routes(&state)
        .merge(crate::backoffice::pages::routes(&state))
        .merge(crate::guarantee::pages::routes(&state))
        .merge(crate::suspensions::staff_routes(&state))
        .layer(sessions);
    // Citizens' booking pages and signing in carry the signed-in citizen's session, if any
    // (loaded only when the browser has its cookie).
    let citizen_area = crate::booking::journey::routes()
        .merge(crate::citizen::routes())
        .layer(crate::citizen::session::layer(&state));
    Router::new()
        .merge(staff_area)
        .merge(crate::site::routes())
        .merge(crate::legal::routes())
        .merge(crate::kiosk::routes())
        .merge(citizen_area)
        .merge(crate::availability::pages::routes())
        .merge(crate::transparency::pages::routes())
        .merge(crate::suspensions::routes())
        .merge(crate::api::routes())
        .merge(crate::fhir::routes())
        .merge(crate::health::routes())
        .fallback(static_or_not_found)
        .layer(from_fn_with_state(state.clone(), middleware::error_pages))
        .layer(from_fn(middleware::same_origin_posts))
        .layer(from_fn_with_state(
            state.clone(),
            crate::admission::gate::admit,
        ))
        .layer(from_fn_with_state(state.clone(), limits::bodies))
        .layer(CatchPanicLayer::new())
        .layer(from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(from_fn(middleware::kiosk_no_store))
        .layer(from_fn_with_state(state.clone(), terminal::mark))
        // Pages made per request are compressed as they are sent, in gzip only. tower-http
        // makes a brotli stream with brotli's default 4 MB window, which it does not let us
        // set: from a page of 5 KB up that took 8.7-8.9 MB of memory while it lasted, against
        // 0.3 MB for gzip, for a body 4-13 % smaller (BENCHMARKS.md, "Compression's memory").
        // At a peak, a few hundred such pages being sent at once, or held by slow readers, would
        // be gigabytes. Prepared bytes (static files, snapshots, cached pages) carry their own
        // brotli, made once with a window fitted to them (`assets::brotli_window`).
        .layer(
            CompressionLayer::new()
                .no_br()
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(from_fn(middleware::log_requests))
        .layer(from_fn(operators::schedule))
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes the requests in flight; with the default
/// edge limits.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    audience: Audience,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, audience, EdgeLimits::default(), shutdown).await
}

/// Serves HTTP/1.1 (and HTTP/2 with prior knowledge) under `limits` until `shutdown` completes;
/// then stops accepting, lets the requests in flight finish, and returns once every connection
/// is closed.
///
/// * At most `max_connections` connections are open at once: beyond it, new ones wait in the
///   listen queue until a place frees up.
/// * A connection must send a request's headers within `header_read_timeout` of opening (and,
///   on HTTP/1, of its previous answer); a connection with nothing in flight for
///   `idle_timeout` is closed; bodies have `body_read_timeout` (`web::limits::bodies`).
/// * Each request carries its peer's address (`ConnectInfo`, read by `web::client`) and the
///   body-read timeout.
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    audience: Audience,
    limits: EdgeLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = FastPath::new(
        state.clone(),
        app_for(state, audience),
        audience != Audience::Staff,
    );
    let limits = Arc::new(EdgeLimits {
        max_connections: limits.max_connections.clamp(1, u32::MAX as usize),
        ..limits
    });
    let builder = Arc::new(connection_builder(&limits));
    let places = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopped) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let place = tokio::select! {
            () = &mut shutdown => break,
            place = places.clone().acquire_owned() => match place {
                Ok(place) => place,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    accept_failed(err).await;
                    continue;
                }
            },
        };
        // Without TCP_NODELAY small responses on kept-alive connections wait for delayed ACKs.
        let _ = stream.set_nodelay(true);
        metrics::gauge!("cupola_open_connections")
            .set((limits.max_connections - places.available_permits()) as f64);
        tokio::spawn(serve_connection(
            Connection {
                stream,
                peer,
                _place: place,
            },
            builder.clone(),
            service.clone(),
            limits.clone(),
            stopped.clone(),
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    // Each connection gives its place back as it closes: all back, all closed.
    let _ = places.acquire_many(limits.max_connections as u32).await;
    Ok(())
}

/// How HTTP is spoken on every connection.
fn connection_builder(limits: &EdgeLimits) -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        // hyper's smallest read buffer is 8 KiB; headers beyond it are refused (431).
        .max_buf_size(limits.max_header_bytes.max(8192));
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_concurrent_streams(limits.h2_max_concurrent_streams)
        .max_header_list_size(u32::try_from(limits.max_header_bytes).unwrap_or(u32::MAX))
        // Rapid reset: streams opened and cancelled at once cost the server, not the client.
        .max_pending_accept_reset_streams(Some(32))
        .max_local_error_reset_streams(Some(256));
    builder
}

/// A failed accept: a client gone before it was accepted is nothing; anything else (out of file
/// descriptors, say) is logged and waited out a moment instead of spinning.
async fn accept_failed(err: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::warn!(error = %err, "cannot accept a connection");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// An accepted connection and its place among the `max_connections`.
struct Connection {
    stream: TcpStream,
    peer: SocketAddr,
    _place: OwnedSemaphorePermit,
}

/// How long a stopping server lets its connections finish what is in flight.
const DRAIN: Duration = Duration::from_secs(30);

async fn serve_connection(
    connection: Connection,
    builder: Arc<auto::Builder<TokioExecutor>>,
    service: FastPath,
    limits: Arc<EdgeLimits>,
    mut stopped: watch::Receiver<bool>,
) {
    let Connection {
        stream,
        peer,
        _place,
    } = connection;
    let activity = Arc::new(Activity::new());
    let body_timeout = BodyReadTimeout(limits.body_read_timeout);
    let hyper_service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let busy = Busy::begin(&activity);
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            request.extensions_mut().insert(body_timeout);
            let call = tower::ServiceExt::oneshot(service.clone(), request);
            async move {
                let response = call.await?;
                // Busy until the answer is written (its body dropped).
                Ok::<_, Infallible>(response.map(|body| {
                    Body::new(Watched {
                        inner: body,
                        _busy: busy,
                    })
                }))
            }
        })
    };
    let connection = builder.serve_connection(TokioIo::new(stream), hyper_service);
    tokio::pin!(connection);
    let mut drain_until: Option<Instant> = None;
    loop {
        let quiet_at = activity.quiet_deadline(&limits);
        let wake = drain_until.map_or(quiet_at, |d| d.min(quiet_at));
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(error = %err, "connection ended with an error");
                }
                return;
            }
            () = async { let _ = stopped.wait_for(|stop| *stop).await; }, if drain_until.is_none() => {
                connection.as_mut().graceful_shutdown();
                drain_until = Some(Instant::now() + DRAIN);
            }
            () = tokio::time::sleep_until(wake) => {
                let now = Instant::now();
                if drain_until.is_some_and(|d| d <= now) {
                    return;
                }
                if activity.quiet_deadline(&limits) <= now {
                    // Nothing in flight, nothing asked: the place goes to someone else.
                    metrics::counter!("cupola_idle_connections_closed_total").increment(1);
                    return;
                }
            }
        }
    }
}

/// What a connection is doing: requests started, requests in flight (until their answer is
/// written), and when the last one ended.
struct Activity {
    opened: Instant,
    started: AtomicU64,
    in_flight: AtomicU64,
    /// Milliseconds from `opened` to the end of the last answer.
    last_ended: AtomicU64,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            opened: Instant::now(),
            started: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            last_ended: AtomicU64::new(0),
        }
    }

    /// When the connection will have been quiet too long: `header_read_timeout` after opening
    /// with no request yet (a client that sends nothing, or half a preface), `idle_timeout`
    /// after the last answer; never while a request is in flight (then: look again later).
    fn quiet_deadline(&self, limits: &EdgeLimits) -> Instant {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return Instant::now() + limits.idle_timeout;
        }
        if self.started.load(Ordering::Acquire) == 0 {
            return self.opened + limits.header_read_timeout;
        }
        self.opened
            + Duration::from_millis(self.last_ended.load(Ordering::Acquire))
            + limits.idle_timeout
    }
}

/// A request in flight on a connection, until dropped.
struct Busy(Arc<Activity>);

impl Busy {
    fn begin(activity: &Arc<Activity>) -> Busy {
        activity.started.fetch_add(1, Ordering::AcqRel);
        activity.in_flight.fetch_add(1, Ordering::AcqRel);
        Busy(activity.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let since = self.0.opened.elapsed().as_millis() as u64;
        self.0.last_ended.fetch_max(since, Ordering::AcqRel);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An answer's body that keeps its connection busy until it is written.
struct Watched {
    inner: Body,
    _busy: Busy,
}

impl hyper::body::Body for Watched {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

/// Static files the fast path did not take (a HEAD, say), else the page not found.
async fn static_or_not_found(State(state): State<AppState>, request: Request) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(asset) = state.assets.get(request.uri().path())
    {
        return asset.respond(request.headers());
    }
    AppError::NotFound.into_response()
}

#[cfg(test)]
mod tests {
    use super::Audience;

    #[test]
    fn each_address_serves_its_audience() {
        for path in ["/operatore", "/operatore/accesso", "/api/v1/operatore/x"] {
            assert!(Audience::Everyone.serves(path), "{path}");
            assert!(!Audience::Public.serves(path), "{path}");
            assert!(Audience::Staff.serves(path), "{path}");
        }
        for path in [
            "/prenota",
            "/prenotazioni/ABC",
            "/api/v1/bookings",
            "/api/v1/availability",
        ] {
            assert!(Audience::Everyone.serves(path), "{path}");
            assert!(Audience::Public.serves(path), "{path}");
            assert!(!Audience::Staff.serves(path), "{path}");
        }
        // Public pages and files are served on both.
        for path in ["/", "/prestazioni", "/lingua/en", "/static/app.css"] {
            assert!(
                Audience::Public.serves(path) && Audience::Staff.serves(path),
                "{path}"
            );
        }
    }
}
