//! The `cupola` command line: serve (the default), migrate, seed, and demo helpers.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use app::domain::PriorityClass;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::clock::Clock;
use crate::db::{Db, PoolConfig};
use crate::seed::{self, Scale};
use crate::state::AppState;

#[derive(Debug, Parser)]
#[command(
    name = "cupola",
    version,
    about = "Cupola: the regional healthcare booking portal"
)]
pub struct Cli {
    /// Database: sqlite://FILE (the embedded default) or postgres://…
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://cupola.db",
        global = true
    )]
    pub database_url: String,

    /// Where to listen.
    #[arg(
        long,
        env = "CUPOLA_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// A second address for the staff area alone (e.g. on an internal network): it is served by
    /// threads of its own, and the public address then answers 404 to staff pages.
    #[arg(long, env = "CUPOLA_OPERATOR_ADDR", global = true)]
    pub operator_addr: Option<SocketAddr>,

    /// Threads of the operators' own runtime.
    #[arg(
        long,
        env = "CUPOLA_OPERATOR_THREADS",
        default_value_t = 1,
        global = true
    )]
    pub operator_threads: usize,

    /// Scheduling priority of the operators' threads (-20 highest … 19 lowest; Linux, needs
    /// CAP_SYS_NICE or root to go below 0): a citizen flood saturating the cores still leaves
    /// operators the CPU first.
    #[arg(
        long,
        env = "CUPOLA_OPERATOR_NICE",
        default_value_t = -10,
        allow_negative_numbers = true,
        global = true
    )]
    pub operator_nice: i32,

    /// Proxies (comma-separated addresses) whose X-Forwarded-For names the client, besides
    /// loopback: the address limits and the waiting room count by.
    #[arg(
        long,
        env = "CUPOLA_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Database connections per pool.
    #[arg(long, env = "CUPOLA_DB_CONNECTIONS", global = true)]
    pub db_connections: Option<u32>,

    /// Mark cookies Secure (and use the __Host- prefix): set it whenever Cupola is served over
    /// HTTPS, which is every deployment but a local trial on plain HTTP.
    #[arg(long, env = "CUPOLA_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// Booking-path requests served at once; more are shed (503) before reaching the database.
    #[arg(
        long,
        env = "CUPOLA_BOOKING_CAPACITY",
        default_value_t = 64,
        global = true
    )]
    pub booking_capacity: usize,

    /// Operator requests served at once, in a lane of their own.
    #[arg(
        long,
        env = "CUPOLA_OPERATOR_CAPACITY",
        default_value_t = 32,
        global = true
    )]
    pub operator_capacity: usize,

    /// People let into the booking pages per second; beyond it, the virtual waiting room.
    #[arg(
        long,
        env = "CUPOLA_ADMISSION_RATE",
        default_value_t = 20.0,
        global = true
    )]
    pub admission_rate: f64,

    /// People let in at once, without waiting, when the room is quiet.
    #[arg(
        long,
        env = "CUPOLA_ADMISSION_BURST",
        default_value_t = 200,
        global = true
    )]
    pub admission_burst: i64,

    /// Seconds a client has to send a request's headers (from connecting, and between
    /// requests on a kept-alive HTTP/1 connection); slower connections are closed.
    #[arg(
        long,
        env = "CUPOLA_HEADER_TIMEOUT_SECONDS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=600),
        global = true
    )]
    pub header_timeout_seconds: u64,

    /// Seconds a client has to send a request's whole body once its headers are in; slower
    /// requests are answered 408 and their connection closed.
    #[arg(
        long,
        env = "CUPOLA_BODY_TIMEOUT_SECONDS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=600),
        global = true
    )]
    pub body_timeout_seconds: u64,

    /// Seconds a connection may stay open with nothing in flight before it is closed.
    #[arg(
        long,
        env = "CUPOLA_IDLE_TIMEOUT_SECONDS",
        default_value_t = 20,
        value_parser = clap::value_parser!(u64).range(1..=3600),
        global = true
    )]
    pub idle_timeout_seconds: u64,

    /// Connections open at once; more wait to be accepted. Default: what the open-files limit
    /// allows after a reserve of 256, at most 8192.
    #[arg(long, env = "CUPOLA_MAX_CONNECTIONS", value_parser = clap::value_parser!(u64).range(16..=1_000_000), global = true)]
    pub max_connections: Option<u64>,

    /// Also write the availability snapshots here as plain files (HTML, JSON, .gz, .br) for
    /// nginx or a CDN to serve.
    #[arg(long, env = "CUPOLA_SNAPSHOT_DIR", global = true)]
    pub snapshot_dir: Option<std::path::PathBuf>,

    /// Months the audit of staff access is kept; older entries are deleted once a day.
    #[arg(
        long,
        env = "CUPOLA_AUDIT_RETENTION_MONTHS",
        default_value_t = crate::audit::AUDIT_RETENTION_MONTHS,
        value_parser = clap::value_parser!(u32).range(1..=1200),
        global = true
    )]
    pub audit_retention_months: u32,

    /// On kiosk terminals, seconds without a touch before the inactivity warning.
    #[arg(
        long,
        env = "CUPOLA_KIOSK_IDLE_SECONDS",
        default_value_t = crate::state::KIOSK_TIMES.idle_seconds,
        value_parser = clap::value_parser!(u32).range(1..=3600),
        global = true
    )]
    pub kiosk_idle_seconds: u32,

    /// On kiosk terminals, seconds the warning lasts before the session is reset.
    #[arg(
        long,
        env = "CUPOLA_KIOSK_WARNING_SECONDS",
        default_value_t = crate::state::KIOSK_TIMES.warning_seconds,
        value_parser = clap::value_parser!(u32).range(1..=600),
        global = true
    )]
    pub kiosk_warning_seconds: u32,

    /// The key a kiosk terminal opens `/chiosco?chiave=KEY` with, once, to be enrolled. Unset,
    /// any browser that opens `/chiosco` becomes a kiosk (fine for trials, not for production:
    /// kiosk quotas would be anyone's).
    #[arg(long, env = "CUPOLA_KIOSK_KEY", hide_env_values = true, global = true)]
    pub kiosk_key: Option<String>,

    /// Seconds between two passes over the whole waiting list, offering any slot that suits a
    /// waiting request (a freed slot is offered at once anyway, by the change that frees it).
    #[arg(
        long,
        env = "CUPOLA_WAITLIST_SWEEP_SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=86_400),
        global = true
    )]
    pub waitlist_sweep_seconds: u64,

    /// The address citizens reach Cupola at (e.g. https://cup.example.it): links in messages
    /// start with it. Default: http:// and the listening address.
    #[arg(long, env = "CUPOLA_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// The CUP's phone number, shown (as a `tel:` link) wherever a page tells people to call.
    #[arg(long, env = "CUPOLA_HELP_PHONE", default_value = app::views::help::DEMO_PHONE, global = true)]
    pub help_phone: String,

    /// The identity providers citizens may sign in with (SPID, CIE: OpenID Connect), a JSON
    /// array: `[{"id": "spid", "label": "SPID", "issuer": "https://…", "client_id": "…",
    /// "client_secret": "…", "fiscal_claim": "fiscalNumber", "scopes": ["profile"]}]`. Each
    /// provider must have `PUBLIC_URL/accedi/ritorno` registered as the redirect URI. None by
    /// default: signing in is not offered.
    #[arg(
        long,
        env = "CUPOLA_OIDC_PROVIDERS",
        default_value = "",
        hide_env_values = true,
        global = true
    )]
    pub oidc_providers: String,

    /// The CUP's opening hours, shown beside its phone number.
    #[arg(long, env = "CUPOLA_HELP_HOURS", default_value = app::views::help::DEMO_HOURS, global = true)]
    pub help_hours: String,

    #[command(flatten)]
    pub throttle: crate::throttle::ThrottleConfig,

    #[command(flatten)]
    pub legal: crate::legal::LegalConfig,

    #[command(flatten)]
    pub delivery: crate::delivery::DeliveryConfig,

    #[command(flatten)]
    pub recall: crate::recall::RecallConfig,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the portal (the default): migrates, seeds the demo region into an empty database.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Fill an empty database with the demo region.
    Seed {
        #[arg(long, value_enum, default_value_t = Scale::Demo)]
        scale: Scale,
        /// The day the generated calendar is centred on (default: today in Italy).
        #[arg(long, hide = true)]
        anchor: Option<NaiveDate>,
    },
    /// Helpers for trials and load tests.
    #[command(subcommand)]
    Demo(DemoCommand),
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Print CSV `fiscal_code,nre,service_code,priority` of unbooked demo prescriptions,
    /// creating them if needed.
    Prescriptions {
        #[arg(long)]
        count: usize,
        /// Catalogue code of the service, e.g. 89.7A.3
        #[arg(long)]
        service: Option<String>,
        /// Priority class: U, B, D or P
        #[arg(long, value_parser = parse_priority)]
        priority: Option<PriorityClass>,
    },
    /// Put a demo prescription on the waiting list until a date, with an e-mail address for
    /// its offers (written to the citizen's registry record): for trying waiting-list offers.
    Waiting {
        /// The prescription's NRE (e.g. from `demo prescriptions`).
        #[arg(long)]
        nre: String,
        /// The last day an offered slot may be on.
        #[arg(long)]
        deadline: NaiveDate,
        /// Where offers are sent.
        #[arg(long)]
        email: String,
    },
}

