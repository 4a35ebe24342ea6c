//! Admission instead of collapse.
//!
//! * **Capacity.** The booking path serves at most `booking_capacity` requests at once; operators
//!   have a capacity (and database connections) of their own. A request beyond its lane's
//!   capacity is shed at once, before it touches the database: 503, `Retry-After`, a tiny page.
//!   One global semaphore per lane, shared by every route of the lane.
//! * **Waiting room.** People (not requests) enter the booking pages at `rate` per second.
//!   Tickets are numbered; tickets up to the *frontier* are let in and exchanged, once, for a
//!   time-boxed pass (a signed cookie). The frontier is a token bucket: it moves at the admission
//!   rate and runs at most `burst` numbers ahead of the last ticket.
//! * **People, not requests.** While the frontier is ahead of the last ticket (a quiet room) a
//!   newcomer takes the next number and walks straight in. In a surge a newcomer is only given a
//!   *provisional* ticket (a signed cookie with a random nonce and its time, no number) and a page
//!   that reloads itself after `joining_seconds`: nothing is counted or stored for it. Only when
//!   the browser comes back with it (it keeps cookies and follows the refresh) within
//!   `provisional_seconds` does it draw a number, its place in line; a provisional ticket is
//!   exchanged once. So a crowd that never comes back (a cookie-less flood) moves nobody's
//!   position or estimate: positions and "about N minutes" count numbered tickets only.
//! * **Per client.** New provisional tickets are limited per client address (IPv4 address,
//!   IPv6 /64; `web::client`) by a GCRA limiter (`client_ticket_burst` at once, then
//!   `client_tickets_per_minute`): beyond it, 429 with `Retry-After` and a page that retries by
//!   itself. Passes and numbered tickets are never limited.
//! * **Where.** This module is the waiting room itself (its numbers, its frontier, the lanes'
//!   semaphores, the limiter); `gate` is the middleware that applies it to requests.
//! * **Several instances.** On PostgreSQL the numbers come from one sequence (arrival order across
//!   instances), one instance at a time (the advisory-lock holder) moves the shared frontier, and
//!   every instance reads it (and the sequence) a few times a second: the database load depends
//!   on the number of instances, not of visitors. A provisional ticket costs no query at all; a
//!   returning one costs a `nextval`, a walk-in too (only while this instance's last look at the
//!   frontier shows room: instances racing for the same room may let in a few more than the
//!   bucket held, which the frontier then makes up for); a redeemed ticket is recorded so it
//!   cannot be used twice. On SQLite, whose one instance serves everything, all of this lives in
//!   memory. Provisional tickets already exchanged are remembered by each instance for
//!   `provisional_seconds` (a copy presented to another instance is limited per client there).

pub mod gate;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::Extensions;
use governor::clock::Clock as _;
use governor::{DefaultKeyedRateLimiter, Quota};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, CookieJar, Key, SameSite};
use tokio::sync::Semaphore;

use crate::db::{Db, Lane};
use crate::web::client::{ClientKey, client_ip};

#[derive(Clone, Debug)]
pub struct AdmissionConfig {
    /// Booking-path requests served at once.
    pub booking_capacity: usize,
    /// Operator requests served at once (their own lane).
    pub operator_capacity: usize,
    /// People let into the booking pages per second.
    pub rate: f64,
    /// How far the frontier may run ahead of the last ticket: people let in at once, without
    /// waiting, when the room is quiet.
    pub burst: i64,
    /// How long a pass lasts after its last use (and at most three times that in all).
    pub pass_seconds: i64,
    /// The waiting-room page (a numbered ticket's) reloads itself at most this often apart
    /// (sooner when its turn is near).
    pub refresh_seconds: u32,
    /// The page of a newcomer with a provisional ticket reloads itself this often (its return
    /// takes its place in line).
    pub joining_seconds: u32,
    /// A provisional ticket must come back within this many seconds to take a place.
    pub provisional_seconds: i64,
    /// New provisional tickets one client address may draw at once...
    pub client_ticket_burst: u32,
    /// ...and then per minute.
    pub client_tickets_per_minute: u32,
}

