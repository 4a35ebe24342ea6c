//! The test harness: a fresh database per test (a SQLite file in a temporary directory, or a new
//! PostgreSQL database on the server named by `CUPOLA_TEST_POSTGRES_URL`), and the real app
//! served on port 0.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use server::admission::AdmissionConfig;
use server::clock::Clock;
use server::db::{Db, PoolConfig};
use server::seed::{self, Scale};
use server::state::AppState;
use server::web::limits::EdgeLimits;
use sqlx::Connection;
use tokio::sync::oneshot;

pub const POSTGRES_ENV: &str = "CUPOLA_TEST_POSTGRES_URL";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed after it.
pub struct TestDb {
    pub url: String,
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(#[expect(dead_code, reason = "held for its Drop")] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
    None,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside any runtime we may block: use a thread with its own.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async move {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ =
                            sqlx::query(&format!("drop database if exists {name} with (force)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The admin URL of the test PostgreSQL server, or None when PostgreSQL tests are not asked for.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var(POSTGRES_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// Whether this is a CI run (`CI` set, as `.ci/run` and CI services do), where every test must
/// run on both backends.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// True when the test should run on this backend; prints why not otherwise. In CI, a PostgreSQL
/// variant that cannot run fails instead: half the suite must not pass without running.
pub fn enabled(backend: Backend) -> bool {
    if backend == Backend::Postgres && postgres_admin_url().is_none() {
        assert!(
            !in_ci(),
            "CI is set but {POSTGRES_ENV} is not: the PostgreSQL variants would not run"
        );
        eprintln!("not run on PostgreSQL: set {POSTGRES_ENV} (CI always does)");
        return false;
    }
    true
}

impl TestDb {
    /// An empty, migrated database.
    pub async fn new(backend: Backend) -> TestDb {
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}", dir.path().join("cupola.db").display());
                (url, Cleanup::Dir(dir))
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url().expect("checked by enabled()");
                let name = format!(
                    "cupola_t_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    rand::random::<u32>()
                );
                let mut conn = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to the test PostgreSQL server");
                sqlx::query(&format!("create database {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create the test database");
                let url = with_database(&admin_url, &name);
                (url, Cleanup::Postgres { admin_url, name })
            }
        };
        let config = PoolConfig {
            max_connections: 8,
            ..PoolConfig::default()
        };
        let db = Db::connect(&url, &config).await.expect("connect");
        db.migrate().await.expect("migrate");
        TestDb { url, db, cleanup }
    }

    /// A second connection to the same database, as another instance of the app would have.
    pub async fn attach(other: &TestDb) -> TestDb {
        let config = PoolConfig {
            max_connections: 8,
            ..PoolConfig::default()
        };
        let db = Db::connect(&other.url, &config).await.expect("connect");
        TestDb {
            url: other.url.clone(),
            db,
            // The first handle drops the database; this one only closes its connections.
            cleanup: Cleanup::None,
        }
    }

    /// Another connection to the same database through another URL (a proxy in front of it).
    pub async fn through(other: &TestDb, url: String) -> TestDb {
        assert_eq!(
            other.url.rsplit('/').next(),
            url.rsplit('/').next(),
            "the same database"
        );
        let config = PoolConfig {
            max_connections: 8,
            ..PoolConfig::default()
        };
        let db = Db::connect(&url, &config).await.expect("connect");
        TestDb {
            url,
            db,
            // The first handle drops the database; this one only closes its connections.
            cleanup: Cleanup::None,
        }
    }

    /// A database holding the tiny demo region, centred on today.
    pub async fn seeded(backend: Backend) -> TestDb {
        let test_db = TestDb::new(backend).await;
        seed::seed(&test_db.db, Scale::Tiny, seed::today())
            .await
            .expect("seed the tiny region");
        test_db
    }
}

/// The same server URL pointing at another database.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// The real app, serving on a random local port.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub test_db: TestDb,
    /// The app's clock: tests move it forward to expire holds.
    pub clock: Clock,
    /// The app's state (caches, snapshots), for tests that look inside.
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, AdmissionConfig::default()).await
    }

    /// The app with its own admission settings (capacity, waiting room).
    pub async fn spawn_with(backend: Backend, admission: AdmissionConfig) -> TestApp {
        let test_db = TestDb::seeded(backend).await;
        TestApp::serve(test_db, admission).await
    }

    /// The app with settings of its own (applied to the state before it starts).
    pub async fn spawn_configured(
        backend: Backend,
        configure: fn(AppState) -> AppState,
    ) -> TestApp {
        let test_db = TestDb::seeded(backend).await;
        TestApp::serve_configured(test_db, AdmissionConfig::default(), configure).await
    }

    /// Another instance of the app on an existing database (several instances, one database).
    pub async fn serve(test_db: TestDb, admission: AdmissionConfig) -> TestApp {
        TestApp::serve_configured(test_db, admission, |state| state).await
    }

    /// The app with edge limits of its own (timeouts, connections) and, with `secure`, secure
    /// cookies as behind HTTPS.
    pub async fn spawn_edge(backend: Backend, edge: EdgeLimits, secure: bool) -> TestApp {
        let test_db = TestDb::seeded(backend).await;
        TestApp::serve_edge(
            test_db,
            AdmissionConfig::default(),
            |state| state,
            edge,
            secure,
        )
        .await
    }

    /// `serve` with settings of its own (applied to the state before it starts).
    pub async fn serve_configured(
        test_db: TestDb,
        admission: AdmissionConfig,
        configure: fn(AppState) -> AppState,
    ) -> TestApp {
        TestApp::serve_edge(test_db, admission, configure, EdgeLimits::default(), false).await
    }

