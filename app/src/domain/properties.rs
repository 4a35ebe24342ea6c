//! Properties of the value types and parsers that take what clients send (issue 12's fuzz run):
//! whatever the input, they never panic; what they accept is exactly what they should; what
//! they produce parses back to itself.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use super::calendar::{can_change_online, easter_monday, is_working_day, last_day_to_change};
use super::*;
use crate::routes::safe_local_path;
use crate::search::{fold, score};

/// Any text, weighted towards what breaks parsers: control characters, whitespace of every
/// kind, combining marks, characters that change length when cased, and very long inputs.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        "[\\x00-\\x1f\\x7f \t\r\n\u{85}\u{a0}\u{2028}\u{feff}a-zA-Z0-9/\\\\%.:@#?&=+-]{0,40}",
        "[İıßﬁǅΣς\u{301}\u{300}àèìòùé😀]{0,20}",
        prop::collection::vec(any::<char>(), 0..5000).prop_map(|v| v.into_iter().collect()),
    ]
}

/// `code` as a person might type it: lowercase here and there, spaces (and dashes when the
/// parser drops them) in between.
fn as_typed(code: &str, dashes: bool) -> impl Strategy<Value = String> + use<> {
    let chars: Vec<char> = code.chars().collect();
    let n = chars.len();
    (
        prop::collection::vec(any::<bool>(), n),
        prop::collection::vec(0u8..4, n + 1),
    )
        .prop_map(move |(lower, gaps)| {
            let gap = |g: u8| match g {
                1 => " ",
                2 if dashes => "-",
                2 => "\t",
                3 => "  ",
                _ => "",
            };
            let mut out = String::new();
            for (i, c) in chars.iter().enumerate() {
                out.push_str(gap(gaps[i]));
                out.push(if lower[i] { c.to_ascii_lowercase() } else { *c });
            }
            out.push_str(gap(gaps[n]));
            out
        })
}

/// A real personal fiscal code, built from registry data.
fn personal_code() -> impl Strategy<Value = FiscalCode> {
    (
        "[A-Za-zàèéìòù' ]{0,12}[A-Za-z][A-Za-zàèéìòù' ]{0,12}",
        "[A-Za-zàèéìòù' ]{0,12}[A-Za-z][A-Za-zàèéìòù' ]{0,12}",
        (1900i32..2030, 1u32..=12, 1u32..=31),
        any::<bool>(),
        "[A-Z][0-9]{3}",
    )
        .prop_filter_map(
            "a day that exists",
            |(surname, name, (y, m, d), female, town)| {
                let birth = NaiveDate::from_ymd_opt(y, m, d)?;
                Some(
                    FiscalCode::encode(&surname, &name, birth, female, &town)
                        .expect("registry data gives a code"),
                )
            },
        )
}

/// The characters that may stand at each position of a personal code.
fn allowed_at(index: usize, c: u8) -> bool {
    match index {
        0..=5 | 11 | 15 => c.is_ascii_uppercase(),
        8 => b"ABCDEHLMPRST".contains(&c),
        _ => c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c),
    }
}