impl Default for AdmissionConfig {
    fn default() -> Self {
        AdmissionConfig {
            booking_capacity: 64,
            operator_capacity: 32,
            rate: 20.0,
            burst: 200,
            pass_seconds: 20 * 60,
            refresh_seconds: 15,
            joining_seconds: 2,
            provisional_seconds: 30,
            client_ticket_burst: 60,
            client_tickets_per_minute: 60,
        }
    }
}

/// How the waiting room keeps its numbers.
enum Store {
    Memory { redeemed: Mutex<HashSet<i64>> },
    Postgres(sqlx::PgPool),
}

pub struct Admission {
    pub config: AdmissionConfig,
    pub(super) booking: Arc<Semaphore>,
    pub(super) operators: Arc<Semaphore>,
    key: Key,
    secure: bool,
    /// The last ticket issued, and the last ticket let in (as last read, on PostgreSQL).
    issued: AtomicI64,
    pub(super) frontier: AtomicI64,
    store: Store,
    /// On PostgreSQL: the connection holding the leader's advisory lock, while we lead.
    leading: tokio::sync::Mutex<Option<sqlx::PgConnection>>,
    /// New provisional tickets per client.
    limiter: DefaultKeyedRateLimiter<ClientKey>,
    /// The nonces of provisional tickets already exchanged for a number (for as long as they
    /// are good).
    joined: moka::future::Cache<u64, ()>,
}

/// The ticket a browser presents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ticket {
    /// A place in line.
    Numbered(i64),
    /// A newcomer's in a surge: no place yet.
    Provisional { nonce: u64, issued_at: i64 },
}

pub(super) const TICKET_COOKIE: &str = "cupola_ticket";
const PASS_COOKIE: &str = "cupola_admitted";
/// The frontier moves (and, on PostgreSQL, is read) this often.
const TICK: Duration = Duration::from_millis(200);
/// The advisory lock that makes one instance the mover of the frontier.
const LEADER_LOCK: i64 = 0x000C_0FA1_AD41;

impl Admission {
    /// At the door, before anything else is done with the request: when the lane of `path`
    /// has no free place, the shed answer (the authoritative check is still `admit`'s).
    pub fn shed_if_full(&self, path: &str) -> Option<Response> {
        let (lane, _) = classify(path)?;
        let semaphore = match lane {
            Lane::Citizen => &self.booking,
            Lane::Operator => &self.operators,
        };
        (semaphore.available_permits() == 0).then(|| shed_for(path))
    }

    pub fn new(config: AdmissionConfig, db: &Db, key: Key, secure: bool) -> Admission {
        let store = match db {
            Db::Sqlite(_) => Store::Memory {
                redeemed: Mutex::new(HashSet::new()),
            },
            Db::Postgres(pg) => Store::Postgres(pg.citizens.clone()),
        };
        let per_minute =
            NonZeroU32::new(config.client_tickets_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(config.client_ticket_burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let limiter =
            DefaultKeyedRateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst));
        let joined = moka::future::Cache::builder()
            .max_capacity(1_000_000)
            .time_to_live(Duration::from_secs(
                config.provisional_seconds.max(1) as u64 + 5,
            ))
            .build();
        Admission {
            booking: Arc::new(Semaphore::new(config.booking_capacity)),
            operators: Arc::new(Semaphore::new(config.operator_capacity)),
            // Quiet at start: the first `burst` people walk straight in.
            frontier: AtomicI64::new(config.burst),
            issued: AtomicI64::new(0),
            config,
            key,
            secure,
            store,
            leading: tokio::sync::Mutex::new(None),
            limiter,
            joined,
        }
    }

    /// Reads (or, as leader, sets) the shared frontier once, before the first request.
    pub async fn prime(&self) {
        self.tick(0).await;
    }

    /// The last number drawn and the frontier, as this instance last saw them.
    pub fn numbers(&self) -> (i64, i64) {
        (
            self.issued.load(Ordering::Relaxed),
            self.frontier.load(Ordering::Relaxed),
        )
    }

