//! Who books, and which slots each of them may take.

use serde::{Deserialize, Serialize};

use super::PriorityClass;

/// The way a booking is made. Slots may be kept for one channel (kiosk or operator quotas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The portal, in a browser.
    Web,
    /// The JSON API (the regional app).
    App,
    /// A pharmacy kiosk.
    Kiosk,
    /// A call-centre or desk operator.
    Operator,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Web,
        Channel::App,
        Channel::Kiosk,
        Channel::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::App => "app",
            Channel::Kiosk => "kiosk",
            Channel::Operator => "operator",
        }
    }

    pub fn parse(input: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == input)
    }

    /// Whether a slot kept for `reserved` (None: open to all) can be booked through this
    /// channel. Operators may also use the slots of every other channel: they book for people
    /// who cannot.
    pub fn may_book(self, reserved: Option<Channel>) -> bool {
        match reserved {
            None => true,
            Some(r) => r == self || self == Channel::Operator,
        }
    }
}

impl PriorityClass {
    /// Whether a prescription of this class can take a slot kept for `reserved` (None: any):
    /// slots kept for short deadlines go to that class or a more urgent one.
    pub fn may_use(self, reserved: Option<PriorityClass>) -> bool {
        reserved.is_none_or(|r| self <= r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_and_operator_quotas_are_kept_for_them() {
        assert!(Channel::Web.may_book(None));
        assert!(!Channel::Web.may_book(Some(Channel::Kiosk)));
        assert!(Channel::Kiosk.may_book(Some(Channel::Kiosk)));
        assert!(!Channel::Kiosk.may_book(Some(Channel::Operator)));
        assert!(Channel::Operator.may_book(Some(Channel::Kiosk)));
    }

    #[test]
    fn slots_kept_for_short_deadlines_go_to_urgent_prescriptions() {
        use PriorityClass::*;
        assert!(B.may_use(Some(B)));
        assert!(U.may_use(Some(B)));
        assert!(!D.may_use(Some(B)));
        assert!(!B.may_use(Some(U)));
        assert!(P.may_use(None));
    }

    #[test]
    fn channel_names_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
    }
}
