//! The Italian codice fiscale, the key that identifies a patient.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;
use std::str::FromStr;

const LEN: usize = 16;

/// Month letters, January to December; the gaps avoid look-alike letters.
const MONTH_LETTERS: [u8; 12] = *b"ABCDEHLMPRST";

/// Letters that stand for the digits 0..=9 when two people would otherwise
/// share a code (omocodia).
const OMOCODE_LETTERS: [u8; 10] = *b"LMNPQRSTUV";

/// 0-based positions that hold digits (or their omocode letters),
/// from the right: the order in which the Agenzia delle Entrate substitutes them.
const DIGIT_POSITIONS_FROM_RIGHT: [usize; 7] = [14, 13, 12, 10, 9, 7, 6];

/// Check-character weights of characters in odd (1st, 3rd, …) positions,
/// indexed by letter (A..Z); digits use the weight of the letter with the same index.
const ODD_WEIGHTS: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FiscalCodeError {
    #[error("the fiscal code is empty")]
    Empty,
    #[error("a fiscal code has 16 characters, not {len}")]
    WrongLength { len: usize },
    #[error("character {position} of the fiscal code is not allowed there")]
    InvalidCharacter { position: usize },
    #[error("the month letter of the fiscal code does not exist")]
    InvalidMonth,
    #[error("the birth day of the fiscal code is out of range")]
    InvalidDay,
    #[error("the check character of the fiscal code should be {expected}")]
    WrongCheckCharacter { expected: char },
    /// Only from [`FiscalCode::encode`]: a surname or given name without any letter.
    #[error("a name has no letters")]
    NameWithoutLetters,
    /// Only from [`FiscalCode::encode`]: not a Belfiore code (a letter and 3 digits).
    #[error("the municipality code is not a letter followed by 3 digits")]
    InvalidMunicipality,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FiscalCodeKind {
    /// Italian residents and registered foreigners.
    Personal,
    /// Straniero Temporaneamente Presente: foreigners without a residence permit.
    Stp,
    /// Europeo Non Iscritto: EU citizens not registered with the health service.
    Eni,
}

/// A validated codice fiscale (or STP/ENI code), stored uppercase without spaces.
///
/// There is deliberately no `Display`: the code is health-related personal data,
/// so showing it must be an explicit `as_str()`, never a stray `{}` in a log.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FiscalCode(String);

impl FiscalCode {
    /// Accepts what people type: surrounding and inner spaces, lowercase.
    pub fn parse(input: &str) -> Result<Self, FiscalCodeError> {
        let code = super::normalize(input, false);
        let bytes = code.as_bytes();
        if bytes.is_empty() {
            return Err(FiscalCodeError::Empty);
        }
        let len = code.chars().count();
        if len != LEN {
            return Err(FiscalCodeError::WrongLength { len });
        }
        // From here on the string is 16 chars; non-ASCII ones would make it
        // longer than 16 bytes, so the first one found is reported by position.
        if let Some(index) = code.chars().position(|c| !c.is_ascii_alphanumeric()) {
            return Err(FiscalCodeError::InvalidCharacter {
                position: index + 1,
            });
        }
        if foreign_kind(bytes).is_some() {
            return match bytes[3..].iter().position(|b| !b.is_ascii_digit()) {
                Some(index) => Err(FiscalCodeError::InvalidCharacter {
                    position: index + 4,
                }),
                None => Ok(Self(code)),
            };
        }
        validate_personal(bytes)?;
        Ok(Self(code))
    }

    /// Builds the personal code from registry data, e.g. for demo patients
    /// or to cross-check what a patient typed.
    pub fn encode(
        surname: &str,
        given_name: &str,
        birth: NaiveDate,
        female: bool,
        municipality: &str,
    ) -> Result<Self, FiscalCodeError> {
        let municipality = super::normalize(municipality, false);
        let m = municipality.as_bytes();
        if m.len() != 4 || !m[0].is_ascii_uppercase() || !m[1..].iter().all(u8::is_ascii_digit) {
            return Err(FiscalCodeError::InvalidMunicipality);
        }
        let mut code = String::with_capacity(LEN);
        code.push_str(&name_part(surname, false)?);
        code.push_str(&name_part(given_name, true)?);
        let year = birth.year().rem_euclid(100);
        let month = MONTH_LETTERS
            .get(birth.month0() as usize)
            .copied()
            .map(char::from)
            .ok_or(FiscalCodeError::InvalidMonth)?;
        let day = birth.day() + if female { 40 } else { 0 };
        code.push_str(&format!("{year:02}{month}{day:02}{municipality}"));
        code.push(check_character(code.as_bytes()));
        Ok(Self(code))
    }

    pub fn kind(&self) -> FiscalCodeKind {
        foreign_kind(self.0.as_bytes()).unwrap_or(FiscalCodeKind::Personal)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The cadastral (Belfiore) code of the birthplace ("D612" for Firenze), omocode letters
    /// read back as digits; None for STP/ENI codes.
    pub fn birthplace(&self) -> Option<String> {
        if self.kind() != FiscalCodeKind::Personal {
            return None;
        }
        let bytes = self.0.as_bytes();
        let mut code = String::from(char::from(bytes[11]));
        for &b in &bytes[12..15] {
            let digit = match OMOCODE_LETTERS.iter().position(|&l| l == b) {
                Some(d) => char::from(b'0' + u8::try_from(d).ok()?),
                None => char::from(b),
            };
            code.push(digit);
        }
        Some(code)
    }

    /// The date of birth the code encodes, as of `today`: the two-digit year is read in the
    /// latest century that does not put the birth after `today` (a person over 100 reads as a
    /// child: where the registry knows the date of birth, it comes first). None for STP/ENI codes.
    pub fn birth_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.kind() != FiscalCodeKind::Personal {
            return None;
        }
        let bytes = self.0.as_bytes();
        let digit = |i: usize| -> Option<u32> {
            let b = bytes[i];
            if b.is_ascii_digit() {
                Some(u32::from(b - b'0'))
            } else {
                OMOCODE_LETTERS
                    .iter()
                    .position(|&l| l == b)
                    .and_then(|d| u32::try_from(d).ok())
            }
        };
        let yy = i32::try_from(digit(6)? * 10 + digit(7)?).ok()?;
        let month = u32::try_from(MONTH_LETTERS.iter().position(|&l| l == bytes[8])?).ok()? + 1;
        let day = (digit(9)? * 10 + digit(10)?) % 40;
        let century = today.year() - today.year().rem_euclid(100);
        let recent = NaiveDate::from_ymd_opt(century + yy, month, day)?;
        if recent <= today {
            Some(recent)
        } else {
            NaiveDate::from_ymd_opt(century - 100 + yy, month, day)
        }
    }

    /// Whole years of age on `today`, from `birth`.
    pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
        today.years_since(birth).unwrap_or(0)
    }

    /// The code as a receipt prints it: the first three and the last character, the rest
    /// hidden (`RSS•••••••••••Z`), enough to tell relatives' receipts apart.
    pub fn masked(&self) -> String {
        let (head, rest) = self.0.split_at(3);
        let tail = &rest[rest.len() - 1..];
        format!("{head}{}{tail}", "•".repeat(rest.len() - 1))
    }

    /// True when some digit positions carry letters because of omocodia.
    pub fn is_omocode(&self) -> bool {
        let bytes = self.0.as_bytes();
        self.kind() == FiscalCodeKind::Personal
            && DIGIT_POSITIONS_FROM_RIGHT
                .iter()
                .any(|&i| bytes[i].is_ascii_uppercase())
    }

    /// The code a second person with the same data would get: the last `n`
    /// digit positions replaced by letters, check character recomputed.
    /// `None` for STP/ENI codes and for `n > 7`.
    pub fn omocode_variant(&self, n: usize) -> Option<Self> {
        if self.kind() != FiscalCodeKind::Personal || n > DIGIT_POSITIONS_FROM_RIGHT.len() {
            return None;
        }
        let mut bytes = self.0.as_bytes()[..LEN - 1].to_vec();
        for &i in &DIGIT_POSITIONS_FROM_RIGHT[..n] {
            if bytes[i].is_ascii_digit() {
                bytes[i] = OMOCODE_LETTERS[usize::from(bytes[i] - b'0')];
            }
        }
        let check = check_character(&bytes);
        let mut code: String = bytes.into_iter().map(char::from).collect();
        code.push(check);
        Some(Self(code))
    }
}

