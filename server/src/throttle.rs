//! Throttled guessing. What proves a right here is something a person knows (a fiscal code with
//! a prescription number or a booking code; a staff username with its password), so a guesser's
//! only tool is many tries. Each try is counted per *what is guessed at* (the fiscal code, the
//! staff username) and per *who guesses* (the client's address, IPv6 by /64, see
//! `web::client`), each in a GCRA bucket (`governor`, one direct limiter per key, the keys in a
//! moka cache that forgets a key once its bucket would be full again, so memory stays bounded).
//!
//! A throttled request makes no database query at all. Only wrong guesses count, so that a
//! pharmacy's kiosk, a hospital's network or a benchmark that books all day is never
//! throttled for succeeding. What is guessed at (a fiscal code, a username) is counted exactly
//! even under parallel bursts: a try takes its place *before* anything is looked up, and a try
//! that turns out right (or was no guess: a database failure) gives it back as a credit for the
//! next. Clients are counted once the answer is known (see `Mode`).
//!
//! Keys are hashed (a random key per process) before they are kept: no fiscal code or username
//! stays in memory because someone guessed at it.

use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

use crate::web::client::ClientKey;

/// The window of the per-fiscal-code and per-username quotas.
pub const KEY_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The window of the per-client quotas.
pub const CLIENT_WINDOW: Duration = Duration::from_secs(60);
/// The window of the per-client quota of anonymous reports (accessibility feedback).
pub const REPORT_WINDOW: Duration = Duration::from_secs(3600);
/// Keys remembered per bucket kind at most (a few hundred bytes each).
const MAX_KEYS: u64 = 200_000;

/// How many wrong guesses are allowed: each is "so many per window", all at once if need be
/// (the burst is the whole quota) and then one more every window/quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::Args)]
pub struct ThrottleConfig {
    /// Wrong tries allowed per fiscal code in 15 minutes (prescription checks, booking look-ups,
    /// cancels and moves, HTML and API together); beyond them, 429 with Retry-After.
    #[arg(
        long = "guesses-per-fiscal-code",
        env = "CUPOLA_GUESSES_PER_FISCAL_CODE",
        default_value_t = 10,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub per_fiscal_code: u32,
    /// Wrong tries allowed per client address (IPv6: per /64) in a minute, on the same forms.
    #[arg(
        long = "guesses-per-client",
        env = "CUPOLA_GUESSES_PER_CLIENT",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub per_client: u32,
    /// Wrong staff sign-ins allowed per username in 15 minutes (the account also locks itself
    /// after five wrong passwords in a row).
    #[arg(
        long = "sign-in-guesses-per-username",
        env = "CUPOLA_SIGN_IN_GUESSES_PER_USERNAME",
        default_value_t = 10,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub per_username: u32,
    /// Wrong staff sign-ins allowed per client address in a minute.
    #[arg(
        long = "sign-in-guesses-per-client",
        env = "CUPOLA_SIGN_IN_GUESSES_PER_CLIENT",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub sign_in_per_client: u32,
    /// Anonymous reports (accessibility feedback) accepted per client address in an hour:
    /// each one is stored, so each one counts; beyond them, 429 with Retry-After.
    #[arg(
        long = "reports-per-client",
        env = "CUPOLA_REPORTS_PER_CLIENT",
        default_value_t = 5,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub reports_per_client: u32,
}

impl Default for ThrottleConfig {
    fn default() -> ThrottleConfig {
        ThrottleConfig {
            per_fiscal_code: 10,
            per_client: 30,
            per_username: 10,
            sign_in_per_client: 30,
            reports_per_client: 5,
        }
    }
}

/// Too many wrong tries: the answer is 429, with when to come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany {
    pub retry_after: Duration,
}

impl TooMany {
    /// Whole seconds for `Retry-After` (at least one).
    pub fn seconds(self) -> u64 {
        self.retry_after.as_secs_f64().ceil().max(1.0) as u64
    }

    /// Whole minutes for people (at least one).
    pub fn minutes(self) -> u64 {
        self.seconds().div_ceil(60)
    }
}

/// How a kind of key counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A try takes its place before it is answered and gives it back when it was right: exact
    /// under parallel bursts, for what is guessed at (a fiscal code, a username), which honest
    /// people rarely try many times at once.
    Reserve,
    /// Only wrong tries are counted, once answered; the key is shut while its bucket is empty,
    /// and every wrong try beyond the quota shuts it one period longer, so a parallel burst pays
    /// for itself afterwards. For clients: a pharmacy, a hospital's network or a benchmark may
    /// send many right tries at once, and none of them may be refused.
    Count,
}

