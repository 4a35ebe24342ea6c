//! The back office: agendas (a facility × service schedule), their weekly templates, the slots
//! generated from them or added by hand, and suspensions. Lists are never closed: a new slot is
//! offered first to the waiting list, and a suspended day moves each booking to the earliest
//! free slot in time (or, with none, cancels it and puts the prescription on the waiting list).
//!
//! Every change is one transaction with its audit entries and outbox messages. After the commit
//! it publishes the agenda's service as changed (`Changes::publish`), which refreshes this
//! instance's caches and, on PostgreSQL, the other instances'.

pub mod opening;
pub mod pages;

use app::domain::{Channel, PriorityClass, ServiceKind};
use chrono::{Days, NaiveDate};

use crate::availability::{MIN_LEAD_SECONDS, usable_reservations};
use crate::clock::{local, start_of_day};
use crate::db::{Conn, Db, on_conn, on_read};
use crate::journal::{self, Actor};
use crate::waitlist;

/// The longest period generated or suspended at once (a leap year).
pub const MAX_PERIOD_DAYS: i64 = 366;
/// Extra slots added at once.
pub const MAX_EXTRA_SLOTS: i64 = 48;
pub const MAX_LABEL_CHARS: usize = 80;
pub const MAX_REASON_CHARS: usize = 300;
/// The longest slot an agenda may have (the schema's limit), which bounds overlap checks.
const MAX_SLOT_SECONDS: i64 = 240 * 60;
/// An open-ended template's validity, for comparisons.
const FAR_FUTURE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

#[derive(Debug, thiserror::Error)]
pub enum BackofficeError {
    #[error("no such agenda")]
    NotFound,
    #[error("the facility already has an agenda with this label for this service")]
    LabelTaken,
    #[error("the template row overlaps another one of the same weekday")]
    Overlap,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Agenda {
    pub id: i64,
    pub facility_id: i64,
    pub service_id: i64,
    pub label: String,
    pub slot_minutes: i64,
    pub active: bool,
}

const AGENDA_COLUMNS: &str = "id, facility_id, service_id, label, slot_minutes, active";

pub async fn agenda(db: &Db, id: i64) -> Result<Option<Agenda>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("select {AGENDA_COLUMNS} from agendas where id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

/// Agendas of a facility and/or a service, by facility then service then label.
pub async fn list(
    db: &Db,
    facility_id: Option<i64>,
    service_id: Option<i64>,
) -> Result<Vec<Agenda>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!(
            "select {AGENDA_COLUMNS} from agendas \
             where (cast($1 as bigint) is null or facility_id = $1) \
               and (cast($2 as bigint) is null or service_id = $2) \
             order by facility_id, service_id, label"
        ))
        .bind(facility_id)
        .bind(service_id)
        .fetch_all(pool)
        .await
    })
}

/// How many agendas each facility runs.
pub async fn counts_by_facility(db: &Db) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as("select facility_id, count(*) from agendas group by facility_id")
            .fetch_all(pool)
            .await
    })
}

/// One row of a weekly template.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Template {
    /// ISO weekday, 1 = Monday.
    pub weekday: i64,
    pub start_minute: i64,
    pub end_minute: i64,
    pub reserved_channel: Option<String>,
    pub reserved_priority: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl Template {
    fn applies_on(&self, day: NaiveDate) -> bool {
        self.weekday == i64::from(opening::iso_weekday(day))
            && self.valid_from <= day
            && self.valid_to.is_none_or(|to| day <= to)
    }
}

pub async fn templates(db: &Db, agenda_id: i64) -> Result<Vec<Template>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select weekday, start_minute, end_minute, reserved_channel, reserved_priority, \
             valid_from, valid_to from agenda_templates where agenda_id = $1 \
             order by weekday, start_minute, valid_from",
        )
        .bind(agenda_id)
        .fetch_all(pool)
        .await
    })
}

/// Slots of one day of an agenda.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    /// Open and not booked (a hold still counts as free: it expires by itself).
    pub free: i64,
    pub booked: i64,
    pub suspended: i64,
}

