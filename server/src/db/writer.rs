//! SQLite's single writer, with group commit. One task owns the write connection. Callers send
//! it jobs (one logical transaction each); it takes every job waiting, runs each inside its own
//! savepoint of one `BEGIN IMMEDIATE` transaction, commits once, and only then answers each
//! caller. A failed job rolls back to its savepoint without touching the others. With
//! `synchronous=FULL` the single commit is one fsync for the whole batch, so under load the
//! number of durable bookings per second grows with the batch instead of being capped by fsyncs.

use futures::future::BoxFuture;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use tokio::sync::{mpsc, oneshot};

use super::conn::{Changed, Conn};
use super::lane::Lane;
use crate::changes::Changes;

/// The histogram of jobs per commit (its buckets are counts: see `telemetry`).
pub const BATCH_SIZE: &str = "cupola_sqlite_commit_batch_size";

/// Jobs per commit at most (a bound on how long one batch holds the write lock).
const MAX_BATCH: usize = 512;

/// What a job hands back once it has run: whether its savepoint is kept, the services whose
/// slots it changed, and how to deliver its result once the batch's commit outcome is known.
type Delivery = Box<dyn FnOnce(Option<&str>) + Send>;
type Job = Box<
    dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Changed, Delivery)> + Send,
>;

/// A handle to the writer task. Operators' jobs are queued apart and taken first.
#[derive(Clone, Debug)]
pub struct Writer {
    citizens: mpsc::UnboundedSender<Job>,
    operators: mpsc::UnboundedSender<Job>,
    stop: mpsc::Sender<oneshot::Sender<()>>,
}

/// The write connection and where its committed slot changes are published.
struct Owner {
    conn: SqliteConnection,
    changes: Changes,
}

impl Writer {
    /// Opens the write connection and starts the task that owns it; committed slot changes
    /// are published on `changes`.
    pub async fn start(
        options: SqliteConnectOptions,
        changes: Changes,
    ) -> Result<Writer, sqlx::Error> {
        let (citizens, citizen_jobs) = mpsc::unbounded_channel();
        let (operators, operator_jobs) = mpsc::unbounded_channel();
        let (stop, stop_requests) = mpsc::channel(1);
        let (opened, connected) = oneshot::channel::<Result<(), sqlx::Error>>();
        // The writer runs on a thread of its own, alone on its runtime, at a higher priority.
        // On the shared runtime each of a job's statements (a hand-off to sqlx's SQLite thread
        // and back) put the writer at the end of a run queue of hundreds of requests, once per
        // statement: the writer spent its time waiting for a turn, not writing.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(sqlx::Error::Io)?;
        std::thread::Builder::new()
            .name("cupola-sqlite-writer".into())
            .spawn(move || {
                // Before connecting: sqlx's thread for the connection inherits the priority.
                if let Err(err) = crate::priority::set_current_thread(crate::priority::WRITER_NICE)
                {
                    tracing::warn!(
                        error = %err,
                        "the SQLite writer keeps the default priority (CAP_SYS_NICE needed)"
                    );
                }
                runtime.block_on(async move {
                    let conn = match options.connect().await {
                        Ok(conn) => conn,
                        Err(err) => {
                            let _ = opened.send(Err(err));
                            return;
                        }
                    };
                    let _ = opened.send(Ok(()));
                    let owner = Owner { conn, changes };
                    run(owner, citizen_jobs, operator_jobs, stop_requests).await;
                })
            })
            .map_err(sqlx::Error::Io)?;
        connected.await.map_err(|_| sqlx::Error::PoolClosed)??;
        Ok(Writer {
            citizens,
            operators,
            stop,
        })
    }

