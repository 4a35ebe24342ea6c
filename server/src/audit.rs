//! The audit: who did what to whose data, through which channel, when and why. Written in the
//! same transaction as the change it records; staff reads of a citizen's data are recorded
//! before anything is shown. Kept for a limited time (a daily purge in short batches).

use std::time::Duration;

use app::domain::Channel;

use crate::clock::Clock;
use crate::db::{Conn, Db, on_conn};

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Citizen(Channel),
    /// A citizen acting for another under a delegation (its id): a delegate, a parent or
    /// guardian for a minor, someone holding a paper delegation. Recorded with the entry.
    Delegate {
        channel: Channel,
        delegation: i64,
    },
    Staff {
        id: i64,
    },
    System,
}

impl Actor {
    /// The channel a booking made by this actor is recorded with.
    pub fn booking_channel(self) -> Channel {
        match self {
            Actor::Citizen(channel) | Actor::Delegate { channel, .. } => channel,
            Actor::Staff { .. } | Actor::System => Channel::Operator,
        }
    }

    /// The member of staff, if one acted.
    pub fn staff_id(self) -> Option<i64> {
        match self {
            Actor::Staff { id } => Some(id),
            Actor::Citizen(_) | Actor::Delegate { .. } | Actor::System => None,
        }
    }

    /// The delegation a citizen acted under, if they acted for someone else.
    pub fn delegation(self) -> Option<i64> {
        match self {
            Actor::Delegate { delegation, .. } => Some(delegation),
            Actor::Citizen(_) | Actor::Staff { .. } | Actor::System => None,
        }
    }

    pub(crate) fn parts(self) -> (&'static str, Option<i64>, Option<&'static str>) {
        match self {
            Actor::Citizen(channel) | Actor::Delegate { channel, .. } => {
                ("citizen", None, Some(channel.as_str()))
            }
            Actor::Staff { id } => ("staff", Some(id), Some(Channel::Operator.as_str())),
            Actor::System => ("system", None, None),
        }
    }
}

/// One audit entry about a booking; the fiscal code is read from its prescription.
pub async fn booking(
    conn: Conn<'_>,
    actor: Actor,
    action: &str,
    booking_id: i64,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, reason, delegation_id)
             select $1, $2, $3, $4, $5, p.fiscal_code, b.id, $6, $8
             from bookings b join prescriptions p on p.id = b.prescription_id where b.id = $7",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(action)
        .bind(reason)
        .bind(booking_id)
        .bind(actor.delegation())
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// One audit entry about a citizen rather than a booking (a member of staff opening their
/// record, or searching the audit for them), or about no one (`fiscal_code` None: the back
/// office's own changes). `detail` must hold no personal data.
pub async fn record(
    conn: Conn<'_>,
    actor: Actor,
    action: &str,
    fiscal_code: Option<&str>,
    reason: Option<&str>,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, reason, detail, delegation_id) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(action)
        .bind(fiscal_code)
        .bind(reason)
        .bind(detail)
        .bind(actor.delegation())
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// One audit entry about a prescription's holder (the fiscal code is read from it), for what
/// happens to a request rather than a booking (a waiting-list offer). `detail` holds no
/// personal data.
pub async fn prescription(
    conn: Conn<'_>,
    actor: Actor,
    action: &str,
    prescription_id: i64,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, detail, delegation_id) \
             select $1, $2, $3, $4, $5, p.fiscal_code, $6, $8 from prescriptions p where p.id = $7",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(action)
        .bind(detail)
        .bind(prescription_id)
        .bind(actor.delegation())
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// One audit entry about a message of the outbox (`detail`: its id), with the booking and the
/// fiscal code of the person it is for, read from its booking or waiting-list entry.
pub async fn message(
    conn: Conn<'_>,
    actor: Actor,
    action: &str,
    outbox_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, detail) \
             select $1, $2, $3, $4, $5, p.fiscal_code, o.booking_id, 'outbox ' || cast(o.id as text) \
             from notification_outbox o \
             left join bookings b on b.id = o.booking_id \
             left join waiting_list w on w.id = o.waiting_id \
             left join prescriptions p on p.id = coalesce(b.prescription_id, w.prescription_id) \
             where o.id = $6",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(action)
        .bind(outbox_id)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// A staff read of the visits of one day at one facility (the desk's list), recorded as one