/// The agenda's slots of each day from `from` for `days` days (days without slots left out).
pub async fn day_counts(
    db: &Db,
    agenda_id: i64,
    from: NaiveDate,
    days: u64,
) -> Result<Vec<DayCount>, sqlx::Error> {
    let until = from.checked_add_days(Days::new(days)).unwrap_or(from);
    let rows: Vec<(i64, String, i64)> = on_read!(db, pool => {
        sqlx::query_as(
            "select s.starts_at, s.status, cast(case when exists (select 1 from bookings b \
             where b.slot_id = s.id and b.status <> 'cancelled') then 1 else 0 end as bigint) \
             from slots s where s.agenda_id = $1 and s.starts_at >= $2 and s.starts_at < $3 \
             order by s.starts_at",
        )
        .bind(agenda_id)
        .bind(start_of_day(from))
        .bind(start_of_day(until))
        .fetch_all(pool)
        .await?
    });
    let mut out: Vec<DayCount> = Vec::new();
    for (starts_at, status, booked) in rows {
        let day = local(starts_at).date();
        if out.last().is_none_or(|d| d.day != day) {
            out.push(DayCount {
                day,
                ..DayCount::default()
            });
        }
        if let Some(count) = out.last_mut() {
            if status == "suspended" {
                count.suspended += 1;
            } else if booked != 0 {
                count.booked += 1;
            } else {
                count.free += 1;
            }
        }
    }
    Ok(out)
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if matches!(e.kind(), sqlx::error::ErrorKind::UniqueViolation))
}

/// An audit entry about the back office itself (no citizen involved).
async fn audit(
    conn: Conn<'_>,
    staff_id: i64,
    action: &str,
    reason: Option<&str>,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, reason, detail) \
             values ($1, 'staff', $2, 'operator', $3, $4, $5)",
        )
        .bind(now)
        .bind(staff_id)
        .bind(action)
        .bind(reason)
        .bind(detail)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// A new agenda (administrators). Its label is unique per facility and service.
pub async fn create(
    db: &Db,
    facility_id: i64,
    service_id: i64,
    label: &str,
    slot_minutes: i64,
    staff_id: i64,
    now: i64,
) -> Result<i64, BackofficeError> {
    let label = label.to_owned();
    db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        let id: i64 = sqlx::query_scalar(
            "insert into agendas (facility_id, service_id, label, slot_minutes, created_at) \
             values ($1, $2, $3, $4, $5) returning id",
        )
        .bind(facility_id)
        .bind(service_id)
        .bind(&label)
        .bind(slot_minutes)
        .bind(now)
        .fetch_one(&mut *c)
        .await
        .map_err(|err| if is_unique_violation(&err) { BackofficeError::LabelTaken } else { err.into() })?;
        let detail = format!(
            "agenda {id}: facility {facility_id}, service {service_id}, {slot_minutes}-minute slots"
        );
        audit(Conn::from(&mut *c), staff_id, "agenda.created", None, &detail, now).await?;
        Ok(id)
    })})).await
}

/// A template row to add.
#[derive(Clone, Debug)]
pub struct NewTemplate {
    pub weekday: u32,
    pub start_minute: i64,
    pub end_minute: i64,
    pub reserved_channel: Option<Channel>,
    pub reserved_priority: Option<PriorityClass>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// Adds a weekly template row (administrators), refusing one that overlaps another row of the
/// same weekday in an overlapping validity: the same hour cannot be two slots.
pub async fn add_template(
    db: &Db,
    agenda_id: i64,
    row: NewTemplate,
    staff_id: i64,
    now: i64,
) -> Result<(), BackofficeError> {
    db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        let overlapping: i64 = sqlx::query_scalar(
            "select count(*) from agenda_templates where agenda_id = $1 and weekday = $2 \
             and start_minute < $4 and end_minute > $3 \
             and valid_from <= $6 and coalesce(valid_to, $7) >= $5",
        )
        .bind(agenda_id)
        .bind(i64::from(row.weekday))
        .bind(row.start_minute)
        .bind(row.end_minute)
        .bind(row.valid_from)
        .bind(row.valid_to.unwrap_or(FAR_FUTURE))
        .bind(FAR_FUTURE)
        .fetch_one(&mut *c)
        .await?;
        if overlapping > 0 {
            return Err(BackofficeError::Overlap);
        }
        sqlx::query(
            "insert into agenda_templates (agenda_id, weekday, start_minute, end_minute, \
             reserved_channel, reserved_priority, valid_from, valid_to) \
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(agenda_id)
        .bind(i64::from(row.weekday))
        .bind(row.start_minute)
        .bind(row.end_minute)
        .bind(row.reserved_channel.map(Channel::as_str))
        .bind(row.reserved_priority.map(PriorityClass::as_str))
        .bind(row.valid_from)
        .bind(row.valid_to)
        .execute(&mut *c)
        .await?;
        let detail = format!(
            "agenda {agenda_id}: weekday {}, minutes {}-{}, from {}{}",
            row.weekday,
            row.start_minute,
            row.end_minute,
            row.valid_from,
            row.valid_to.map(|d| format!(" to {d}")).unwrap_or_default()
        );
        audit(Conn::from(&mut *c), staff_id, "agenda.template_added", None, &detail, now).await
            .map_err(BackofficeError::from)
    })})).await
}

