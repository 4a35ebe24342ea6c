//! Recall reminders (D.L. 73/2024 art. 3): a background pass, about once a minute, that queues a
//! reminder for each active booking whose visit is a stage's number of working days ahead
//! (`CUPOLA_REMINDER_DAYS`, default 7 and 2), once per booking and stage whichever instance
//! gets there first (`booking_reminders`' key), and records `no_reply` on reminded bookings
//! whose last day online went by without an answer (`booking::recall`).

use std::time::Duration;

use app::domain::calendar::working_days_before;
use chrono::{Days, NaiveDate};

use crate::booking::recall::mark_no_replies;
use crate::clock::{Clock, local, start_of_day};
use crate::db::{Conn, Db, on_conn};
use crate::outbox::{self, Message};

/// The reminder stages: how many working days before the visit, largest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stages(Vec<u32>);

impl Stages {
    /// The most working days ahead a reminder may be set (about three months).
    pub const MAX_DAYS: u32 = 60;

    /// From `7,2`: numbers of working days, 1 to `MAX_DAYS`, in any order; empty (or `none`)
    /// for no reminders.
    pub fn parse(text: &str) -> Result<Stages, String> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("none") {
            return Ok(Stages(Vec::new()));
        }
        let mut days = text
            .split(',')
            .map(|part| {
                let part = part.trim();
                match part.parse::<u32>() {
                    Ok(n) if (1..=Self::MAX_DAYS).contains(&n) => Ok(n),
                    _ => Err(format!(
                        "`{part}` is not a number of working days from 1 to {}",
                        Self::MAX_DAYS
                    )),
                }
            })
            .collect::<Result<Vec<u32>, String>>()?;
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        Ok(Stages(days))
    }

    pub fn days(&self) -> &[u32] {
        &self.0
    }
}

impl Default for Stages {
    fn default() -> Stages {
        Stages(vec![7, 2])
    }
}

/// The recall's settings (flattened into the command line).
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
pub struct RecallConfig {
    /// Recall reminders, in working days before the visit (Monday to Friday, national holidays
    /// excluded), comma-separated; empty for none. Each has links to confirm or cancel.
    #[arg(
        long = "reminder-days",
        env = "CUPOLA_REMINDER_DAYS",
        default_value = "7,2",
        value_parser = Stages::parse,
        global = true
    )]
    pub reminder_days: Stages,

    /// Seconds between two passes of the recall (queueing due reminders, recording no-replies).
    #[arg(
        long = "recall-interval-seconds",
        env = "CUPOLA_RECALL_INTERVAL_SECONDS",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..=86_400),
        global = true
    )]
    pub interval_seconds: u64,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    /// Reminders queued (one per booking and stage; each makes an outbox row per contact).
    pub reminders: u64,
    /// Bookings recorded as `no_reply`.
    pub no_replies: u64,
}

/// The visit days whose reminder of stage `days` is due on `today`, with the day it fell due:
/// it is due from that day on, until the next (smaller) stage falls due — a pass that missed a
/// day catches up, but a booking never gets a stage that a later one has overtaken. Visits
/// today or tomorrow get none.
pub fn due_days(today: NaiveDate, days: u32, next: Option<u32>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut due = Vec::new();
    let Some(mut visit) = today.checked_add_days(Days::new(2)) else {
        return due;
    };
    // `days` working days are at most about twice as many calendar days, plus holidays.
    for _ in 0..(days * 2 + 20) {
        let falls_due = working_days_before(visit, days);
        if falls_due > today {
            break;
        }
        let overtaken = next.is_some_and(|next| working_days_before(visit, next) <= today);
        if !overtaken {
            due.push((visit, falls_due));
        }
        match visit.succ_opt() {
            Some(next_day) => visit = next_day,
            None => break,
        }
    }
    due
}

/// Queues the reminders due at `now` and records the no-replies. Safe to run on several
/// instances at once: each reminder is queued by the one transaction that inserts its
/// `booking_reminders` row.
pub async fn run_pass(db: &Db, stages: &Stages, now: i64) -> Result<Pass, sqlx::Error> {
    let today = local(now).date();
    let mut pass = Pass::default();
    let days = stages.days();
    for (i, &stage) in days.iter().enumerate() {
        let due = due_days(today, stage, days.get(i + 1).copied());
        if due.is_empty() {
            continue;
        }
        pass.reminders += db
            .transact(move |conn| Box::pin(queue_stage(conn, stage, due, now)))
            .await?;
    }
    pass.no_replies = mark_no_replies(db, now, today).await?;
    Ok(pass)
}

