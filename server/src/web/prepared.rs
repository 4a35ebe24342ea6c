//! Prepared answers: every anonymous, cacheable GET that a crowd sends most (home, catalogue and
//! its searches, the waiting-times index, the legal and sources pages, `/api/v1/services`,
//! `/api/v1/availability` without a prescription, the transparency page and open data, the FHIR
//! directory) answered from memory by the fast path, as bytes rendered once per language and
//! compressed once (brotli, gzip), with an ETag and 304.
//!
//! An answer is prepared by sending the request, made canonical, through the whole stack once
//! (so it has exactly the bytes and headers the stack gives); what comes back is kept when it is
//! a 200 meant for anyone (no `Set-Cookie`, no `private` or `no-store`). Requests that may be
//! personal never come here: any cookie but the language's, an `Authorization` header, a kiosk.
//!
//! Each kept answer knows what it was made from, and is dropped on its next request once that
//! changed: availability by the service's version on the change bus (the snapshots' own, which on
//! PostgreSQL also carries the other instances' changes), everything by a change to every
//! service (`changes::ALL`), published figures (transparency, FHIR directory) after a few
//! seconds, and anything after a minute at most. The cache is bounded in bytes, so a script
//! searching for random words costs what it cost before, and evicts little that others use.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use app::i18n::Lang;
use app::routes;

use super::middleware::record_request;
use super::page::{LANG_COOKIE, lang_of};
use crate::assets::{Compressed, Effort};
use crate::changes::ALL;
use crate::state::AppState;

/// Answers from memory (`hit`), made and kept (`made`), made and not kept (`not_kept`).
pub const PREPARED_TOTAL: &str = "cupola_prepared_answers_total";
/// Bytes kept in all (identity and both compressions of every answer).
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The largest answer kept.
const MAX_BODY: u64 = 4 * 1024 * 1024;
/// Nothing is kept longer than this, whatever it depends on.
const AT_MOST: Duration = Duration::from_secs(60);
/// Published figures (transparency, FHIR directory) are recomputed in the background: a kept
/// answer follows them within this.
const FIGURES: Duration = Duration::from_secs(5);
/// Longest search kept (the pages cut longer ones too).
const MAX_QUERY_CHARS: usize = 100;

/// What a prepared answer was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The catalogue and fixed texts: only a change to every service drops it.
    Fixed,
    /// One service's free slots: its version on the change bus.
    Service(i64),
    /// Figures published in the background.
    Figures,
}

/// How a request is prepared: its route (for metrics), its canonical address, its source.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    route: &'static str,
    uri: String,
    source: Source,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Key {
    uri: String,
    /// The page's language (cookie, else `Accept-Language`) and the API's (`Accept-Language`
    /// only): together they decide the language of anything prepared.
    page_lang: Lang,
    api_lang: Lang,
    /// FHIR answers follow `Accept` too.
    accept: Option<HeaderValue>,
}

struct Entry {
    body: Compressed,
    /// The stack's own headers (security headers, language, disposition…), less the ones
    /// `Compressed` sets per request.
    headers: HeaderMap,
    vary: HeaderValue,
    /// The version of the source when the answer was made (change bus), and when.
    version: u64,
    made: Instant,
    source: Source,
}

pub struct Prepared {
    entries: moka::sync::Cache<Key, Arc<Entry>>,
    /// False on the staff area's own address, where citizens' booking lane is not served.
    citizens: bool,
}

