//! One-tap links in messages: signed, expiring tokens bound to one booking (or waiting-list
//! entry) and one action, with no personal data in them. A token is
//! `{action}{id}.{expires}.{mac}`: the action letter, the row id, the expiry (Unix seconds) and
//! 96 bits of HMAC-SHA256 under a secret shared by every instance (`secrets`), base64url.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a link does once its page is confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Confirm that the citizen will come (recall reminders). `id` is the booking's.
    Confirm,
    /// Cancel the booking (recall reminders, confirmations). `id` is the booking's.
    Cancel,
    /// Accept the slot offered to a waiting-list entry. `id` is the waiting entry's.
    Accept,
}

impl Action {
    fn letter(self) -> char {
        match self {
            Action::Confirm => 'c',
            Action::Cancel => 'x',
            Action::Accept => 'a',
        }
    }

    fn from_letter(letter: char) -> Option<Action> {
        match letter {
            'c' => Some(Action::Confirm),
            'x' => Some(Action::Cancel),
            'a' => Some(Action::Accept),
            _ => None,
        }
    }
}

/// A token that verified: what it allows, on which row, until when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    pub action: Action,
    pub id: i64,
    pub expires_at: i64,
}

/// Why a token is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a token, or not one Cupola signed (tampered with).
    Invalid,
    /// A real token whose time is over.
    Expired,
}

/// Makes and checks one-tap links.
#[derive(Clone)]
pub struct Links {
    key: std::sync::Arc<[u8]>,
    /// Where citizens reach Cupola, without a trailing slash (`CUPOLA_PUBLIC_URL`).
    base_url: std::sync::Arc<str>,
}

const MAC_BYTES: usize = 12;

impl Links {
    pub fn new(key: &[u8], base_url: &str) -> Links {
        Links {
            key: key.into(),
            base_url: base_url.trim_end_matches('/').into(),
        }
    }

    /// The same keys, with links starting at `base_url`.
    pub fn at(&self, base_url: &str) -> Links {
        Links::new(&self.key, base_url)
    }

    /// The public base URL, e.g. `https://cupola.example.it`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// An absolute URL on the public site for a path such as `/prenotazioni/ABC`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn mac(&self, signed: &str) -> [u8; MAC_BYTES] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(signed.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; MAC_BYTES];
        out.copy_from_slice(&full[..MAC_BYTES]);
        out
    }

    /// The token for `action` on row `id`, valid until `expires_at` (Unix seconds).
    pub fn token(&self, action: Action, id: i64, expires_at: i64) -> String {
        let signed = format!("{}{id}.{expires_at}", action.letter());
        let mac = URL_SAFE_NO_PAD.encode(self.mac(&signed));
        format!("{signed}.{mac}")
    }

    /// The absolute one-tap URL for `action` on row `id`.
    pub fn url(&self, action: Action, id: i64, expires_at: i64) -> String {
        self.absolute(&app::routes::one_tap(&self.token(action, id, expires_at)))
    }

    /// 96 bits of HMAC-SHA256 of `signed` under the shared key, as 24 hex digits: for
    /// identifiers that must be unguessable and tamper-proof yet use only `[0-9a-f]` (FHIR ids).
    /// `signed` should start with what it is for, so that no two uses can be confused.
    pub fn seal_hex(&self, signed: &str) -> String {
        self.mac(signed)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether `mac_hex` is `seal_hex(signed)` (compared in constant time).
    pub fn opens_hex(&self, signed: &str, mac_hex: &str) -> bool {
        let expected = self.seal_hex(signed);
        expected.len() == mac_hex.len()
            && bool::from(subtle::ConstantTimeEq::ct_eq(
                expected.as_bytes(),
                mac_hex.as_bytes(),
            ))
    }

    /// Checks a token at time `now`: a forged or altered token is `Invalid`, a real one past its
    /// time `Expired`.
    pub fn verify(&self, token: &str, now: i64) -> Result<Grant, Refused> {
        if token.len() > 80 {
            return Err(Refused::Invalid);
        }
        let (signed, mac) = token.rsplit_once('.').ok_or(Refused::Invalid)?;
        let given = URL_SAFE_NO_PAD.decode(mac).map_err(|_| Refused::Invalid)?;
        if given.len() != MAC_BYTES
            || !bool::from(subtle::ConstantTimeEq::ct_eq(
                &self.mac(signed)[..],
                &given[..],
            ))
        {
            return Err(Refused::Invalid);
        }
        let mut chars = signed.chars();
        let action = chars
            .next()
            .and_then(Action::from_letter)
            .ok_or(Refused::Invalid)?;
        let (id, expires_at) = chars.as_str().split_once('.').ok_or(Refused::Invalid)?;
        let id: i64 = id.parse().map_err(|_| Refused::Invalid)?;
        let expires_at: i64 = expires_at.parse().map_err(|_| Refused::Invalid)?;
        if now >= expires_at {
            return Err(Refused::Expired);
        }
        Ok(Grant {
            action,
            id,
            expires_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new(&[7u8; 64], "https://cupola.example/")
    }

    #[test]
    fn a_token_opens_for_its_action_and_row_until_it_expires() {
        let links = links();
        let token = links.token(Action::Cancel, 42, 1_000);
        assert_eq!(
            links.verify(&token, 999),
            Ok(Grant {
                action: Action::Cancel,
                id: 42,
                expires_at: 1_000
            })
        );
        assert_eq!(links.verify(&token, 1_000), Err(Refused::Expired));
        assert!(
            links
                .url(Action::Confirm, 1, 2)
                .starts_with("https://cupola.example/r/c1.2.")
        );
    }

    #[test]
    fn an_altered_or_foreign_token_is_refused() {
        let links = links();
        let token = links.token(Action::Confirm, 42, 1_000);
        let other_action = token.replacen('c', "x", 1);
        let other_row = token.replacen("42", "43", 1);
        let later = token.replacen("1000", "9000", 1);
        for forged in [other_action, other_row, later] {
            assert_eq!(links.verify(&forged, 0), Err(Refused::Invalid), "{forged}");
        }
        let foreign = Links::new(&[8u8; 64], "https://x").token(Action::Confirm, 42, 1_000);
        assert_eq!(links.verify(&foreign, 0), Err(Refused::Invalid));
        for junk in [
            "",
            ".",
            "c1.2",
            "c1.2.!!",
            "z1.2.AAAAAAAAAAAAAAAA",
            &"a".repeat(200),
        ] {
            assert_eq!(links.verify(junk, 0), Err(Refused::Invalid), "{junk}");
        }
    }
}