    /// People waiting: numbered tickets beyond the frontier (provisional ones are not counted).
    pub fn queue_length(&self) -> i64 {
        (self.issued.load(Ordering::Relaxed) - self.frontier.load(Ordering::Relaxed)).max(0)
    }

    /// The next number: a place in line (which may already be within the frontier).
    pub(super) async fn new_ticket(&self) -> Result<i64, sqlx::Error> {
        metrics::counter!("cupola_admission_tickets_total").increment(1);
        match &self.store {
            Store::Memory { .. } => Ok(self.issued.fetch_add(1, Ordering::Relaxed) + 1),
            Store::Postgres(pool) => {
                let ticket: i64 = sqlx::query_scalar("select nextval('admission_ticket_seq')")
                    .fetch_one(pool)
                    .await?;
                self.issued.fetch_max(ticket, Ordering::Relaxed);
                Ok(ticket)
            }
        }
    }

    /// Whether a numbered ticket was drawn from this line: on SQLite a restart starts the
    /// numbers again, and a ticket from before it would wait behind a frontier that never comes.
    pub(super) fn drawn(&self, ticket: i64) -> bool {
        match &self.store {
            Store::Memory { .. } => (1..=self.issued.load(Ordering::Relaxed)).contains(&ticket),
            Store::Postgres(_) => ticket >= 1,
        }
    }