/// STP/ENI codes are the prefix followed by 13 digits; a personal code can
/// never have a digit in 4th place, so that digit tells the two apart.
fn foreign_kind(bytes: &[u8]) -> Option<FiscalCodeKind> {
    let kind = match bytes.get(..3)? {
        b"STP" => FiscalCodeKind::Stp,
        b"ENI" => FiscalCodeKind::Eni,
        _ => return None,
    };
    bytes.get(3).filter(|b| b.is_ascii_digit()).map(|_| kind)
}

/// Checks a 16-byte, ASCII alphanumeric, uppercase personal code.
fn validate_personal(bytes: &[u8]) -> Result<(), FiscalCodeError> {
    for (index, &b) in bytes.iter().enumerate() {
        let ok = match index {
            0..=5 | 11 | 15 => b.is_ascii_uppercase(),
            8 => {
                if b.is_ascii_uppercase() && !MONTH_LETTERS.contains(&b) {
                    return Err(FiscalCodeError::InvalidMonth);
                }
                b.is_ascii_uppercase()
            }
            _ => digit_value(b).is_some(),
        };
        if !ok {
            return Err(FiscalCodeError::InvalidCharacter {
                position: index + 1,
            });
        }
    }
    let day = digit_value(bytes[9])
        .zip(digit_value(bytes[10]))
        .map(|(tens, units)| tens * 10 + units);
    if !matches!(day, Some(1..=31 | 41..=71)) {
        return Err(FiscalCodeError::InvalidDay);
    }
    let expected = check_character(&bytes[..LEN - 1]);
    if char::from(bytes[LEN - 1]) != expected {
        return Err(FiscalCodeError::WrongCheckCharacter { expected });
    }
    Ok(())
}

