//! Slot changes: which services' availability just changed (a hold, a booking, a cancellation, a
//! move, an agenda change). Every cache of this instance listens here and drops or refreshes what
//! that service's change made stale. On PostgreSQL the news also travels to every other Cupola
//! instance through LISTEN/NOTIFY, sent inside the changing transaction so it arrives only if
//! the change was committed.

use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::broadcast;

use crate::db::Conn;

/// The PostgreSQL channel the instances share.
pub const CHANNEL: &str = "cupola_slots";

#[derive(Clone, Debug)]
pub struct Changes {
    sender: broadcast::Sender<i64>,
}

impl Default for Changes {
    fn default() -> Self {
        Changes::new()
    }
}

impl Changes {
    pub fn new() -> Changes {
        let (sender, _) = broadcast::channel(4096);
        Changes { sender }
    }

    /// Tells this instance's caches that the service's availability changed.
    pub fn publish(&self, service_id: i64) {
        metrics::counter!("cupola_slot_changes_total").increment(1);
        let _ = self.sender.send(service_id);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.sender.subscribe()
    }

    /// Relays the other instances' changes (PostgreSQL NOTIFY) to this instance's caches, until
    /// the process stops; reconnects after a lost connection. A lagging listener cannot know
    /// what it missed, so it reports `ALL` and the caches drop everything.
    pub async fn relay_from_postgres(self, pool: sqlx::PgPool) {
        while !pool.is_closed() {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(err) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %err, "cannot LISTEN for slot changes");
                    } else {
                        // Changes made while we were not listening are unknown.
                        self.publish(ALL);
                        loop {
                            match listener.recv().await {
                                Ok(note) => match note.payload().parse::<i64>() {
                                    Ok(service_id) => self.publish(service_id),
                                    Err(_) => self.publish(ALL),
                                },
                                Err(err) => {
                                    tracing::warn!(error = %err, "slot-change listener lost");
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
}

/// "Every service": what a cache hears when it may have missed changes.
pub const ALL: i64 = -1;

/// Inside a changing transaction: on PostgreSQL, queues the NOTIFY that tells the other
/// instances about the service of `slot_id` (delivered at commit); nothing on SQLite, whose only
/// instance publishes after the commit.
pub async fn notify_slot(conn: Conn<'_>, slot_id: i64) -> Result<(), sqlx::Error> {
    match conn {
        Conn::Sqlite(_) => Ok(()),
        Conn::Postgres(c) => {
            sqlx::query("select pg_notify($1, cast(service_id as text)) from slots where id = $2")
                .bind(CHANNEL)
                .bind(slot_id)
                .execute(&mut *c)
                .await
                .map(drop)
        }
    }
}
