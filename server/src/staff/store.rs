//! Where staff sessions live: in the database (tower-sessions' SQLite or PostgreSQL store, so any
//! instance can serve any operator; on SQLite in a file of their own beside the database, whose
//! write lock the booking writer holds batch after batch), read through a small in-memory cache so that an operator's
//! request costs no session query.
//!
//! While the database cannot answer, signed-in operators keep their sessions: what the cache
//! holds (kept as long as a session lives, though trusted alone for only a few seconds while
//! the database answers) is served, and what is saved is kept in memory and written at the
//! session's next save once the database is back. The sign-in page works too (its anonymous
//! session is only in memory then). A failing store would otherwise sign everyone out.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::account::Staff;
use crate::db::{Db, Health};

/// A session read from the database is trusted alone this long (then read again): a session
/// ended on another instance stops working here within seconds.
const FRESH_FOR: Duration = Duration::from_secs(30);
/// How long a session (or a member of staff) is remembered for an outage: as long as an idle
/// session lives.
const KEPT_FOR: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone)]
enum Backing {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[derive(Debug, Clone)]
pub struct StaffSessions {
    backing: Backing,
    health: Health,
    /// Each session, and when the database last confirmed it (None: saved while it could not).
    cache: moka::future::Cache<Id, (Record, Option<Instant>)>,
    /// The members of staff last read, for their pages while the database cannot answer.
    staff: moka::future::Cache<i64, Staff>,
}

impl StaffSessions {
    /// The store on this database, its table created if needed.
    pub async fn new(db: &Db) -> Result<StaffSessions, sqlx::Error> {
        let backing = match db {
            Db::Sqlite(sqlite) => {
                let store = SqliteStore::new(sqlite.sessions.clone());
                store.migrate().await?;
                Backing::Sqlite(store)
            }
            Db::Postgres(pg) => {
                let store = PostgresStore::new(pg.operators.clone());
                store.migrate().await?;
                Backing::Postgres(store)
            }
        };
        Ok(StaffSessions {
            backing,
            health: db.health().clone(),
            cache: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_idle(KEPT_FOR)
                .build(),
            staff: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_idle(KEPT_FOR)
                .build(),
        })
    }

    /// Remembers a member of staff as just read from the database.
    pub async fn remember(&self, staff: &Staff) {
        self.staff.insert(staff.id, staff.clone()).await;
    }

    /// The member of staff as last read, while the database cannot be asked.
    pub async fn remembered(&self, id: i64) -> Option<Staff> {
        self.staff.get(&id).await
    }

    /// The session as kept here, if it has not expired.
    async fn kept(&self, id: &Id) -> Option<(Record, Option<Instant>)> {
        let (record, confirmed) = self.cache.get(id).await?;
        if record.expiry_date > tower_sessions::cookie::time::OffsetDateTime::now_utc() {
            Some((record, confirmed))
        } else {
            self.cache.invalidate(id).await;
            None
        }
    }

    /// Whether `err` is the database failing (then the session is kept in memory).
    fn outage(&self, err: &session_store::Error) -> bool {
        match err {
            session_store::Error::Backend(text) => {
                // The sqlx store reports its errors as text: its pool's failures are the
                // database's. The health state is fed by the store's own probe, not the text.
                tracing::warn!(error = %text, "staff session store failed");
                self.health.wake_probe();
                true
            }
            _ => false,
        }
    }
}

impl StaffSessions {
    /// Deletes expired sessions (with what they held: the citizen being served, search
    /// filters) every `period`, until the process stops.
    pub async fn delete_expired(self, period: Duration) {
        use tower_sessions::session_store::ExpiredDeletion;
        let result = match self.backing {
            Backing::Sqlite(store) => store.continuously_delete_expired(period).await,
            Backing::Postgres(store) => store.continuously_delete_expired(period).await,
        };
        if let Err(err) = result {
            tracing::warn!(error = %err, "expired staff sessions are no longer deleted");
        }
    }
}

/// What the store answers while the database is known to be down.
fn unhealthy() -> session_store::Error {
    session_store::Error::Backend("the database is unhealthy".into())
}

impl StaffSessions {
    /// Keeps the record in memory after a write: confirmed when the database took it, or
    /// unconfirmed (to be written back) when the database was away; other errors are the caller's.
    async fn keep(
        &self,
        record: &Record,
        written: session_store::Result<()>,
    ) -> session_store::Result<()> {
        let confirmed = match written {
            Ok(()) => Some(Instant::now()),
            Err(err) if self.outage(&err) => None,
            Err(err) => return Err(err),
        };
        self.cache
            .insert(record.id, (record.clone(), confirmed))
            .await;
        Ok(())
    }
}

#[async_trait]
impl SessionStore for StaffSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let created = if self.health.is_healthy() {
            match &self.backing {
                Backing::Sqlite(store) => store.create(record).await,
                // In a task of its own, as `Db::change_slots`: a dropped request must not
                // cancel the store's transaction half-way.
                Backing::Postgres(store) => {
                    let (store, mut mine) = (store.clone(), record.clone());
                    match tokio::spawn(async move { store.create(&mut mine).await.map(|()| mine) })
                        .await
                    {
                        Ok(Ok(mine)) => {
                            *record = mine;
                            Ok(())
                        }
                        Ok(Err(err)) => Err(err),
                        Err(err) => Err(session_store::Error::Backend(err.to_string())),
                    }
                }
            }
        } else {
            Err(unhealthy())
        };
        self.keep(record, created).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let saved = if self.health.is_healthy() {
            match &self.backing {
                Backing::Sqlite(store) => store.save(record).await,
                Backing::Postgres(store) => {
                    let (store, mine) = (store.clone(), record.clone());
                    tokio::spawn(async move { store.save(&mine).await })
                        .await
                        .unwrap_or_else(|err| Err(session_store::Error::Backend(err.to_string())))
                }
            }
        } else {
            Err(unhealthy())
        };
        self.keep(record, saved).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let kept = self.kept(id).await;
        match &kept {
            Some((record, Some(at))) if at.elapsed() < FRESH_FOR => {
                return Ok(Some(record.clone()));
            }
            // Saved while the database could not answer: this copy is the newest.
            Some((record, None)) if !self.health.is_healthy() => return Ok(Some(record.clone())),
            _ => {}
        }
        if !self.health.is_healthy() {
            return Ok(kept.map(|(record, _)| record));
        }
        let loaded = match &self.backing {
            Backing::Sqlite(store) => store.load(id).await,
            Backing::Postgres(store) => store.load(id).await,
        };
        match loaded {
            Ok(Some(record)) => {
                // A copy saved only here while the database was away is newer: write it back.
                if let Some((mine, None)) = kept {
                    self.save(&mine).await?;
                    return Ok(Some(mine));
                }
                self.cache
                    .insert(*id, (record.clone(), Some(Instant::now())))
                    .await;
                Ok(Some(record))
            }
            Ok(None) => {
                if let Some((mine, None)) = kept {
                    self.save(&mine).await?;
                    return Ok(Some(mine));
                }
                self.cache.invalidate(id).await;
                Ok(None)
            }
            Err(err) if self.outage(&err) => Ok(kept.map(|(record, _)| record)),
            Err(err) => Err(err),
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.cache.invalidate(id).await;
        match &self.backing {
            Backing::Sqlite(store) => store.delete(id).await,
            Backing::Postgres(store) => store.delete(id).await,
        }
    }
}
