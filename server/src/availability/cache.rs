//! Free-slot lists held in memory. However many people ask the same question at the same moment,
//! the database answers it once (moka coalesces concurrent misses). Answers are keyed by the
//! service's change version (`Changes::version`): once a change is published — or observed, as
//! a lost race is — every later question is a new key, answered from the database after that
//! change, never by an answer (or a computation already under way) from before it. Old answers
//! are dropped when their service changes and in any case after a few seconds, which also
//! bounds how long a hold that lapsed by itself stays hidden.
//!
//! The last good answer to every question is also kept, for an hour, whatever its version: while
//! the database is unhealthy (`db::Health`), `answer` serves it at once, marked stale with the
//! moment it was computed, instead of asking the database (and from the first failed question,
//! which makes it unhealthy). Without a last good answer, the question fails (503).

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
/// How long the last good answer to a question is kept for an outage.
const LAST_GOOD_FOR: Duration = Duration::from_secs(3600);

/// The memory each of the two caches may take, weighed in bytes rather than counted in answers:
/// at region scale tens of thousands of distinct questions (one per prescription's class, area
/// and page) were hundreds of megabytes when the bound was 50,000 answers each.
const MAX_BYTES: u64 = 24 * 1024 * 1024;

/// Free slots as computed from the database at one moment.
#[derive(Debug)]
struct Computed {
    slots: Vec<FreeSlot>,
    computed_at: i64,
}

impl Computed {
    /// About the bytes an answer and its question take in a cache.
    fn weight(&self, query: &SlotQuery) -> u32 {
        let bytes = std::mem::size_of::<(SlotQuery, u64, Computed)>()
            + query.town.as_ref().map_or(0, String::capacity)
            + self.slots.capacity() * std::mem::size_of::<FreeSlot>();
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

/// An answer to a question about free slots.
#[derive(Clone, Debug)]
pub struct Answer {
    pub slots: Vec<FreeSlot>,
    /// When the answer was computed.
    pub computed_at: i64,
    /// True when it is the last good answer kept while the database cannot be asked.
    pub stale: bool,
}

#[derive(Clone)]
pub struct AvailabilityCache {
    slots: moka::future::Cache<(SlotQuery, u64), Arc<Computed>>,
    /// The last good answer to each question, whatever its version (for an outage).
    last_good: moka::future::Cache<SlotQuery, Arc<Computed>>,
    changes: Changes,
    /// Answers computed from the database so far (the misses).
    computed: Arc<AtomicU64>,
}

impl AvailabilityCache {
    /// A cache whose answers follow `changes`.
    pub fn new(changes: &Changes) -> AvailabilityCache {
        AvailabilityCache {
            slots: moka::future::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|(query, _), computed: &Arc<Computed>| computed.weight(query))
                .time_to_live(Duration::from_secs(20))
                .support_invalidation_closures()
                .build(),
            last_good: moka::future::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|query, computed: &Arc<Computed>| computed.weight(query))
                .time_to_live(LAST_GOOD_FOR)
                .build(),
            computed: Arc::new(AtomicU64::new(0)),
            changes: changes.clone(),
        }
    }

    /// How many answers were computed from the database (however many were served).
    pub fn computed(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// The free slots answering `query` at `now`, current (from the cache or the database).
    pub async fn free_slots(
        &self,
        db: &Db,
        query: &SlotQuery,
        now: i64,
    ) -> Result<Vec<FreeSlot>, sqlx::Error> {
        let computed = self.current(db, query, now).await?;
        Ok(page(&computed, query, now))
    }

    /// The free slots answering `query` at `now`: current when the database answers, else the
    /// last good answer marked stale (from the first failure on: it makes the database
    /// unhealthy, and then the database is not asked at all). Fails when there is none.
    pub async fn answer(
        &self,
        db: &Db,
        query: &SlotQuery,
        now: i64,
    ) -> Result<Answer, sqlx::Error> {
        let health = db.health();
        let error = if health.is_healthy() {
            match self.current(db, query, now).await {
                Ok(computed) => {
                    return Ok(Answer {
                        slots: page(&computed, query, now),
                        computed_at: computed.computed_at,
                        stale: false,
                    });
                }
                // `current` told the health state: an outage has made it unhealthy.
                Err(err) if health.is_healthy() => return Err(err),
                Err(err) => err,
            }
        } else {
            crate::db::Health::refusal()
        };
        let Some(last) = self.last_good.get(query).await else {
            return Err(error);
        };
        metrics::counter!("cupola_stale_answers_total", "cache" => "availability").increment(1);
        Ok(Answer {
            slots: page(&last, query, now),
            computed_at: last.computed_at,
            stale: true,
        })
    }

    /// The current answer to `query`: cached for its version, or computed now.
    async fn current(
        &self,
        db: &Db,
        query: &SlotQuery,
        now: i64,
    ) -> Result<Arc<Computed>, sqlx::Error> {
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
                let computed = Arc::new(Computed {
                    slots: free_slots(db, &spare, now).await?,
                    computed_at: now,
                });
                self.last_good.insert(query.clone(), computed.clone()).await;
                Ok::<_, sqlx::Error>(computed)
            })
            .await
            .map_err(|shared| {
                db.health().failed(&shared);
                crate::db::unshare(&shared)
            })?;
        let outcome = if entry.is_fresh() { "miss" } else { "hit" };
        metrics::counter!("cupola_cache_requests_total", "cache" => "availability", "outcome" => outcome)
            .increment(1);
        Ok(entry.into_value())
    }

    /// Forgets every current answer about the service (or all of them); the last good ones
    /// stay, for an outage.
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

/// The page of `computed` that answers `query` at `now` (slots still far enough ahead).
fn page(computed: &Computed, query: &SlotQuery, now: i64) -> Vec<FreeSlot> {
    let earliest = now + MIN_LEAD_SECONDS;
    computed
        .slots
        .iter()
        .filter(|slot| slot.starts_at >= earliest)
        .take(usize::try_from(query.limit).unwrap_or(0))
        .cloned()
        .collect()
}