impl Prepared {
    pub fn new(citizens: bool) -> Prepared {
        Prepared {
            entries: moka::sync::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|_, entry: &Arc<Entry>| entry.weight())
                .time_to_live(AT_MOST)
                .build(),
            citizens,
        }
    }

    /// What the fast path does with a request: answer it now from memory, prepare it (send it
    /// through the stack and keep the answer), or leave it to the stack.
    pub fn lookup(&self, state: &AppState, request: &Request) -> Lookup {
        let Some((plan, key)) = self.plan_of(state, request) else {
            return Lookup::Pass;
        };
        // While the database does not answer, free slots come from the stack, marked stale.
        if matches!(plan.source, Source::Service(_)) && !state.db.health().is_healthy() {
            return Lookup::Pass;
        }
        if let Some(entry) = self.entries.get(&key) {
            if entry.current(state) {
                let started = Instant::now();
                let response = entry.respond(request.headers());
                metrics::counter!(PREPARED_TOTAL, "outcome" => "hit").increment(1);
                record_request(request.method(), plan.route, response.status(), started);
                return Lookup::Answer(response);
            }
            self.entries.invalidate(&key);
        }
        if request.method() == Method::GET {
            Lookup::Prepare(plan, key)
        } else {
            Lookup::Pass
        }
    }

    fn plan_of(&self, state: &AppState, request: &Request) -> Option<(Plan, Key)> {
        if !matches!(*request.method(), Method::GET | Method::HEAD) || !anonymous(request.headers())
        {
            return None;
        }
        let path = request.uri().path();
        if !self.citizens && crate::admission::lane_of(path) == Some(crate::db::Lane::Citizen) {
            return None;
        }
        let plan = plan(state, path, request.uri().query())?;
        let headers = request.headers();
        let key = Key {
            page_lang: lang_of(headers),
            api_lang: crate::api::lang::lang_of(headers),
            accept: path
                .starts_with("/fhir/")
                .then(|| headers.get(header::ACCEPT).cloned())
                .flatten()
                .filter(|a| a.len() <= 200),
            uri: plan.uri.clone(),
        };
        Some((plan, key))
    }

    /// Sends the canonical request through the stack, keeps the answer if it may be kept, and
    /// answers the request with it.
    pub async fn prepare(
        self: Arc<Self>,
        state: AppState,
        router: Router,
        request: Request,
        plan: Plan,
        key: Key,
    ) -> Response {
        // Read before the answer is made: a change meanwhile leaves it already out of date.
        let version = version_of(&state, plan.source);
        let client_headers = request.headers().clone();
        let (mut parts, body) = request.into_parts();
        parts.uri = plan.uri.parse::<Uri>().unwrap_or(parts.uri);
        for name in [
            header::ACCEPT_ENCODING,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::RANGE,
        ] {
            parts.headers.remove(name);
        }
        let response = match router.oneshot(Request::from_parts(parts, body)).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        if !keepable(&response) {
            metrics::counter!(PREPARED_TOTAL, "outcome" => "not_kept").increment(1);
            return response;
        }
        let (parts, body) = response.into_parts();
        let bytes = match axum::body::to_bytes(body, MAX_BODY as usize).await {
            Ok(bytes) => bytes,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        let entry = Arc::new(Entry::of(parts.headers, bytes, plan.source, version));
        let response = entry.respond(&client_headers);
        self.entries.insert(key, entry);
        metrics::counter!(PREPARED_TOTAL, "outcome" => "made").increment(1);
        response
    }
}

/// What the fast path does with a request.
pub enum Lookup {
    Answer(Response),
    Prepare(Plan, Key),
    Pass,
}

impl Entry {
    fn of(mut headers: HeaderMap, body: Bytes, source: Source, version: u64) -> Entry {
        let content_type = headers
            .remove(header::CONTENT_TYPE)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        let cache_control = headers
            .remove(header::CACHE_CONTROL)
            .unwrap_or(HeaderValue::from_static("no-cache"));
        let vary = match headers.remove(header::VARY) {
            Some(theirs) => {
                let theirs = theirs.to_str().unwrap_or_default();
                if theirs
                    .split(',')
                    .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
                {
                    HeaderValue::from_str(theirs)
                } else {
                    HeaderValue::from_str(&format!("Accept-Encoding, {theirs}"))
                }
                .unwrap_or(HeaderValue::from_static("Accept-Encoding"))
            }
            None => HeaderValue::from_static("Accept-Encoding"),
        };
        for name in [
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
            header::ETAG,
            header::DATE,
            header::LAST_MODIFIED,
        ] {
            headers.remove(name);
        }
        Entry {
            body: Compressed::with(body, content_type, cache_control, Effort::Fast),
            headers,
            vary,
            version,
            made: Instant::now(),
            source,
        }
    }