/// A slot to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSlot {
    pub starts_at: i64,
    pub ends_at: i64,
    pub reserved_channel: Option<String>,
    pub reserved_priority: Option<String>,
}

/// The slots the templates give from `from` to `to` (inclusive) that start after `now`.
pub fn slots_from_templates(
    templates: &[Template],
    slot_minutes: i64,
    from: NaiveDate,
    to: NaiveDate,
    now: i64,
) -> Vec<NewSlot> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        if opening::opens_on(day) {
            for row in templates.iter().filter(|t| t.applies_on(day)) {
                out.extend(
                    opening::opening_slots(day, row.start_minute, row.end_minute, slot_minutes)
                        .filter(|(starts_at, _)| *starts_at > now)
                        .map(|(starts_at, ends_at)| NewSlot {
                            starts_at,
                            ends_at,
                            reserved_channel: row.reserved_channel.clone(),
                            reserved_priority: row.reserved_priority.clone(),
                        }),
                );
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    out.sort_by_key(|s| s.starts_at);
    out
}

/// `count` consecutive slots of the agenda's length from `start_minute` on `day`.
pub fn extra_slots(
    day: NaiveDate,
    start_minute: i64,
    count: i64,
    slot_minutes: i64,
) -> Vec<NewSlot> {
    opening::opening_slots(
        day,
        start_minute,
        start_minute + count * slot_minutes,
        slot_minutes,
    )
    .map(|(starts_at, ends_at)| NewSlot {
        starts_at,
        ends_at,
        reserved_channel: None,
        reserved_priority: None,
    })
    .collect()
}

/// What adding slots did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub created: u64,
    /// Already there (or overlapping a slot that is, suspended ones included): not created again.
    pub existing: u64,
    /// New slots held for a request of the waiting list.
    pub offered: u64,
}

/// Creates the slots that do not exist yet, in one transaction, and offers each new one to the
/// waiting list (earliest first). Running it again creates nothing: a slot is unique by agenda
/// and start, and a slot overlapping an existing one of the agenda (even suspended) is skipped.
pub async fn add_slots(
    db: &Db,
    agenda: &Agenda,
    slots: Vec<NewSlot>,
    action: &'static str,
    detail: String,
    staff_id: i64,
    now: i64,
) -> Result<Added, sqlx::Error> {
    let (agenda_id, service_id, facility_id) = (agenda.id, agenda.service_id, agenda.facility_id);
    let added = db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        let mut created = Vec::new();
        let mut existing = 0u64;
        for slot in &slots {
            let id: Option<i64> = sqlx::query_scalar(
                "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at, \
                 reserved_channel, reserved_priority) \
                 select $1, $2, $3, $4, $5, $6, $7 where not exists (select 1 from slots o \
                   where o.agenda_id = $1 and o.starts_at > $8 and o.starts_at < $5 \
                   and o.ends_at > $4) \
                 on conflict (agenda_id, starts_at) do nothing returning id",
            )
            .bind(agenda_id)
            .bind(service_id)
            .bind(facility_id)
            .bind(slot.starts_at)
            .bind(slot.ends_at)
            .bind(slot.reserved_channel.as_deref())
            .bind(slot.reserved_priority.as_deref())
            .bind(slot.starts_at - MAX_SLOT_SECONDS)
            .fetch_optional(&mut *c)
            .await?;
            match id {
                Some(id) => created.push((id, slot.starts_at)),
                None => existing += 1,
            }
        }
        let mut offered = 0u64;
        if !created.is_empty() {
            // Only slots up to the latest deadline on the list can be offered to anyone.
            let last_deadline: Option<NaiveDate> = sqlx::query_scalar(
                "select max(deadline) from waiting_list where service_id = $1 and status = 'waiting'",
            )
            .bind(service_id)
            .fetch_one(&mut *c)
            .await?;
            if let Some(last) = last_deadline {
                for (id, starts_at) in &created {
                    if local(*starts_at).date() > last {
                        break;
                    }
                    if waitlist::offer_slot(Conn::from(&mut *c), *id, now).await? {
                        offered += 1;
                    }
                }
            }
        }
        let added = Added { created: created.len() as u64, existing, offered };
        let detail = format!(
            "{detail}: {} created, {} already there, {} offered to the waiting list",
            added.created, added.existing, added.offered
        );
        audit(Conn::from(&mut *c), staff_id, action, None, &detail, now).await?;
        Ok::<_, sqlx::Error>(added)
    })})).await?;
    if added.created > 0 {
        db.changes().publish(agenda.service_id);
    }
    Ok(added)
}