/// One key's bucket, the places given back by tries that were right (`Reserve`), and until when
/// the key is shut (`Count`, nanoseconds from the throttle's epoch).
struct Entry {
    limiter: RateLimiter<NotKeyed, InMemoryState, DefaultClock, StateInformationMiddleware>,
    credits: AtomicU32,
    shut_until: AtomicU64,
}

impl Entry {
    /// Takes a place: a credit if there is one, else a cell of the bucket.
    fn reserve(&self, clock: &DefaultClock) -> Result<(), Duration> {
        let credit = self
            .credits
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| c.checked_sub(1));
        if credit.is_ok() {
            return Ok(());
        }
        self.limiter
            .check()
            .map(drop)
            .map_err(|not_until| not_until.wait_time_from(clock.now()))
    }

    /// Gives a place back (never more credits than the quota).
    fn give_back(&self, cap: u32) {
        let _ = self
            .credits
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| {
                (c < cap).then_some(c + 1)
            });
    }

    /// How long the key is still shut, if it is.
    fn shut(&self, now: u64) -> Option<Duration> {
        let until = self.shut_until.load(Ordering::Acquire);
        (until > now).then(|| Duration::from_nanos(until - now))
    }

    /// Counts a wrong try: when it empties the bucket the key is shut until the next cell, and
    /// a wrong try that finds it empty (one of a parallel burst) shuts it a period longer.
    fn count_wrong(&self, clock: &DefaultClock, now: u64, period: Duration) {
        let nanos = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        match self.limiter.check() {
            Ok(snapshot) if snapshot.remaining_burst_capacity() == 0 => {
                // A check now fails without taking anything, and says until when.
                if let Err(not_until) = self.limiter.check() {
                    let until = now.saturating_add(nanos(not_until.wait_time_from(clock.now())));
                    self.shut_until.fetch_max(until, Ordering::AcqRel);
                }
            }
            Ok(_) => {}
            Err(not_until) => {
                let wait = nanos(not_until.wait_time_from(clock.now()));
                let _ =
                    self.shut_until
                        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |until| {
                            Some(
                                until
                                    .max(now.saturating_add(wait))
                                    .saturating_add(nanos(period)),
                            )
                        });
            }
        }
    }
}

/// The buckets of one kind of key.
struct Buckets {
    kind: &'static str,
    mode: Mode,
    quota: Quota,
    period: Duration,
    burst: u32,
    entries: moka::future::Cache<u64, Arc<Entry>>,
}

impl Buckets {
    fn new(kind: &'static str, mode: Mode, per_window: u32, window: Duration) -> Buckets {
        let burst = NonZeroU32::new(per_window).unwrap_or(NonZeroU32::MIN);
        let period = (window / burst.get()).max(Duration::from_nanos(1));
        let quota = Quota::with_period(period)
            .unwrap_or(Quota::per_second(NonZeroU32::MAX))
            .allow_burst(burst);
        Buckets {
            kind,
            mode,
            quota,
            period,
            burst: burst.get(),
            // A key untouched for a whole window has a full bucket again: forgetting it then
            // changes nothing (a key shut longer is touched by its own refusals).
            entries: moka::future::Cache::builder()
                .max_capacity(MAX_KEYS)
                .time_to_idle(window)
                .build(),
        }
    }

    async fn entry(&self, key: u64, clock: &DefaultClock) -> Arc<Entry> {
        self.entries
            .get_with(key, async {
                Arc::new(Entry {
                    limiter: RateLimiter::direct_with_clock(self.quota, clock.clone())
                        .with_middleware::<StateInformationMiddleware>(),
                    credits: AtomicU32::new(0),
                    shut_until: AtomicU64::new(0),
                })
            })
            .await
    }
}

/// The limiter of every guessable answer (in `AppState`).
pub struct Throttle {
    fiscal_codes: Buckets,
    clients: Buckets,
    usernames: Buckets,
    sign_in_clients: Buckets,
    reports: Buckets,
    hasher: std::collections::hash_map::RandomState,
    clock: DefaultClock,
    epoch: Instant,
}

