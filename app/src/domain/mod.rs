//! Value types of the booking domain: parsed once at the edge, trusted everywhere else.

pub mod birthplace;
pub mod booking_code;
pub mod calendar;
pub mod channel;
pub mod contact;
pub mod fiscal_code;
pub mod nre;
pub mod priority;
pub mod role;
pub mod status;
pub mod suspension;

#[cfg(test)]
mod properties;

pub use booking_code::{BookingCode, BookingCodeError};
pub use channel::Channel;
pub use contact::{Email, EmailError, Phone, PhoneError};
pub use fiscal_code::{FiscalCode, FiscalCodeError, FiscalCodeKind};
pub use nre::{Nre, NreError};
pub use priority::{PriorityClass, PriorityClassError, ServiceKind, ServiceKindError};
pub use role::Role;
pub use status::{BookingStatus, SlotStatus, UnknownStatus, WaitingStatus};
pub use suspension::{MAX_PUBLIC_REASON_CHARS, SuspensionReason};

use std::fmt;

/// Writes `Name("ABC…")` so that logs can tell values apart without exposing them.
fn debug_redacted(f: &mut fmt::Formatter<'_>, name: &str, value: &str, keep: usize) -> fmt::Result {
    let visible: String = value.chars().take(keep).collect();
    write!(f, "{name}(\"{visible}…\")")
}

/// Drops whitespace (and dashes, if asked) and uppercases ASCII, so that
/// codes copied from paper or a PDF are accepted as typed.
fn normalize(input: &str, drop_dashes: bool) -> String {
    input
        .chars()
        .filter(|c| !(c.is_whitespace() || (drop_dashes && *c == '-')))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
