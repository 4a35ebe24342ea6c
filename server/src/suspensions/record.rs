//! The record of suspensions: written by `backoffice::suspend` inside the transaction that
//! moves or cancels the bookings (so it always agrees with them), and read for the supervisors'
//! report and the public page. Reading what happened since (a waiting-list request later
//! booked, still waiting, expired) is derived from the bookings and the waiting list as they
//! are now, never stored twice.

use app::domain::SuspensionReason;
use chrono::NaiveDate;

use crate::booking::change::Relocated;
use crate::db::{Conn, Db, on_conn, on_read};

/// What a suspension was, as the back office's form gave it.
#[derive(Clone, Debug)]
pub struct NewSuspension {
    pub agenda_id: i64,
    pub facility_id: i64,
    pub service_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: SuspensionReason,
    /// A few words fit to publish (`MAX_PUBLIC_REASON_CHARS`).
    pub public_reason: String,
    pub staff_id: i64,
}

/// Inside the suspension's transaction: the suspension itself. Returns its id.
pub async fn insert(
    conn: Conn<'_>,
    new: &NewSuspension,
    slots: u64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query_scalar(
            "insert into suspensions (agenda_id, facility_id, service_id, from_day, to_day, \
             reason_category, public_reason, created_by, created_at, slots) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        )
        .bind(new.agenda_id)
        .bind(new.facility_id)
        .bind(new.service_id)
        .bind(new.from)
        .bind(new.to)
        .bind(new.reason.as_str())
        .bind(&new.public_reason)
        .bind(new.staff_id)
        .bind(now)
        .bind(i64::try_from(slots).unwrap_or(i64::MAX))
        .fetch_one(&mut *c)
        .await
    })
}

/// Inside the suspension's transaction: what became of one booking it found.
pub async fn insert_booking(
    conn: Conn<'_>,
    suspension_id: i64,
    booking_id: i64,
    previous_slot_id: i64,
    outcome: Relocated,
) -> Result<(), sqlx::Error> {
    let (kind, new_slot, new_start, waiting) = match outcome {
        Relocated::Moved { slot_id, starts_at } => ("moved", Some(slot_id), Some(starts_at), None),
        Relocated::Waitlisted { waiting_id } => ("waitlisted", None, None, Some(waiting_id)),
    };
    on_conn!(conn, c => {
        sqlx::query(
            "insert into suspension_bookings (suspension_id, booking_id, previous_slot_id, \
             outcome, new_slot_id, new_starts_at, waiting_id) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(suspension_id)
        .bind(booking_id)
        .bind(previous_slot_id)
        .bind(kind)
        .bind(new_slot)
        .bind(new_start)
        .bind(waiting)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// One suspension with its counts, for the report and the public page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Suspension {
    pub id: i64,
    pub agenda_id: i64,
    pub agenda_label: String,
    pub facility_id: i64,
    pub area_id: i64,
    pub service_id: i64,
    pub from_day: NaiveDate,
    pub to_day: NaiveDate,
    pub reason_category: String,
    pub public_reason: String,
    pub created_by: i64,
    pub created_by_name: String,
    pub created_by_username: String,
    pub created_at: i64,
    pub slots: i64,
    pub moved: i64,
    pub waitlisted: i64,
    /// Of the waitlisted, how many prescriptions have been booked again since.
    pub rebooked: i64,
}

impl Suspension {
    pub fn reason(&self) -> SuspensionReason {
        SuspensionReason::parse(&self.reason_category).unwrap_or(SuspensionReason::Other)
    }
}

/// A booking of the prescription made since the suspension that still holds (or was kept).
const REBOOKED: &str = "exists (select 1 from bookings b2 where b2.prescription_id = b.prescription_id \
     and b2.id <> b.id and b2.created_at >= s.created_at and b2.status <> 'cancelled')";

fn select_suspensions(filter: &str, tail: &str) -> String {
    format!(
        "select s.id, s.agenda_id, a.label as agenda_label, s.facility_id, f.area_id, s.service_id, \
         s.from_day, s.to_day, s.reason_category, s.public_reason, s.created_by, \
         st.display_name as created_by_name, st.username as created_by_username, s.created_at, \
         s.slots, \
         (select count(*) from suspension_bookings sb where sb.suspension_id = s.id \
            and sb.outcome = 'moved') as moved, \
         (select count(*) from suspension_bookings sb where sb.suspension_id = s.id \
            and sb.outcome = 'waitlisted') as waitlisted, \
         (select count(*) from suspension_bookings sb join bookings b on b.id = sb.booking_id \
            where sb.suspension_id = s.id and sb.outcome = 'waitlisted' and {REBOOKED}) as rebooked \
         from suspensions s join agendas a on a.id = s.agenda_id \
         join facilities f on f.id = s.facility_id join staff st on st.id = s.created_by \
         where {filter} {tail}"
    )
}

/// Suspensions newest first, of one area or all, at most `limit`, strictly older than
/// `before` ((created_at, id) of the last one shown) if given.
pub async fn list(
    db: &Db,
    area_id: Option<i64>,
    before: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<Suspension>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        select_suspensions(
            "(cast($1 as bigint) is null or f.area_id = $1) \
             and (s.created_at < $2 or (s.created_at = $2 and s.id < $3))",
            "order by s.created_at desc, s.id desc limit $4",
        )
    });
    let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
    on_read!(db, pool => {
        sqlx::query_as(&SQL)
            .bind(area_id)
            .bind(at)
            .bind(id)
            .bind(limit)
            .fetch_all(pool)
            .await
    })
}

pub async fn one(db: &Db, id: i64) -> Result<Option<Suspension>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| select_suspensions("s.id = $1", ""));
    on_read!(db, pool => {
        sqlx::query_as(&SQL).bind(id).fetch_optional(pool).await
    })
}