fn parse_priority(s: &str) -> Result<PriorityClass, String> {
    PriorityClass::parse(s).map_err(|_| format!("«{s}» is not a priority class (U, B, D or P)"))
}

impl Cli {
    fn pool_config(&self) -> PoolConfig {
        let mut config = PoolConfig::default();
        if let Some(n) = self.db_connections {
            config.max_connections = n.max(1);
        }
        config
    }

    fn edge_limits(&self) -> crate::web::limits::EdgeLimits {
        let defaults = crate::web::limits::EdgeLimits::default();
        crate::web::limits::EdgeLimits {
            header_read_timeout: Duration::from_secs(self.header_timeout_seconds),
            body_read_timeout: Duration::from_secs(self.body_timeout_seconds),
            idle_timeout: Duration::from_secs(self.idle_timeout_seconds),
            max_connections: self
                .max_connections
                .map_or(defaults.max_connections, |n| n as usize),
            ..defaults
        }
    }

    async fn connect(&self) -> anyhow::Result<Db> {
        let db = Db::connect(&self.database_url, &self.pool_config())
            .await
            .context("cannot open the database")?;
        db.migrate().await.context("cannot migrate the database")?;
        Ok(db)
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        None | Some(Command::Serve) => serve(&cli).await,
        Some(Command::Migrate) => {
            let db = cli.connect().await?;
            tracing::info!(backend = db.backend().name(), "migrations applied");
            db.close().await;
            Ok(())
        }
        Some(Command::Seed { scale, anchor }) => {
            let db = cli.connect().await?;
            let report = seed::seed(&db, *scale, anchor.unwrap_or_else(seed::today)).await?;
            tracing::info!(
                scale = scale.name(),
                facilities = report.facilities,
                services = report.services,
                agendas = report.agendas,
                slots = report.slots,
                bookings = report.bookings,
                prescriptions = report.prescriptions,
                citizens = report.citizens,
                seconds = report.elapsed.as_secs_f64(),
                "demo region seeded"
            );
            db.close().await;
            Ok(())
        }
        Some(Command::Demo(DemoCommand::Prescriptions {
            count,
            service,
            priority,
        })) => {
            let db = cli.connect().await?;
            let rows =
                crate::demo::prescriptions(&db, *count, service.as_deref(), *priority).await?;
            let mut out = csv::Writer::from_writer(std::io::stdout().lock());
            for row in rows {
                out.serialize(row)?;
            }
            out.flush()?;
            db.close().await;
            Ok(())
        }
        Some(Command::Demo(DemoCommand::Waiting {
            nre,
            deadline,
            email,
        })) => {
            let db = cli.connect().await?;
            crate::demo::waiting(&db, nre, *deadline, email).await?;
            db.close().await;
            Ok(())
        }
    }
}

