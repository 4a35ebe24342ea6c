//! The database: one enum over the two concrete sqlx pools, SQLite (the embedded default) and
//! PostgreSQL (production). Queries are written once with `$1` placeholders and compiled once per
//! backend through the `on_read!` / `on_write!` / `in_transaction!` macros, which keeps typed
//! columns, pragmas and the sqlx macros that `sqlx::Any` would take away.

pub mod bulk;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// SQLite allows one writer at a time: a single-connection write pool queues writers in the
/// process instead of letting them collide on the file lock, while readers run beside it (WAL).
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub read: SqlitePool,
    pub write: SqlitePool,
}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// Pool sizes and timeouts. A pool that cannot hand out a connection in `acquire_timeout` makes
/// the request fail fast with 503 instead of piling up behind a stuck database.
#[derive(Clone, Debug)]
pub struct PoolConfig {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
        PoolConfig {
            max_connections: (cores * 4).clamp(4, 32),
            acquire_timeout: Duration::from_secs(3),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL (expected sqlite://… or postgres://…)")]
    UnsupportedUrl,
    #[error(
        "an in-memory SQLite database cannot be shared by the read and write pools; use a file"
    )]
    InMemorySqlite,
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

impl Db {
    pub async fn connect(url: &str, config: &PoolConfig) -> Result<Db, ConnectError> {
        if url.starts_with("sqlite:") {
            if url.contains(":memory:") || url.contains("mode=memory") {
                return Err(ConnectError::InMemorySqlite);
            }
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a confirmed booking survives a power cut (WAL fsync on every commit).
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-32768");
            // The writer connects first: it creates the file that the readers then open.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(options.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(config.max_connections)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(options.read_only(true))
                .await?;
            Ok(Db::Sqlite(SqliteDb { read, write }))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?.application_name("cupola");
            let pool = PgPoolOptions::new()
                .max_connections(config.max_connections)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(ConnectError::UnsupportedUrl)
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend; safe to run at every start.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(db) => SQLITE_MIGRATIONS.run(&db.write).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// One round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_read!(self, pool => {
            sqlx::query("select 1").execute(pool).await?;
        });
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(db) => {
                db.read.close().await;
                db.write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// Runs `$body` with `$pool` bound to the read pool of whichever backend `$db` is. The body is
/// written once and compiled for each backend, so both run the same SQL.
macro_rules! on_read {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.read;
                $body
            }
            $crate::db::Db::Postgres(pg) => {
                let $pool = pg;
                $body
            }
        }
    };
}

/// Like `on_read!`, with the pool that may write (SQLite's single writer).
macro_rules! on_write {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.write;
                $body
            }
            $crate::db::Db::Postgres(pg) => {
                let $pool = pg;
                $body
            }
        }
    };
}

/// Runs `$body` inside one transaction of the write pool, with `$tx` bound to it. The body
/// evaluates to a `Result`: the transaction commits on `Ok` and rolls back on `Err` (and when the
/// body returns early with `?`, which drops it).
macro_rules! in_transaction {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let mut $tx = sqlite.write.begin().await?;
                let out = $body;
                if out.is_ok() {
                    $tx.commit().await?;
                }
                out
            }
            $crate::db::Db::Postgres(pg) => {
                let mut $tx = pg.begin().await?;
                let out = $body;
                if out.is_ok() {
                    $tx.commit().await?;
                }
                out
            }
        }
    };
}

/// A connection (usually inside a transaction) of either backend, for helpers that take part
/// in a caller's transaction.
pub enum Conn<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl<'a> From<&'a mut sqlx::SqliteConnection> for Conn<'a> {
    fn from(conn: &'a mut sqlx::SqliteConnection) -> Self {
        Conn::Sqlite(conn)
    }
}

impl<'a> From<&'a mut sqlx::PgConnection> for Conn<'a> {
    fn from(conn: &'a mut sqlx::PgConnection) -> Self {
        Conn::Postgres(conn)
    }
}

/// Like `on_read!` for a `Conn`: `$c` is the `&mut` connection of its backend.
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::Conn::Sqlite($c) => $body,
            $crate::db::Conn::Postgres($c) => $body,
        }
    };
}

pub(crate) use {in_transaction, on_conn, on_read, on_write};

/// Seconds since the Unix epoch: the one representation of an instant in the database.
pub fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The unique rules whose violation the application turns into an answer for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unique {
    /// Someone else booked this slot first.
    BookingSlot,
    /// This prescription already has an active booking.
    BookingPrescription,
    /// A freshly drawn booking code collided (draw again).
    BookingCode,
    /// This prescription is already on the waiting list.
    WaitingPrescription,
}

/// Which of our unique rules `err` broke, if it is a unique violation. PostgreSQL names the
/// index; SQLite names the columns ("UNIQUE constraint failed: bookings.slot_id").
pub fn unique_violation(err: &sqlx::Error) -> Option<Unique> {
    let sqlx::Error::Database(db_err) = err else {
        return None;
    };
    if !matches!(db_err.kind(), sqlx::error::ErrorKind::UniqueViolation) {
        return None;
    }
    let name = db_err.constraint().unwrap_or_default();
    let message = db_err.message();
    let is = |index: &str, columns: &str| name == index || message.ends_with(columns);
    if is("bookings_one_active_per_slot", "bookings.slot_id") {
        Some(Unique::BookingSlot)
    } else if is(
        "bookings_one_active_per_prescription",
        "bookings.prescription_id",
    ) {
        Some(Unique::BookingPrescription)
    } else if is("bookings_code_key", "bookings.code") {
        Some(Unique::BookingCode)
    } else if is(
        "waiting_list_one_open_per_prescription",
        "waiting_list.prescription_id",
    ) {
        Some(Unique::WaitingPrescription)
    } else {
        None
    }
}