/// The digit a digit position stands for, whether written as a digit or an omocode letter.
fn digit_value(b: u8) -> Option<u8> {
    if b.is_ascii_digit() {
        return Some(b - b'0');
    }
    OMOCODE_LETTERS
        .iter()
        .position(|&l| l == b)
        .and_then(|i| u8::try_from(i).ok())
}

/// The check character over the first 15 characters, as written (omocode letters included).
fn check_character(first15: &[u8]) -> char {
    let sum: u32 = first15
        .iter()
        .take(LEN - 1)
        .enumerate()
        .map(|(index, &b)| {
            // Digits rank like the letter with the same index (0 like A).
            let rank = if b.is_ascii_digit() {
                b - b'0'
            } else {
                b.wrapping_sub(b'A')
            } % 26;
            // Index 0 is the 1st character, i.e. an odd position.
            if index % 2 == 0 {
                ODD_WEIGHTS[usize::from(rank)]
            } else {
                u32::from(rank)
            }
        })
        .sum();
    // `sum % 26` is below 26, so the cast cannot truncate.
    char::from(b'A' + (sum % 26) as u8)
}

/// Three letters from a surname (or, with `is_given_name`, a given name).
fn name_part(name: &str, is_given_name: bool) -> Result<String, FiscalCodeError> {
    let letters: Vec<char> = name.chars().filter_map(fold_letter).collect();
    if letters.is_empty() {
        return Err(FiscalCodeError::NameWithoutLetters);
    }
    let (vowels, consonants): (Vec<char>, Vec<char>) =
        letters.into_iter().partition(|c| "AEIOU".contains(*c));
    if is_given_name && consonants.len() >= 4 {
        return Ok([consonants[0], consonants[2], consonants[3]]
            .iter()
            .collect());
    }
    Ok(consonants
        .into_iter()
        .chain(vowels)
        .chain(std::iter::repeat('X'))
        .take(3)
        .collect())
}

/// Uppercase base letter of a Latin letter (accents dropped); `None` for
/// apostrophes, spaces, hyphens and anything else that is not a letter.
fn fold_letter(c: char) -> Option<char> {
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_uppercase());
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' => 'A',
        'Ç' | 'ç' => 'C',
        'È'..='Ë' | 'è'..='ë' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' => 'I',
        'Ñ' | 'ñ' => 'N',
        'Ò'..='Ö' | 'ò'..='ö' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' => 'U',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        _ => return None,
    };
    Some(base)
}

impl FromStr for FiscalCode {
    type Err = FiscalCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// For rows read from the database (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for FiscalCode {
    type Error = FiscalCodeError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl fmt::Debug for FiscalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::debug_redacted(f, "FiscalCode", &self.0, 3)
    }
}