/// What a suspension did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Suspended {
    pub slots: u64,
    /// Bookings moved to another free slot in time.
    pub moved: u64,
    /// Bookings cancelled with the reason, their prescription put on the waiting list.
    pub waitlisted: u64,
}

#[derive(sqlx::FromRow)]
struct Affected {
    id: i64,
    prescription_id: i64,
    channel: String,
    starts_at: i64,
    facility_id: i64,
    area_id: i64,
    priority: String,
    prescribed_on: NaiveDate,
}

/// Suspends the agenda's open slots from `from` to `to` (inclusive; slots already started are
/// left alone). Slots are never deleted. Every active booking on them is moved, in the same
/// transaction, to the earliest free slot of the service inside its deadline (same facility
/// first, then the same area, then the region); with none, it is cancelled with the reason and
/// its prescription joins the waiting list. Each person gets an `agenda_suspended` message.
///
/// A booking already later than its deadline keeps at least its own date as the limit: the
/// suspension may not leave anyone worse off than the appointment they had.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site, each value from the form"
)]
pub async fn suspend(
    db: &Db,
    agenda: &Agenda,
    kind: ServiceKind,
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
    staff_id: i64,
    now: i64,
) -> Result<Suspended, sqlx::Error> {
    let begin = start_of_day(from).max(now);
    let end = start_of_day(to.succ_opt().unwrap_or(to));
    let (agenda_id, service_id) = (agenda.id, agenda.service_id);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let reason = reason.to_owned();
        let result = db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
            let suspended: Vec<i64> = sqlx::query_scalar(
                "update slots set status = 'suspended' where agenda_id = $1 and status = 'open' \
                 and starts_at >= $2 and starts_at < $3 returning id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            let mut outcome = Suspended { slots: suspended.len() as u64, ..Suspended::default() };
            // Holds on those slots go: a suspended slot cannot be confirmed. A waiting-list offer
            // lost this way is not the person's doing, so their request waits again unpenalised.
            let released: Vec<i64> = sqlx::query_scalar(
                "delete from holds where slot_id in (select id from slots where agenda_id = $1 \
                 and status = 'suspended' and starts_at >= $2 and starts_at < $3) \
                 returning prescription_id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            for prescription_id in released {
                sqlx::query(
                    "update waiting_list set status = 'waiting', updated_at = $2 \
                     where prescription_id = $1 and status = 'offered'",
                )
                .bind(prescription_id)
                .bind(now)
                .execute(&mut *c)
                .await?;
            }
            let affected: Vec<Affected> = sqlx::query_as(
                "select b.id, b.prescription_id, b.channel, s.starts_at, s.facility_id, f.area_id, \
                 p.priority, p.prescribed_on \
                 from bookings b join slots s on s.id = b.slot_id \
                 join facilities f on f.id = s.facility_id \
                 join prescriptions p on p.id = b.prescription_id \
                 where s.agenda_id = $1 and s.status = 'suspended' and s.starts_at >= $2 \
                 and s.starts_at < $3 and b.status = 'confirmed' order by s.starts_at, b.id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            for booking in &affected {
                let class = PriorityClass::parse(&booking.priority).unwrap_or(PriorityClass::P);
                let limit = class
                    .deadline(booking.prescribed_on, kind)
                    .max(local(booking.starts_at).date());
                let until = start_of_day(limit.succ_opt().unwrap_or(limit));
                let target = earliest_free(
                    Conn::from(&mut *c), service_id, class, booking, until, now,
                ).await?;
                match target {
                    Some((slot_id, starts_at, facility_id)) => {
                        sqlx::query(
                            "update bookings set slot_id = $2, updated_at = $3 \
                             where id = $1 and status = 'confirmed'",
                        )
                        .bind(booking.id)
                        .bind(slot_id)
                        .bind(now)
                        .execute(&mut *c)
                        .await?;
                        journal::audit_booking(
                            Conn::from(&mut *c), Actor::Staff { id: staff_id }, "booking.moved",
                            booking.id, Some(&reason), now,
                        ).await?;
                        let payload = serde_json::json!({
                            "outcome": "moved",
                            "reason": reason,
                            "previous_starts_at": rfc3339(booking.starts_at),
                            "new_starts_at": rfc3339(starts_at),
                            "new_facility_id": facility_id,
                        });
                        notify(Conn::from(&mut *c), booking.id, None, &payload.to_string(), now).await?;
                        outcome.moved += 1;
                    }
                    None => {
                        sqlx::query(
                            "update bookings set status = 'cancelled', cancelled_at = $2, \
                             cancel_reason = $3, updated_at = $2 where id = $1 and status = 'confirmed'",
                        )
                        .bind(booking.id)
                        .bind(now)
                        .bind(&reason)
                        .execute(&mut *c)
                        .await?;
                        let waiting_id: Option<i64> = sqlx::query_scalar(
                            "insert into waiting_list (prescription_id, service_id, area_id, priority, \
                             deadline, status, channel, created_at, updated_at) \
                             select $1, $2, null, $3, $4, 'waiting', $5, $6, $6 \
                             where not exists (select 1 from waiting_list w where w.prescription_id = $1 \
                               and w.status in ('waiting', 'offered')) \
                             returning id",
                        )
                        .bind(booking.prescription_id)
                        .bind(service_id)
                        .bind(class.as_str())
                        .bind(limit)
                        .bind(Channel::parse(&booking.channel).unwrap_or(Channel::Web).as_str())
                        .bind(now)
                        .fetch_optional(&mut *c)
                        .await?;
                        journal::audit_booking(
                            Conn::from(&mut *c), Actor::Staff { id: staff_id }, "booking.cancelled",
                            booking.id, Some(&reason), now,
                        ).await?;
                        let payload = serde_json::json!({
                            "outcome": "waiting_list",
                            "reason": reason,
                            "previous_starts_at": rfc3339(booking.starts_at),
                            "deadline": limit,
                        });
                        notify(Conn::from(&mut *c), booking.id, waiting_id, &payload.to_string(), now).await?;
                        outcome.waitlisted += 1;
                    }
                }
            }
            let detail = format!(
                "agenda {agenda_id}, {from} to {to}: {} slots suspended, {} bookings moved, \
                 {} put on the waiting list",
                outcome.slots, outcome.moved, outcome.waitlisted
            );
            audit(Conn::from(&mut *c), staff_id, "agenda.suspended", Some(&reason), &detail, now).await?;
            Ok::<_, sqlx::Error>(outcome)
        })})).await;
        match result {
            Ok(outcome) => {
                if outcome.slots > 0 {
                    db.changes().publish(service_id);
                }
                return Ok(outcome);
            }
            // Someone booked the chosen free slot in the meantime: look again.
            Err(err) if attempt < 3 && is_unique_violation(&err) => {}
            Err(err) => return Err(err),
        }
    }
}

