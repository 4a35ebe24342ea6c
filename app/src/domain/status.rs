//! Where a booking, a waiting-list request and a slot stand: the closed sets of states the
//! database stores as text, parsed once when a row is read.

use std::fmt;

use serde::{Serialize, Serializer};

/// A status string that is none of the known states. The database's check constraints keep
/// these out; reading one anyway fails instead of guessing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?}")]
pub struct UnknownStatus(pub String);

/// Writes one status enum with its database strings, and everything that only depends on them:
/// `ALL`, `as_str`, `parse`, `TryFrom<String>` (for `#[sqlx(try_from = "String")]`), `Display`
/// and `Serialize` (both as the database string).
macro_rules! status_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The string the database stores.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            pub fn parse(input: &str) -> Option<$name> {
                match input {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = UnknownStatus;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value).ok_or(UnknownStatus(value))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

status_enum! {
    /// Where a booking stands.
    pub enum BookingStatus {
        /// The slot is the person's.
        Confirmed => "confirmed",
        Cancelled => "cancelled",
        /// The person came.
        Attended => "attended",
        /// The person did not come.
        NoShow => "no_show",
    }
}

impl BookingStatus {
    /// Whether the booking still stands: only a confirmed booking can be moved,
    /// cancelled or added to a calendar.
    pub fn is_active(self) -> bool {
        self == BookingStatus::Confirmed
    }
}

status_enum! {
    /// Where a request on the waiting list stands.
    pub enum WaitingStatus {
        Waiting => "waiting",
        /// A slot is held for the person until they confirm it or the hold lapses.
        Offered => "offered",
        Booked => "booked",
        /// The deadline passed while the request was still waiting.
        Expired => "expired",
        Withdrawn => "withdrawn",
    }
}

impl WaitingStatus {
    /// Whether the request is still being served (waiting for a slot, or one is on offer).
    pub fn is_open(self) -> bool {
        matches!(self, WaitingStatus::Waiting | WaitingStatus::Offered)
    }
}

status_enum! {
    /// Whether a slot can be booked.
    pub enum SlotStatus {
        Open => "open",
        /// Taken out of the agenda by the back office.
        Suspended => "suspended",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_booking_status_round_trips_through_its_database_string() {
        for status in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                BookingStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
            assert_eq!(status.to_string(), status.as_str());
        }
        assert_eq!(BookingStatus::NoShow.as_str(), "no_show");
    }

    #[test]
    fn every_waiting_status_round_trips_through_its_database_string() {
        for status in WaitingStatus::ALL {
            assert_eq!(WaitingStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                WaitingStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
            assert_eq!(status.to_string(), status.as_str());
        }
    }

    #[test]
    fn every_slot_status_round_trips_through_its_database_string() {
        for status in SlotStatus::ALL {
            assert_eq!(SlotStatus::parse(status.as_str()), Some(status));
            assert_eq!(SlotStatus::try_from(status.as_str().to_owned()), Ok(status));
            assert_eq!(status.to_string(), status.as_str());
        }
    }

    #[test]
    fn unknown_strings_are_refused_and_named_in_the_error() {
        for input in ["", "Confirmed", "no-show", " open", "pending"] {
            assert_eq!(BookingStatus::parse(input), None);
            assert_eq!(WaitingStatus::parse(input), None);
            assert_eq!(SlotStatus::parse(input), None);
        }
        let error = BookingStatus::try_from("pending".to_owned()).expect_err("unknown");
        assert_eq!(error, UnknownStatus("pending".to_owned()));
        assert_eq!(error.to_string(), "unknown status \"pending\"");
        assert_eq!(WaitingStatus::try_from("open".to_owned()).ok(), None);
        assert_eq!(SlotStatus::try_from("waiting".to_owned()).ok(), None);
    }

    #[test]
    fn the_error_can_travel_in_a_boxed_error() {
        // sqlx's `try_from` needs an error it can box as `dyn Error + Send + Sync`.
        fn boxed<E: std::error::Error + Send + Sync + 'static>(
            e: E,
        ) -> Box<dyn std::error::Error + Send + Sync> {
            Box::new(e)
        }
        let error = boxed(UnknownStatus("x".to_owned()));
        assert_eq!(error.to_string(), "unknown status \"x\"");
    }

    #[test]
    fn statuses_serialize_as_their_database_strings() {
        for status in BookingStatus::ALL {
            assert_eq!(
                serde_json::to_value(status).expect("serializes"),
                status.as_str()
            );
        }
        for status in WaitingStatus::ALL {
            assert_eq!(
                serde_json::to_value(status).expect("serializes"),
                status.as_str()
            );
        }
        for status in SlotStatus::ALL {
            assert_eq!(
                serde_json::to_value(status).expect("serializes"),
                status.as_str()
            );
        }
    }

    #[test]
    fn only_a_confirmed_booking_is_active() {
        let active: Vec<_> = BookingStatus::ALL
            .into_iter()
            .filter(|s| s.is_active())
            .collect();
        assert_eq!(active, [BookingStatus::Confirmed]);
    }

    #[test]
    fn a_waiting_request_is_open_while_waiting_or_offered() {
        let open: Vec<_> = WaitingStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [WaitingStatus::Waiting, WaitingStatus::Offered]);
    }
}