impl Throttle {
    pub fn new(config: ThrottleConfig) -> Throttle {
        Throttle {
            fiscal_codes: Buckets::new(
                "fiscal_code",
                Mode::Reserve,
                config.per_fiscal_code,
                KEY_WINDOW,
            ),
            clients: Buckets::new("client", Mode::Count, config.per_client, CLIENT_WINDOW),
            usernames: Buckets::new("username", Mode::Reserve, config.per_username, KEY_WINDOW),
            sign_in_clients: Buckets::new(
                "sign_in_client",
                Mode::Count,
                config.sign_in_per_client,
                CLIENT_WINDOW,
            ),
            reports: Buckets::new(
                "report_client",
                Mode::Count,
                config.reports_per_client,
                REPORT_WINDOW,
            ),
            hasher: std::collections::hash_map::RandomState::new(),
            clock: DefaultClock::default(),
            epoch: Instant::now(),
        }
    }

    /// A citizen's try at a fiscal code's data (a prescription or a booking): counted per
    /// fiscal code and per client.
    pub async fn citizen(
        &self,
        client: ClientKey,
        fiscal_code: &str,
    ) -> Result<Guess<'_>, TooMany> {
        let fc = self.hasher.hash_one(fiscal_code);
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.fiscal_codes, fc), (&self.clients, ip)])
            .await
    }

    /// A try at something only a client can be counted for (a one-tap link's token): counted
    /// per client.
    pub async fn client(&self, client: ClientKey) -> Result<Guess<'_>, TooMany> {
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.clients, ip)]).await
    }

    /// An anonymous report (accessibility feedback): counted per client, every one that is
    /// stored (`Guess::wrong`), so that nobody fills the supervisors' list (or the database).
    pub async fn report(&self, client: ClientKey) -> Result<Guess<'_>, TooMany> {
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.reports, ip)]).await
    }

    /// A sign-in: counted per username (as typed, trimmed and lowercased, whether or not the
    /// account exists) and per client.
    pub async fn sign_in(&self, client: ClientKey, username: &str) -> Result<Guess<'_>, TooMany> {
        let user = self.hasher.hash_one(username.trim().to_lowercase());
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.usernames, user), (&self.sign_in_clients, ip)])
            .await
    }

    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    async fn take<'a>(&'a self, keys: &[(&'a Buckets, u64)]) -> Result<Guess<'a>, TooMany> {
        let mut held = Vec::with_capacity(keys.len());
        let mut wait: Option<Duration> = None;
        for (buckets, key) in keys {
            let entry = buckets.entry(*key, &self.clock).await;
            let taken = match buckets.mode {
                Mode::Reserve => entry.reserve(&self.clock),
                Mode::Count => entry.shut(self.now()).map_or(Ok(()), Err),
            };
            match taken {
                Ok(()) => held.push((entry, *buckets)),
                Err(until) => {
                    metrics::counter!("cupola_throttled_total", "key" => buckets.kind).increment(1);
                    wait = Some(wait.map_or(until, |w| w.max(until)));
                }
            }
        }
        let guess = Guess {
            throttle: self,
            held,
            wrong: false,
        };
        match wait {
            // Dropping the guess gives back the places it took in the other buckets.
            Some(retry_after) => Err(TooMany { retry_after }),
            None => Ok(guess),
        }
    }
}

/// A try in progress. Say `wrong()` when it was a wrong guess; anything else (right, or no
/// answer at all) counts nothing once it is dropped.
#[must_use = "a try must be told wrong, or dropped once answered"]
pub struct Guess<'a> {
    throttle: &'a Throttle,
    held: Vec<(Arc<Entry>, &'a Buckets)>,
    wrong: bool,
}

impl Guess<'_> {
    /// The try was a wrong guess: it counts.
    pub fn wrong(mut self) {
        self.wrong = true;
        let now = self.throttle.now();
        for (entry, buckets) in &self.held {
            if buckets.mode == Mode::Count {
                entry.count_wrong(&self.throttle.clock, now, buckets.period);
            }
        }
    }

    /// The try was right: it does not count.
    pub fn right(self) {}
}

