//! Free slots: which slots of a service someone may take now. A slot is free when it is open,
//! not booked and not held; whether a person may take it depends on the channel quotas and the
//! priority reservations.

pub mod cache;
pub mod pages;

use app::domain::{Channel, PriorityClass};

use crate::db::{Db, on_read};

/// How far ahead of its start a slot can still be booked online.
pub const MIN_LEAD_SECONDS: i64 = 2 * 3600;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FreeSlot {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub facility_id: i64,
    /// The channel or priority class the slot is kept for, if any.
    pub reserved_channel: Option<String>,
    pub reserved_priority: Option<String>,
}

/// What to look for. It is also the key of the availability cache, so it holds no "now": the
/// time is applied when the query runs and again when a cached answer is read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SlotQuery {
    pub service_id: i64,
    pub channel: Channel,
    /// The prescription's class (reserved slots it may use); None: unreserved slots only.
    pub priority: Option<PriorityClass>,
    pub area_id: Option<i64>,
    pub town: Option<String>,
    /// Earliest start (unix seconds); None: from now. The minimum lead time always applies.
    pub from: Option<i64>,
    /// Keyset pagination: slots strictly after this (start, id).
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

/// The reserved-priority values a class may use, padded to four for a fixed `in (…)`.
pub(crate) fn usable_reservations(priority: Option<PriorityClass>) -> [&'static str; 4] {
    let mut out = ["-"; 4];
    if let Some(class) = priority {
        for (i, r) in PriorityClass::ALL
            .into_iter()
            .filter(|r| class.may_use(Some(*r)))
            .enumerate()
        {
            out[i] = r.as_str();
        }
    }
    out
}

const FREE: &str = "s.status = 'open' \
     and (s.reserved_channel is null or s.reserved_channel = $3 or $3 = 'operator') \
     and (s.reserved_priority is null or s.reserved_priority in ($4, $5, $6, $7)) \
     and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled') \
     and not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > $2)";

/// Free slots, earliest first.
pub async fn free_slots(db: &Db, q: &SlotQuery, now: i64) -> Result<Vec<FreeSlot>, sqlx::Error> {
    let [r1, r2, r3, r4] = usable_reservations(q.priority);
    let (after_start, after_id) = q.after.unwrap_or((i64::MIN, i64::MIN));
    let sql = format!(
        "select s.id, s.starts_at, s.ends_at, s.facility_id, s.reserved_channel, s.reserved_priority
         from slots s join facilities f on f.id = s.facility_id
         where s.service_id = $1 and s.starts_at >= $8
           and (s.starts_at > $9 or (s.starts_at = $9 and s.id > $10))
           and (cast($11 as bigint) is null or f.area_id = $11)
           and (cast($12 as text) is null or f.town = $12)
           and {FREE}
         order by s.starts_at, s.id
         limit $13"
    );
    on_read!(db, pool => {
        sqlx::query_as(&sql)
            .bind(q.service_id)
            .bind(now)
            .bind(q.channel.as_str())
            .bind(r1)
            .bind(r2)
            .bind(r3)
            .bind(r4)
            .bind(q.from.unwrap_or(now).max(now + MIN_LEAD_SECONDS))
            .bind(after_start)
            .bind(after_id)
            .bind(q.area_id)
            .bind(q.town.as_deref())
            .bind(q.limit)
            .fetch_all(pool)
            .await
    })
}

/// Whether this person could take the slot now (used to explain a refused hold).
pub async fn is_free_for(
    db: &Db,
    slot_id: i64,
    service_id: i64,
    channel: Channel,
    priority: Option<PriorityClass>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let [r1, r2, r3, r4] = usable_reservations(priority);
    let sql = format!(
        "select count(*) from slots s where s.id = $1 and s.service_id = $8 and s.starts_at >= $9 \
         and {FREE}"
    );
    let n: i64 = on_read!(db, pool => {
        sqlx::query_scalar(&sql)
            .bind(slot_id)
            .bind(now)
            .bind(channel.as_str())
            .bind(r1)
            .bind(r2)
            .bind(r3)
            .bind(r4)
            .bind(service_id)
            .bind(now + MIN_LEAD_SECONDS)
            .fetch_one(pool)
            .await?
    });
    Ok(n > 0)
}

/// The first free slot open to everyone at each facility offering the service (None: nothing
/// free in the calendar): what the public waiting-times pages show. One short index walk per
/// facility, from now to its first free slot.
pub async fn first_free_by_facility(
    db: &Db,
    service_id: i64,
    now: i64,
) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    let [r1, r2, r3, r4] = usable_reservations(None);
    let sql = format!(
        "select f.id, (select s.starts_at from slots s
                       where s.service_id = $1 and s.facility_id = f.id and s.starts_at >= $8
                         and {FREE}
                       order by s.starts_at limit 1)
         from facilities f
         where exists (select 1 from agendas a where a.facility_id = f.id and a.service_id = $1)"
    );
    on_read!(db, pool => {
        sqlx::query_as(&sql)
            .bind(service_id)
            .bind(now)
            .bind(Channel::Web.as_str())
            .bind(r1)
            .bind(r2)
            .bind(r3)
            .bind(r4)
            .bind(now + MIN_LEAD_SECONDS)
            .fetch_all(pool)
            .await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_may_use_the_reservations_of_its_class_and_later_ones() {
        assert_eq!(
            usable_reservations(Some(PriorityClass::U)),
            ["U", "B", "D", "P"]
        );
        assert_eq!(
            usable_reservations(Some(PriorityClass::B)),
            ["B", "D", "P", "-"]
        );
        assert_eq!(
            usable_reservations(Some(PriorityClass::P)),
            ["P", "-", "-", "-"]
        );
        assert_eq!(usable_reservations(None), ["-", "-", "-", "-"]);
    }
}
