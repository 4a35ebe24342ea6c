//! The booking rules that are not the database's: how long a hold lasts, the ticket's cap,
//! until when a booking may still change, and what a cancellation's reason may be. Written once,
//! used by the writer (which enforces them), the receipts (which announce them), the console and
//! the API.

use app::domain::{BookingStatus, calendar};
use chrono::NaiveDate;

use super::error::BookingError;
use crate::audit::Actor;
use crate::availability::rule::MIN_LEAD_SECONDS;
use crate::clock::{local, start_of_day};
use crate::text::{one_line, one_line_cut};

/// How long a chosen slot stays held while the person confirms.
pub const HOLD_SECONDS: i64 = 8 * 60;
/// How long a slot is held between choosing and booking it in one request (API, operators).
pub const INSTANT_HOLD_SECONDS: i64 = 60;
/// The most a citizen pays for one prescription in Tuscany (the "ticket"), whatever the tariff.
pub const TICKET_CAP_CENTS: i64 = 3_800;

/// Whether `actor` may still move or cancel a booking in `status` starting at `starts_at`:
/// citizens online until two working days before (DL 73/2024), staff until it starts.
pub fn may_change(
    actor: Actor,
    status: BookingStatus,
    starts_at: i64,
    today: NaiveDate,
    now: i64,
) -> Result<(), BookingError> {
    if !status.is_active() {
        return Err(BookingError::NotActive);
    }
    match actor {
        Actor::Citizen(_) | Actor::Delegate { .. } => {
            let day = local(starts_at).date();
            if calendar::can_change_online(today, day) {
                Ok(())
            } else {
                Err(BookingError::TooLateToChange {
                    last_day: calendar::last_day_to_change(day),
                })
            }
        }
        Actor::Staff { .. } | Actor::System if starts_at > now => Ok(()),
        Actor::Staff { .. } | Actor::System => Err(BookingError::NotActive),
    }
}

/// The last day a citizen may still move or cancel the booking online; None when they no
/// longer can (what the receipt announces).
pub fn last_day_online(
    status: BookingStatus,
    starts_at: i64,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let day = local(starts_at).date();
    (status.is_active() && calendar::can_change_online(today, day))
        .then(|| calendar::last_day_to_change(day))
}

/// Whether a booking starting at `starts_at` may keep waiting for an earlier slot: a day before
/// it could still be offered (after the least notice, not after the prescription's deadline),
/// and the booking could still be moved online to take it.
pub fn may_wait_for_earlier(
    starts_at: i64,
    deadline: NaiveDate,
    today: NaiveDate,
    now: i64,
) -> bool {
    let day = local(starts_at).date();
    let first_offer_day = local(now + MIN_LEAD_SECONDS).date();
    first_offer_day < day && first_offer_day <= deadline && calendar::can_change_online(today, day)
}

/// The first instant a linked booking may start at and still be moved online today: before it,
/// its entry is offered nothing (and the sweep closes it).
pub fn movable_from(now: i64) -> i64 {
    start_of_day(calendar::first_day_changeable_online(local(now).date()))
}

/// Why a booking was cancelled, as kept for the staff who read the audit: one line of at most
/// `MAX_CHARS` characters, without control characters. Chosen reasons are stored in Italian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelReason(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonError {
    Required,
    TooLong,
}

impl CancelReason {
    pub const MAX_CHARS: usize = 500;

    /// From a form: the index of a listed reason (`motivo`) and optional details, which are
    /// cut to fit. None when no listed reason was chosen.
    pub fn from_choice(choice: Option<&str>, details: &str) -> Option<CancelReason> {
        let reason = app::i18n::IT
            .reasons
            .get(choice?.trim().parse::<usize>().ok()?)?;
        let details = one_line_cut(details, Self::MAX_CHARS);
        Some(CancelReason(if details.is_empty() {
            (*reason).to_owned()
        } else {
            format!("{reason}: {details}")
        }))
    }

    /// Free text (the API): required, and refused rather than cut when too long.
    pub fn from_text(text: &str) -> Result<CancelReason, ReasonError> {
        let text = one_line(text);
        if text.is_empty() {
            Err(ReasonError::Required)
        } else if text.chars().count() > Self::MAX_CHARS {
            Err(ReasonError::TooLong)
        } else {
            Ok(CancelReason(text))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_reason_is_stored_in_italian_with_its_details_on_one_line() {
        let reason = CancelReason::from_choice(Some("1"), "  ricoverato\r\nieri ").expect("valid");
        assert_eq!(
            reason.as_str(),
            format!("{}: ricoverato ieri", app::i18n::IT.reasons[1])
        );
        assert_eq!(
            CancelReason::from_choice(Some("0"), "").map(|r| r.0),
            Some(app::i18n::IT.reasons[0].to_owned())
        );
        assert_eq!(CancelReason::from_choice(None, "x"), None);
        assert_eq!(CancelReason::from_choice(Some("99"), ""), None);
        assert_eq!(CancelReason::from_choice(Some("uno"), ""), None);
        let long = "x".repeat(900);
        let cut = CancelReason::from_choice(Some("0"), &long).expect("valid");
        assert!(cut.as_str().ends_with(&"x".repeat(CancelReason::MAX_CHARS)));
    }

    #[test]
    fn free_text_is_required_and_never_cut() {
        assert_eq!(CancelReason::from_text(" \n "), Err(ReasonError::Required));
        assert_eq!(
            CancelReason::from_text(&"y".repeat(501)),
            Err(ReasonError::TooLong)
        );
        assert_eq!(
            CancelReason::from_text(" Non posso\tvenire ").map(|r| r.0),
            Ok("Non posso venire".to_owned())
        );
    }
}