/// The earliest free slot of the service before `until` that the booking's class may use:
/// at its facility, else in its area, else anywhere in the region. Staff move it, so slots kept
/// for a channel count too.
async fn earliest_free(
    conn: Conn<'_>,
    service_id: i64,
    class: PriorityClass,
    booking: &Affected,
    until: i64,
    now: i64,
) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    let [r1, r2, r3, r4] = usable_reservations(Some(class));
    let tiers = [
        (Some(booking.facility_id), None),
        (None, Some(booking.area_id)),
        (None, None),
    ];
    on_conn!(conn, c => {
        for (facility, area) in tiers {
            let found: Option<(i64, i64, i64)> = sqlx::query_as(
                "select s.id, s.starts_at, s.facility_id from slots s \
                 join facilities f on f.id = s.facility_id \
                 where s.service_id = $1 and s.status = 'open' and s.starts_at >= $2 \
                   and s.starts_at < $3 \
                   and (s.reserved_priority is null or s.reserved_priority in ($4, $5, $6, $7)) \
                   and (cast($8 as bigint) is null or s.facility_id = $8) \
                   and (cast($9 as bigint) is null or f.area_id = $9) \
                   and not exists (select 1 from bookings b where b.slot_id = s.id \
                                   and b.status <> 'cancelled') \
                   and not exists (select 1 from holds h where h.slot_id = s.id \
                                   and h.expires_at > $10) \
                 order by s.starts_at, s.id limit 1",
            )
            .bind(service_id)
            .bind(now + MIN_LEAD_SECONDS)
            .bind(until)
            .bind(r1)
            .bind(r2)
            .bind(r3)
            .bind(r4)
            .bind(facility)
            .bind(area)
            .bind(now)
            .fetch_optional(&mut *c)
            .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    })
}

