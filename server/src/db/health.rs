//! Whether the database answers. A query that fails for want of the database (a broken or
//! refused connection, a pool that cannot connect, SQLite's file locked or unreadable) makes it
//! unhealthy at once; a small probe — one tiny query on a connection of its own — then runs every
//! second until one succeeds, which makes it healthy again. A pool that timed out is only a
//! suspicion (a busy machine times out too): the probe decides, at once. The probe also runs
//! every two seconds while the database is healthy, so that an outage is noticed even when
//! nobody asks anything (and before a request waits for a connection that will not come).
//!
//! While it is unhealthy, queries fail at once instead of waiting for a connection (the pools
//! hand out a closed pool: see `SqliteDb::read_pool`, `PgDb::pool`), caches serve their last good
//! copies marked stale, and `/health` and the metrics say so.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::{Notify, watch};

/// How often the probe runs while the database is unhealthy.
pub const PROBE_EVERY: Duration = Duration::from_secs(1);
/// How often it runs while the database is healthy (one round trip on its own connection).
pub const HEARTBEAT: Duration = Duration::from_secs(2);
/// How long one probe may take before it counts as a failure.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// How the probe reaches the database: a connection of its own, never one of the pools' (a
/// pool can be exhausted by a healthy crowd).
#[derive(Clone, Debug)]
pub enum Probe {
    Sqlite(SqliteConnectOptions),
    Postgres(PgConnectOptions),
}

/// The probe's own connection, kept between probes.
enum ProbeConn {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Probe {
    /// One tiny query on `conn` (connecting first if needed); the connection is kept only if
    /// it worked.
    async fn run(&self, conn: &mut Option<ProbeConn>) -> Result<(), sqlx::Error> {
        let attempt = async {
            if conn.is_none() {
                *conn = Some(match self {
                    Probe::Sqlite(options) => ProbeConn::Sqlite(options.connect().await?),
                    Probe::Postgres(options) => ProbeConn::Postgres(options.connect().await?),
                });
            }
            match conn.as_mut() {
                // Reads a page of the schema: a locked or unreadable file fails here.
                Some(ProbeConn::Sqlite(c)) => sqlx::query("select count(*) from sqlite_master")
                    .execute(c)
                    .await
                    .map(drop),
                Some(ProbeConn::Postgres(c)) => sqlx::query("select 1").execute(c).await.map(drop),
                None => Ok(()),
            }
        };
        let result = tokio::time::timeout(PROBE_TIMEOUT, attempt)
            .await
            .unwrap_or(Err(sqlx::Error::PoolTimedOut));
        if result.is_err() {
            *conn = None;
        }
        result
    }
}

struct Inner {
    healthy: AtomicBool,
    /// Unix seconds since when it is unhealthy (0 while healthy).
    since: AtomicI64,
    /// Wakes the probe (a suspicion, or a failure).
    wake: Notify,
    /// Stops the probe (the database was closed).
    stopped: AtomicBool,
    /// Every change of state, for those who act on it (the snapshot publisher).
    changes: watch::Sender<bool>,
    probe: Probe,
}

/// The database's health, shared by every clone of the `Db`.
#[derive(Clone)]
pub struct Health(Arc<Inner>);

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health")
            .field("healthy", &self.is_healthy())
            .finish()
    }
}

/// What a failure says about the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The database cannot be reached (or its file cannot be read).
    Outage,
    /// Perhaps: the probe decides.
    Suspect,
    /// Nothing about the database's health (a constraint, a bug in a query).
    Other,
}

/// Whether `err` means that the database cannot answer.
pub fn classify(err: &sqlx::Error) -> Failure {
    match err {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolClosed => Failure::Outage,
        sqlx::Error::WorkerCrashed => Failure::Outage,
        sqlx::Error::PoolTimedOut | sqlx::Error::Protocol(_) => Failure::Suspect,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            let code = code.as_ref();
            // PostgreSQL: connection exceptions (class 08), shutting down or not yet up
            // (57P01-57P03), out of connections (53300), read-only after a failover (25006).
            let postgres = code.starts_with("08")
                || matches!(code, "57P01" | "57P02" | "57P03" | "53300" | "25006");
            // SQLite (primary result codes, extended ones end in the same byte): BUSY, LOCKED,
            // IOERR, CORRUPT, FULL, CANTOPEN, NOTADB.
            let sqlite = code
                .parse::<i32>()
                .is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 10 | 11 | 13 | 14 | 26));
            if postgres || sqlite {
                Failure::Outage
            } else {
                Failure::Other
            }
        }
        _ => Failure::Other,
    }
}

