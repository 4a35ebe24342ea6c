//! What makes a slot free, and who may take it: the one definition, in SQL and in Rust, that
//! availability, booking, the waiting list, the back office and transparency all use.
//!
//! * **Free**: the slot is open (not suspended), has no active booking and no live hold.
//! * **Bookable now**: it starts at least `MIN_LEAD_SECONDS` from now.
//! * **Reservations**: a slot may be kept for one channel (kiosk or operator quotas) and for a
//!   priority class. `Channel::may_book` and `PriorityClass::may_use` (in `app::domain`) are the
//!   rule; the SQL below binds the values those functions allow, so the two cannot drift.
//!
//! The SQL fragments are about a slot aliased `s` and take the positions of their parameters,
//! because each query places them among its own.

use app::domain::{Channel, PriorityClass};

/// How far ahead of its start a slot can still be booked online.
pub const MIN_LEAD_SECONDS: i64 = 2 * 3600;

/// Who asks for a slot: through which channel, with a prescription of which class (None: no
/// prescription, as on the public pages: slots kept for a class are not shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Asker {
    pub channel: Channel,
    pub priority: Option<PriorityClass>,
}

impl Asker {
    /// Whether a slot kept for `channel` and `priority` (None: for everyone) is open to them.
    pub fn may_use(self, channel: Option<Channel>, priority: Option<PriorityClass>) -> bool {
        self.channel.may_book(channel)
            && match self.priority {
                Some(class) => class.may_use(priority),
                None => priority.is_none(),
            }
    }

    /// The reserved-priority values this asker may use, padded to four for `usable`.
    pub fn reservations(self) -> [&'static str; 4] {
        padded(
            PriorityClass::ALL
                .into_iter()
                .filter(|reserved| self.may_use(None, Some(*reserved))),
        )
    }
}

/// The classes that may take a slot kept for `reserved` (all four when it is kept for none),
/// padded to four: for the waiting list, which looks for a person for a given slot.
pub fn classes_for(reserved: Option<PriorityClass>) -> [&'static str; 4] {
    padded(
        PriorityClass::ALL
            .into_iter()
            .filter(|class| class.may_use(reserved)),
    )
}

fn padded(classes: impl Iterator<Item = PriorityClass>) -> [&'static str; 4] {
    // "-" is never a class, so a padded position matches nothing.
    let mut out = ["-"; 4];
    for (i, class) in classes.enumerate() {
        out[i] = class.as_str();
    }
    out
}

/// SQL: slot `s` has no active booking.
pub const UNBOOKED: &str =
    "not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled')";

/// SQL: slot `s` is open (not suspended) and has no active booking (free, if nobody holds it).
pub const OPEN_AND_UNBOOKED: &str = concat!(
    "s.status = 'open' and ",
    "not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled')"
);

/// SQL: nobody holds slot `s` at the instant bound at `$now`.
pub fn unheld(now: usize) -> String {
    format!("not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > ${now})")
}

/// SQL: nobody but prescription `$prescription` holds slot `s` at the instant bound at `$now`.
pub fn unheld_by_others(now: usize, prescription: usize) -> String {
    format!(
        "not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > ${now} \
         and h.prescription_id <> ${prescription})"
    )
}

/// SQL: slot `s` is free at the instant bound at `$now`: open, unbooked, held by nobody.
pub fn free(now: usize) -> String {
    format!("{OPEN_AND_UNBOOKED} and {}", unheld(now))
}

/// SQL: slot `s` is open to the channel bound at `$channel` (see `Channel::may_book`).
pub fn channel_may_use(channel: usize) -> String {
    format!(
        "(s.reserved_channel is null or s.reserved_channel = ${channel} or ${channel} = '{}')",
        Channel::Operator.as_str()
    )
}

/// SQL: slot `s` is open to the asker whose channel is bound at `$channel` and whose
/// `Asker::reservations` are bound at `$first` … `$first + 3`.
pub fn usable(channel: usize, first: usize) -> String {
    format!(
        "{} and (s.reserved_priority is null or s.reserved_priority in (${first}, ${}, ${}, ${}))",
        channel_may_use(channel),
        first + 1,
        first + 2,
        first + 3
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asker(channel: Channel, priority: Option<PriorityClass>) -> Asker {
        Asker { channel, priority }
    }

    #[test]
    fn each_class_may_use_the_reservations_of_its_class_and_later_ones() {
        let web = |p| asker(Channel::Web, p);
        assert_eq!(
            web(Some(PriorityClass::U)).reservations(),
            ["U", "B", "D", "P"]
        );
        assert_eq!(
            web(Some(PriorityClass::B)).reservations(),
            ["B", "D", "P", "-"]
        );
        assert_eq!(
            web(Some(PriorityClass::P)).reservations(),
            ["P", "-", "-", "-"]
        );
        assert_eq!(web(None).reservations(), ["-", "-", "-", "-"]);
    }

    #[test]
    fn a_slot_kept_for_a_class_goes_to_that_class_or_a_more_urgent_one() {
        assert_eq!(classes_for(None), ["U", "B", "D", "P"]);
        assert_eq!(classes_for(Some(PriorityClass::B)), ["U", "B", "-", "-"]);
        assert_eq!(classes_for(Some(PriorityClass::U)), ["U", "-", "-", "-"]);
    }

    #[test]
    fn channel_quotas_are_the_channels_own_and_operators_may_use_all() {
        let kiosk = Some(Channel::Kiosk);
        assert!(asker(Channel::Kiosk, None).may_use(kiosk, None));
        assert!(!asker(Channel::Web, None).may_use(kiosk, None));
        assert!(asker(Channel::Operator, None).may_use(kiosk, None));
        assert!(!asker(Channel::Operator, None).may_use(None, Some(PriorityClass::P)));
        assert!(asker(Channel::Web, Some(PriorityClass::D)).may_use(None, Some(PriorityClass::P)));
    }

    #[test]
    fn open_and_unbooked_is_unbooked_and_open() {
        assert_eq!(
            OPEN_AND_UNBOOKED,
            format!("s.status = 'open' and {UNBOOKED}")
        );
    }

    #[test]
    fn the_sql_binds_where_it_is_told() {
        assert!(free(2).ends_with("h.expires_at > $2)"));
        let usable = usable(3, 4);
        assert!(usable.contains("s.reserved_channel = $3 or $3 = 'operator'"));
        assert!(usable.contains("in ($4, $5, $6, $7)"));
    }
}