    /// A newcomer in a quiet room: while the frontier is ahead of the last number, the next
    /// number, let in at once (Some); in a surge None, and nothing is counted or stored.
    pub(super) async fn walk_in(&self) -> Result<Option<i64>, sqlx::Error> {
        let frontier = self.frontier.load(Ordering::Relaxed);
        let Ok(previous) =
            self.issued
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |issued| {
                    (issued < frontier).then_some(issued + 1)
                })
        else {
            return Ok(None);
        };
        metrics::counter!("cupola_admission_walk_ins_total").increment(1);
        match &self.store {
            Store::Memory { .. } => Ok(Some(previous + 1)),
            Store::Postgres(pool) => {
                // The shared number, so that people who take their place after this one are
                // numbered after it. Another instance may have drawn numbers since our last
                // look: this newcomer walks in all the same, and the frontier (capped by the
                // last number) makes up for it.
                match sqlx::query_scalar::<_, i64>("select nextval('admission_ticket_seq')")
                    .fetch_one(pool)
                    .await
                {
                    Ok(ticket) => {
                        self.issued.fetch_max(ticket, Ordering::Relaxed);
                        Ok(Some(ticket))
                    }
                    Err(err) => {
                        self.issued.fetch_sub(1, Ordering::Relaxed);
                        Err(err)
                    }
                }
            }
        }
    }

    /// Whether `client` may draw one more provisional ticket now; if not, in how many seconds.
    pub(super) fn may_draw(&self, client: ClientKey) -> Result<(), u32> {
        self.limiter.check_key(&client).map_err(|not_until| {
            metrics::counter!("cupola_admission_limited_total").increment(1);
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            (wait.as_secs_f64().ceil() as u32).clamp(1, 3600)
        })
    }

    /// A newcomer's provisional ticket (no number, nothing stored), as a cookie.
    pub(super) fn provisional_cookie(&self, now: i64) -> Option<HeaderValue> {
        metrics::counter!("cupola_admission_provisional_total").increment(1);
        let nonce: u64 = rand::random();
        self.set_signed(
            TICKET_COOKIE,
            format!("p{nonce:x}.{now}"),
            self.config.provisional_seconds.max(1),
        )
    }

    /// The ticket presented with a request, if its signature holds.
    pub(super) fn ticket(&self, headers: &HeaderMap) -> Option<Ticket> {
        let value = self.signed(headers, TICKET_COOKIE)?;
        match value.strip_prefix('p') {
            Some(rest) => {
                let (nonce, issued_at) = rest.split_once('.')?;
                Some(Ticket::Provisional {
                    nonce: u64::from_str_radix(nonce, 16).ok()?,
                    issued_at: issued_at.parse().ok()?,
                })
            }
            None => value.parse().ok().map(Ticket::Numbered),
        }
    }

    /// Whether a provisional ticket, back now, takes a place in line: it is still good and was
    /// not exchanged before (on this instance).
    pub(super) async fn join(&self, nonce: u64, issued_at: i64, now: i64) -> bool {
        let age = now - issued_at;
        if !(0..=self.config.provisional_seconds).contains(&age) {
            return false;
        }
        self.joined.entry(nonce).or_insert(()).await.is_fresh()
    }

    /// The position of a numbered ticket (1 = next) and the estimated wait in minutes.
    pub(super) fn position(&self, ticket: i64) -> (i64, i64) {
        let position = (ticket - self.frontier.load(Ordering::Relaxed)).max(1);
        (position, self.eta_minutes(position))
    }

    /// How soon the page of the `position`th person in line reloads itself: about when its turn
    /// comes, between `joining_seconds` and `refresh_seconds`.
    pub(super) fn refresh_for(&self, position: i64) -> u32 {
        let turn = (position as f64 / self.config.rate.max(0.001)).ceil();
        let least = self.config.joining_seconds.max(1);
        (turn.min(f64::from(u32::MAX)) as u32).clamp(least, self.config.refresh_seconds.max(least))
    }

    /// About how many minutes until the `position`th person in line is let in.
    pub(super) fn eta_minutes(&self, position: i64) -> i64 {
        ((position as f64 / self.config.rate.max(0.1)) / 60.0).ceil() as i64
    }

    /// Exchanges a ticket for entry, once: false if it was used already.
    pub(super) async fn redeem(&self, ticket: i64, now: i64) -> Result<bool, sqlx::Error> {
        let fresh = match &self.store {
            Store::Memory { redeemed } => redeemed
                .lock()
                .map(|mut set| set.insert(ticket))
                .unwrap_or(false),
            Store::Postgres(pool) => {
                sqlx::query(
                    "insert into admission_redeemed (ticket, at) values ($1, $2) \
                     on conflict (ticket) do nothing",
                )
                .bind(ticket)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
                    == 1
            }
        };
        if fresh {
            metrics::counter!("cupola_admissions_total").increment(1);
        }
        Ok(fresh)
    }

    /// Moves the frontier at the admission rate, until the process stops.
    pub async fn run(self: Arc<Self>) {
        let mut ticker = tokio::time::interval(TICK);
        let mut carried = 0.0_f64;
        let mut ticks = 0_u64;
        loop {
            ticker.tick().await;
            ticks += 1;
            if ticks.is_multiple_of(50) {
                // Clients whose allowance is whole again are forgotten.
                self.limiter.retain_recent();
                self.limiter.shrink_to_fit();
            }
            if let Store::Postgres(pool) = &self.store
                && pool.is_closed()
            {
                return;
            }
            carried += self.config.rate * TICK.as_secs_f64();
            let step = carried.floor() as i64;
            carried -= step as f64;
            self.tick(step).await;
            metrics::gauge!("cupola_waiting_room_length").set(self.queue_length() as f64);
        }
    }

    /// The frontier's next position: a token bucket. It moves `step` tickets per tick (the
    /// admission rate) and may run at most `burst` tickets ahead of the last one issued, which is
    /// how many people can walk straight in after a quiet while.
    fn next_frontier(frontier: i64, issued: i64, step: i64, burst: i64) -> i64 {
        (frontier + step).min(issued + burst).max(frontier)
    }

    async fn tick(&self, step: i64) {
        match &self.store {
            Store::Memory { redeemed } => {
                let frontier = self.frontier.load(Ordering::Relaxed);
                let issued = self.issued.load(Ordering::Relaxed);
                self.frontier.store(
                    Self::next_frontier(frontier, issued, step, self.config.burst),
                    Ordering::Relaxed,
                );
                // Tickets far behind the frontier can no longer be presented as new.
                if let Ok(mut set) = redeemed.lock()
                    && set.len() > 100_000
                {
                    let floor = frontier - 50_000;
                    set.retain(|t| *t > floor);
                }
            }
            Store::Postgres(pool) => {
                let mut leading = self.leading.lock().await;
                if let Err(err) = self.postgres_tick(pool, &mut leading, step).await {
                    tracing::warn!(error = %err, "waiting-room tick failed");
                    // Give up the lead (closing the connection releases the lock).
                    *leading = None;
                }
            }
        }
    }

    /// One tick on PostgreSQL: try to become the leader if nobody is; the leader moves the shared
    /// frontier; everyone reads it.
    async fn postgres_tick(
        &self,
        pool: &sqlx::PgPool,
        leading: &mut Option<sqlx::PgConnection>,
        step: i64,
    ) -> Result<(), sqlx::Error> {
        if leading.is_none() {
            // A connection of its own, out of the pool: the session lock lives as long as it.
            let mut conn = pool.acquire().await?.detach();
            let locked: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
                .bind(LEADER_LOCK)
                .fetch_one(&mut conn)
                .await?;
            if locked {
                tracing::info!("this instance now moves the waiting-room frontier");
                // Redeemed tickets older than a day can no longer matter.
                sqlx::query("delete from admission_redeemed where at < $1")
                    .bind(crate::db::now_unix() - 24 * 3600)
                    .execute(&mut conn)
                    .await?;
                *leading = Some(conn);
            }
        }
        let (last, called): (i64, bool) =
            sqlx::query_as("select last_value, is_called from admission_ticket_seq")
                .fetch_one(pool)
                .await?;
        let issued = if called { last } else { 0 };
        let frontier: i64 = match leading.as_mut() {
            Some(conn) => {
                let (current, updated_at): (i64, i64) = sqlx::query_as(
                    "select admitted_through, updated_at from admission_state where id = 1",
                )
                .fetch_one(&mut *conn)
                .await?;
                // A brand-new room starts with its bucket full.
                let frontier = if updated_at == 0 {
                    issued + self.config.burst
                } else {
                    Self::next_frontier(current, issued, step, self.config.burst)
                };
                // (Written at once the first time, so that a room with no burst is not "brand
                // new" at every tick.)
                if frontier != current || updated_at == 0 {
                    sqlx::query(
                        "update admission_state set admitted_through = $1, updated_at = $2 \
                         where id = 1",
                    )
                    .bind(frontier)
                    .bind(crate::db::now_unix())
                    .execute(&mut *conn)
                    .await?;
                }
                frontier
            }
            None => {
                sqlx::query_scalar("select admitted_through from admission_state where id = 1")
                    .fetch_one(pool)
                    .await?
            }
        };
        self.issued.fetch_max(issued, Ordering::Relaxed);
        self.frontier.store(frontier, Ordering::Relaxed);
        Ok(())
    }

    pub(super) fn signed(&self, headers: &HeaderMap, name: &str) -> Option<String> {
        let mut jar = CookieJar::new();
        for value in headers.get_all(header::COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            for cookie in Cookie::split_parse(value.to_owned()).flatten() {
                if cookie.name() == name {
                    jar.add_original(cookie.into_owned());
                }
            }
        }
        jar.signed(&self.key)
            .get(name)
            .map(|c| c.value().to_owned())
    }

    pub(super) fn set_signed(
        &self,
        name: &'static str,
        value: String,
        max_age: i64,
    ) -> Option<HeaderValue> {
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.key).add(
            Cookie::build((name, value))
                .path("/")
                .http_only(true)
                .secure(self.secure)
                .same_site(SameSite::Lax)
                .max_age(cookie::time::Duration::seconds(max_age)),
        );
        HeaderValue::from_str(&jar.get(name)?.to_string()).ok()
    }

    /// A pass that is still good: (first admitted at, valid until).
    pub(super) fn pass(&self, headers: &HeaderMap, now: i64) -> Option<(i64, i64)> {
        let value = self.signed(headers, PASS_COOKIE)?;
        let (since, until) = value.split_once('.')?;
        let (since, until) = (since.parse().ok()?, until.parse().ok()?);
        (now <= until).then_some((since, until))
    }

    pub(super) fn pass_cookie(&self, since: i64, now: i64) -> Option<HeaderValue> {
        // Each use extends the pass, up to three times its length in all.
        let until = (now + self.config.pass_seconds).min(since + 3 * self.config.pass_seconds);
        self.set_signed(PASS_COOKIE, format!("{since}.{until}"), until - now)
    }
}

