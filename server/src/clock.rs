//! The time, in one place: every "now" of the booking rules comes from here (never from the
//! database's own clock), so tests can move time forward to expire holds and deadlines.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Rome;

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Seconds added to the system time (tests only move it forward).
    offset: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Unix seconds.
    pub fn now(&self) -> i64 {
        chrono::Utc::now().timestamp() + self.offset.load(Ordering::Relaxed)
    }

    /// Unix milliseconds (for ordering events within one second).
    pub fn now_millis(&self) -> i64 {
        chrono::Utc::now().timestamp_millis() + self.offset.load(Ordering::Relaxed) * 1000
    }

    /// Today in Italy.
    pub fn today(&self) -> NaiveDate {
        local(self.now()).date()
    }

    /// Moves the clock forward (tests).
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// Italian wall-clock time of an instant.
pub fn local(unix: i64) -> NaiveDateTime {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&Rome)
        .naive_local()
}

/// The instant of an Italian wall-clock time (the earlier one in the autumn overlap).
pub fn unix_of_local(local: NaiveDateTime) -> Option<i64> {
    Rome.from_local_datetime(&local)
        .earliest()
        .map(|t| t.timestamp())
}

/// The first instant of an Italian calendar day.
pub fn start_of_day(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .and_then(unix_of_local)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_follows_italian_summer_time() {
        // 12:00 UTC is 13:00 in winter and 14:00 in summer.
        assert_eq!(local(1_767_268_800).format("%H:%M").to_string(), "13:00"); // 2026-01-01
        assert_eq!(local(1_782_907_200).format("%H:%M").to_string(), "14:00"); // 2026-07-01
    }

    #[test]
    fn a_moved_clock_stays_moved() {
        let clock = Clock::system();
        let before = clock.now();
        clock.advance(3_600);
        assert!(clock.now() >= before + 3_600);
    }
}
