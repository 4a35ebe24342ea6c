//! The database: one enum over the two concrete sqlx pools, SQLite (the embedded default) and
//! PostgreSQL (production). Queries are written once with `$1` placeholders and compiled once per
//! backend through the `on_read!` and `on_conn!` macros, which keeps the typed columns and the
//! pragmas that `sqlx::Any` would take away (the SQL is plain text: the compile-time query
//! macros are not used, as they would need a database at build time). Every write goes through
//! `Db::transact`, or `Db::change_slots` when it changes slots.
//!
//! Two lanes share the database: citizens and operators. Operators read through a pool of
//! their own and their writes go first in SQLite's writer queue, so a citizen surge cannot take
//! the connections an operator needs (the lane is set per request by the HTTP layer).

mod appended;
pub mod bulk;
mod conn;
pub mod health;
mod lane;
mod writer;

use std::str::FromStr;
use std::time::Duration;

use futures::future::BoxFuture;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, PgPool, SqlitePool};

pub use appended::per_contact;
pub use conn::{Changed, Conn, NewBooking};
pub use health::Health;
pub use lane::{LANE, Lane, current_lane};
pub use writer::{BATCH_SIZE, Writer};

use crate::changes::Changes;

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

/// SQLite allows one writer at a time: one task owns the write connection and commits the
/// transactions of concurrent callers together (group commit), while readers run beside it
/// (WAL). The `write` pool serves seeding, migrations and tools before or beside the server.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pub read: SqlitePool,
    pub read_operators: SqlitePool,
    pub write: SqlitePool,
    pub writer: Writer,
    /// The sessions' own file (`{database}-sessions`): their writes never wait for the booking
    /// writer's lock, so that staff sign in at the worst peak (they waited seconds for it).
    pub sessions: SqlitePool,
    pub changes: Changes,
    pub health: Health,
    /// A pool closed from the start: what reads get while the database is unhealthy, so that
    /// they fail at once instead of waiting for a connection.
    refused: SqlitePool,
}

impl SqliteDb {
    pub fn read_pool(&self) -> &SqlitePool {
        if !self.health.is_healthy() {
            return &self.refused;
        }
        match current_lane() {
            Lane::Citizen => &self.read,
            Lane::Operator => &self.read_operators,
        }
    }
}

/// PostgreSQL: a pool per lane.
#[derive(Clone, Debug)]
pub struct PgDb {
    pub citizens: PgPool,
    pub operators: PgPool,
    pub changes: Changes,
    pub health: Health,
    /// A pool closed from the start: what queries get while the database is unhealthy, so
    /// that they fail at once instead of waiting for a connection that will not come.
    refused: PgPool,
}

impl PgDb {
    pub fn pool(&self) -> &PgPool {
        if !self.health.is_healthy() {
            return &self.refused;
        }
        match current_lane() {
            Lane::Citizen => &self.citizens,
            Lane::Operator => &self.operators,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgDb),
}

/// Pool sizes and timeouts. A pool that cannot hand out a connection in `acquire_timeout` makes
/// the request fail fast with 503 instead of piling up behind a stuck database.
#[derive(Clone, Debug)]
pub struct PoolConfig {
    /// Connections for citizens' requests.
    pub max_connections: u32,
    /// Connections kept for operators, whatever the citizens do.
    pub operator_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
        PoolConfig {
            max_connections: (cores * 4).clamp(4, 32),
            operator_connections: 4,
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

/// Every statement is logged at TRACE under the `sqlx::query` target, where the metrics layer
/// counts it (`cupola_db_queries_total`); slow ones are logged as warnings.
fn statement_logging<O: ConnectOptions>(options: O) -> O {
    options
        .log_statements(tracing::log::LevelFilter::Trace)
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500))
}

/// Copies the WAL back into the database file while the writer goes on (SQLite).
async fn checkpoint_wal(pool: SqlitePool) {
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        ticker.tick().await;
        if let Err(err) = sqlx::query("pragma wal_checkpoint(passive)")
            .execute(&pool)
            .await
        {
            tracing::debug!(error = %err, "WAL checkpoint");
        }
    }
}

