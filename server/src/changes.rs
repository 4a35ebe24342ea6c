//! Slot changes: which services' availability just changed (a hold, a booking, a cancellation, a
//! move, an agenda change). Every cache of this instance listens here and drops or refreshes what
//! that service's change made stale. On PostgreSQL the news also travels to every other Cupola
//! instance through LISTEN/NOTIFY.
//!
//! The NOTIFY is sent after the commit, in batches, by one task per instance — not inside the
//! changing transactions: PostgreSQL serialises the commits of transactions that notify (they
//! take one global lock until their commit record is flushed), which capped bookings at a few
//! hundred per second. The price: if an instance dies between a commit and its batch, the other
//! instances learn of that change only when their cache entries expire (`availability::cache`
//! TTL, seconds), which is also what bounds any other missed notification.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnection, PgListener};
use tokio::sync::{broadcast, mpsc};

/// The PostgreSQL channel the instances share.
pub const CHANNEL: &str = "cupola_slots";

/// Services in one NOTIFY at most (its payload must stay under 8,000 bytes).
const BATCH: usize = 500;

#[derive(Clone, Debug)]
pub struct Changes {
    sender: broadcast::Sender<i64>,
    /// Which change each service's availability has seen last, as far as this instance knows.
    versions: Arc<Versions>,
    /// This instance's own changes, for the task that tells the other instances (PostgreSQL).
    outgoing: Arc<OnceLock<mpsc::UnboundedSender<i64>>>,
    /// Tells this instance's notifications from the others'.
    instance: u64,
    /// On PostgreSQL: whether this instance hears the others (true once it LISTENs).
    listening: Arc<tokio::sync::watch::Sender<bool>>,
}

impl Default for Changes {
    fn default() -> Self {
        Changes::new()
    }
}

impl Changes {
    pub fn new() -> Changes {
        let (sender, _) = broadcast::channel(4096);
        Changes {
            sender,
            versions: Arc::new(Versions::default()),
            outgoing: Arc::new(OnceLock::new()),
            instance: rand::random(),
            listening: Arc::new(tokio::sync::watch::Sender::new(false)),
        }
    }

    /// After a committed change: tells this instance's caches (and, on PostgreSQL, the other
    /// instances) that the service's availability changed.
    pub fn publish(&self, service_id: i64) {
        metrics::counter!("cupola_slot_changes_total").increment(1);
        self.versions.bump(service_id);
        let _ = self.sender.send(service_id);
        if let Some(outgoing) = self.outgoing.get() {
            let _ = outgoing.send(service_id);
        }
    }

    /// A change another instance made: this instance's caches only.
    fn publish_local(&self, service_id: i64) {
        self.versions.bump(service_id);
        let _ = self.sender.send(service_id);
    }

    /// A change this instance learned of from the database itself, before whoever made it has
    /// said so: a lost race (the slot was just taken). Whatever is read after this call sees at
    /// least that change; the one who made it publishes it to everyone.
    pub fn observed(&self, service_id: i64) {
        self.publish_local(service_id);
    }

    /// The last change of the service's availability this instance knows of (it grows with
    /// each change, and with each `ALL`). An answer computed under an older version may predate
    /// a change someone has already been told about: caches key their answers by it, so that
    /// nobody is served an answer older than what they know.
    pub fn version(&self, service_id: i64) -> u64 {
        self.versions.of(service_id)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.sender.subscribe()
    }

    /// Completes once this instance hears the other instances' changes (at once if it has
    /// none to hear: SQLite, one instance). Until then its caches may miss a change made
    /// elsewhere; the first LISTEN drops everything they hold.
    pub async fn hearing_others(&self) {
        if self.outgoing.get().is_none() {
            return;
        }
        let mut listening = self.listening.subscribe();
        let _ = listening.wait_for(|on| *on).await;
    }

    /// On PostgreSQL: starts relaying this instance's changes to the others (batched NOTIFY)
    /// and theirs to this one (LISTEN).
    pub fn connect_instances(&self, pool: sqlx::PgPool) {
        let (tx, rx) = mpsc::unbounded_channel();
        if self.outgoing.set(tx).is_ok() {
            tokio::spawn(self.clone().notify_postgres(rx, pool.clone()));
        }
        tokio::spawn(self.clone().relay_from_postgres(pool));
    }