    fn weight(&self) -> u32 {
        let size = |b: Option<&Bytes>| b.map_or(0, Bytes::len);
        let bytes =
            self.body.identity().len() + size(self.body.gzip()) + size(self.body.brotli()) + 512;
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }

    fn current(&self, state: &AppState) -> bool {
        if self.made.elapsed() >= AT_MOST {
            return false;
        }
        match self.source {
            Source::Figures => self.made.elapsed() < FIGURES,
            source => version_of(state, source) == self.version,
        }
    }

    fn respond(&self, request_headers: &HeaderMap) -> Response {
        let mut response = self.body.respond(request_headers);
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        headers.insert(header::VARY, self.vary.clone());
        response
    }
}

fn version_of(state: &AppState, source: Source) -> u64 {
    let changes = state.db.changes();
    match source {
        Source::Service(id) => changes.version(id),
        // A change to every service moves every service's version to at least this.
        Source::Fixed | Source::Figures => changes.version(ALL),
    }
}

/// No cookie but the language's, no credentials: nothing personal can be in the answer.
fn anonymous(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .all(|value| match value.to_str() {
            Ok(text) => cookie::Cookie::split_parse(text).all(|c| match c {
                Ok(c) => c.name() == LANG_COOKIE,
                Err(_) => false,
            }),
            Err(_) => false,
        })
}

/// A 200 meant for anyone, not stale, of a size known and kept.
fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    let private = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("private") || v.contains("no-store"));
    response.status() == StatusCode::OK
        && !private
        && !headers.contains_key(header::WARNING)
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && response
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| n <= MAX_BODY)
}

/// The FHIR resources of the directory (published at most once a minute; not Slot, which is
/// availability, nor Appointment, which is personal).
const FHIR_DIRECTORY: [&str; 4] = ["Organization", "Location", "HealthcareService", "Schedule"];

/// Which requests are prepared, and their canonical address.
fn plan(state: &AppState, path: &str, query: Option<&str>) -> Option<Plan> {
    let query = query.unwrap_or_default();
    let fixed = |route: &'static str| {
        query.is_empty().then(|| Plan {
            route,
            uri: route.to_owned(),
            source: Source::Fixed,
        })
    };
    let search = |route: &'static str, source: Source| {
        let params = canonical(query, &["q"])?;
        Some(Plan {
            route,
            uri: with_query(route, &params),
            source,
        })
    };
    match path {
        routes::HOME => fixed(routes::HOME),
        routes::CATALOG => search(routes::CATALOG, Source::Fixed),
        routes::WAITING_TIMES => search(routes::WAITING_TIMES, Source::Fixed),
        "/api/v1/services" => search("/api/v1/services", Source::Fixed),
        "/api/v1/availability" => {
            let params = canonical(
                query,
                &["service", "area", "town", "from", "after", "limit"],
            )?;
            let code = params.iter().find(|(k, _)| k == "service")?.1.as_str();
            let service = state.catalog.by_code(code)?;
            Some(Plan {
                route: "/api/v1/availability",
                uri: with_query("/api/v1/availability", &params),
                source: Source::Service(service.row.id),
            })
        }
        routes::TRANSPARENCY => {
            let params = canonical(query, &["zona"])?;
            Some(Plan {
                route: routes::TRANSPARENCY,
                uri: with_query(routes::TRANSPARENCY, &params),
                source: Source::Figures,
            })
        }
        routes::TRANSPARENCY_CSV | routes::TRANSPARENCY_JSON => {
            let route = if path == routes::TRANSPARENCY_CSV {
                routes::TRANSPARENCY_CSV
            } else {
                routes::TRANSPARENCY_JSON
            };
            query.is_empty().then(|| Plan {
                route,
                uri: route.to_owned(),
                source: Source::Figures,
            })
        }
        routes::TRANSPARENCY_COLUMNS => fixed(routes::TRANSPARENCY_COLUMNS),
        _ => {
            if let Some(route) = routes::SOURCES_PARTS
                .iter()
                .chain(routes::LEGAL_PAGES.iter())
                .find(|r| **r == path)
            {
                return fixed(route);
            }
            fhir_plan(path, query)
        }
    }
}