/// The lane a path is served in, if any.
pub fn lane_of(path: &str) -> Option<Lane> {
    classify(path).map(|(lane, _)| lane)
}

/// The key the per-client limits count by (requests that did not come through
/// `router::serve`, without a connection, all share one).
pub(super) fn client_key(headers: &HeaderMap, extensions: &Extensions) -> ClientKey {
    ClientKey::of(client_ip(headers, extensions).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

/// The lane a path belongs to, and whether it is the booking path (waiting room, capacity).
pub(super) fn classify(path: &str) -> Option<(Lane, bool)> {
    let booking = path.starts_with("/prenota")
        || path == "/le-mie-prenotazioni"
        || path.starts_with("/prenotazioni/");
    // One-tap links from messages write bookings too; they come one per person, from a
    // message, so they pass without the waiting room.
    let api = path.starts_with("/api/v1/bookings")
        || path.starts_with("/api/v1/availability")
        || path.starts_with("/fhir/r4/Appointment")
        || path.starts_with("/fhir/r4/Slot")
        || path.starts_with("/r/")
        // Signing in and out (SPID, CIE) reads and writes sessions, without the waiting room.
        || path.starts_with("/accedi")
        || path.starts_with("/esci");
    if path.starts_with("/operatore") || path.starts_with("/api/v1/operatore") {
        Some((Lane::Operator, false))
    } else if booking {
        Some((Lane::Citizen, true))
    } else if api {
        Some((Lane::Citizen, false))
    } else {
        None
    }
}

/// The tiny answer to a request shed for lack of capacity: no database, no template.
/// The shed answer for a request to `path`: FHIR's `OperationOutcome`, the API's JSON, or the
/// page.
pub(super) fn shed_for(path: &str) -> Response {
    if !path.starts_with("/fhir/") {
        return shed(path.starts_with("/api/"));
    }
    metrics::counter!("cupola_shed_requests_total").increment(1);
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, "5"),
            (header::CONTENT_TYPE, crate::fhir::wire::FHIR_JSON),
            (header::CACHE_CONTROL, "no-store"),
        ],
        FHIR_SHED,
    )
        .into_response()
}

