//! Throttled guessing. What proves a right here is something a person knows (a fiscal code with
//! a prescription number or a booking code; a staff username with its password), so a guesser's
//! only tool is many tries. Each try is counted per *what is guessed at* (the fiscal code, the
//! staff username) and per *who guesses* (the client's address, IPv6 by /64, see
//! `web::client`), each in a GCRA bucket (`governor`, one direct limiter per key, the keys in a
//! moka cache that forgets a key once its bucket would be full again, so memory stays bounded).
//!
//! A try takes its place in every bucket *before* anything is looked up, so that a parallel
//! burst cannot get past a bucket that is about to empty, and a throttled request makes no
//! database query at all. A try that turns out right (or was not a guess: a database failure)
//! gives its place back as a credit for the next try, so only wrong guesses count, and a
//! pharmacy's kiosk or a benchmark that books all day is never throttled for succeeding.
//!
//! Keys are hashed (a random key per process) before they are kept: no fiscal code or username
//! stays in memory because someone guessed at it.

use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::web::client::ClientKey;

/// The window of the per-fiscal-code and per-username quotas.
pub const KEY_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The window of the per-client quotas.
pub const CLIENT_WINDOW: Duration = Duration::from_secs(60);
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
}

impl Default for ThrottleConfig {
    fn default() -> ThrottleConfig {
        ThrottleConfig {
            per_fiscal_code: 10,
            per_client: 30,
            per_username: 10,
            sign_in_per_client: 30,
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

/// One key's bucket, and the places given back by tries that were right.
struct Entry {
    limiter: DefaultDirectRateLimiter,
    credits: AtomicU32,
}

impl Entry {
    /// Takes a place: a credit if there is one, else a cell of the bucket.
    fn take(&self, clock: &DefaultClock) -> Result<(), Duration> {
        let credit = self
            .credits
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| c.checked_sub(1));
        if credit.is_ok() {
            return Ok(());
        }
        self.limiter
            .check()
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
}

/// The buckets of one kind of key.
struct Buckets {
    kind: &'static str,
    quota: Quota,
    burst: u32,
    entries: moka::future::Cache<u64, Arc<Entry>>,
}

impl Buckets {
    fn new(kind: &'static str, per_window: u32, window: Duration) -> Buckets {
        let burst = NonZeroU32::new(per_window).unwrap_or(NonZeroU32::MIN);
        let period = (window / burst.get()).max(Duration::from_nanos(1));
        let quota = Quota::with_period(period)
            .unwrap_or(Quota::per_second(NonZeroU32::MAX))
            .allow_burst(burst);
        Buckets {
            kind,
            quota,
            burst: burst.get(),
            // A key untouched for a whole window has a full bucket again: forgetting it then
            // changes nothing.
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
                    limiter: RateLimiter::direct_with_clock(self.quota, clock.clone()),
                    credits: AtomicU32::new(0),
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
    hasher: std::collections::hash_map::RandomState,
    clock: DefaultClock,
}

impl Throttle {
    pub fn new(config: ThrottleConfig) -> Throttle {
        Throttle {
            fiscal_codes: Buckets::new("fiscal_code", config.per_fiscal_code, KEY_WINDOW),
            clients: Buckets::new("client", config.per_client, CLIENT_WINDOW),
            usernames: Buckets::new("username", config.per_username, KEY_WINDOW),
            sign_in_clients: Buckets::new(
                "sign_in_client",
                config.sign_in_per_client,
                CLIENT_WINDOW,
            ),
            hasher: std::collections::hash_map::RandomState::new(),
            clock: DefaultClock::default(),
        }
    }

    /// A citizen's try at a fiscal code's data (a prescription or a booking): one place per
    /// fiscal code and per client.
    pub async fn citizen(&self, client: ClientKey, fiscal_code: &str) -> Result<Guess, TooMany> {
        let fc = self.hasher.hash_one(fiscal_code);
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.fiscal_codes, fc), (&self.clients, ip)])
            .await
    }

    /// A sign-in: one place per username (as typed, trimmed and lowercased, whether or not the
    /// account exists) and per client.
    pub async fn sign_in(&self, client: ClientKey, username: &str) -> Result<Guess, TooMany> {
        let user = self.hasher.hash_one(username.trim().to_lowercase());
        let ip = self.hasher.hash_one(client);
        self.take(&[(&self.usernames, user), (&self.sign_in_clients, ip)])
            .await
    }

    async fn take(&self, keys: &[(&Buckets, u64)]) -> Result<Guess, TooMany> {
        let mut held = Vec::with_capacity(keys.len());
        let mut wait: Option<Duration> = None;
        for (buckets, key) in keys {
            let entry = buckets.entry(*key, &self.clock).await;
            match entry.take(&self.clock) {
                Ok(()) => held.push((entry, buckets.burst)),
                Err(until) => {
                    metrics::counter!("cupola_throttled_total", "key" => buckets.kind).increment(1);
                    wait = Some(wait.map_or(until, |w| w.max(until)));
                }
            }
        }
        let guess = Guess { held, wrong: false };
        match wait {
            // Dropping the guess gives back the places it took in the other buckets.
            Some(retry_after) => Err(TooMany { retry_after }),
            None => Ok(guess),
        }
    }
}

/// A try in progress, holding its place in each bucket. Say `wrong()` when it was a wrong
/// guess; anything else (right, or no answer at all) gives the places back when it is dropped.
#[must_use = "a try must be told wrong, or dropped once answered"]
pub struct Guess {
    held: Vec<(Arc<Entry>, u32)>,
    wrong: bool,
}

impl Guess {
    /// The try was a wrong guess: its places stay taken.
    pub fn wrong(mut self) {
        self.wrong = true;
    }

    /// The try was right: its places are given back.
    pub fn right(self) {}
}

impl Drop for Guess {
    fn drop(&mut self) {
        if !self.wrong {
            for (entry, cap) in &self.held {
                entry.give_back(*cap);
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