    /// Runs `job` in the next batch and waits until its transaction is durable (or failed).
    pub async fn run<T, E, F>(&self, lane: Lane, job: F) -> Result<T, E>
    where
        F: for<'c> FnOnce(Conn<'c>, &'c mut Changed) -> BoxFuture<'c, Result<T, E>>
            + Send
            + 'static,
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<Result<T, E>>();
        let boxed: Job = Box::new(move |conn: &mut SqliteConnection| {
            Box::pin(async move {
                let mut changed = Changed::default();
                let result = job(Conn::Sqlite(conn), &mut changed).await;
                let keep = result.is_ok();
                let deliver: Delivery = Box::new(move |commit_error: Option<&str>| {
                    let out = match (result, commit_error) {
                        (Ok(value), None) => Ok(value),
                        (Ok(_), Some(error)) => Err(E::from(sqlx::Error::Protocol(format!(
                            "commit failed: {error}"
                        )))),
                        (Err(error), _) => Err(error),
                    };
                    let _ = answer.send(out);
                });
                (keep, changed, deliver)
            })
        });
        let queue = match lane {
            Lane::Citizen => &self.citizens,
            Lane::Operator => &self.operators,
        };
        queue
            .send(boxed)
            .map_err(|_| E::from(sqlx::Error::PoolClosed))?;
        answered
            .await
            .unwrap_or_else(|_| Err(E::from(sqlx::Error::PoolClosed)))
    }

    /// Finishes the jobs already queued and closes the connection.
    pub async fn stop(&self) {
        let (done, finished) = oneshot::channel();
        if self.stop.send(done).await.is_ok() {
            let _ = finished.await;
        }
    }
}

async fn run(
    mut conn: Owner,
    mut citizens: mpsc::UnboundedReceiver<Job>,
    mut operators: mpsc::UnboundedReceiver<Job>,
    mut stop: mpsc::Receiver<oneshot::Sender<()>>,
) {
    loop {
        let first = tokio::select! {
            biased;
            Some(job) = operators.recv() => job,
            Some(job) = citizens.recv() => job,
            Some(done) = stop.recv() => {
                let _ = conn.conn.close().await;
                let _ = done.send(());
                return;
            }
            else => return,
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match operators.try_recv().or_else(|_| citizens.try_recv()) {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        commit_batch(&mut conn, batch).await;
        // The writer's busy time: near one second per second, the writer is what limits writes.
        metrics::counter!("cupola_sqlite_writer_busy_microseconds_total")
            .increment(started.elapsed().as_micros() as u64);
    }
}

async fn exec(conn: &mut SqliteConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::query(sql).execute(&mut *conn).await.map(drop)
}

async fn commit_batch(owner: &mut Owner, batch: Vec<Job>) {
    let conn = &mut owner.conn;
    let mut deliveries: Vec<Delivery> = Vec::with_capacity(batch.len());
    let mut changed: Vec<(bool, Changed)> = Vec::with_capacity(batch.len());
    if let Err(err) = exec(conn, "begin immediate").await {
        // The jobs are dropped unrun: each caller sees its answer channel close (a 503).
        tracing::error!(error = %err, "cannot begin a write transaction");
        return;
    }
    for job in batch {
        let saved = exec(conn, "savepoint job").await;
        let (keep, services, deliver) = job(conn).await;
        let settled = match (saved, keep) {
            (Ok(()), true) => exec(conn, "release job").await,
            (Ok(()), false) => match exec(conn, "rollback to job").await {
                Ok(()) => exec(conn, "release job").await,
                Err(err) => Err(err),
            },
            (Err(err), _) => Err(err),
        };
        if let Err(err) = settled {
            tracing::error!(error = %err, "savepoint handling failed; the batch is rolled back");
            let _ = exec(conn, "rollback").await;
            let message = err.to_string();
            services.publish(&owner.changes, false);
            for (_, services) in &changed {
                services.publish(&owner.changes, false);
            }
            deliver(Some(&message));
            for deliver in deliveries {
                deliver(Some(&message));
            }
            return;
        }
        changed.push((keep, services));
        deliveries.push(deliver);
    }
    // The audit entries and confirmations of the batch's new bookings, in bulk.
    let booked: Vec<_> = changed
        .iter_mut()
        .filter(|(kept, _)| *kept)
        .flat_map(|(_, services)| services.take_booked())
        .collect();
    let committed = match super::appended::write(Conn::Sqlite(conn), &booked).await {
        Ok(()) => exec(conn, "commit").await,
        Err(err) => Err(err),
    };
    let message = committed.as_ref().err().map(ToString::to_string);
    if message.is_some() {
        let _ = exec(conn, "rollback").await;
    }
    // Every change of the batch is published before anyone of the batch hears back.
    for (kept, services) in &changed {
        services.publish(&owner.changes, *kept && message.is_none());
    }
    metrics::histogram!(BATCH_SIZE).record(deliveries.len() as f64);
    for deliver in deliveries {
        deliver(message.as_deref());
    }
}