const FHIR_SHED: &str = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","details":{"text":"Servizio molto richiesto: riprova tra qualche secondo. / Very busy: please retry in a few seconds."}}]}"#;

pub(super) fn shed(api: bool) -> Response {
    metrics::counter!("cupola_shed_requests_total").increment(1);
    let (content_type, body) = if api {
        (
            "application/json",
            r#"{"error":"busy","message":"Servizio molto richiesto: riprova tra qualche secondo. / Very busy: please retry in a few seconds."}"#,
        )
    } else {
        ("text/html; charset=utf-8", SHED_PAGE)
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, "5"),
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

const SHED_PAGE: &str = "<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"refresh\" content=\"5\"><title>Servizio molto richiesto · Cupola</title></head>\
<body><main><h1>Servizio molto richiesto</h1><p>Riprova tra qualche secondo: la pagina si \
ricarica da sola.</p><p lang=\"en\">Very busy right now: this page reloads by itself in a few \
seconds.</p></main></body></html>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fhir_requests_are_shed_with_an_operation_outcome() {
        let response = shed_for("/fhir/r4/Appointment/$find");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let outcome: serde_json::Value = serde_json::from_str(FHIR_SHED).expect("JSON");
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        assert_eq!(outcome["issue"][0]["code"], "transient");
        let api = shed_for("/api/v1/bookings");
        assert_eq!(api.headers()[header::CONTENT_TYPE], "application/json");
    }
}