impl Health {
    /// A healthy database, and the task that probes it once it is not (needs a runtime).
    pub fn start(probe: Probe) -> Health {
        let (changes, _) = watch::channel(true);
        let health = Health(Arc::new(Inner {
            healthy: AtomicBool::new(true),
            since: AtomicI64::new(0),
            wake: Notify::new(),
            stopped: AtomicBool::new(false),
            changes,
            probe,
        }));
        metrics::gauge!("cupola_db_healthy").set(1.0);
        tokio::spawn(keep_probing(Arc::downgrade(&health.0)));
        health
    }

    pub fn is_healthy(&self) -> bool {
        self.0.healthy.load(Ordering::Relaxed)
    }

    /// Since when (unix seconds) the database is unhealthy; None while it is healthy.
    pub fn unhealthy_since(&self) -> Option<i64> {
        (!self.is_healthy()).then(|| self.0.since.load(Ordering::Relaxed))
    }

    /// Each change of state (true: healthy), as it happens.
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.0.changes.subscribe()
    }

    /// Takes note of a failed query: an outage makes the database unhealthy now, a suspicion
    /// has it probed now. Returns whether the database is (now) unhealthy.
    pub fn failed(&self, err: &sqlx::Error) -> bool {
        match classify(err) {
            Failure::Outage => self.set(false),
            Failure::Suspect => self.0.wake.notify_one(),
            Failure::Other => {}
        }
        !self.is_healthy()
    }

    /// Has the database probed now (a failure whose kind is not known here).
    pub fn wake_probe(&self) {
        self.0.wake.notify_one();
    }

    /// `failed` for the error of `result`, if any; hands the result back.
    pub fn observe<T>(&self, result: Result<T, sqlx::Error>) -> Result<T, sqlx::Error> {
        if let Err(err) = &result {
            self.failed(err);
        }
        result
    }

    /// The error a query gets while the database is unhealthy, at once.
    pub fn refusal() -> sqlx::Error {
        sqlx::Error::PoolClosed
    }

    /// Stops probing (the database is being closed).
    pub fn stop(&self) {
        self.0.stopped.store(true, Ordering::Relaxed);
        self.0.wake.notify_one();
    }

    fn set(&self, healthy: bool) {
        let was = self.0.healthy.swap(healthy, Ordering::Relaxed);
        if was == healthy {
            return;
        }
        if healthy {
            self.0.since.store(0, Ordering::Relaxed);
            tracing::info!("the database answers again");
        } else {
            self.0
                .since
                .store(chrono::Utc::now().timestamp(), Ordering::Relaxed);
            metrics::counter!("cupola_db_outages_total").increment(1);
            tracing::warn!("the database does not answer: serving what is kept in memory");
            self.0.wake.notify_one();
        }
        metrics::gauge!("cupola_db_healthy").set(if healthy { 1.0 } else { 0.0 });
        self.0.changes.send_replace(healthy);
    }
}

/// Probes the database: every `HEARTBEAT` while it is healthy (on a connection of its own, so
/// an outage is noticed even when nobody asks anything), at once when a failure or a
/// suspicion wakes it, and every `PROBE_EVERY` while it is unhealthy, until it answers. Ends
/// when the database is closed or every handle to it is gone.
async fn keep_probing(inner: Weak<Inner>) {
    let mut conn: Option<ProbeConn> = None;
    loop {
        let Some(strong) = inner.upgrade() else {
            return;
        };
        if strong.stopped.load(Ordering::Relaxed) {
            return;
        }
        let health = Health(strong);
        if health.is_healthy() {
            let _ = tokio::time::timeout(HEARTBEAT, health.0.wake.notified()).await;
            if health.0.stopped.load(Ordering::Relaxed) {
                return;
            }
        }
        match health.0.probe.run(&mut conn).await {
            Ok(()) => health.set(true),
            Err(err) => {
                tracing::debug!(error = %err, "database probe failed");
                health.set(false);
            }
        }
        let unhealthy = !health.is_healthy();
        drop(health);
        if unhealthy {
            tokio::time::sleep(PROBE_EVERY).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Failure, classify};

    #[test]
    fn connection_failures_are_outages_and_timeouts_only_suspicions() {
        let io = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert_eq!(classify(&io), Failure::Outage);
        assert_eq!(classify(&sqlx::Error::PoolClosed), Failure::Outage);
        assert_eq!(classify(&sqlx::Error::PoolTimedOut), Failure::Suspect);
        assert_eq!(classify(&sqlx::Error::RowNotFound), Failure::Other);
        assert_eq!(
            classify(&sqlx::Error::ColumnNotFound("x".into())),
            Failure::Other
        );
    }
}