impl Db {
    pub async fn connect(url: &str, config: &PoolConfig) -> Result<Db, ConnectError> {
        if url.starts_with("sqlite:") {
            if url.contains(":memory:") || url.contains("mode=memory") {
                return Err(ConnectError::InMemorySqlite);
            }
            let options = statement_logging(SqliteConnectOptions::from_str(url)?)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a confirmed booking survives a power cut (WAL fsync on every commit).
                // The writer commits many bookings at once, so fsyncs do not cap bookings/s.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-32768")
                // Pages are read through a memory map instead of one read() per page missed
                // in the connection's cache: at region scale (a file of gigabytes) those
                // syscalls were most of the time of a booking.
                .pragma("mmap_size", "17179869184");
            // The write side connects first: it creates the file that the readers then open.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(options.clone())
                .await?;
            // The writer never checkpoints on commit (that would stall a batch behind the
            // copy of the WAL into the database file): a task does it beside it, every second,
            // without taking the write lock (PASSIVE).
            let changes = Changes::new();
            let writer = Writer::start(
                options.clone().pragma("wal_autocheckpoint", "0"),
                changes.clone(),
            )
            .await?;
            tokio::spawn(checkpoint_wal(write.clone()));
            let sessions_file = format!("{}-sessions", options.get_filename().display());
            let sessions = SqlitePoolOptions::new()
                .max_connections(4)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(
                    statement_logging(SqliteConnectOptions::new().filename(&sessions_file))
                        .create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        // A session lost to a power cut signs one person out: no fsync per save.
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(5)),
                )
                .await?;
            // Readers find most pages in the memory map; their own caches hold the pages they
            // read from the WAL. 4 MB each rather than the writer's 32: a pool of 8 to 32 of
            // them filled at a peak was hundreds of megabytes.
            let read_options = options.read_only(true).pragma("cache_size", "-4096");
            let probe = read_options
                .clone()
                .busy_timeout(Duration::from_millis(250))
                .log_statements(tracing::log::LevelFilter::Off);
            let health = Health::start(health::Probe::Sqlite(probe));
            let refused = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_lazy_with(read_options.clone());
            refused.close().await;
            let read = SqlitePoolOptions::new()
                .max_connections(config.max_connections)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(read_options.clone())
                .await?;
            let read_operators = SqlitePoolOptions::new()
                .max_connections(config.operator_connections.max(1))
                .acquire_timeout(config.acquire_timeout)
                .connect_lazy_with(read_options);
            Ok(Db::Sqlite(SqliteDb {
                read,
                read_operators,
                write,
                writer,
                sessions,
                changes,
                health,
                refused,
            }))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options =
                statement_logging(PgConnectOptions::from_str(url)?).application_name("cupola");
            let citizens = PgPoolOptions::new()
                .max_connections(config.max_connections)
                .acquire_timeout(config.acquire_timeout)
                .connect_with(options.clone())
                .await?;
            let operators = PgPoolOptions::new()
                .max_connections(config.operator_connections.max(1))
                .acquire_timeout(config.acquire_timeout)
                .connect_lazy_with(options.clone());
            let refused = PgPoolOptions::new()
                .max_connections(1)
                .connect_lazy_with(options.clone());
            refused.close().await;
            let probe = options
                .application_name("cupola-probe")
                .log_statements(tracing::log::LevelFilter::Off);
            Ok(Db::Postgres(PgDb {
                citizens,
                operators,
                changes: Changes::new(),
                health: Health::start(health::Probe::Postgres(probe)),
                refused,
            }))
        } else {
            Err(ConnectError::UnsupportedUrl)
        }
    }

    /// Where this instance's caches hear that a service's slots changed.
    pub fn changes(&self) -> &Changes {
        match self {
            Db::Sqlite(db) => &db.changes,
            Db::Postgres(pg) => &pg.changes,
        }
    }

    /// Whether the database answers (fed by failed queries and a probe).
    pub fn health(&self) -> &Health {
        match self {
            Db::Sqlite(db) => &db.health,
            Db::Postgres(pg) => &pg.health,
        }
    }

    /// On PostgreSQL, relays the other instances' slot changes to this one (a background task).
    pub fn listen_for_changes(&self) {
        if let Db::Postgres(pg) = self {
            pg.changes.connect_instances(pg.citizens.clone());
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
            Db::Postgres(pg) => POSTGRES_MIGRATIONS.run(&pg.citizens).await,
        }
    }

    /// One round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let result = on_read!(self, pool => {
            sqlx::query("select 1").execute(pool).await.map(drop)
        });
        self.health().observe(result)
    }

    /// Runs `job` as one transaction on the write side: it commits when the job returns `Ok` and
    /// rolls back when it returns `Err`. On SQLite, the jobs of concurrent callers share one
    /// commit (each inside its own savepoint), so one fsync makes many bookings durable; the
    /// answer comes back only once that commit is on disk. PostgreSQL groups commits itself.
    pub async fn transact<T, E, F>(&self, job: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(Conn<'c>) -> BoxFuture<'c, Result<T, E>> + Send + 'static,
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        self.change_slots(move |conn, _| job(conn)).await
    }

    /// Like `transact`, for a change to slots: the job notes in `Changed` the services whose
    /// availability it changed, and once the transaction is committed — before any caller of
    /// the same commit is answered — each of them is published on the change bus. Nobody can
    /// be told of a change (a booking made, a race lost) and then read a cache that predates it.
    pub async fn change_slots<T, E, F>(&self, job: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(Conn<'c>, &'c mut Changed) -> BoxFuture<'c, Result<T, E>>
            + Send
            + 'static,
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        // Nothing is attempted while the database is unhealthy: the caller is told at once.
        if !self.health().is_healthy() {
            return Err(Health::refusal().into());
        }
        match self {
            Db::Sqlite(sqlite) => sqlite.writer.run(current_lane(), job).await,
            Db::Postgres(pg) => {
                // In a task of its own: a request dropped half-way (its client gone) must not
                // cancel a transaction half-begun or half-committed, which would leave the
                // connection inside it for the next user of the pool (sqlx#4393) and leave
                // the caches unsure of what happened.
                let pg = pg.clone();
                let lane = current_lane();
                let run = LANE.scope(lane, async move {
                    let mut tx = pg.health.observe(pg.pool().begin().await)?;
                    let mut changed = Changed::default();
                    let mut out = job(Conn::Postgres(&mut tx), &mut changed).await;
                    if out.is_ok()
                        && let Err(err) =
                            appended::write(Conn::Postgres(&mut tx), &changed.take_booked()).await
                    {
                        out = Err(err.into());
                    }
                    let committed = out.is_ok();
                    if committed {
                        pg.health.observe(tx.commit().await)?;
                    }
                    changed.publish(&pg.changes, committed);
                    out
                });
                match tokio::spawn(run).await {
                    Ok(out) => out,
                    Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
                    // Only a runtime shutting down cancels it.
                    Err(err) => {
                        tracing::error!(error = %err, "a transaction's task was cancelled");
                        Err(sqlx::Error::WorkerCrashed.into())
                    }
                }
            }
        }
    }

    /// Whether `close` was called (background work then stops).
    pub fn is_closed(&self) -> bool {
        match self {
            Db::Sqlite(db) => db.read.is_closed(),
            Db::Postgres(pg) => pg.citizens.is_closed(),
        }
    }

    pub async fn close(&self) {
        self.health().stop();
        match self {
            Db::Sqlite(db) => {
                db.writer.stop().await;
                db.read.close().await;
                db.read_operators.close().await;
                db.write.close().await;
                db.sessions.close().await;
            }
            Db::Postgres(pg) => {
                pg.citizens.close().await;
                pg.operators.close().await;
            }
        }
    }
}

