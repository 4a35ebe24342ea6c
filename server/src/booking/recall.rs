//! Recall (D.L. 73/2024 art. 3): the citizen's answer to a reminder, kept on the booking —
//! `confirmed` when they said they will come (a one-tap link), `no_reply` when a reminded
//! booking was neither confirmed nor cancelled by the last day it could be changed online. The
//! reminders themselves are queued by `crate::recall`; this is only the writing of bookings.

use app::domain::{BookingStatus, calendar};
use chrono::{Days, NaiveDate};

use super::error::BookingError;
use super::rules::may_change;
use crate::audit::{self, Actor};
use crate::clock::start_of_day;
use crate::db::{Conn, Db, on_conn, on_read};

/// The cancel reason recorded when a booking is cancelled from a reminder's link (reasons are
/// stored in Italian).
pub const ONE_TAP_CANCEL_REASON: &str = "Annullata dal cittadino con il link del promemoria";

/// Where a booking stands in the recall, as read for pages.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RecallState {
    pub status: String,
    pub starts_at: i64,
    /// `confirmed`, `no_reply`, or none yet.
    pub recall: Option<String>,
    pub recall_at: Option<i64>,
}

impl RecallState {
    pub fn confirmed(&self) -> bool {
        self.recall.as_deref() == Some("confirmed")
    }

    pub fn no_reply(&self) -> bool {
        self.recall.as_deref() == Some("no_reply")
    }
}

const STATE: &str = "select b.status, s.starts_at, b.recall, b.recall_at \
     from bookings b join slots s on s.id = b.slot_id where b.id = $1";

/// The recall state of a booking.
pub async fn state_of(db: &Db, booking_id: i64) -> Result<Option<RecallState>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(STATE).bind(booking_id).fetch_optional(pool).await
    })
}

/// Records that the citizen will come. Allowed while they could still change the booking online
/// (the same rule as cancelling: until the end of the last day online); confirming twice is
/// fine, and keeps the first time.
pub async fn confirm_attendance(
    db: &Db,
    booking_id: i64,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let state: Option<RecallState> = sqlx::query_as(STATE)
                    .bind(booking_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(state) = state else {
                    return Err(BookingError::NotActive);
                };
                let status = BookingStatus::parse(&state.status).ok_or(BookingError::NotActive)?;
                if state.confirmed() && status.is_active() {
                    return Ok(());
                }
                may_change(actor, status, state.starts_at, today, now)?;
                if state.no_reply() {
                    // Only after the last day online, which `may_change` has just refused;
                    // kept for a clock that went back.
                    return Err(BookingError::TooLateToChange {
                        last_day: calendar::last_day_to_change(crate::clock::local(state.starts_at).date()),
                    });
                }
                let updated = sqlx::query(
                    "update bookings set recall = 'confirmed', recall_at = $2 \
                     where id = $1 and status = 'confirmed' and recall is null",
                )
                .bind(booking_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    return Err(BookingError::NotActive);
                }
                audit::booking(Conn::from(&mut *tx), actor, "booking.attendance_confirmed", booking_id, None, now).await?;
                Ok(())
            })
        })
    })
    .await
}

/// The first instant after the visits whose last day online is over by `today`: every visit
/// before it could be changed online only until yesterday or earlier.
pub fn no_reply_cutoff(today: NaiveDate) -> i64 {
    let mut last = today;
    // The last day online is two working days before: a fortnight ahead is always past it.
    for _ in 0..15 {
        let Some(next) = last.checked_add_days(Days::new(1)) else {
            break;
        };
        if calendar::last_day_to_change(next) >= today {
            break;
        }
        last = next;
    }
    start_of_day(last.succ_opt().unwrap_or(last))
}

/// Records `no_reply` on every active booking that was reminded and neither confirmed nor
/// cancelled by the end of its last day online. Returns how many.
pub async fn mark_no_replies(db: &Db, now: i64, today: NaiveDate) -> Result<u64, sqlx::Error> {
    let cutoff = no_reply_cutoff(today);
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let ids: Vec<i64> = sqlx::query_scalar(
                    // From the reminded bookings (a few per cent of all), not from every
                    // booking and every past slot (a scan of both at region scale, each minute).
                    "update bookings set recall = 'no_reply', recall_at = $1 \
                     where id in (select r.booking_id from booking_reminders r) \
                       and status = 'confirmed' and recall is null \
                       and (select s.starts_at from slots s where s.id = bookings.slot_id) < $2 \
                     returning id",
                )
                .bind(now)
                .bind(cutoff)
                .fetch_all(&mut *tx)
                .await?;
                for id in &ids {
                    audit::booking(Conn::from(&mut *tx), Actor::System, "booking.recall_no_reply", *id, None, now).await?;
                }
                Ok(ids.len() as u64)
            })
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::local;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn the_no_reply_cutoff_follows_the_last_day_online() {
        // Wednesday 25 November 2026: Thursday 26's last day was Tuesday 24 (over), Friday
        // 27's is Wednesday 25 (today: not over yet).
        let cutoff = no_reply_cutoff(day(2026, 11, 25));
        assert_eq!(local(cutoff).date(), day(2026, 11, 27));
        // Friday 27: Monday 30's last day was Thursday 26, Tuesday 1's is Friday 27.
        assert_eq!(
            local(no_reply_cutoff(day(2026, 11, 27))).date(),
            day(2026, 12, 1)
        );
    }
}