fn fhir_plan(path: &str, query: &str) -> Option<Plan> {
    let rest = path.strip_prefix("/fhir/r4/")?;
    let mut parts = rest.split('/');
    let kind = parts.next()?;
    let directory = FHIR_DIRECTORY.contains(&kind);
    let route = match (kind, parts.next(), parts.next()) {
        ("metadata", None, _) => "/fhir/r4/metadata",
        (_, None, _) if directory => "/fhir/r4/{kind}",
        (_, Some(id), None) if directory && !id.is_empty() && id.len() <= 64 => {
            "/fhir/r4/{kind}/{id}"
        }
        _ => return None,
    };
    // Every parameter is kept (the handler refuses what it does not know), in one order.
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .collect();
    if params.len() > 16 || params.iter().any(|(k, v)| k.len() + v.len() > 200) {
        return None;
    }
    params.sort();
    Some(Plan {
        route,
        uri: with_query(path, &params),
        source: Source::Figures,
    })
}

/// The parameters of a query in one canonical form: only the names allowed, each at most once,
/// values trimmed with their inner spaces made one and cut to `MAX_QUERY_CHARS`, empty ones
/// dropped, in the order of `allowed`. `None` when a name is not allowed or comes twice: the
/// stack answers those (with its own message).
fn canonical(query: &str, allowed: &[&str]) -> Option<Vec<(String, String)>> {
    let mut found: Vec<Option<String>> = vec![None; allowed.len()];
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let at = allowed.iter().position(|a| *a == name)?;
        if found[at].is_some() {
            return None;
        }
        let value: String = value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        found[at] = Some(value);
    }
    Some(
        allowed
            .iter()
            .zip(found)
            .filter_map(|(name, value)| {
                value
                    .filter(|v| !v.is_empty())
                    .map(|v| ((*name).to_owned(), v))
            })
            .collect(),
    )
}

fn with_query(path: &str, params: &[(String, String)]) -> String {
    if params.is_empty() {
        return path.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    format!("{path}?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_made_canonical() {
        let c = |q| canonical(q, &["q"]);
        assert_eq!(c(""), Some(vec![]));
        assert_eq!(c("q="), Some(vec![]));
        assert_eq!(
            c("q=+eco++addome+"),
            Some(vec![("q".into(), "eco addome".into())])
        );
        assert_eq!(c("q=a&q=b"), None);
        assert_eq!(c("x=1"), None);
        let long = format!("q={}", "a".repeat(500));
        assert_eq!(c(&long).expect("kept")[0].1.len(), MAX_QUERY_CHARS);
        let api = canonical("limit=5&service=89.7A.3", &["service", "limit"]).expect("allowed");
        assert_eq!(
            with_query("/api/v1/availability", &api),
            "/api/v1/availability?service=89.7A.3&limit=5"
        );
        assert_eq!(
            with_query("/prestazioni", &[("q".into(), "è a".into())]),
            "/prestazioni?q=%C3%A8+a"
        );
    }

    #[test]
    fn only_the_language_cookie_is_anonymous() {
        let with = |cookie: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_static(cookie));
            anonymous(&h)
        };
        assert!(anonymous(&HeaderMap::new()));
        assert!(with("lang=en"));
        assert!(!with("lang=en; cupola_citizen=x"));
        assert!(!with("cupola_pass=x"));
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer x"));
        assert!(!anonymous(&h));
    }

    #[test]
    fn fhir_directory_reads_only() {
        assert_eq!(
            fhir_plan("/fhir/r4/Location", "_count=2&name=x").map(|p| p.uri),
            Some("/fhir/r4/Location?_count=2&name=x".to_owned())
        );
        assert!(fhir_plan("/fhir/r4/Location/12", "").is_some());
        assert!(fhir_plan("/fhir/r4/metadata", "").is_some());
        assert!(fhir_plan("/fhir/r4/Slot", "").is_none());
        assert!(fhir_plan("/fhir/r4/Appointment/1", "").is_none());
        assert!(fhir_plan("/fhir/r4/Location/1/x", "").is_none());
    }
}