/// Runs `$body` with `$pool` bound to the read pool of whichever backend `$db` is. The body is
/// written once and compiled for each backend, so both run the same SQL.
macro_rules! on_read {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = sqlite.read_pool();
                $body
            }
            $crate::db::Db::Postgres(pg) => {
                let $pool = pg.pool();
                $body
            }
        }
    };
}

/// The write pool, for work outside the server's requests (seeding, maintenance): requests write
/// through `Db::transact`.
macro_rules! on_write {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.write;
                $body
            }
            $crate::db::Db::Postgres(pg) => {
                let $pool = &pg.citizens;
                $body
            }
        }
    };
}

/// Like `on_read!` for a `Conn` (inside `Db::transact`): `$c` is the `&mut` connection of its
/// backend.
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::Conn::Sqlite($c) => $body,
            $crate::db::Conn::Postgres($c) => $body,
        }
    };
}

pub(crate) use {on_conn, on_read, on_write};

/// An error shared by every caller of a coalesced cache miss (moka hands out an `Arc`), as a
/// value of its own that keeps its kind: an unavailable database must stay a 503 for each of
/// them, not become a 500.
pub fn unshare(shared: &sqlx::Error) -> sqlx::Error {
    match shared {
        sqlx::Error::PoolTimedOut => sqlx::Error::PoolTimedOut,
        sqlx::Error::PoolClosed => sqlx::Error::PoolClosed,
        sqlx::Error::Io(io) => sqlx::Error::Io(std::io::Error::new(io.kind(), io.to_string())),
        other => sqlx::Error::Protocol(other.to_string()),
    }
}

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
