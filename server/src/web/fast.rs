//! The fast path: what a crowd asks for most — the published availability snapshots, the static
//! files and every other anonymous, cacheable read (`web::prepared`) — answered from memory
//! before the router and its middleware stack; and, when a lane is full, the shed answer.
//!
//! Each of those layers costs little, but together they tripled the time to serve a snapshot.
//! A request taken here gets exactly what the full stack would give it (the same bytes, ETag,
//! `Vary`, cache and security headers, request metrics); anything else, including a snapshot
//! not yet published or an unknown service, goes through the router as before. These requests
//! are counted in `/metrics` but not logged one by one (like static files behind nginx).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::response::Response;
use futures::future::{Either, Ready, ready};
use tower::Service;

use super::middleware::{record_request, set_security_headers};
use super::page::lang_of;
use super::prepared::{Lookup, Prepared};
use crate::assets::Compressed;
use crate::state::AppState;

#[derive(Clone)]
pub struct FastPath {
    state: AppState,
    router: Router,
    prepared: Arc<Prepared>,
}

impl FastPath {
    /// `citizens`: whether this address serves citizens' booking lane (not the staff area's own).
    pub fn new(state: AppState, router: Router, citizens: bool) -> FastPath {
        FastPath {
            state,
            router,
            prepared: Arc::new(Prepared::new(citizens)),
        }
    }
}

type Preparing = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl Service<Request> for FastPath {
    type Response = Response;
    type Error = Infallible;
    type Future = Either<
        Ready<Result<Response, Infallible>>,
        Either<<Router as Service<Request>>::Future, Preparing>,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        <Router as Service<Request>>::poll_ready(&mut self.router, cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let started = Instant::now();
        if let Some(response) = answer(&self.state, &request) {
            return Either::Left(ready(Ok(response)));
        }
        // A prepared answer costs no more than the shed one: given even when the lane is full
        // (the availability API is in the citizens' lane).
        let lookup = self.prepared.lookup(&self.state, &request);
        if let Lookup::Answer(response) = lookup {
            return Either::Left(ready(Ok(response)));
        }
        if let Some(response) = shed(&self.state, &request, started) {
            return Either::Left(ready(Ok(response)));
        }
        match lookup {
            Lookup::Answer(response) => Either::Left(ready(Ok(response))),
            Lookup::Prepare(plan, key) => {
                let preparing = self.prepared.clone().prepare(
                    self.state.clone(),
                    self.router.clone(),
                    request,
                    plan,
                    key,
                );
                Either::Right(Either::Right(Box::pin(async move { Ok(preparing.await) })))
            }
            Lookup::Pass => Either::Right(Either::Left(self.router.call(request))),
        }
    }
}

/// Which snapshot a path names: `/tempi-di-attesa/{code}[/zona/{area}][/dati.json]`.
#[derive(Debug, PartialEq, Eq)]
struct SnapshotPath<'a> {
    code: &'a str,
    area: Option<i64>,
    json: bool,
}

fn snapshot_path(path: &str) -> Option<SnapshotPath<'_>> {
    let rest = path.strip_prefix("/tempi-di-attesa/")?;
    let (rest, json) = match rest.strip_suffix("/dati.json") {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let mut parts = rest.split('/');
    let code = parts.next().filter(|c| !c.is_empty())?;
    let area = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => None,
        (Some("zona"), Some(area), None) => Some(area.parse().ok()?),
        _ => return None,
    };
    Some(SnapshotPath { code, area, json })
}

/// Beyond capacity, the cheapest possible answer: before the router, the middleware, the
/// waiting room and the database.
fn shed(state: &AppState, request: &Request, started: Instant) -> Option<Response> {
    let mut response = state.admission.shed_if_full(request.uri().path())?;
    set_security_headers(response.headers_mut(), state.pass.secure);
    record_request(request.method(), "(shed)", response.status(), started);
    crate::telemetry::record_shed("door", started);
    Some(response)
}

/// Snapshots and static files (in no lane: never shed).
fn answer(state: &AppState, request: &Request) -> Option<Response> {
    let started = Instant::now();
    let path = request.uri().path();
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return None;
    }
    let headers = request.headers();
    let (route, mut response) = if let Some(asset) = state.assets.get(path) {
        ("(static or unknown)", asset.respond(headers))
    } else {
        let wanted = snapshot_path(path)?;
        let service = state.catalog.by_code(wanted.code)?;
        let published = state.snapshots.get(service.row.id)?;
        let lang = lang_of(headers);
        let (route, body, html): (&'static str, &Compressed, bool) = match wanted {
            SnapshotPath {
                area: None,
                json: false,
                ..
            } => (
                app::routes::WAITING_TIMES_SERVICE,
                published.html(lang),
                true,
            ),
            SnapshotPath {
                area: None,
                json: true,
                ..
            } => (
                app::routes::WAITING_TIMES_SERVICE_JSON,
                &published.json,
                false,
            ),
            SnapshotPath {
                area: Some(area),
                json: false,
                ..
            } => (
                app::routes::WAITING_TIMES_AREA,
                published.area_html(area, lang)?,
                true,
            ),
            SnapshotPath {
                area: Some(area),
                json: true,
                ..
            } => (
                app::routes::WAITING_TIMES_AREA_JSON,
                published.area_json(area)?,
                false,
            ),
        };
        let mut response = body.respond(headers);
        if html {
            // The page's language follows the cookie: caches must key on it too.
            response.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
            );
        }
        (route, response)
    };
    set_security_headers(response.headers_mut(), state.pass.secure);
    record_request(request.method(), route, response.status(), started);
    Some(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_paths_are_recognised_and_nothing_else() {
        let page = |code, area, json| Some(SnapshotPath { code, area, json });
        assert_eq!(
            snapshot_path("/tempi-di-attesa/89.7A.3"),
            page("89.7A.3", None, false)
        );
        assert_eq!(
            snapshot_path("/tempi-di-attesa/89.7A.3/dati.json"),
            page("89.7A.3", None, true)
        );
        assert_eq!(
            snapshot_path("/tempi-di-attesa/89.7A.3/zona/4"),
            page("89.7A.3", Some(4), false)
        );
        assert_eq!(
            snapshot_path("/tempi-di-attesa/89.7A.3/zona/4/dati.json"),
            page("89.7A.3", Some(4), true)
        );
        assert_eq!(snapshot_path("/tempi-di-attesa"), None);
        assert_eq!(snapshot_path("/tempi-di-attesa/"), None);
        assert_eq!(snapshot_path("/tempi-di-attesa/89.7A.3/zona/x"), None);
        assert_eq!(snapshot_path("/tempi-di-attesa/89.7A.3/zona/4/altro"), None);
        assert_eq!(snapshot_path("/tempi-di-attesa/89.7A.3/altro"), None);
        assert_eq!(snapshot_path("/prenota"), None);
    }
}
