//! Working days in Italy: national public holidays, and the online cancellation rule
//! (DL 73/2024: a booking can be cancelled or moved online until two working days before).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// National public holidays (and 24 June, Florence's patron saint, when most of the region's
/// clinics close).
pub fn is_holiday(day: NaiveDate) -> bool {
    let fixed = matches!(
        (day.month(), day.day()),
        (1, 1)
            | (1, 6)
            | (4, 25)
            | (5, 1)
            | (6, 2)
            | (6, 24)
            | (8, 15)
            | (11, 1)
            | (12, 8)
            | (12, 25)
            | (12, 26)
    );
    fixed || easter_monday(day.year()) == Some(day)
}

/// Monday to Friday, not a holiday.
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(day)
}

/// Easter Monday, by the anonymous Gregorian computus.
pub fn easter_monday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = u32::try_from((h + l - 7 * m + 114) / 31).ok()?;
    let day = u32::try_from((h + l - 7 * m + 114) % 31 + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)?.succ_opt()
}

/// The day `working_days` working days before `day` (counting back from the day before it): two
/// working days before a Thursday is the Tuesday.
pub fn working_days_before(day: NaiveDate, working_days: u32) -> NaiveDate {
    let mut day = day;
    let mut counted = 0;
    while counted < working_days {
        match day.checked_sub_days(Days::new(1)) {
            Some(previous) => day = previous,
            None => return NaiveDate::MIN,
        }
        if is_working_day(day) {
            counted += 1;
        }
    }
    day
}

/// The last day on which an appointment on `appointment_day` can still be cancelled or moved
/// online: two working days before it (an appointment on Thursday: until Tuesday).
pub fn last_day_to_change(appointment_day: NaiveDate) -> NaiveDate {
    working_days_before(appointment_day, 2)
}

pub fn can_change_online(today: NaiveDate, appointment_day: NaiveDate) -> bool {
    today <= last_day_to_change(appointment_day)
}

/// The first day from `today` on whose appointments could still be changed online once booked.
pub fn first_day_changeable_online(today: NaiveDate) -> NaiveDate {
    let mut day = today;
    while !can_change_online(today, day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn easter_monday_falls_on_the_known_dates() {
        assert_eq!(easter_monday(2026), Some(day(2026, 4, 6)));
        assert_eq!(easter_monday(2027), Some(day(2027, 3, 29)));
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(is_working_day(day(2026, 11, 26))); // Thursday
        assert!(!is_working_day(day(2026, 11, 28))); // Saturday
        assert!(!is_working_day(day(2026, 12, 8))); // Immacolata, a Tuesday
        assert!(!is_working_day(day(2027, 3, 29))); // Easter Monday
    }

    #[test]
    fn a_thursday_appointment_can_be_changed_until_tuesday() {
        assert_eq!(last_day_to_change(day(2026, 11, 26)), day(2026, 11, 24));
        assert!(can_change_online(day(2026, 11, 24), day(2026, 11, 26)));
        assert!(!can_change_online(day(2026, 11, 25), day(2026, 11, 26)));
    }

    #[test]
    fn the_first_day_changeable_online_is_after_two_working_days() {
        // Tuesday 24 November: Wednesday and Thursday are notice, Thursday is the first.
        assert_eq!(
            first_day_changeable_online(day(2026, 11, 24)),
            day(2026, 11, 26)
        );
        // Friday 27 November: an appointment on Tuesday 1 December can be changed until that
        // Friday; one on Monday 30 only until Thursday 26.
        assert_eq!(
            first_day_changeable_online(day(2026, 11, 27)),
            day(2026, 12, 1)
        );
        // Saturday 5 December: Monday 7, (Tuesday 8 a holiday), Wednesday 9 are notice.
        assert_eq!(
            first_day_changeable_online(day(2026, 12, 5)),
            day(2026, 12, 10)
        );
    }

    #[test]
    fn weekends_and_holidays_do_not_count_as_notice() {
        // Monday 30 November: the two working days before are Thursday 26 and Friday 27.
        assert_eq!(last_day_to_change(day(2026, 11, 30)), day(2026, 11, 26));
        // Thursday 10 December: Tuesday 8 is a holiday, so Monday 7 and Wednesday 9 count.
        assert_eq!(last_day_to_change(day(2026, 12, 10)), day(2026, 12, 7));
    }

    #[test]
    fn seven_working_days_before_skip_weekends_and_holidays() {
        // Friday 18 December 2026: seven back is Wednesday 9 (two weekend days skipped), eight
        // back is Monday 7 (Tuesday 8, Immacolata, skipped).
        assert_eq!(working_days_before(day(2026, 12, 18), 7), day(2026, 12, 9));
        assert_eq!(working_days_before(day(2026, 12, 18), 8), day(2026, 12, 7));
        assert_eq!(working_days_before(day(2026, 12, 18), 0), day(2026, 12, 18));
    }
}
