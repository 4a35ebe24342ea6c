//! Free-slot lists held in memory. However many people ask the same question at the same moment,
//! the database answers it once (moka coalesces concurrent misses). Answers are keyed by the
//! service's change version (`Changes::version`): once a change is published — or observed, as
//! a lost race is — every later question is a new key, answered from the database after that
//! change, never by an answer (or a computation already under way) from before it. Old answers
//! are dropped when their service changes and in any case after a few seconds, which also
//! bounds how long a hold that lapsed by itself stays hidden.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use super::{FreeSlot, MIN_LEAD_SECONDS, SlotQuery, free_slots};
use crate::changes::{ALL, Changes};
use crate::db::Db;

/// Extra slots fetched beyond the page, so that an answer stays full while the earliest slots
/// pass the minimum lead time.
const SPARE: i64 = 10;

#[derive(Clone)]
pub struct AvailabilityCache {
    slots: moka::future::Cache<(SlotQuery, u64), Arc<Vec<FreeSlot>>>,
    changes: Changes,
    /// Answers computed from the database so far (the misses).
    computed: Arc<AtomicU64>,
}

impl AvailabilityCache {
    /// A cache whose answers follow `changes`.
    pub fn new(changes: &Changes) -> AvailabilityCache {
        AvailabilityCache {
            slots: moka::future::Cache::builder()
                .max_capacity(50_000)
                .time_to_live(Duration::from_secs(20))
                .support_invalidation_closures()
                .build(),
            computed: Arc::new(AtomicU64::new(0)),
            changes: changes.clone(),
        }
    }

    /// How many answers were computed from the database (however many were served).
    pub fn computed(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// The free slots answering `query` at `now`.
    pub async fn free_slots(
        &self,
        db: &Db,
        query: &SlotQuery,
        now: i64,
    ) -> Result<Vec<FreeSlot>, sqlx::Error> {
        let key = (query.clone(), self.changes.version(query.service_id));
        let entry = self
            .slots
            .entry(key)
            .or_try_insert_with(async {
                let spare = SlotQuery {
                    limit: query.limit + SPARE,
                    ..query.clone()
                };
                self.computed.fetch_add(1, Ordering::Relaxed);
                free_slots(db, &spare, now).await.map(Arc::new)
            })
            .await
            .map_err(|shared| crate::db::unshare(&shared))?;
        let outcome = if entry.is_fresh() { "miss" } else { "hit" };
        metrics::counter!("cupola_cache_requests_total", "cache" => "availability", "outcome" => outcome)
            .increment(1);
        let earliest = now + MIN_LEAD_SECONDS;
        Ok(entry
            .into_value()
            .iter()
            .filter(|slot| slot.starts_at >= earliest)
            .take(usize::try_from(query.limit).unwrap_or(0))
            .cloned()
            .collect())
    }

    /// Forgets every answer about the service (or all of them).
    pub fn invalidate(&self, service_id: i64) {
        if service_id == ALL {
            self.slots.invalidate_all();
        } else {
            let _ = self
                .slots
                .invalidate_entries_if(move |(query, _), _| query.service_id == service_id);
        }
    }

    /// Keeps the cache in step with the change bus until the process stops.
    pub fn follow(&self, changes: &Changes) {
        let cache = self.clone();
        let mut events = changes.subscribe();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(service_id) => cache.invalidate(service_id),
                    Err(RecvError::Lagged(_)) => cache.invalidate(ALL),
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }
}
