//! Structured logs on stderr (JSON with `CUPOLA_LOG_FORMAT=json`) and Prometheus metrics at
//! `/metrics`. Request logs carry the route pattern, never the URL: fiscal codes, prescription
//! numbers and booking codes stay out of logs.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing::{Event, Subscriber};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::clock::Clock;
use crate::db::{BATCH_SIZE, Db};
use crate::delivery_report::{self, CHANNELS, STATES};
use crate::outbox::Message;

/// How often the outbox gauges are read again (one grouped query, whatever the scrapes).
pub const MESSAGE_GAUGES_EVERY: Duration = Duration::from_secs(15);

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let json = std::env::var("CUPOLA_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    let fmt = if json {
        fmt.json().boxed()
    } else {
        fmt.boxed()
    };
    // try_init: a second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(fmt.with_filter(filter))
        .with(
            QueryCounter
                .with_filter(Targets::new().with_target("sqlx::query", tracing::Level::TRACE)),
        )
        .try_init();
    recorder();
}

/// Metrics without log output (tests): the recorder and the statement counter.
pub fn init_metrics_only() {
    let _ = tracing_subscriber::registry()
        .with(
            QueryCounter
                .with_filter(Targets::new().with_target("sqlx::query", tracing::Level::TRACE)),
        )
        .try_init();
    recorder();
}

/// Counts every SQL statement: sqlx reports each one as an event of target `sqlx::query`.
struct QueryCounter;

impl<S: Subscriber> Layer<S> for QueryCounter {
    fn on_event(&self, _event: &Event<'_>, _ctx: Context<'_, S>) {
        metrics::counter!("cupola_db_queries_total").increment(1);
    }
}

/// The server's own time to answer a request it sheds (from the moment it has the request to
/// the answer made), by where it was shed: `door` (the fast path, before anything else) or
/// `gate` (the admission middleware, after the body was read).
pub const SHED_SECONDS: &str = "cupola_shed_seconds";

/// Records one shed answer's time.
pub fn record_shed(at: &'static str, started: std::time::Instant) {
    metrics::histogram!(SHED_SECONDS, "at" => at).record(started.elapsed().as_secs_f64());
}

/// The process-wide metrics recorder (metrics are global by nature; installed once).
fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets(&[
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ])
            // Shedding is meant to take microseconds: its own, finer buckets.
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full(SHED_SECONDS.to_owned()),
                    &[
                        0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5,
                        0.001, 0.002_5, 0.005, 0.01, 0.05,
                    ],
                )
            })
            // A batch's size is a count of jobs, not a time.
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full(BATCH_SIZE.to_owned()),
                    &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0],
                )
            })
            .map(|b| b.install_recorder())
            .and_then(|r| r);
        match handle {
            Ok(handle) => handle,
            Err(err) => {
                tracing::warn!(error = %err, "metrics recorder not installed");
                PrometheusBuilder::new().build_recorder().handle()
            }
        }
    })
}

/// `/metrics` in the Prometheus text format.
pub async fn metrics() -> ([(axum::http::HeaderName, &'static str); 1], String) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        recorder().render(),
    )
}

/// Sets the outbox gauges from one grouped query: `cupola_messages{kind,channel,state}` (every
/// combination, zeros included, so a series never lingers at an old value),
/// `cupola_messages_attempts{kind,channel,state}` (attempts made on those messages) and
/// `cupola_messages_oldest_pending_seconds` (0 when nothing is pending).
pub async fn refresh_message_gauges(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let summary = delivery_report::summary(db).await?;
    recorder();
    for message in Message::ALL {
        for channel in CHANNELS {
            for state in STATES {
                let found = summary
                    .counts
                    .iter()
                    .find(|c| c.kind == message.kind() && c.channel == channel && c.state == state);
                let labels = [
                    ("kind", message.kind()),
                    ("channel", channel),
                    ("state", state),
                ];
                metrics::gauge!("cupola_messages", &labels)
                    .set(found.map_or(0.0, |c| c.messages as f64));
                metrics::gauge!("cupola_messages_attempts", &labels)
                    .set(found.map_or(0.0, |c| c.attempts as f64));
            }
        }
    }
    metrics::gauge!("cupola_messages_oldest_pending_seconds")
        .set(summary.oldest_pending_age(now).unwrap_or(0) as f64);
    Ok(())
}

/// Refreshes the outbox gauges every `every`, until the database is closed.
pub async fn run_message_gauges(db: Db, clock: Clock, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !db.is_closed() {
        ticker.tick().await;
        if let Err(err) = refresh_message_gauges(&db, clock.now()).await {
            tracing::warn!(error = %err, "message gauges not refreshed");
        }
    }
}
