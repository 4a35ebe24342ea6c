//! The rules that turn a weekly template into slots: which days templates open on (not on
//! public holidays), which whole slots an opening gives on a day (none in the spring-forward
//! gap), and the ISO weekday a template row names. The back office generates slots with these,
//! and the demo generator uses the same rules so its data looks like the back office's.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::clock::unix_of_local;

/// Whether weekly templates give slots on this day: not on public holidays (extra slots added
/// by hand may still be).
pub fn opens_on(day: NaiveDate) -> bool {
    !app::domain::calendar::is_holiday(day)
}

/// The slots of one opening on one day, as (start, end) in unix seconds: consecutive slots of
/// `slot_minutes` from `start_minute`, the last one ending by `end_minute` (minutes from local
/// midnight). A slot that would start or end in the spring-forward gap is left out. Templates
/// and extra slots both make slots with this.
pub fn opening_slots(
    day: NaiveDate,
    start_minute: i64,
    end_minute: i64,
    slot_minutes: i64,
) -> impl Iterator<Item = (i64, i64)> {
    let step = slot_minutes.max(1);
    let count = if end_minute >= start_minute + step {
        (end_minute - start_minute) / step
    } else {
        0
    };
    (0..count).filter_map(move |i| {
        let minute = start_minute + i * step;
        Some((local_unix(day, minute)?, local_unix(day, minute + step)?))
    })
}

/// The ISO weekday of a day (1 = Monday), as template rows store it.
pub fn iso_weekday(day: NaiveDate) -> u32 {
    match day.weekday() {
        Weekday::Mon => 1,
        Weekday::Tue => 2,
        Weekday::Wed => 3,
        Weekday::Thu => 4,
        Weekday::Fri => 5,
        Weekday::Sat => 6,
        Weekday::Sun => 7,
    }
}

/// The instant of `minute_of_day` minutes after midnight of `day`, in Italian time (the
/// earlier one when the clock goes back; None in the spring-forward gap).
pub fn local_unix(day: NaiveDate, minute_of_day: i64) -> Option<i64> {
    unix_of_local(day.and_hms_opt(0, 0, 0)? + chrono::Duration::minutes(minute_of_day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opening_gives_whole_slots_only_and_skips_the_spring_forward_gap() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let slots: Vec<_> = opening_slots(day, 8 * 60, 9 * 60 + 10, 30).collect();
        assert_eq!(slots.len(), 2, "8:00, 8:30; 9:00 would end after 9:10");
        assert_eq!(slots[0].1, slots[1].0);
        assert_eq!(slots[1].1 - slots[0].0, 3_600);
        // 29 March 2026: clocks jump from 2:00 to 3:00 in Italy.
        let dst = NaiveDate::from_ymd_opt(2026, 3, 29).expect("date");
        assert_eq!(
            opening_slots(dst, 60, 4 * 60, 60).count(),
            1,
            "only 3:00-4:00 exists"
        );
        assert_eq!(opening_slots(day, 600, 610, 30).count(), 0);
    }

    #[test]
    fn template_weekdays_count_from_monday_as_one() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(iso_weekday(monday), 1);
        assert_eq!(iso_weekday(monday + chrono::Days::new(6)), 7);
    }

    #[test]
    fn templates_give_no_slots_on_public_holidays() {
        assert!(!opens_on(
            NaiveDate::from_ymd_opt(2026, 12, 25).expect("date")
        ));
        assert!(opens_on(
            NaiveDate::from_ymd_opt(2026, 12, 23).expect("date")
        ));
    }
}