/// Suspensions whose period ends on `since` or later (the public page's window), newest first.
pub async fn since(db: &Db, since: NaiveDate) -> Result<Vec<Suspension>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        select_suspensions("s.to_day >= $1", "order by s.from_day desc, s.id desc")
    });
    on_read!(db, pool => {
        sqlx::query_as(&SQL).bind(since).fetch_all(pool).await
    })
}

/// One booking a suspension found, with what happened to it and since.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AffectedBooking {
    pub booking_id: i64,
    pub code: String,
    pub previous_starts_at: i64,
    pub outcome: String,
    pub new_starts_at: Option<i64>,
    pub new_facility_id: Option<i64>,
    /// The booking's status now (a moved one may since have been cancelled or attended).
    pub status: String,
    pub waiting_id: Option<i64>,
    pub waiting_status: Option<String>,
    /// 1 when a waitlisted booking's prescription has been booked again since, else 0.
    pub rebooked: i64,
}

/// The bookings of a suspension, by their original appointment.
pub async fn bookings(db: &Db, suspension_id: i64) -> Result<Vec<AffectedBooking>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select sb.booking_id, b.code, ps.starts_at as previous_starts_at, sb.outcome, \
             sb.new_starts_at, ns.facility_id as new_facility_id, b.status, sb.waiting_id, \
             w.status as waiting_status, \
             cast(case when sb.outcome = 'waitlisted' and {REBOOKED} then 1 else 0 end as bigint) \
               as rebooked \
             from suspension_bookings sb join suspensions s on s.id = sb.suspension_id \
             join bookings b on b.id = sb.booking_id join slots ps on ps.id = sb.previous_slot_id \
             left join slots ns on ns.id = sb.new_slot_id \
             left join waiting_list w on w.id = sb.waiting_id \
             where sb.suspension_id = $1 order by ps.starts_at, b.id"
        )
    });
    on_read!(db, pool => {
        sqlx::query_as(&SQL).bind(suspension_id).fetch_all(pool).await
    })
}

/// The `agenda_suspended` messages written with the suspension: (booking, channel, status).
pub async fn messages(
    db: &Db,
    suspension_id: i64,
) -> Result<Vec<(i64, Option<String>, String)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select o.booking_id, o.channel, o.status from notification_outbox o \
             join suspension_bookings sb on sb.booking_id = o.booking_id \
             join suspensions s on s.id = sb.suspension_id \
             where sb.suspension_id = $1 and o.kind = 'agenda_suspended' \
               and o.created_at = s.created_at order by o.booking_id, o.id",
        )
        .bind(suspension_id)
        .fetch_all(pool)
        .await
    })
}

/// The audit entries written with the suspension (still kept): (id, booking, action).
pub async fn audit_entries(
    db: &Db,
    suspension_id: i64,
) -> Result<Vec<(i64, Option<i64>, String)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select l.id, l.booking_id, l.action from audit_log l join suspensions s on s.id = $1 \
             where l.at = s.created_at and l.staff_id = s.created_by \
               and (l.booking_id in (select sb.booking_id from suspension_bookings sb \
                                     where sb.suspension_id = s.id) \
                    or (l.action = 'agenda.suspended' and l.booking_id is null \
                        and l.detail like 'agenda ' || cast(s.agenda_id as text) || ',%')) \
             order by l.id",
        )
        .bind(suspension_id)
        .fetch_all(pool)
        .await
    })
}
