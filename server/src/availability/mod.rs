//! Free slots: which slots of a service someone may take now. A slot is free when it is open,
//! not booked and not held; whether a person may take it depends on the channel quotas and the
//! priority reservations.

pub mod cache;
pub mod pages;
pub mod rule;

use app::domain::{Channel, PriorityClass};

use crate::db::{Db, on_read};
pub use rule::{Asker, MIN_LEAD_SECONDS};

/// A free slot as the availability caches hold it: 48 bytes and nothing on the heap (the
/// reservations as the database's text were two `Option<String>`s, 88 bytes and up to two
/// allocations a slot, in caches holding hundreds of thousands of slots at a peak).
#[derive(Clone, Debug)]
pub struct FreeSlot {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub facility_id: i64,
    /// The agenda (FHIR `Schedule`) the slot belongs to.
    pub agenda_id: i64,
    /// The channel or priority class the slot is kept for, if any.
    pub reserved_channel: Option<Channel>,
    pub reserved_priority: Option<PriorityClass>,
}

/// A free slot as the database gives it.
#[derive(sqlx::FromRow)]
struct FreeSlotRow {
    id: i64,
    starts_at: i64,
    ends_at: i64,
    facility_id: i64,
    agenda_id: i64,
    reserved_channel: Option<String>,
    reserved_priority: Option<String>,
}

impl TryFrom<FreeSlotRow> for FreeSlot {
    type Error = sqlx::Error;

    /// The database's checks allow no other reservation values; one would be a decoding error,
    /// never a reservation silently dropped.
    fn try_from(row: FreeSlotRow) -> Result<FreeSlot, sqlx::Error> {
        let unknown = |column: &str, value: &str| {
            sqlx::Error::Decode(format!("slots.{column}: unknown value {value:?}").into())
        };
        Ok(FreeSlot {
            id: row.id,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            facility_id: row.facility_id,
            agenda_id: row.agenda_id,
            reserved_channel: row
                .reserved_channel
                .map(|c| Channel::parse(&c).ok_or_else(|| unknown("reserved_channel", &c)))
                .transpose()?,
            reserved_priority: row
                .reserved_priority
                .map(|p| PriorityClass::parse(&p).map_err(|_| unknown("reserved_priority", &p)))
                .transpose()?,
        })
    }
}

// What the caches' bound in bytes assumes: a slot is six words, nothing on the heap.
const _: () = assert!(std::mem::size_of::<FreeSlot>() <= 48);

fn from_rows(rows: Vec<FreeSlotRow>) -> Result<Vec<FreeSlot>, sqlx::Error> {
    rows.into_iter().map(FreeSlot::try_from).collect()
}

/// What to look for. It is also the key of the availability cache, so it holds no "now": the
/// time is applied when the query runs and again when a cached answer is read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SlotQuery {
    pub service_id: i64,
    /// Who asks (channel quotas and priority reservations).
    pub asker: Asker,
    pub area_id: Option<i64>,
    pub town: Option<String>,
    /// Earliest start (unix seconds); None: from now. The minimum lead time always applies.
    pub from: Option<i64>,
    /// Keyset pagination: slots strictly after this (start, id).
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

/// The keyset cursor of the page after `slot` ("start-id"), as pages and the API carry it.
pub fn cursor_after(slot: &FreeSlot) -> String {
    format!("{}-{}", slot.starts_at, slot.id)
}

/// A cursor made by `cursor_after`; None when it is not one.
pub fn parse_cursor(cursor: &str) -> Option<(i64, i64)> {
    let (start, id) = cursor.split_once('-')?;
    Some((start.parse().ok()?, id.parse().ok()?))
}

impl SlotQuery {
    /// The first `limit` slots of the service for `asker`, from now, anywhere.
    pub fn first(service_id: i64, asker: Asker, limit: i64) -> SlotQuery {
        SlotQuery {
            service_id,
            asker,
            area_id: None,
            town: None,
            from: None,
            after: None,
            limit,
        }
    }
}

/// Free slots, earliest first.
pub async fn free_slots(db: &Db, q: &SlotQuery, now: i64) -> Result<Vec<FreeSlot>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select s.id, s.starts_at, s.ends_at, s.facility_id, s.agenda_id, s.reserved_channel, s.reserved_priority
             from slots s join facilities f on f.id = s.facility_id
             where s.service_id = $1 and s.starts_at >= $8
               and (s.starts_at > $9 or (s.starts_at = $9 and s.id > $10))
               and (cast($11 as bigint) is null or f.area_id = $11)
               and (cast($12 as text) is null or f.town = $12)
               and {} and {}
             order by s.starts_at, s.id
             limit $13",
            rule::free(2),
            rule::usable(3, 4)
        )
    });
    let [r1, r2, r3, r4] = q.asker.reservations();
    let (after_start, after_id) = q.after.unwrap_or((i64::MIN, i64::MIN));
    let rows: Vec<FreeSlotRow> = on_read!(db, pool => {
        sqlx::query_as(&SQL)
            .bind(q.service_id)
            .bind(now)
            .bind(q.asker.channel.as_str())
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
    })?;
    from_rows(rows)
}