const REGIONS: [&str; 21] = [
    "010", "020", "030", "041", "042", "050", "060", "070", "080", "090", "100", "110", "120",
    "130", "140", "150", "160", "170", "180", "190", "200",
];
const BOOKING_ALPHABET: &str = "23456789ACDEFGHJKMNPQRTUVWXY";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic_and_what_they_accept_is_canonical(input in hostile_text()) {
        if let Ok(code) = FiscalCode::parse(&input) {
            let s = code.as_str();
            prop_assert_eq!(s.len(), 16);
            prop_assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
            prop_assert_eq!(FiscalCode::parse(s), Ok(code.clone()));
            let _ = (code.kind(), code.is_omocode(), code.omocode_variant(3));
        }
        if let Ok(nre) = Nre::parse(&input) {
            let s = nre.as_str();
            prop_assert_eq!(s.len(), 15);
            prop_assert!(REGIONS.contains(&nre.region_code()));
            prop_assert_eq!(Nre::parse(s), Ok(nre.clone()));
        }
        if let Ok(code) = BookingCode::parse(&input) {
            prop_assert_eq!(code.as_str().len(), 10);
            prop_assert_eq!(BookingCode::parse(&code.display_grouped()), Ok(code.clone()));
        }
        if let Ok(phone) = Phone::parse(&input) {
            let digits = phone.as_str().strip_prefix('+').expect("a leading +");
            prop_assert!((9..=13).contains(&digits.len()));
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone.clone()));
        }
        if let Ok(email) = Email::parse(&input) {
            prop_assert!(email.as_str().chars().count() <= 254);
            prop_assert_eq!(email.as_str().matches('@').count(), 1);
            // Nothing that could split a mail header or a line of the outbox.
            prop_assert!(!email.as_str().chars().any(|c| c.is_whitespace() || c.is_control()), "{:?}", email.as_str());
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }
        match PriorityClass::parse(&input) {
            Ok(class) => {
                prop_assert_eq!(input.trim().to_ascii_uppercase(), class.as_str());
                prop_assert_eq!(class.code().to_string(), class.as_str());
            }
            Err(_) => prop_assert!(!["U", "B", "D", "P"].contains(&input.trim().to_ascii_uppercase().as_str())),
        }
        if let Ok(kind) = ServiceKind::parse(&input) {
            prop_assert_eq!(ServiceKind::parse(kind.as_str()), Ok(kind));
        }
        if let Some(channel) = Channel::parse(&input) {
            prop_assert_eq!(channel.as_str(), input.as_str());
        }
        if let Some(role) = Role::parse(&input) {
            prop_assert_eq!(role.as_str(), input.as_str());
        }
        if let Some(status) = BookingStatus::parse(&input) {
            prop_assert_eq!(status.as_str(), input.as_str());
        }
        if let Some(status) = WaitingStatus::parse(&input) {
            prop_assert_eq!(status.as_str(), input.as_str());
        }
        if let Some(status) = SlotStatus::parse(&input) {
            prop_assert_eq!(status.as_str(), input.as_str());
        }
    }

    #[test]
    fn a_personal_code_is_accepted_as_typed_and_no_single_change_gets_through(
        (code, typed, index, replacement) in personal_code().prop_flat_map(|code| {
            let typed = as_typed(code.as_str(), false);
            (Just(code), typed, 0usize..16, prop::sample::select(
                b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_vec(),
            ))
        })
    ) {
        prop_assert_eq!(code.kind(), FiscalCodeKind::Personal);
        prop_assert!(!code.is_omocode());
        prop_assert_eq!(FiscalCode::parse(&typed), Ok(code.clone()));
        // Omocodia variants are valid codes of their own, and omocodes from one letter on.
        for n in 0..=7 {
            let variant = code.omocode_variant(n).expect("a personal code has variants");
            prop_assert_eq!(FiscalCode::parse(variant.as_str()), Ok(variant.clone()));
            prop_assert_eq!(variant.is_omocode(), n > 0);
        }
        prop_assert!(code.omocode_variant(8).is_none());
        // The check character catches every single wrong character.
        let mut bytes = code.as_str().as_bytes().to_vec();
        prop_assume!(bytes[index] != replacement);
        bytes[index] = replacement;
        let changed = String::from_utf8(bytes).expect("ASCII");
        prop_assert!(FiscalCode::parse(&changed).is_err(), "{} at {} accepted", replacement as char, index);
    }

    #[test]
    fn a_fiscal_code_is_accepted_exactly_when_every_character_fits_and_the_check_agrees(
        body in prop::collection::vec(prop::sample::select(b"0123456789ABCDEHLMNPQRSTUVZ".to_vec()), 15),
        check in prop::sample::select(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_vec()),
    ) {
        let mut bytes = body;
        bytes.push(check);
        let code = String::from_utf8(bytes.clone()).expect("ASCII");
        let shape = bytes.iter().enumerate().all(|(i, &b)| allowed_at(i, b));
        // A valid STP/ENI code: the prefix and 13 digits.
        let foreign = (code.starts_with("STP") || code.starts_with("ENI"))
            && bytes[3..].iter().all(u8::is_ascii_digit);
        match FiscalCode::parse(&code) {
            Ok(parsed) => {
                prop_assert!(shape || foreign);
                prop_assert_eq!(parsed.as_str(), code.as_str());
            }
            Err(FiscalCodeError::WrongCheckCharacter { expected }) => {
                // Only the check character is wrong: with the expected one, the code is valid.
                prop_assert!(shape);
                let mut fixed = code[..15].to_owned();
                fixed.push(expected);
                prop_assert!(FiscalCode::parse(&fixed).is_ok());
            }
            Err(_) => prop_assert!(!foreign),
        }
    }

    #[test]
    fn foreign_codes_are_the_prefix_and_thirteen_digits(
        prefix in prop::sample::select(vec!["STP", "ENI", "stp", "Eni"]),
        digits in "[0-9]{13}",
        broken in proptest::option::of((0usize..13, "[A-Z]")),
    ) {
        let mut tail = digits.clone();
        if let Some((at, letter)) = &broken {
            tail.replace_range(*at..*at + 1, letter);
        }
        let parsed = FiscalCode::parse(&format!("{prefix}{tail}"));
        match broken {
            // A letter in 4th place makes it an attempt at a personal code instead.
            Some(_) => prop_assert!(parsed.is_err()),
            None => {
                let code = parsed.expect("a foreign code");
                prop_assert_ne!(code.kind(), FiscalCodeKind::Personal);
                prop_assert!(!code.is_omocode());
                prop_assert!(code.omocode_variant(1).is_none());
            }
        }
    }

    #[test]
    fn an_nre_is_three_region_digits_a_batch_and_eleven_digits(
        region in "[0-9]{3}",
        batch in "[0-9A-Za-z]",
        serial in "[0-9]{11}",
    ) {
        let written = format!("{region}{batch}{serial}");
        match Nre::parse(&written) {
            Ok(nre) => {
                prop_assert!(REGIONS.contains(&region.as_str()));
                prop_assert_eq!(nre.as_str(), written.to_ascii_uppercase());
                prop_assert_eq!(nre.is_tuscan(), region == "090");
            }
            Err(e) => {
                prop_assert_eq!(e, NreError::UnknownRegion);
                prop_assert!(!REGIONS.contains(&region.as_str()));
            }
        }
    }

    #[test]
    fn an_nre_is_accepted_as_typed(
        (nre, typed) in (prop::sample::select(b"0123456789ABCXYZabz".to_vec()), 0u64..=99_999_999_999)
            .prop_map(|(batch, serial)| Nre::tuscan(char::from(batch), serial).expect("a Tuscan NRE"))
            .prop_flat_map(|nre| { let typed = as_typed(nre.as_str(), true); (Just(nre), typed) })
    ) {
        prop_assert!(nre.is_tuscan());
        prop_assert_eq!(Nre::parse(&typed), Ok(nre));
    }

    #[test]
    fn a_booking_code_is_ten_characters_of_its_alphabet(
        written in prop::collection::vec(prop::sample::select(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_vec()), 10),
    ) {
        let written = String::from_utf8(written).expect("ASCII");
        let fits = written.chars().all(|c| BOOKING_ALPHABET.contains(c));
        prop_assert_eq!(BookingCode::parse(&written).is_ok(), fits);
    }

    #[test]
    fn a_generated_booking_code_is_accepted_as_typed(
        (code, typed) in any::<u64>()
            .prop_map(|seed| {
                use rand::SeedableRng;
                BookingCode::generate(&mut rand::rngs::StdRng::seed_from_u64(seed))
            })
            .prop_flat_map(|code| { let typed = as_typed(code.as_str(), true); (Just(code), typed) })
    ) {
        prop_assert!(code.as_str().chars().all(|c| BOOKING_ALPHABET.contains(c)));
        prop_assert_eq!(BookingCode::parse(&typed), Ok(code.clone()));
        prop_assert_eq!(BookingCode::parse(&code.display_grouped().to_lowercase()), Ok(code));
    }

    #[test]
    fn the_last_day_to_change_is_two_working_days_before(
        day in (NaiveDate::MIN.year()..=NaiveDate::MAX.year(), 1u32..=366)
            .prop_filter_map("a day that exists", |(y, o)| NaiveDate::from_yo_opt(y, o)),
    ) {
        let last = last_day_to_change(day);
        prop_assert!(last < day || day == NaiveDate::MIN);
        prop_assert!(can_change_online(last, day));
        if let Some(after) = last.succ_opt().filter(|d| *d < day) {
            prop_assert!(!can_change_online(after, day) || last == NaiveDate::MIN);
        }
        if last > NaiveDate::MIN {
            prop_assert!(is_working_day(last));
            // Exactly two working days from the last day (included) to the appointment (not).
            let working = last
                .iter_days()
                .take_while(|d| *d < day)
                .filter(|d| is_working_day(*d))
                .count();
            prop_assert_eq!(working, 2);
        }
        let _ = easter_monday(day.year());
    }

    #[test]
    fn easter_monday_is_a_monday_in_spring(year in any::<i32>(), gregorian in 1583i32..=200_000) {
        // Any year: an answer or none, never a panic.
        let _ = easter_monday(year);
        // The Gregorian computus, from its first year on.
        let monday = easter_monday(gregorian).expect("a Gregorian year has an Easter");
        prop_assert_eq!(monday.year(), gregorian);
        prop_assert_eq!(monday.weekday(), Weekday::Mon);
        prop_assert!((3..=4).contains(&monday.month()));
        prop_assert!(!is_working_day(monday));
    }

    #[test]
    fn a_deadline_never_overflows(
        days in any::<i32>(),
        class in prop::sample::select(PriorityClass::ALL.to_vec()),
        kind in prop::sample::select(ServiceKind::ALL.to_vec()),
    ) {
        let start = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MAX);
        let deadline = class.deadline(start, kind);
        prop_assert!(deadline >= start);
        if let Some(expected) = start.checked_add_days(Days::new(u64::from(class.max_wait_days(kind)))) {
            prop_assert_eq!(deadline, expected);
        }
    }

    #[test]
    fn a_redirect_target_stays_on_the_site_and_fits_in_a_header(target in prop_oneof![
        hostile_text(),
        "/[/\\\\\t\r\n\u{0}\u{7f} %2FfFaA.:@?#=&evil]{0,24}",
        "[/\\\\][\\\\/\t\r\n ]{0,3}evil\\.example[/?#]?.{0,8}",
        // Dot segments that leave an empty first segment behind ("/.//evil.example").
        "/(\\./|\\.\\./|%2[eE]/|%2[eE]%2[eE]/|\\.\\\\|/){1,4}/?evil\\.example/?",
    ]) {
        let safe = safe_local_path(&target);
        prop_assert!(safe.starts_with('/'), "{:?} gave {:?}", target, safe);
        prop_assert!(!safe.starts_with("//") && !safe.starts_with("/\\"), "{:?} gave {:?}", target, safe);
        // Visible ASCII only: nothing that could break or split the `Location` header.
        prop_assert!(safe.bytes().all(|b| b.is_ascii_graphic()), "{:?} gave {:?}", target, safe);
        prop_assert!(safe.len() <= crate::routes::MAX_REDIRECT_TARGET);
        // What a browser does with the answer: it stays on this site, at this very path.
        let base = url::Url::parse("https://cupola.example/").expect("base");
        let followed = base.join(&safe).expect("a valid location");
        prop_assert_eq!(followed.origin(), base.origin());
        prop_assert_eq!(safe_local_path(&safe), safe.clone(), "not stable: {:?}", target);
    }

    #[test]
    fn a_plain_local_path_is_kept_as_it_is(
        path in "(/[a-z0-9-]{1,12}){0,4}/?",
        query in proptest::option::of("[a-z]{1,5}=[a-z0-9+]{0,8}(&[a-z]{1,5}=[a-z0-9%]{0,8}){0,2}"),
    ) {
        let path = if path.is_empty() { "/".to_owned() } else { path };
        let target = match &query {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        };
        prop_assert_eq!(safe_local_path(&target), target);
    }

    #[test]
    fn search_folding_is_clean_and_stable(text in hostile_text(), query in hostile_text()) {
        let folded = fold(&text);
        prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "));
        prop_assert!(!folded.chars().any(char::is_control));
        // A folded text matches itself.
        if !folded.is_empty() {
            prop_assert!(score(&folded, &folded).is_some());
        }
        let _ = score(&fold(&query), &folded);
    }
}
