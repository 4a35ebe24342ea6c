//! The facility desk's record of a visit: the person came (`attended`) or did not (`no_show`).
//! Only a confirmed booking is marked, only from the visit's day on, and only by the desk of
//! the facility the visit is at (supervisors and administrators at any facility). A mark can be
//! corrected (attended ↔ no_show) on the day it was made, never later.
//!
//! A visit that was neither attended nor cancelled was not cancelled in time: it may owe the
//! ticket (`ticket_due`), even for an exempt citizen, as regional rules allow. An attended
//! visit uses its prescription, as the seed's history has it; a correction gives it back.

use chrono::NaiveDate;

use crate::audit::{self, Actor};
use crate::clock::{local, start_of_day};
use crate::db::{Conn, Db, on_conn};

/// What the desk records of a visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attendance {
    Attended,
    NoShow,
}

impl Attendance {
    /// The booking's status it records.
    pub fn status(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::NoShow => "no_show",
        }
    }

    /// The audit action.
    pub fn action(self) -> &'static str {
        match self {
            Attendance::Attended => "booking.attended",
            Attendance::NoShow => "booking.no_show",
        }
    }
}

/// Why a visit was not marked.
#[derive(Debug, thiserror::Error)]
pub enum AttendanceError {
    /// No such booking, or not one at the desk's facility (the same answer: 404).
    #[error("no such booking at this facility")]
    NotFound,
    /// The visit's day has not come yet (409).
    #[error("the visit's day has not come")]
    NotYet,
    /// Cancelled, or marked on an earlier day (a mark is corrected only the day it was made) (409).
    #[error("the booking cannot be marked")]
    NotMarkable,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Who marks, and at which facility's desk (None: any facility, for supervisors and admins).
#[derive(Clone, Copy, Debug)]
pub struct Desk {
    pub staff_id: i64,
    pub facility_id: Option<i64>,
}

/// Marks the visit of booking `code` as `attendance`. Returns whether anything changed (marking
/// a visit again as it already is changes nothing and records nothing).
pub async fn mark(
    db: &Db,
    code: &str,
    attendance: Attendance,
    desk: Desk,
    now: i64,
    today: NaiveDate,
) -> Result<bool, AttendanceError> {
    let code = code.to_owned();
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let row: Option<(i64, String, i64, i64, Option<i64>, i64)> = sqlx::query_as(
                    "select b.id, b.status, s.facility_id, s.starts_at, b.attendance_marked_at, \
                     b.prescription_id from bookings b join slots s on s.id = b.slot_id \
                     where b.code = $1",
                )
                .bind(&code)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, status, facility_id, starts_at, marked_at, prescription_id)) = row else {
                    return Err(AttendanceError::NotFound);
                };
                if desk.facility_id.is_some_and(|desk| desk != facility_id) {
                    return Err(AttendanceError::NotFound);
                }
                if local(starts_at).date() > today {
                    return Err(AttendanceError::NotYet);
                }
                let day_began = start_of_day(today);
                match status.as_str() {
                    "confirmed" => {}
                    s if s == attendance.status() => return Ok(false),
                    "attended" | "no_show" if marked_at.is_some_and(|at| at >= day_began) => {}
                    _ => return Err(AttendanceError::NotMarkable),
                }
                // The same conditions again, in the statement: a concurrent mark or cancel
                // leaves this one nothing to update.
                let updated = sqlx::query(
                    "update bookings set status = $2, ticket_due = $3, attendance_marked_by = $4, \
                     attendance_marked_at = $5, updated_at = $5 \
                     where id = $1 and (status = 'confirmed' or (status in ('attended', 'no_show') \
                       and status <> $2 and attendance_marked_at >= $6))",
                )
                .bind(id)
                .bind(attendance.status())
                .bind(i64::from(attendance == Attendance::NoShow))
                .bind(desk.staff_id)
                .bind(now)
                .bind(day_began)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    // Someone marked it first (PostgreSQL: a concurrent transaction committed
                    // after our read): the same mark is done already, anything else refused.
                    let now_status: Option<String> =
                        sqlx::query_scalar("select status from bookings where id = $1")
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                    return match now_status {
                        Some(s) if s == attendance.status() => Ok(false),
                        _ => Err(AttendanceError::NotMarkable),
                    };
                }
                let (to, from) = match attendance {
                    Attendance::Attended => ("used", "valid"),
                    Attendance::NoShow => ("valid", "used"),
                };
                sqlx::query("update prescriptions set status = $2 where id = $1 and status = $3")
                    .bind(prescription_id)
                    .bind(to)
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                audit::booking(
                    Conn::from(&mut *tx),
                    Actor::Staff { id: desk.staff_id },
                    attendance.action(),
                    id,
                    None,
                    now,
                )
                .await?;
                Ok(true)
            })
        })
    })
    .await
}
