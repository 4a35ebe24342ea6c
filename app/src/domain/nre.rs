//! The NRE (Numero di Ricetta Elettronica), the number printed on an
//! electronic prescription, which a booking must quote.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;
use std::str::FromStr;

const LEN: usize = 15;

/// Region codes that can begin an NRE; anything else is a typo, not a new region.
const REGION_CODES: [&str; 21] = [
    "010", "020", "030", "041", "042", "050", "060", "070", "080", "090", "100", "110", "120",
    "130", "140", "150", "160", "170", "180", "190", "200",
];

const TUSCANY: &str = "090";

/// The largest serial that fits the 11 digits after region and batch.
const MAX_SERIAL: u64 = 99_999_999_999;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NreError {
    #[error("the prescription number is empty")]
    Empty,
    #[error("a prescription number has 15 characters, not {len}")]
    WrongLength { len: usize },
    #[error("character {position} of the prescription number is not allowed there")]
    InvalidCharacter { position: usize },
    #[error("the prescription number does not begin with an Italian region code")]
    UnknownRegion,
}

/// A validated NRE, stored uppercase without spaces or dashes.
///
/// No `Display`, for the same reason as [`super::FiscalCode`]: a prescription
/// number points at health data, so showing it must be an explicit `as_str()`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nre(String);

impl Nre {
    /// Accepts what people type: spaces, dashes and lowercase are tolerated.
    pub fn parse(input: &str) -> Result<Self, NreError> {
        let code = super::normalize(input, true);
        if code.is_empty() {
            return Err(NreError::Empty);
        }
        let len = code.chars().count();
        if len != LEN {
            return Err(NreError::WrongLength { len });
        }
        for (index, c) in code.chars().enumerate() {
            let ok = match index {
                3 => c.is_ascii_alphanumeric(),
                _ => c.is_ascii_digit(),
            };
            if !ok {
                return Err(NreError::InvalidCharacter {
                    position: index + 1,
                });
            }
        }
        if !REGION_CODES.contains(&&code[..3]) {
            return Err(NreError::UnknownRegion);
        }
        Ok(Self(code))
    }

    /// A Tuscan NRE for demo data and tests; `None` if `batch` is not an
    /// ASCII letter or digit or `serial` does not fit in 11 digits.
    pub fn tuscan(batch: char, serial: u64) -> Option<Self> {
        if !batch.is_ascii_alphanumeric() || serial > MAX_SERIAL {
            return None;
        }
        let batch = batch.to_ascii_uppercase();
        Some(Self(format!("{TUSCANY}{batch}{serial:011}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 3-digit region that issued the prescription, e.g. "090".
    pub fn region_code(&self) -> &str {
        &self.0[..3]
    }

    /// Cupola serves Tuscany, so other regions' prescriptions need a warning.
    pub fn is_tuscan(&self) -> bool {
        self.region_code() == TUSCANY
    }
}

impl FromStr for Nre {
    type Err = NreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for Nre {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_redacted(f, "Nre", &self.0, 3)
    }
}

impl Serialize for Nre {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Nre {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        // The message must not echo the input: it may end up in a log.
        Self::parse(&raw).map_err(|_| de::Error::custom("invalid prescription number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{IntoDeserializer, value::Error as ValueError};

    fn parsed(input: &str) -> Nre {
        Nre::parse(input).expect("valid test NRE")
    }

    #[test]
    fn accepts_a_tuscan_number() {
        let nre = parsed("090A12345678901");
        assert_eq!(nre.as_str(), "090A12345678901");
        assert_eq!(nre.region_code(), "090");
        assert!(nre.is_tuscan());
    }

    #[test]
    fn accepts_a_digit_as_batch() {
        assert_eq!(parsed("0304 12345678901").as_str(), "030412345678901");
    }

    #[test]
    fn accepts_every_listed_region() {
        for region in REGION_CODES {
            let nre = parsed(&format!("{region}X00000000001"));
            assert_eq!(nre.region_code(), region);
            assert_eq!(nre.is_tuscan(), region == "090");
        }
    }

    #[test]
    fn normalizes_spaces_dashes_and_lowercase() {
        assert_eq!(parsed("  090a-1234 5678-901 ").as_str(), "090A12345678901");
    }

    #[test]
    fn rejects_an_empty_input() {
        assert_eq!(Nre::parse(" - "), Err(NreError::Empty));
    }

    #[test]
    fn reports_the_actual_length() {
        assert_eq!(
            Nre::parse("090A1234567890"),
            Err(NreError::WrongLength { len: 14 })
        );
        assert_eq!(
            Nre::parse("090A123456789012"),
            Err(NreError::WrongLength { len: 16 })
        );
    }

    #[test]
    fn rejects_a_letter_in_the_serial() {
        assert_eq!(
            Nre::parse("090A12345O78901"),
            Err(NreError::InvalidCharacter { position: 10 })
        );
    }

    #[test]
    fn rejects_a_letter_in_the_region() {
        assert_eq!(
            Nre::parse("O90A12345678901"),
            Err(NreError::InvalidCharacter { position: 1 })
        );
    }

    #[test]
    fn rejects_punctuation_as_batch() {
        assert_eq!(
            Nre::parse("090/12345678901"),
            Err(NreError::InvalidCharacter { position: 4 })
        );
    }

    #[test]
    fn rejects_non_ascii_characters_by_position() {
        assert_eq!(
            Nre::parse("090À12345678901"),
            Err(NreError::InvalidCharacter { position: 4 })
        );
    }

    #[test]
    fn rejects_an_unknown_region() {
        for region in ["000", "040", "043", "091", "210", "999"] {
            assert_eq!(
                Nre::parse(&format!("{region}A12345678901")),
                Err(NreError::UnknownRegion),
                "{region}"
            );
        }
    }

    #[test]
    fn builds_tuscan_numbers_for_demo_data() {
        let nre = Nre::tuscan('b', 42).expect("valid batch and serial");
        assert_eq!(nre.as_str(), "090B00000000042");
        assert_eq!(parsed(nre.as_str()), nre);
        let largest = Nre::tuscan('7', 99_999_999_999).expect("fits 11 digits");
        assert_eq!(largest.as_str(), "090799999999999");
    }

    #[test]
    fn refuses_demo_numbers_that_would_not_parse() {
        assert_eq!(Nre::tuscan('-', 1), None);
        assert_eq!(Nre::tuscan('è', 1), None);
        assert_eq!(Nre::tuscan('A', 100_000_000_000), None);
    }

    #[test]
    fn debug_output_does_not_reveal_the_number() {
        assert_eq!(format!("{:?}", parsed("090A12345678901")), "Nre(\"090…\")");
    }

    #[test]
    fn serializes_as_a_plain_string() {
        assert_eq!(
            serde_json::to_value(parsed("090A12345678901")).expect("serializes"),
            "090A12345678901"
        );
    }

    #[test]
    fn deserializes_through_parse() {
        let ok = Nre::deserialize("090-a12345678901".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(ok, Ok(parsed("090A12345678901")));
        let err = Nre::deserialize("999A12345678901".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(err, Err("invalid prescription number".into()));
    }
}