    /// Sends this instance's changes as NOTIFY, one statement per batch of what queued up while
    /// the previous one was sent, on a connection of its own.
    async fn notify_postgres(self, mut rx: mpsc::UnboundedReceiver<i64>, pool: sqlx::PgPool) {
        let mut conn: Option<PgConnection> = None;
        while let Some(first) = rx.recv().await {
            let mut services = BTreeSet::from([first]);
            while services.len() < BATCH {
                match rx.try_recv() {
                    Ok(id) => {
                        services.insert(id);
                    }
                    Err(_) => break,
                }
            }
            let list: Vec<String> = services.iter().map(i64::to_string).collect();
            let payload = format!("{}:{}", self.instance, list.join(","));
            for _attempt in 0..2 {
                if conn.is_none() {
                    match PgConnection::connect_with(&pool.connect_options()).await {
                        Ok(c) => conn = Some(c),
                        Err(err) => {
                            tracing::warn!(error = %err, "cannot connect the slot-change notifier");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                            continue;
                        }
                    }
                }
                let Some(c) = conn.as_mut() else { continue };
                match sqlx::query("select pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(&payload)
                    .execute(&mut *c)
                    .await
                {
                    Ok(_) => break,
                    Err(err) => {
                        tracing::warn!(error = %err, "cannot notify slot changes");
                        conn = None;
                    }
                }
            }
        }
    }

    /// Relays the other instances' changes (PostgreSQL NOTIFY) to this instance's caches, until
    /// the process stops; reconnects after a lost connection. A lagging listener cannot know
    /// what it missed, so it reports `ALL` and the caches drop everything.
    async fn relay_from_postgres(self, pool: sqlx::PgPool) {
        while !pool.is_closed() {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(err) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %err, "cannot LISTEN for slot changes");
                    } else {
                        // Changes made while we were not listening are unknown.
                        self.publish_local(ALL);
                        self.listening.send_replace(true);
                        loop {
                            match listener.recv().await {
                                Ok(note) => self.relay(note.payload()),
                                Err(err) => {
                                    tracing::warn!(error = %err, "slot-change listener lost");
                                    self.listening.send_replace(false);
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot connect the slot-change listener"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    /// One notification: `instance:service,service,…`; our own are skipped, and anything
    /// unreadable drops everything.
    fn relay(&self, payload: &str) {
        let Some((instance, services)) = payload.split_once(':') else {
            return self.publish_local(ALL);
        };
        if instance.parse::<u64>().ok() == Some(self.instance) {
            return;
        }
        for service in services.split(',') {
            match service.parse::<i64>() {
                Ok(id) => self.publish_local(id),
                Err(_) => return self.publish_local(ALL),
            }
        }
    }
}

/// "Every service": what a cache hears when it may have missed changes.
pub const ALL: i64 = -1;

/// A counter of changes, and the value it had at each service's last change.
#[derive(Debug, Default)]
struct Versions {
    counter: AtomicU64,
    /// At the last `ALL`: every service changed then.
    all: AtomicU64,
    services: RwLock<HashMap<i64, u64>>,
}

impl Versions {
    fn bump(&self, service_id: i64) {
        let version = self.counter.fetch_add(1, Ordering::SeqCst) + 1;
        if service_id == ALL {
            self.all.fetch_max(version, Ordering::SeqCst);
        } else if let Ok(mut services) = self.services.write() {
            let seen = services.entry(service_id).or_default();
            *seen = (*seen).max(version);
        }
    }

    fn of(&self, service_id: i64) -> u64 {
        let one = self
            .services
            .read()
            .ok()
            .and_then(|s| s.get(&service_id).copied())
            .unwrap_or(0);
        one.max(self.all.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_raises_the_version_of_its_service_and_all_raises_every_one() {
        let changes = Changes::new();
        let (a, b) = (changes.version(1), changes.version(2));
        changes.publish(1);
        assert!(changes.version(1) > a);
        assert_eq!(changes.version(2), b, "another service is untouched");
        let before = changes.version(2);
        changes.observed(ALL);
        assert!(changes.version(2) > before);
        assert!(changes.version(1) > a);
    }
}
