//! Where staff sessions live: in the database (tower-sessions' SQLite or PostgreSQL store, so any
//! instance can serve any operator), read through a small in-memory cache so that an operator's
//! request costs no session query.

use std::time::Duration;

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::db::Db;

#[derive(Debug, Clone)]
enum Backing {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[derive(Debug, Clone)]
pub struct StaffSessions {
    backing: Backing,
    cache: moka::future::Cache<Id, Record>,
}

impl StaffSessions {
    /// The store on this database, its table created if needed.
    pub async fn new(db: &Db) -> Result<StaffSessions, sqlx::Error> {
        let backing = match db {
            Db::Sqlite(sqlite) => {
                let store = SqliteStore::new(sqlite.write.clone());
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
            cache: moka::future::Cache::builder()
                .max_capacity(10_000)
                // Short: a session ended on another instance stops working here within seconds.
                .time_to_live(Duration::from_secs(30))
                .build(),
        })
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

#[async_trait]
impl SessionStore for StaffSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.backing {
            Backing::Sqlite(store) => store.create(record).await?,
            Backing::Postgres(store) => store.create(record).await?,
        }
        self.cache.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match &self.backing {
            Backing::Sqlite(store) => store.save(record).await?,
            Backing::Postgres(store) => store.save(record).await?,
        }
        self.cache.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        if let Some(record) = self.cache.get(id).await {
            if record.expiry_date > tower_sessions::cookie::time::OffsetDateTime::now_utc() {
                return Ok(Some(record));
            }
            self.cache.invalidate(id).await;
        }
        let record = match &self.backing {
            Backing::Sqlite(store) => store.load(id).await?,
            Backing::Postgres(store) => store.load(id).await?,
        };
        if let Some(record) = &record {
            self.cache.insert(*id, record.clone()).await;
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.cache.invalidate(id).await;
        match &self.backing {
            Backing::Sqlite(store) => store.delete(id).await,
            Backing::Postgres(store) => store.delete(id).await,
        }
    }
}
