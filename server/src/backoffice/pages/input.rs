//! What the forms of an agenda's page send, and how typed times, dates and periods are read.

use app::domain::MAX_PUBLIC_REASON_CHARS;
use app::i18n::{Lang, Texts};
use app::views::backoffice::AgendaForms;
use app::views::form::FormErrors;
use chrono::{Days, NaiveDate};
use serde::Deserialize;

use crate::backoffice::agendas::MAX_PERIOD_DAYS;
use crate::text::one_line_cut;

/// How far ahead dates may be typed.
const MAX_DAYS_AHEAD: u64 = 2 * 366;

/// What the forms of an agenda's page send. Each form sends its own fields and the token.
#[derive(Debug, Default, Deserialize)]
pub struct AgendaInput {
    #[serde(default)]
    pub(super) modello_giorno: String,
    #[serde(default)]
    pub(super) modello_inizio: String,
    #[serde(default)]
    pub(super) modello_fine: String,
    #[serde(default)]
    pub(super) modello_riserva: String,
    #[serde(default)]
    pub(super) modello_dal: String,
    #[serde(default)]
    pub(super) modello_al: String,
    #[serde(default)]
    pub(super) genera_dal: String,
    #[serde(default)]
    pub(super) genera_al: String,
    #[serde(default)]
    pub(super) extra_giorno: String,
    #[serde(default)]
    pub(super) extra_ora: String,
    #[serde(default)]
    pub(super) extra_numero: String,
    #[serde(default)]
    pub(super) sospendi_dal: String,
    #[serde(default)]
    pub(super) sospendi_al: String,
    #[serde(default)]
    pub(super) sospendi_categoria: String,
    #[serde(default)]
    pub(super) sospendi_motivo: String,
}

impl AgendaInput {
    /// What was typed, trimmed and bounded, to show again with the errors.
    pub(super) fn forms(&self) -> AgendaForms {
        let short = |s: &str| s.trim().chars().take(20).collect::<String>();
        AgendaForms {
            template_weekday: short(&self.modello_giorno),
            template_start: short(&self.modello_inizio),
            template_end: short(&self.modello_fine),
            template_reservation: short(&self.modello_riserva),
            template_from: short(&self.modello_dal),
            template_to: short(&self.modello_al),
            generate_from: short(&self.genera_dal),
            generate_to: short(&self.genera_al),
            extra_day: short(&self.extra_giorno),
            extra_time: short(&self.extra_ora),
            extra_count: short(&self.extra_numero),
            suspend_from: short(&self.sospendi_dal),
            suspend_to: short(&self.sospendi_al),
            suspend_category: short(&self.sospendi_categoria),
            suspend_reason: one_line_cut(&self.sospendi_motivo, MAX_PUBLIC_REASON_CHARS * 2),
        }
    }
}

/// A time of day typed as "8:30", "08.30" or "8": minutes after midnight (24:00 allowed).
pub fn parse_clock(input: &str) -> Option<i64> {
    let input = input.trim();
    let (hours, minutes) = match input.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (input, "00"),
    };
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !minutes.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

/// A required date: the error goes to `field` when it is missing or unreadable.
pub(super) fn required_date(
    errors: &mut FormErrors,
    t: &Texts,
    field: &'static str,
    input: &str,
) -> Option<NaiveDate> {
    if input.trim().is_empty() {
        errors.push(field, t.bo_date_required);
        return None;
    }
    let date = Lang::parse_date(input);
    if date.is_none() {
        errors.push(field, t.bo_date_invalid);
    }
    date
}

pub(super) fn optional_date(
    errors: &mut FormErrors,
    t: &Texts,
    field: &'static str,
    input: &str,
) -> Option<Option<NaiveDate>> {
    if input.trim().is_empty() {
        return Some(None);
    }
    match Lang::parse_date(input) {
        Some(date) => Some(Some(date)),
        None => {
            errors.push(field, t.bo_date_invalid);
            None
        }
    }
}

/// A period from today on, at most `MAX_PERIOD_DAYS` long and not too far ahead. `to` empty
/// means the same day as `from`.
pub(super) fn period(
    errors: &mut FormErrors,
    t: &Texts,
    today: NaiveDate,
    (from_field, from): (&'static str, &str),
    (to_field, to): (&'static str, &str),
    to_required: bool,
) -> Option<(NaiveDate, NaiveDate)> {
    let from = required_date(errors, t, from_field, from);
    let to = if to_required {
        required_date(errors, t, to_field, to).map(Some)
    } else {
        optional_date(errors, t, to_field, to)
    };
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    let to = to.unwrap_or(from);
    let horizon = today
        .checked_add_days(Days::new(MAX_DAYS_AHEAD))
        .unwrap_or(today);
    let before = errors.0.len();
    if from < today {
        errors.push(from_field, t.bo_date_past);
    } else if from > horizon {
        errors.push(from_field, t.bo_date_far);
    }
    if to < from {
        errors.push(to_field, t.bo_to_before_from);
    } else if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
        errors.push(to_field, t.bo_period_too_long);
    }
    (errors.0.len() == before).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_the_ways_people_type_them() {
        assert_eq!(parse_clock("8:30"), Some(510));
        assert_eq!(parse_clock(" 08.05 "), Some(485));
        assert_eq!(parse_clock("14"), Some(840));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for wrong in [
            "", "24:01", "8:60", "8:5", "830", "ab:cd", "-1:00", "8:30:00",
        ] {
            assert_eq!(parse_clock(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_period_starts_today_or_later_and_lasts_at_most_a_leap_year() {
        let t = Lang::It.t();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let mut errors = FormErrors::default();
        let ok = period(&mut errors, t, today, ("a", "2/3/2026"), ("b", ""), false);
        assert_eq!(ok, Some((today, today)));
        let long = period(
            &mut errors,
            t,
            today,
            ("a", "2/3/2026"),
            ("b", "3/3/2027"),
            true,
        );
        assert_eq!(long, None);
        assert_eq!(errors.get("b").as_deref(), Some(t.bo_period_too_long));
        let mut errors = FormErrors::default();
        let past = period(
            &mut errors,
            t,
            today,
            ("a", "1/3/2026"),
            ("b", "2/3/2026"),
            true,
        );
        assert_eq!(past, None);
        assert_eq!(errors.get("a").as_deref(), Some(t.bo_date_past));
        let mut errors = FormErrors::default();
        let year = period(
            &mut errors,
            t,
            today,
            ("a", "2/3/2026"),
            ("b", "2/3/2027"),
            true,
        );
        assert!(year.is_some(), "366 days");
    }
}