/// In one transaction: for each due visit day, the bookings of that day made by the day their
/// reminder fell due (a booking made after it skips the stage) get their reminder, once.
async fn queue_stage(
    conn: Conn<'_>,
    stage: u32,
    due: Vec<(NaiveDate, NaiveDate)>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let payload = format!("{{\"days_before\":{stage}}}");
    let mut queued = 0;
    on_conn!(conn, tx => {
        for (visit, falls_due) in due {
            let from = start_of_day(visit);
            let until = start_of_day(visit.succ_opt().unwrap_or(visit));
            let made_by = start_of_day(falls_due.succ_opt().unwrap_or(falls_due));
            // `where` before `on conflict`: SQLite reads the clause unambiguously then. The
            // day's slots first, one range of (facility, start) per facility, then their active
            // booking: SQLite otherwise walked every booking made before `made_by` (3.8 million
            // at region scale: 1.2 s a day, a dozen days a pass, each minute, holding the writer).
            let ids: Vec<i64> = sqlx::query_scalar(
                "insert into booking_reminders (booking_id, days_before, queued_at) \
                 select b.id, $1, $2 from slots s cross join bookings b \
                 where s.facility_id in (select id from facilities) \
                   and s.starts_at >= $3 and s.starts_at < $4 \
                   and b.slot_id = s.id and b.status <> 'cancelled' \
                   and b.status = 'confirmed' and b.created_at < $5 \
                 on conflict do nothing \
                 returning booking_id",
            )
            .bind(i64::from(stage))
            .bind(now)
            .bind(from)
            .bind(until)
            .bind(made_by)
            .fetch_all(&mut *tx)
            .await?;
            for id in &ids {
                outbox::about_booking(Conn::from(&mut *tx), Message::Reminder, *id, None, &payload, now).await?;
            }
            queued += ids.len() as u64;
        }
        Ok(queued)
    })
}

/// Runs a pass every `every` until the database is closed.
pub async fn run(db: Db, clock: Clock, config: RecallConfig, every: Duration) {
    if config.reminder_days.days().is_empty() {
        tracing::info!("recall reminders are off (CUPOLA_REMINDER_DAYS is empty)");
    }
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !db.is_closed() {
        ticker.tick().await;
        match run_pass(&db, &config.reminder_days, clock.now()).await {
            Ok(Pass {
                reminders: 0,
                no_replies: 0,
            }) => {}
            Ok(pass) => tracing::info!(
                reminders = pass.reminders,
                no_replies = pass.no_replies,
                "recall: reminders queued, no-replies recorded"
            ),
            Err(err) => tracing::warn!(error = %err, "recall pass failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn stages_are_read_largest_first_and_checked() {
        assert_eq!(Stages::parse("2, 7,7").map(|s| s.0), Ok(vec![7, 2]));
        assert_eq!(Stages::parse("").map(|s| s.0), Ok(vec![]));
        assert!(Stages::parse("0").is_err());
        assert!(Stages::parse("7,x").is_err());
        assert!(Stages::parse("61").is_err());
    }

    #[test]
    fn a_stage_falls_due_on_working_days_and_gives_way_to_the_next() {
        // Monday 30 November 2026: seven working days before Thursday 10 December. Visits from
        // Thursday 3 to Wednesday 9 fell due earlier (a pass that missed them catches up for
        // bookings made by then); Wednesday 2's is overtaken by its two-day reminder, due today.
        let today = day(2026, 11, 30);
        let seven = due_days(today, 7, Some(2));
        assert_eq!(seven.first(), Some(&(day(2026, 12, 3), day(2026, 11, 24))));
        assert_eq!(seven.last(), Some(&(day(2026, 12, 10), today)));
        assert_eq!(seven.len(), 8);
        assert_eq!(due_days(today, 2, None), vec![(day(2026, 12, 2), today)]);
        // Wednesday 9 December's two-day reminder falls due on Friday 4 (Tuesday 8 is a
        // holiday), and nothing falls due on a Saturday.
        let saturday = day(2026, 12, 5);
        let two = due_days(saturday, 2, None);
        assert_eq!(two.last(), Some(&(day(2026, 12, 9), day(2026, 12, 4))));
        assert!(two.iter().all(|(_, falls_due)| *falls_due < saturday));
        // Nothing for today or tomorrow.
        assert!(
            due_days(today, 1, None)
                .iter()
                .all(|(visit, _)| *visit >= day(2026, 12, 2))
        );
    }
}