/// Queues the `agenda_suspended` message for each contact of the booking (or records none).
async fn notify(
    conn: Conn<'_>,
    booking_id: i64,
    waiting_id: Option<i64>,
    payload: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query(
            "insert into notification_outbox (created_at, kind, booking_id, waiting_id, channel, \
             recipient, payload, status)
             select $1, 'agenda_suspended', b.id, $3, 'sms', b.contact_phone, $4, 'pending'
               from bookings b where b.id = $2 and b.contact_phone is not null
             union all
             select $1, 'agenda_suspended', b.id, $3, 'email', b.contact_email, $4, 'pending'
               from bookings b where b.id = $2 and b.contact_email is not null
             union all
             select $1, 'agenda_suspended', b.id, $3, null, null, $4, 'no_contact'
               from bookings b where b.id = $2 and b.contact_phone is null and b.contact_email is null",
        )
        .bind(now)
        .bind(booking_id)
        .bind(waiting_id)
        .bind(payload)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(weekday: i64, from: NaiveDate, to: Option<NaiveDate>) -> Template {
        Template {
            weekday,
            start_minute: 8 * 60,
            end_minute: 9 * 60,
            reserved_channel: None,
            reserved_priority: Some("B".to_owned()),
            valid_from: from,
            valid_to: to,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn templates_give_slots_on_their_weekday_inside_their_validity_only() {
        // Mondays 8:00-9:00 in 20-minute slots, valid 9 to 16 March 2026.
        let rows = [row(1, day(2026, 3, 9), Some(day(2026, 3, 16)))];
        let slots = slots_from_templates(&rows, 20, day(2026, 3, 1), day(2026, 3, 31), 0);
        assert_eq!(slots.len(), 6, "two Mondays of three slots");
        assert!(
            slots
                .iter()
                .all(|s| s.reserved_priority.as_deref() == Some("B"))
        );
        assert!(slots.windows(2).all(|w| w[0].starts_at < w[1].starts_at));
    }

    #[test]
    fn slots_already_started_and_public_holidays_are_left_out() {
        let rows = [row(5, day(2026, 1, 1), None)];
        // Friday 25 December 2026 is Christmas; Friday 18 December is not.
        let slots = slots_from_templates(&rows, 30, day(2026, 12, 18), day(2026, 12, 25), 0);
        assert_eq!(slots.len(), 2);
        let later = slots_from_templates(
            &rows,
            30,
            day(2026, 12, 18),
            day(2026, 12, 25),
            slots[0].starts_at,
        );
        assert_eq!(later.len(), 1);
    }

    #[test]
    fn extra_slots_follow_each_other() {
        let slots = extra_slots(day(2026, 3, 2), 14 * 60, 3, 15);
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[0].ends_at, slots[1].starts_at);
        assert_eq!(slots[2].ends_at - slots[0].starts_at, 45 * 60);
    }
}