async fn serve(cli: &Cli) -> anyhow::Result<()> {
    crate::web::client::trust_proxies(cli.trusted_proxies.clone());
    let operators = crate::web::operators::start(cli.operator_threads, cli.operator_nice)
        .context("cannot start the operators' runtime")?;
    let db = cli.connect().await?;
    if !seed::is_seeded(&db).await? {
        tracing::info!("empty database: creating the demo region (first start only)");
        let started = Instant::now();
        let report = seed::seed(&db, Scale::Demo, seed::today()).await?;
        tracing::info!(
            slots = report.slots,
            bookings = report.bookings,
            seconds = started.elapsed().as_secs_f64(),
            "demo region ready"
        );
    }
    let clock = Clock::system();
    app::views::help::set_help(app::views::help::Help {
        phone: cli.help_phone.clone(),
        hours: cli.help_hours.clone(),
    });
    cli.legal.apply();
    let state = AppState::load(
        db.clone(),
        clock.clone(),
        cli.secure_cookies,
        cli.snapshot_dir.clone(),
        crate::admission::AdmissionConfig {
            booking_capacity: cli.booking_capacity.max(1),
            operator_capacity: cli.operator_capacity.max(1),
            rate: cli.admission_rate.max(0.1),
            burst: cli.admission_burst.max(0),
            ..crate::admission::AdmissionConfig::default()
        },
    )
    .await?
    .with_audit_retention(cli.audit_retention_months)
    .with_kiosk(app::views::Kiosk {
        idle_seconds: cli.kiosk_idle_seconds,
        warning_seconds: cli.kiosk_warning_seconds,
    })
    .with_kiosk_key(cli.kiosk_key.clone())
    .with_throttle(cli.throttle)
    .with_sign_in(
        crate::citizen::oidc::parse_providers(&cli.oidc_providers).map_err(anyhow::Error::msg)?,
    )
    .with_public_url(
        &cli.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", cli.addr)),
    )
    .with_delivery_status(cli.delivery.status());
    state.start_background_work();
    let delivery = crate::delivery::Delivery::start(state.clone(), cli.delivery.clone())
        .await
        .context("cannot start message delivery")?;
    tokio::spawn(crate::waitlist::run_sweeper(
        db.clone(),
        clock.clone(),
        Duration::from_secs(cli.waitlist_sweep_seconds),
    ));
    tokio::spawn(crate::recall::run(
        db.clone(),
        clock,
        cli.recall.clone(),
        Duration::from_secs(cli.recall.interval_seconds.max(1)),
    ));
    let listener = TcpListener::bind(cli.addr)
        .await
        .with_context(|| format!("cannot listen on {}", cli.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = db.backend().name(), "listening");
    println!("Cupola listening on http://{addr}");
    let limits = cli.edge_limits();
    tracing::info!(
        max_connections = limits.max_connections,
        header_timeout_s = limits.header_read_timeout.as_secs(),
        body_timeout_s = limits.body_read_timeout.as_secs(),
        idle_timeout_s = limits.idle_timeout.as_secs(),
        "edge limits"
    );
    let staff = match cli.operator_addr {
        Some(operator_addr) => {
            let listener = TcpListener::bind(operator_addr)
                .await
                .with_context(|| format!("cannot listen on {operator_addr}"))?;
            let addr = listener.local_addr()?;
            tracing::info!(%addr, "staff area listening on its own address");
            println!("Cupola staff area listening on http://{addr}");
            // Accepted, read and answered on the operators' own threads.
            let serving = operators.spawn(crate::router::serve_with(
                listener,
                state.clone(),
                crate::router::Audience::Staff,
                limits.clone(),
                shutdown_signal(),
            ));
            Some(serving)
        }
        None => None,
    };
    let audience = if staff.is_some() {
        crate::router::Audience::Public
    } else {
        crate::router::Audience::Everyone
    };
    crate::router::serve_with(listener, state, audience, limits, shutdown_signal()).await?;
    if let Some(staff) = staff {
        staff.await.context("the staff listener stopped")??;
    }
    // Requests are over: what is being sent finishes, what is only claimed is given back.
    delivery.shutdown().await;
    tracing::info!("shut down");
    db.close().await;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM: in-flight requests finish, new connections are refused.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_is_kept_24_months_unless_told_otherwise() {
        let default = Cli::try_parse_from(["cupola"]).expect("no arguments");
        if std::env::var_os("CUPOLA_AUDIT_RETENTION_MONTHS").is_none() {
            assert_eq!(default.audit_retention_months, 24);
        }
        let longer = Cli::try_parse_from(["cupola", "--audit-retention-months", "36", "migrate"])
            .expect("a number of months");
        assert_eq!(longer.audit_retention_months, 36);
        assert!(Cli::try_parse_from(["cupola", "--audit-retention-months", "0"]).is_err());
    }

    #[test]
    fn the_edge_limits_are_settings() {
        let cli = Cli::try_parse_from([
            "cupola",
            "--header-timeout-seconds",
            "3",
            "--body-timeout-seconds",
            "4",
            "--idle-timeout-seconds",
            "5",
            "--max-connections",
            "100",
        ])
        .expect("edge settings");
        let limits = cli.edge_limits();
        assert_eq!(limits.header_read_timeout, Duration::from_secs(3));
        assert_eq!(limits.body_read_timeout, Duration::from_secs(4));
        assert_eq!(limits.idle_timeout, Duration::from_secs(5));
        assert_eq!(limits.max_connections, 100);
        assert!(Cli::try_parse_from(["cupola", "--header-timeout-seconds", "0"]).is_err());
    }

    #[test]
    fn delivery_settings_say_which_channels_are_on() {
        let cli = Cli::try_parse_from([
            "cupola",
            "--smtp-url",
            "smtp://127.0.0.1:2525",
            "--mail-from",
            "CUP <cup@example.it>",
            "--delivery-max-attempts",
            "3",
            "--delivery-concurrency",
            "4",
        ])
        .expect("delivery settings");
        assert_eq!(cli.delivery.max_attempts, 3);
        assert_eq!(cli.delivery.concurrency, 4);
        if std::env::var_os("CUPOLA_SMS_GATEWAY_URL").is_none() {
            let status = cli.delivery.status();
            assert!(status.email_configured && !status.sms_configured);
        }
        assert!(Cli::try_parse_from(["cupola", "--delivery-max-attempts", "0"]).is_err());
    }
}