impl Serialize for FiscalCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FiscalCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        // The message must not echo the input: it may end up in a log.
        Self::parse(&raw).map_err(|_| de::Error::custom("invalid fiscal code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{IntoDeserializer, value::Error as ValueError};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn parsed(input: &str) -> FiscalCode {
        FiscalCode::parse(input).expect("valid test code")
    }

    #[test]
    fn a_masked_code_shows_only_its_first_three_and_last_characters() {
        assert_eq!(parsed("RSSMRA80A01H501U").masked(), "RSS••••••••••••U");
    }

    #[test]
    fn accepts_a_well_known_real_code() {
        let code = parsed("RSSMRA80A01H501U");
        assert_eq!(code.as_str(), "RSSMRA80A01H501U");
        assert_eq!(code.kind(), FiscalCodeKind::Personal);
        assert!(!code.is_omocode());
    }

    #[test]
    fn the_birthplace_is_read_back_through_omocodia() {
        let code = parsed("RSSMRA80A01H501U");
        assert_eq!(code.birthplace().as_deref(), Some("H501"));
        let variant = code.omocode_variant(7).expect("a personal code");
        assert_eq!(variant.birthplace().as_deref(), Some("H501"));
    }

    #[test]
    fn accepts_the_wikipedia_example() {
        assert_eq!(parsed("MRTMTT91D08F205J").as_str(), "MRTMTT91D08F205J");
    }

    #[test]
    fn normalizes_spaces_and_lowercase() {
        let code = parsed("  rss mra 80a01 h501u \t");
        assert_eq!(code.as_str(), "RSSMRA80A01H501U");
    }

    #[test]
    fn rejects_an_empty_input() {
        assert_eq!(FiscalCode::parse("   "), Err(FiscalCodeError::Empty));
    }

    #[test]
    fn reports_the_actual_length() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80A01H501"),
            Err(FiscalCodeError::WrongLength { len: 15 })
        );
        assert_eq!(
            FiscalCode::parse("RSSMRA80A01H501UU"),
            Err(FiscalCodeError::WrongLength { len: 17 })
        );
    }

    #[test]
    fn counts_length_in_characters_not_bytes() {
        assert_eq!(
            FiscalCode::parse("RSSMRÀ80A01H501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 6 })
        );
    }

    #[test]
    fn rejects_punctuation_with_its_position() {
        assert_eq!(
            FiscalCode::parse("RSS-RA80A01H501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 4 })
        );
    }

    #[test]
    fn rejects_a_digit_in_the_name_part() {
        assert_eq!(
            FiscalCode::parse("RSSMR480A01H501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 6 })
        );
    }

    #[test]
    fn rejects_a_non_omocode_letter_in_a_digit_position() {
        assert_eq!(
            FiscalCode::parse("RSSMRA8AA01H501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 8 })
        );
    }

    #[test]
    fn rejects_a_digit_as_municipality_letter() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80A019501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 12 })
        );
    }

    #[test]
    fn rejects_a_digit_as_check_character() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80A01H5011"),
            Err(FiscalCodeError::InvalidCharacter { position: 16 })
        );
    }

    #[test]
    fn rejects_a_month_letter_that_does_not_exist() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80F01H501U"),
            Err(FiscalCodeError::InvalidMonth)
        );
    }

    #[test]
    fn rejects_a_digit_in_the_month_position() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80101H501U"),
            Err(FiscalCodeError::InvalidCharacter { position: 9 })
        );
    }

    #[test]
    fn rejects_days_outside_both_ranges() {
        for day in ["00", "32", "40", "72", "99"] {
            let code = format!("RSSMRA80A{day}H501U");
            assert_eq!(
                FiscalCode::parse(&code),
                Err(FiscalCodeError::InvalidDay),
                "day {day}"
            );
        }
    }

    #[test]
    fn rejects_an_omocode_day_that_decodes_out_of_range() {
        // "QL" decodes to 40.
        assert_eq!(
            FiscalCode::parse("RSSMRA80AQLH501U"),
            Err(FiscalCodeError::InvalidDay)
        );
    }

    #[test]
    fn rejects_a_wrong_check_character() {
        assert_eq!(
            FiscalCode::parse("RSSMRA80A01H501A"),
            Err(FiscalCodeError::WrongCheckCharacter { expected: 'U' })
        );
    }

    #[test]
    fn accepts_an_omocode_and_checks_it_as_written() {
        let code = parsed("RSSMRA80A01H50MM");
        assert!(code.is_omocode());
        assert_eq!(
            FiscalCode::parse("RSSMRA80A01H50MU"),
            Err(FiscalCodeError::WrongCheckCharacter { expected: 'M' })
        );
    }

    #[test]
    fn accepts_a_fully_substituted_omocode() {
        let code = parsed("RSSMRAULALMHRLMD");
        assert!(code.is_omocode());
        assert_eq!(code.kind(), FiscalCodeKind::Personal);
    }

    #[test]
    fn accepts_stp_and_eni_codes() {
        assert_eq!(parsed("STP0900000000001").kind(), FiscalCodeKind::Stp);
        assert_eq!(parsed("eni 090 1234567890").kind(), FiscalCodeKind::Eni);
        assert!(!parsed("STP0900000000001").is_omocode());
    }

    #[test]
    fn rejects_a_letter_inside_an_stp_code() {
        assert_eq!(
            FiscalCode::parse("STP09000000A0001"),
            Err(FiscalCodeError::InvalidCharacter { position: 12 })
        );
    }

    #[test]
    fn treats_stp_followed_by_a_letter_as_a_personal_code() {
        // A surname can yield "STP" (e.g. Stoppa); only a digit after it means STP.
        let code = FiscalCode::encode("Stoppa", "Mario", date(1980, 1, 1), false, "H501")
            .expect("encodable");
        assert!(code.as_str().starts_with("STP"));
        assert_eq!(parsed(code.as_str()).kind(), FiscalCodeKind::Personal);
    }

    #[test]
    fn encodes_mario_rossi_born_in_rome() {
        let code = FiscalCode::encode("Rossi", "Mario", date(1980, 1, 1), false, "H501")
            .expect("encodable");
        assert_eq!(code.as_str(), "RSSMRA80A01H501U");
    }

    #[test]
    fn encodes_the_wikipedia_example() {
        let code = FiscalCode::encode("Moretti", "Matteo", date(1991, 4, 8), false, "F205")
            .expect("encodable");
        assert_eq!(code.as_str(), "MRTMTT91D08F205J");
    }

    #[test]
    fn adds_forty_to_the_day_of_a_woman() {
        let code = FiscalCode::encode("Rossi", "Maria", date(1980, 1, 1), true, "H501")
            .expect("encodable");
        assert_eq!(code.as_str(), "RSSMRA80A41H501Y");
        let code = FiscalCode::encode("Bianchi", "Giovanna", date(2005, 12, 30), true, "D612")
            .expect("encodable");
        assert_eq!(code.as_str(), "BNCGNN05T70D612F");
    }

    #[test]
    fn takes_first_third_and_fourth_consonant_of_a_long_given_name() {
        let code = FiscalCode::encode("Rossi", "Gianfranco", date(1980, 1, 1), false, "H501")
            .expect("encodable");
        assert_eq!(&code.as_str()[3..6], "GFR");
    }

    #[test]
    fn pads_short_names_with_x() {
        let code =
            FiscalCode::encode("Fo", "Luca", date(2000, 2, 29), false, "F205").expect("encodable");
        assert_eq!(code.as_str(), "FOXLCU00B29F205F");
    }

    #[test]
    fn strips_accents_apostrophes_and_spaces_from_names() {
        let code = FiscalCode::encode("D'Àngelo", "Niccolò", date(1999, 8, 15), false, "z404")
            .expect("encodable");
        assert_eq!(code.as_str(), "DNGNCL99M15Z404N");
        let spaced = FiscalCode::encode("De Luca", "Anna Maria", date(1970, 5, 5), true, "H501")
            .expect("encodable");
        assert_eq!(&spaced.as_str()[..6], "DLCNMR");
    }

    #[test]
    fn encoded_codes_parse_back() {
        let code = FiscalCode::encode("Èrcole", "Ùgo", date(1955, 10, 31), false, "G702")
            .expect("encodable");
        assert_eq!(parsed(code.as_str()), code);
    }

    #[test]
    fn refuses_to_encode_a_name_without_letters() {
        assert_eq!(
            FiscalCode::encode("Rossi", " ' ", date(1980, 1, 1), false, "H501"),
            Err(FiscalCodeError::NameWithoutLetters)
        );
    }

    #[test]
    fn refuses_to_encode_a_malformed_municipality() {
        for municipality in ["H50", "H5011", "1501", "H5O1", ""] {
            assert_eq!(
                FiscalCode::encode("Rossi", "Mario", date(1980, 1, 1), false, municipality),
                Err(FiscalCodeError::InvalidMunicipality),
                "{municipality}"
            );
        }
    }

    #[test]
    fn omocode_variants_substitute_from_the_right() {
        let code = parsed("RSSMRA80A01H501U");
        let expected = [
            (0, "RSSMRA80A01H501U"),
            (1, "RSSMRA80A01H50MM"),
            (2, "RSSMRA80A01H5LMX"),
            (7, "RSSMRAULALMHRLMD"),
        ];
        for (n, want) in expected {
            let variant = code.omocode_variant(n).expect("n within 0..=7");
            assert_eq!(variant.as_str(), want, "n = {n}");
            assert_eq!(parsed(want), variant);
        }
    }

    #[test]
    fn every_omocode_variant_is_valid() {
        let code = parsed("BNCGNN05T70D612F");
        for n in 1..=7 {
            let variant = code.omocode_variant(n).expect("n within 0..=7");
            assert!(variant.is_omocode());
            assert_eq!(parsed(variant.as_str()), variant);
        }
    }

    #[test]
    fn has_no_omocode_variant_beyond_seven_or_for_foreigners() {
        assert_eq!(parsed("RSSMRA80A01H501U").omocode_variant(8), None);
        assert_eq!(parsed("STP0900000000001").omocode_variant(1), None);
    }

    #[test]
    fn debug_output_does_not_reveal_the_code() {
        let shown = format!("{:?}", parsed("RSSMRA80A01H501U"));
        assert_eq!(shown, "FiscalCode(\"RSS…\")");
    }

    #[test]
    fn serializes_as_a_plain_string() {
        let code = parsed("RSSMRA80A01H501U");
        assert_eq!(
            serde_json::to_value(&code).expect("serializes"),
            "RSSMRA80A01H501U"
        );
    }

    #[test]
    fn deserializes_through_parse() {
        let ok = FiscalCode::deserialize("rssmra80a01h501u".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(
            ok.map(|c| c.as_str().to_owned()),
            Ok("RSSMRA80A01H501U".into())
        );
        let err = FiscalCode::deserialize("RSSMRA80A01H501A".into_deserializer())
            .map_err(|e: ValueError| e.to_string());
        assert_eq!(err, Err("invalid fiscal code".into()));
    }

    #[test]
    fn parses_through_from_str() {
        assert_eq!(
            "RSSMRA80A01H501U".parse::<FiscalCode>(),
            Ok(parsed("RSSMRA80A01H501U"))
        );
    }

    #[test]
    fn the_date_of_birth_and_age_it_encodes() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let mario = FiscalCode::parse("RSSMRA80A01H501U").expect("valid");
        assert_eq!(mario.birth_date(today), NaiveDate::from_ymd_opt(1980, 1, 1));
        let girl = FiscalCode::encode(
            "Rossi",
            "Anna",
            NaiveDate::from_ymd_opt(2015, 6, 20).expect("d"),
            true,
            "D612",
        )
        .expect("code");
        assert_eq!(girl.birth_date(today), NaiveDate::from_ymd_opt(2015, 6, 20));
        assert_eq!(
            FiscalCode::age_on(NaiveDate::from_ymd_opt(2015, 6, 20).expect("d"), today),
            11
        );
        // Born later in a year ending like this one: the previous century.
        let old = FiscalCode::encode(
            "Verdi",
            "Ugo",
            NaiveDate::from_ymd_opt(1926, 12, 25).expect("d"),
            false,
            "D612",
        )
        .expect("code");
        assert_eq!(old.birth_date(today), NaiveDate::from_ymd_opt(1926, 12, 25));
        assert_eq!(
            FiscalCode::age_on(NaiveDate::from_ymd_opt(2008, 12, 2).expect("d"), today),
            17
        );
        assert_eq!(
            FiscalCode::age_on(NaiveDate::from_ymd_opt(2008, 12, 1).expect("d"), today),
            18
        );
    }
}
