//! The code a patient receives when booking and quotes to view, move or
//! cancel the appointment: a bearer secret, read aloud and typed by people.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;
use std::str::FromStr;

/// No 0/O, 1/I/L, S, B or Z: characters people confuse when reading or dictating.
const ALPHABET: &[u8; 28] = b"23456789ACDEFGHJKMNPQRTUVWXY";

const LEN: usize = 10;

/// Characters per group in [`BookingCode::display_grouped`].
const GROUP: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BookingCodeError {
    #[error("the booking code is empty")]
    Empty,
    #[error("a booking code has 10 characters, not {len}")]
    WrongLength { len: usize },
    /// `position` is 1-based and counts code characters only (spaces and dashes skipped).
    #[error("character {position} of the booking code is not one that codes use")]
    InvalidCharacter { position: usize },
}

/// A booking code: 10 characters from a 28-letter alphabet, stored canonical
/// (uppercase, ungrouped).
///
/// No `Display`: whoever knows the code can manage the booking, so it must
/// never reach a log by accident; use `as_str()` or `display_grouped()`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BookingCode(String);

impl BookingCode {
    /// Guessing strength: `LEN * log2(28)`; at least 40 bits keeps online
    /// guessing hopeless under rate limiting.
    pub const ENTROPY_BITS: f64 = 48.073_549_220_576_04;

    /// Draws each character uniformly and independently.
    pub fn generate(rng: &mut impl rand::Rng) -> Self {
        let code = (0..LEN)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Self(code)
    }

    /// Accepts what people type: any case, with spaces or dashes anywhere.
    pub fn parse(input: &str) -> Result<Self, BookingCodeError> {
        let code = super::normalize(input, true);
        if code.is_empty() {
            return Err(BookingCodeError::Empty);
        }
        let len = code.chars().count();
        if len != LEN {
            return Err(BookingCodeError::WrongLength { len });
        }
        if let Some(index) = code
            .chars()
            .position(|c| !u8::try_from(c).is_ok_and(|b| ALPHABET.contains(&b)))
        {
            return Err(BookingCodeError::InvalidCharacter {
                position: index + 1,
            });
        }
        Ok(Self(code))
    }

    /// The 10 canonical characters, for storage and comparison.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "XXXXX-XXXXX": two short groups are easier to read out and copy by hand.
    pub fn display_grouped(&self) -> String {
        let (head, tail) = self.0.split_at(GROUP);
        format!("{head}-{tail}")
    }
}

impl FromStr for BookingCode {
    type Err = BookingCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// For rows read from the database (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for BookingCode {
    type Error = BookingCodeError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl fmt::Debug for BookingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not even a prefix: each shown character would cut the guessing space by 28.
        super::debug_redacted(f, "BookingCode", &self.0, 0)
    }
}

impl Serialize for BookingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for BookingCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        // The message must not echo the input: it may end up in a log.
        Self::parse(&raw).map_err(|_| de::Error::custom("invalid booking code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use serde::de::{IntoDeserializer, value::Error as ValueError};
    use std::collections::HashSet;

    fn parsed(input: &str) -> BookingCode {
        BookingCode::parse(input).expect("valid test code")
    }

    #[test]
    fn has_at_least_forty_bits_of_entropy() {
        let computed = LEN as f64 * (ALPHABET.len() as f64).log2();
        assert!((computed - BookingCode::ENTROPY_BITS).abs() < 1e-9);
        assert!(computed >= 40.0, "{computed} bits");
    }

    #[test]
    fn alphabet_has_no_repeats_and_no_look_alikes() {
        let distinct: HashSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(distinct.len(), ALPHABET.len());
        for look_alike in *b"01OILSBZ" {
            assert!(
                !ALPHABET.contains(&look_alike),
                "{}",
                char::from(look_alike)
            );
        }
    }

    #[test]
    fn generated_codes_parse_back() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..100 {
            let code = BookingCode::generate(&mut rng);
            assert_eq!(code.as_str().len(), LEN);
            assert_eq!(parsed(code.as_str()), code);
            assert_eq!(parsed(&code.display_grouped()), code);
        }
    }

    #[test]
    fn generation_uses_the_whole_alphabet() {
        let mut rng = StdRng::seed_from_u64(42);
        let seen: HashSet<u8> = (0..200)
            .flat_map(|_| BookingCode::generate(&mut rng).0.into_bytes())
            .collect();
        assert_eq!(seen.len(), ALPHABET.len());
    }

    #[test]
    fn generation_does_not_repeat_codes() {
        let mut rng = StdRng::seed_from_u64(1);
        let codes: HashSet<String> = (0..1000)
            .map(|_| BookingCode::generate(&mut rng).0)
            .collect();
        assert_eq!(codes.len(), 1000);
    }

    #[test]
    fn parses_lowercase_with_spaces_and_dashes() {
        assert_eq!(parsed(" ac-d23 4567 9 ").as_str(), "ACD2345679");
    }

    #[test]
    fn groups_the_code_for_reading() {
        assert_eq!(parsed("ACDEF23456").display_grouped(), "ACDEF-23456");
    }

    #[test]
    fn rejects_an_empty_input() {
        assert_eq!(BookingCode::parse(" -- "), Err(BookingCodeError::Empty));
    }

    #[test]
    fn reports_the_actual_length() {
        assert_eq!(
            BookingCode::parse("ACDEF-2345"),
            Err(BookingCodeError::WrongLength { len: 9 })
        );
        assert_eq!(
            BookingCode::parse("ACDEF-234567"),
            Err(BookingCodeError::WrongLength { len: 11 })
        );
    }

    #[test]
    fn rejects_look_alike_characters_with_their_position() {
        assert_eq!(
            BookingCode::parse("ACDEF-2345O"),
            Err(BookingCodeError::InvalidCharacter { position: 10 })
        );
        assert_eq!(
            BookingCode::parse("1CDEF23456"),
            Err(BookingCodeError::InvalidCharacter { position: 1 })
        );
    }

    #[test]
    fn rejects_non_ascii_characters() {
        assert_eq!(
            BookingCode::parse("ACDÉF23456"),
            Err(BookingCodeError::InvalidCharacter { position: 4 })
        );
    }

    #[test]
    fn debug_output_does_not_reveal_the_code() {
        assert_eq!(format!("{:?}", parsed("ACDEF23456")), "BookingCode(\"…\")");
    }

    #[test]
    fn serializes_as_the_canonical_string() {
        assert_eq!(
            serde_json::to_value(parsed("acdef-23456")).expect("serializes"),
            "ACDEF23456"
        );
    }

    #[test]
    fn deserializes_through_parse() {
        let ok = BookingCode::deserialize("acdef-23456".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(ok, Ok(parsed("ACDEF23456")));
        let err = BookingCode::deserialize("ACDEF-2345O".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(err, Err("invalid booking code".into()));
    }
}