/// The first `per_facility` free slots open to everyone at each facility offering the service
/// (none: nothing free in its calendar), earliest first: what the public waiting-times pages
/// show (the first at each facility, and the first of each area). One short walk of the index
/// (service, facility, start) per facility, from now to its `per_facility`-th free slot, instead
/// of every free slot of an area sorted to keep the first few (13 ms a query at demo scale, and
/// the snapshots of a busy service are made again twice a second).
pub async fn first_free_at_each_facility(
    db: &Db,
    service_id: i64,
    now: i64,
    per_facility: i64,
) -> Result<Vec<(i64, Vec<FreeSlot>)>, sqlx::Error> {
    /// The facilities offering the service.
    const FACILITIES: &str = "select f.id from facilities f \
         where exists (select 1 from agendas a where a.facility_id = f.id and a.service_id = $1) \
         order by f.id";
    /// One facility's first free slots (at most `limit`): the facility is `$9` on SQLite (one
    /// query per facility, in process), `f.id` of a lateral join on PostgreSQL (one statement).
    fn walk(facility: &str, limit: &str) -> String {
        format!(
            "select s.id, s.starts_at, s.ends_at, s.facility_id, s.agenda_id, s.reserved_channel, \
             s.reserved_priority from slots s \
             where s.service_id = $1 and s.facility_id = {facility} and s.starts_at >= $8 \
               and {} and {} \
             order by s.starts_at, s.id limit {limit}",
            rule::free(2),
            rule::usable(3, 4)
        )
    }
    static SQLITE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| walk("$9", "$10"));
    static POSTGRES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select f.id as facility, x.id, x.starts_at, x.ends_at, x.agenda_id, \
             x.reserved_channel, x.reserved_priority \
             from ({FACILITIES}) f left join lateral ({}) x on true \
             order by f.id, x.starts_at, x.id",
            walk("f.id", "$9")
        )
    });
    let everyone = Asker {
        channel: Channel::Web,
        priority: None,
    };
    let [r1, r2, r3, r4] = everyone.reservations();
    let from = now + MIN_LEAD_SECONDS;
    let channel = everyone.channel.as_str();
    match db {
        Db::Sqlite(sqlite) => {
            let pool = sqlite.read_pool();
            let facilities: Vec<i64> = sqlx::query_scalar(FACILITIES)
                .bind(service_id)
                .fetch_all(pool)
                .await?;
            let mut out = Vec::with_capacity(facilities.len());
            for facility in facilities {
                let rows: Vec<FreeSlotRow> = sqlx::query_as(&SQLITE)
                    .bind(service_id)
                    .bind(now)
                    .bind(channel)
                    .bind(r1)
                    .bind(r2)
                    .bind(r3)
                    .bind(r4)
                    .bind(from)
                    .bind(facility)
                    .bind(per_facility)
                    .fetch_all(pool)
                    .await?;
                out.push((facility, from_rows(rows)?));
            }
            Ok(out)
        }
        Db::Postgres(pg) => {
            type Row = (
                i64,
                Option<i64>,
                Option<i64>,
                Option<i64>,
                Option<i64>,
                Option<String>,
                Option<String>,
            );
            let rows: Vec<Row> = sqlx::query_as(&POSTGRES)
                .bind(service_id)
                .bind(now)
                .bind(channel)
                .bind(r1)
                .bind(r2)
                .bind(r3)
                .bind(r4)
                .bind(from)
                .bind(per_facility)
                .fetch_all(pg.pool())
                .await?;
            let mut out: Vec<(i64, Vec<FreeSlot>)> = Vec::new();
            for (
                facility,
                id,
                starts_at,
                ends_at,
                agenda_id,
                reserved_channel,
                reserved_priority,
            ) in rows
            {
                if out.last().is_none_or(|(last, _)| *last != facility) {
                    out.push((facility, Vec::new()));
                }
                if let (
                    Some(id),
                    Some(starts_at),
                    Some(ends_at),
                    Some(agenda_id),
                    Some((_, slots)),
                ) = (id, starts_at, ends_at, agenda_id, out.last_mut())
                {
                    slots.push(FreeSlot::try_from(FreeSlotRow {
                        id,
                        starts_at,
                        ends_at,
                        facility_id: facility,
                        agenda_id,
                        reserved_channel,
                        reserved_priority,
                    })?);
                }
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(channel: Option<&str>, priority: Option<&str>) -> Result<FreeSlot, sqlx::Error> {
        FreeSlot::try_from(FreeSlotRow {
            id: 1,
            starts_at: 2,
            ends_at: 3,
            facility_id: 4,
            agenda_id: 5,
            reserved_channel: channel.map(str::to_owned),
            reserved_priority: priority.map(str::to_owned),
        })
    }

    #[test]
    fn a_slots_reservations_are_read_and_an_unknown_one_is_an_error_not_dropped() {
        let slot = row(Some("kiosk"), Some("B")).expect("known");
        assert_eq!(slot.reserved_channel, Some(Channel::Kiosk));
        assert_eq!(slot.reserved_priority, Some(PriorityClass::B));
        let open = row(None, None).expect("open to all");
        assert_eq!(
            (open.reserved_channel, open.reserved_priority),
            (None, None)
        );
        assert!(row(Some("fax"), None).is_err());
        assert!(row(None, Some("X")).is_err());
    }
}