impl Drop for Guess<'_> {
    fn drop(&mut self) {
        if !self.wrong {
            for (entry, buckets) in &self.held {
                if buckets.mode == Mode::Reserve {
                    entry.give_back(buckets.burst);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(ip: &str) -> ClientKey {
        ClientKey::of(ip.parse().expect("ip"))
    }

    fn config(per_key: u32, per_client: u32) -> ThrottleConfig {
        ThrottleConfig {
            per_fiscal_code: per_key,
            per_client,
            per_username: per_key,
            sign_in_per_client: per_client,
            reports_per_client: per_client,
        }
    }

    #[tokio::test]
    async fn wrong_guesses_empty_the_bucket_of_their_key_only() {
        let throttle = Throttle::new(config(3, 100));
        let me = client("203.0.113.1");
        for _ in 0..3 {
            throttle.citizen(me, "A").await.expect("allowed").wrong();
        }
        let refused = throttle.citizen(me, "A").await.err().expect("throttled");
        // One more try comes back after a fifth of the window (15 min / 3).
        assert!(refused.retry_after <= KEY_WINDOW / 3);
        assert!(refused.retry_after > KEY_WINDOW / 3 - Duration::from_secs(5));
        assert_eq!(refused.minutes(), 5);
        // Another fiscal code, from the same client, and the same one from elsewhere.
        throttle
            .citizen(me, "B")
            .await
            .expect("another code")
            .wrong();
        assert!(throttle.citizen(client("203.0.113.2"), "A").await.is_err());
    }

    #[tokio::test]
    async fn right_answers_give_their_place_back() {
        let throttle = Throttle::new(config(3, 3));
        let me = client("2001:db8::1");
        for _ in 0..50 {
            throttle.citizen(me, "A").await.expect("allowed").right();
        }
        // Places of tries that got no answer (a database failure) come back too.
        for _ in 0..50 {
            drop(throttle.citizen(me, "A").await.expect("allowed"));
        }
        for _ in 0..3 {
            throttle.citizen(me, "A").await.expect("allowed").wrong();
        }
        assert!(throttle.citizen(me, "A").await.is_err());
    }

    #[tokio::test]
    async fn tries_in_flight_hold_their_place_so_a_burst_gets_no_further() {
        let throttle = Throttle::new(config(5, 1000));
        let mut in_flight = Vec::new();
        let mut refused = 0;
        for i in 0..40 {
            match throttle.citizen(client(&format!("10.0.0.{i}")), "A").await {
                Ok(guess) => in_flight.push(guess),
                Err(_) => refused += 1,
            }
        }
        assert_eq!((in_flight.len(), refused), (5, 35));
    }

    #[tokio::test]
    async fn a_client_is_throttled_across_fiscal_codes_and_a_64_network_is_one_client() {
        let throttle = Throttle::new(config(100, 4));
        for i in 0..4 {
            let me = client(&format!("2001:db8:0:7::{i}"));
            throttle
                .citizen(me, &format!("code {i}"))
                .await
                .expect("allowed")
                .wrong();
        }
        let refused = throttle.citizen(client("2001:db8:0:7::ff"), "new").await;
        assert!(refused.is_err());
        assert!(refused.err().expect("refused").retry_after <= CLIENT_WINDOW / 4);
        throttle
            .citizen(client("2001:db8:0:8::1"), "new")
            .await
            .expect("another network")
            .right();
        // The fiscal code's place taken by the refused try was given back.
        throttle
            .citizen(client("198.51.100.1"), "new")
            .await
            .expect("allowed")
            .right();
    }

    #[tokio::test]
    async fn a_client_is_never_refused_for_right_tries_at_once_and_pays_for_a_burst_of_wrong_ones()
    {
        let throttle = Throttle::new(config(1000, 3));
        let me = client("198.51.100.9");
        let mut at_once = Vec::new();
        for i in 0..50 {
            let guess = throttle.citizen(me, &format!("code {i}")).await;
            at_once.push(guess.expect("nothing wrong yet: never refused"));
        }
        // Ten of them were wrong: three fill the quota (a cell every 20 s), and each of the
        // seven beyond it shuts the client 20 s longer.
        for (i, guess) in at_once.into_iter().enumerate() {
            if i < 10 {
                guess.wrong();
            } else {
                guess.right();
            }
        }
        let refused = throttle.citizen(me, "new").await.err().expect("shut");
        assert!(
            refused.retry_after > Duration::from_secs(7 * 20),
            "{refused:?}"
        );
        assert!(
            refused.retry_after <= Duration::from_secs(8 * 20),
            "{refused:?}"
        );
    }

    #[tokio::test]
    async fn sign_ins_count_apart_from_citizens_and_usernames_ignore_case() {
        let throttle = Throttle::new(config(2, 100));
        let me = client("192.0.2.1");
        throttle
            .sign_in(me, "Operatore1")
            .await
            .expect("allowed")
            .wrong();
        throttle
            .sign_in(me, " operatore1 ")
            .await
            .expect("allowed")
            .wrong();
        assert!(throttle.sign_in(me, "OPERATORE1").await.is_err());
        throttle
            .citizen(me, "operatore1")
            .await
            .expect("another kind")
            .right();
    }
}