    /// The app's address, before it is configured and serves (to register it with an identity
    /// provider first, say): then `serve_bound`.
    pub async fn bind(backend: Backend) -> Bound {
        let test_db = TestDb::seeded(backend).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        Bound {
            test_db,
            listener,
            addr,
        }
    }

    /// The app on a bound address, configured.
    pub async fn serve_bound(
        bound: Bound,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> TestApp {
        TestApp::serve_on(
            bound.listener,
            bound.test_db,
            AdmissionConfig::default(),
            configure,
            EdgeLimits::default(),
            false,
        )
        .await
    }

    async fn serve_edge(
        test_db: TestDb,
        admission: AdmissionConfig,
        configure: fn(AppState) -> AppState,
        edge: EdgeLimits,
        secure: bool,
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        TestApp::serve_on(listener, test_db, admission, configure, edge, secure).await
    }

    async fn serve_on(
        listener: tokio::net::TcpListener,
        test_db: TestDb,
        admission: AdmissionConfig,
        configure: impl FnOnce(AppState) -> AppState,
        edge: EdgeLimits,
        secure: bool,
    ) -> TestApp {
        let addr = listener.local_addr().expect("address");
        let clock = Clock::system();
        let state = AppState::load(test_db.db.clone(), clock.clone(), secure, None, admission)
            .await
            .expect("state");
        let state = configure(state);
        state.start_background_work();
        // As a load balancer would wait for readiness: on PostgreSQL the instance first starts
        // hearing the others (which drops whatever its caches held), then serves.
        tokio::time::timeout(
            std::time::Duration::from_secs(30),
            state.db.changes().hearing_others(),
        )
        .await
        .expect("the instance hears the other instances' changes");
        let kept = state.clone();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(server::router::serve_with(
            listener,
            state,
            server::router::Audience::Everyone,
            edge,
            async move {
                let _ = rx.await;
            },
        ));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            addr,
            client,
            test_db,
            clock,
            state: kept,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub fn db(&self) -> &Db {
        &self.test_db.db
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// An app's address and database, before it serves (`TestApp::bind`).
pub struct Bound {
    test_db: TestDb,
    listener: tokio::net::TcpListener,
    pub addr: SocketAddr,
}

/// Declares each test once per backend: `mod sqlite { … }` and `mod postgres { … }`.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($backend:ident) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let $backend = $crate::common::Backend::Sqlite;
                    $body
                }
            )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let $backend = $crate::common::Backend::Postgres;
                    if !$crate::common::enabled($backend) {
                        return;
                    }
                    $body
                }
            )*
        }
    };
}

/// A browser: its own cookie jar, no automatic redirects, no JavaScript.
pub struct Browser {
    pub client: reqwest::Client,
    base: String,
}

/// What a browser got back.
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: format!("http://{}", app.addr),
        }
    }

    /// The same browser (cookies and all) talking to another instance of the app.
    pub fn on(&self, app: &TestApp) -> Browser {
        Browser {
            client: self.client.clone(),
            base: format!("http://{}", app.addr),
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        Page {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned),
            body: response.text().await.expect("body"),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(
            self.client
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .expect("get"),
        )
        .await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(format!("{}{path}", self.base))
                .header("origin", &self.base)
                .form(form)
                .send()
                .await
                .expect("post"),
        )
        .await
    }
}

/// Runs a query returning one row on either backend.
#[macro_export]
macro_rules! query_one {
    ($db:expr, $as:ty, $sql:expr $(, $bind:expr)*) => {
        match $db {
            server::db::Db::Sqlite(s) => sqlx::query_as::<_, $as>($sql)$(.bind($bind))*.fetch_one(&s.read).await,
            server::db::Db::Postgres(p) => sqlx::query_as::<_, $as>($sql)$(.bind($bind))*.fetch_one(&p.citizens).await,
        }
        .expect("query")
    };
}

/// Like `query_one!`, on the write side (for `insert … returning`).
#[macro_export]
macro_rules! query_one_write {
    ($db:expr, $as:ty, $sql:expr $(, $bind:expr)*) => {
        match $db {
            server::db::Db::Sqlite(s) => sqlx::query_as::<_, $as>($sql)$(.bind($bind))*.fetch_one(&s.write).await,
            server::db::Db::Postgres(p) => sqlx::query_as::<_, $as>($sql)$(.bind($bind))*.fetch_one(&p.citizens).await,
        }
        .expect("query")
    };
}

/// Runs a statement on the write side of either backend.
#[macro_export]
macro_rules! execute {
    ($db:expr, $sql:expr $(, $bind:expr)*) => {
        match $db {
            server::db::Db::Sqlite(s) => sqlx::query($sql)$(.bind($bind))*.execute(&s.write).await.map(|r| r.rows_affected()),
            server::db::Db::Postgres(p) => sqlx::query($sql)$(.bind($bind))*.execute(&p.citizens).await.map(|r| r.rows_affected()),
        }
        .expect("statement")
    };
}

/// The same checks for every page: a whole document, no script, no inline style, no leftover
/// markers, one h1 in one main.
pub fn assert_strict_page(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "not a document");
    // The one script is external, deferred and optional; nothing inline.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script src=\"/app.js\" defer></script>")
            .count(),
        "inline script on a page"
    );
    assert!(!html.contains("style="), "inline style on a page");
    assert!(!html.contains("<!>"), "hydration markers in the HTML");
    assert_eq!(html.matches("<h1").count(), 1, "one h1 per page");
    assert!(html.contains("<main id=\"main\""));
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn a_database_name_replaces_the_one_in_the_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
