//! Agendas (a facility × service schedule) and their weekly templates: reading them, counting
//! a day's slots, creating an agenda and adding a template row. Every change is one
//! transaction with its audit entry.

use app::domain::{Channel, PriorityClass, SlotStatus};
use chrono::{Days, NaiveDate};

use super::opening;
use crate::audit::{self, Actor};
use crate::availability::rule;
use crate::clock::{local, start_of_day};
use crate::db::{Conn, Db, on_conn, on_read};

/// The longest period generated or suspended at once (a leap year).
pub const MAX_PERIOD_DAYS: i64 = 366;
/// Extra slots added at once.
pub const MAX_EXTRA_SLOTS: i64 = 48;
pub const MAX_LABEL_CHARS: usize = 80;
/// The longest slot an agenda may have (the schema's limit), which bounds overlap checks.
pub(super) const MAX_SLOT_SECONDS: i64 = 240 * 60;
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
    pub(super) fn applies_on(&self, day: NaiveDate) -> bool {
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
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select s.starts_at, s.status, cast(case when {} then 0 else 1 end as bigint) \
             from slots s where s.agenda_id = $1 and s.starts_at >= $2 and s.starts_at < $3 \
             order by s.starts_at",
            rule::UNBOOKED
        )
    });
    let rows: Vec<(i64, String, i64)> = on_read!(db, pool => {
        sqlx::query_as(&SQL)
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
            if SlotStatus::parse(&status) == Some(SlotStatus::Suspended) {
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

pub(super) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if matches!(e.kind(), sqlx::error::ErrorKind::UniqueViolation))
}

/// An audit entry about the back office itself (no citizen involved).
pub(super) async fn audit(
    conn: Conn<'_>,
    staff_id: i64,
    action: &str,
    reason: Option<&str>,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    audit::record(
        conn,
        Actor::Staff { id: staff_id },
        action,
        None,
        reason,
        detail,
        now,
    )
    .await
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