/// `booking_viewed` entry per booking listed, with `reason`, before anything is shown. Returns
/// the ids recorded: the list shows those and no other.
pub async fn visits_viewed(
    conn: Conn<'_>,
    actor: Actor,
    facility_id: i64,
    from: i64,
    until: i64,
    reason: &str,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query_scalar(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, reason) \
             select $1, $2, $3, $4, 'booking_viewed', p.fiscal_code, b.id, $5 \
             from bookings b join slots s on s.id = b.slot_id \
             join prescriptions p on p.id = b.prescription_id \
             where s.facility_id = $6 and s.starts_at >= $7 and s.starts_at < $8 \
               and b.status <> 'cancelled' \
             returning booking_id",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(reason)
        .bind(facility_id)
        .bind(from)
        .bind(until)
        .fetch_all(&mut *c)
        .await
    })
}

/// A supervisor's read of a suspension's bookings (the report), recorded as one
/// `booking_viewed` entry per booking it found, with `reason`, before anything is shown.
pub async fn suspension_viewed(
    conn: Conn<'_>,
    actor: Actor,
    suspension_id: i64,
    reason: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, reason) \
             select $1, $2, $3, $4, 'booking_viewed', p.fiscal_code, b.id, $5 \
             from suspension_bookings sb join bookings b on b.id = sb.booking_id \
             join prescriptions p on p.id = b.prescription_id \
             where sb.suspension_id = $6",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(reason)
        .bind(suspension_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected())
    })
}

/// Months the audit is kept unless configured otherwise.
pub const AUDIT_RETENTION_MONTHS: u32 = 24;
/// Rows deleted per transaction by the purge: short transactions that never hold the writer
/// (or PostgreSQL's locks) for long, whatever the backlog.
const PURGE_BATCH: i64 = 5_000;

/// The instant before which audit entries are older than `months` (calendar months back from
/// `now`, in UTC).
pub fn retention_cutoff(now: i64, months: u32) -> i64 {
    chrono::DateTime::from_timestamp(now, 0)
        .and_then(|at| at.checked_sub_months(chrono::Months::new(months)))
        .map_or(i64::MIN, |at| at.timestamp())
}

/// Deletes the audit entries written before `older_than` (unix seconds), in short batches.
/// Returns how many were deleted.
pub async fn purge_audit(db: &Db, older_than: i64) -> Result<u64, sqlx::Error> {
    let mut total = 0;
    loop {
        let deleted: u64 = db
            .transact(move |conn| {
                Box::pin(async move {
                    on_conn!(conn, c => {
                        sqlx::query(
                            "delete from audit_log where id in \
                             (select id from audit_log where at < $1 order by at limit $2)",
                        )
                        .bind(older_than)
                        .bind(PURGE_BATCH)
                        .execute(&mut *c)
                        .await
                        .map(|done| done.rows_affected())
                    })
                })
            })
            .await?;
        total += deleted;
        if deleted < PURGE_BATCH as u64 {
            return Ok(total);
        }
    }
}

/// Purges the audit of entries older than `months`, shortly after the start (out of the way of
/// the start itself) and then every `every`, until the database is closed.
pub async fn run_audit_purge(db: Db, clock: Clock, months: u32, every: Duration) {
    let first = tokio::time::Instant::now() + Duration::from_secs(5 * 60).min(every);
    let mut ticker = tokio::time::interval_at(first, every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !db.is_closed() {
        ticker.tick().await;
        match purge_audit(&db, retention_cutoff(clock.now(), months)).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                audit.purged = n,
                audit.retention_months = months,
                "old audit entries deleted"
            ),
            Err(err) => tracing::warn!(error = %err, "audit purge failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retention_cutoff_is_whole_calendar_months_back() {
        // 2026-03-31 12:00 UTC minus one month is 2026-02-28 12:00 UTC (the month is shorter).
        let now = 1_774_958_400;
        assert_eq!(retention_cutoff(now, 1), 1_772_280_000);
        assert_eq!(retention_cutoff(now, 24), 1_711_886_400); // 2024-03-31 12:00 UTC
        assert_eq!(retention_cutoff(now, 0), now);
    }
}
