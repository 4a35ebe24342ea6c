//! Demo citizens with valid fiscal codes: a fixed cast that the README lists (one per situation a
//! tester needs) and a deterministic crowd for volume, and their loading as citizens.

use std::collections::HashSet;

use app::domain::FiscalCode;
use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::plan::SeedError;
use super::tables::T_CITIZENS;
use crate::db::bulk::{Buffer, Loader, Value};

const FAMILY_NAMES: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Serra",
    "Coppola",
    "De Santis",
    "D'Angelo",
    "Marchetti",
    "Parenti",
    "Bini",
    "Innocenti",
    "Bartolini",
    "Cecchi",
    "Fabbri",
    "Niccolai",
    "Baldi",
    "Guidi",
    "Bandini",
    "Lenzi",
    "Pieri",
    "Nannini",
    "Mazzei",
    "Landi",
    "Biagini",
    "Tognetti",
    "Puccini",
    "Giannini",
    "Del Bene",
    "Sarti",
];

const MALE_NAMES: &[&str] = &[
    "Marco",
    "Giuseppe",
    "Giovanni",
    "Luca",
    "Francesco",
    "Andrea",
    "Alessandro",
    "Matteo",
    "Lorenzo",
    "Stefano",
    "Paolo",
    "Roberto",
    "Antonio",
    "Fabio",
    "Simone",
    "Riccardo",
    "Niccolò",
    "Tommaso",
    "Filippo",
    "Jacopo",
    "Duccio",
    "Leonardo",
    "Piero",
    "Gabriele",
    "Federico",
    "Enrico",
    "Mario",
    "Sergio",
    "Franco",
    "Bruno",
];

const FEMALE_NAMES: &[&str] = &[
    "Maria",
    "Giulia",
    "Francesca",
    "Sara",
    "Laura",
    "Chiara",
    "Anna",
    "Elena",
    "Valentina",
    "Martina",
    "Alessandra",
    "Silvia",
    "Paola",
    "Federica",
    "Caterina",
    "Beatrice",
    "Lucia",
    "Giovanna",
    "Rosa",
    "Teresa",
    "Ilaria",
    "Elisa",
    "Marta",
    "Costanza",
    "Ginevra",
    "Bianca",
    "Sofia",
    "Carla",
    "Franca",
    "Letizia",
];

/// Cadastral (Belfiore) codes of birthplaces: the Tuscan towns of the demo region, plus a few
/// large Italian cities people moved from.
const BIRTHPLACES: &[&str] = &[
    "D612", // Firenze
    "D612", "D612", "G999", // Prato
    "G713", // Pistoia
    "G702", // Pisa
    "E625", // Livorno
    "E715", // Lucca
    "F023", // Massa
    "I726", // Siena
    "A390", // Arezzo
    "E202", // Grosseto
    "D403", // Empoli
    "L833", // Viareggio
    "H501", // Roma
    "F839", // Napoli
    "F205", // Milano
];

/// A demo person.
#[derive(Clone, Debug)]
pub struct Person {
    pub fiscal_code: FiscalCode,
    pub family_name: String,
    pub given_name: String,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Builds a personal fiscal code, or its first free omocodia variant when two people share the
/// same one (as the revenue agency does).
fn unique_code(
    taken: &mut HashSet<String>,
    family: &str,
    given: &str,
    birth: NaiveDate,
    female: bool,
    place: &str,
) -> Option<FiscalCode> {
    let base = FiscalCode::encode(family, given, birth, female, place).ok()?;
    let code = (0..=7)
        .filter_map(|n| {
            if n == 0 {
                Some(base.clone())
            } else {
                base.omocode_variant(n)
            }
        })
        .find(|c| !taken.contains(c.as_str()))?;
    taken.insert(code.as_str().to_owned());
    Some(code)
}

fn contacts(family: &str, given: &str, serial: u64) -> (Option<String>, Option<String>) {
    let ascii = |s: &str| -> String {
        app::search::fold(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    // Numbers in a range no Italian operator assigns, and the example.org domain: nobody real
    // gets a demo reminder.
    let phone = format!("+39 399 {:07}", serial % 10_000_000);
    let email = format!("{}.{}.{}@example.org", ascii(given), ascii(family), serial);
    (Some(phone), Some(email))
}

/// The fixed cast listed in the README. Their fiscal codes do not depend on the random crowd.
pub fn named_cast(taken: &mut HashSet<String>) -> Vec<Person> {
    let mut cast = Vec::new();
    let people: [(&str, &str, NaiveDate, bool, &str); 4] = [
        ("Rossi", "Maria", date(1948, 3, 15), true, "D612"),
        ("Bianchi", "Giuseppe", date(1951, 7, 2), false, "G999"),
        ("Conti", "Giulia", date(1990, 10, 28), true, "G702"),
        ("Ferri", "Marco", date(1975, 1, 5), false, "E625"),
    ];
    for (i, (family, given, birth, female, place)) in people.into_iter().enumerate() {
        let Some(mut code) = unique_code(taken, family, given, birth, female, place) else {
            continue;
        };
        // Marco Ferri shares his code with an older Marco Ferri and holds an omocodia variant.
        if family == "Ferri"
            && let Some(variant) = code.omocode_variant(1)
        {
            taken.insert(variant.as_str().to_owned());
            code = variant;
        }
        let (phone, email) = contacts(family, given, i as u64 + 1);
        cast.push(Person {
            fiscal_code: code,
            family_name: family.to_owned(),
            given_name: given.to_owned(),
            birth_date: Some(birth),
            phone,
            email,
        });
    }
    // Foreigners without a fiscal code: STP (temporarily present) and ENI (EU, not registered).
    for (code, family, given, birth) in [
        ("STP0902010000042", "Haddad", "Amina", date(1987, 4, 9)),
        ("ENI0902020000017", "Popescu", "Ion", date(1979, 12, 1)),
    ] {
        if let Ok(fiscal_code) = FiscalCode::parse(code) {
            taken.insert(code.to_owned());
            cast.push(Person {
                fiscal_code,
                family_name: family.to_owned(),
                given_name: given.to_owned(),
                birth_date: Some(birth),
                phone: None,
                email: None,
            });
        }
    }
    cast
}

/// `count` random residents with unique, valid fiscal codes.
pub fn crowd(
    rng: &mut ChaCha8Rng,
    taken: &mut HashSet<String>,
    count: usize,
    anchor: NaiveDate,
) -> Vec<Person> {
    let mut people = Vec::with_capacity(count);
    let mut serial = 1_000u64;
    while people.len() < count {
        serial += 1;
        let family = FAMILY_NAMES[rng.random_range(0..FAMILY_NAMES.len())];
        let female = rng.random_bool(0.52);
        let names = if female { FEMALE_NAMES } else { MALE_NAMES };
        let given = names[rng.random_range(0..names.len())];
        // Ages skewed towards the old, who use the health service most.
        let age_years = if rng.random_bool(0.55) {
            rng.random_range(55..95)
        } else {
            rng.random_range(0..55)
        };
        let birth = anchor - chrono::Days::new(age_years * 365 + rng.random_range(0..365));
        let place = BIRTHPLACES[rng.random_range(0..BIRTHPLACES.len())];
        let Some(fiscal_code) = unique_code(taken, family, given, birth, female, place) else {
            continue;
        };
        let (phone, email) = if rng.random_bool(0.6) {
            contacts(family, given, serial)
        } else {
            (None, None)
        };
        people.push(Person {
            fiscal_code,
            family_name: family.to_owned(),
            given_name: given.to_owned(),
            birth_date: Some(birth),
            phone,
            email,
        });
    }
    people
}

/// The citizens as loaded: the cast first (ids from 1), then the crowd.
pub(super) struct Citizens {
    pub cast: Vec<Person>,
    pub crowd: Vec<Person>,
    pub loaded: u64,
}

/// Loads the cast and a crowd of `count`.
pub(super) async fn load(
    loader: &mut Loader,
    rng: &mut ChaCha8Rng,
    count: usize,
    anchor: NaiveDate,
) -> Result<Citizens, SeedError> {
    let mut taken = HashSet::new();
    let cast = named_cast(&mut taken);
    let crowd = crowd(rng, &mut taken, count, anchor);
    let mut citizens = Buffer::new(T_CITIZENS);
    for (i, person) in cast.iter().chain(crowd.iter()).enumerate() {
        citizens.push(citizen_row(i as i64 + 1, person));
        if citizens.pending() >= 10_000 {
            citizens.flush(loader).await?;
        }
    }
    citizens.flush(loader).await?;
    Ok(Citizens {
        cast,
        crowd,
        loaded: citizens.loaded,
    })
}

fn citizen_row(id: i64, person: &Person) -> Vec<Value> {
    vec![
        id.into(),
        person.fiscal_code.as_str().to_owned().into(),
        person.family_name.clone().into(),
        person.given_name.clone().into(),
        person.birth_date.into(),
        person.phone.clone().into(),
        person.email.clone().into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_crowd_has_unique_valid_fiscal_codes() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut taken = HashSet::new();
        let anchor = date(2026, 11, 26);
        let mut people = named_cast(&mut taken);
        people.extend(crowd(&mut rng, &mut taken, 5_000, anchor));
        let codes: HashSet<&str> = people.iter().map(|p| p.fiscal_code.as_str()).collect();
        assert_eq!(codes.len(), people.len());
        for person in &people {
            assert!(FiscalCode::parse(person.fiscal_code.as_str()).is_ok());
        }
    }

    #[test]
    fn the_named_cast_covers_omocodia_and_foreigners() {
        let cast = named_cast(&mut HashSet::new());
        assert_eq!(cast.len(), 6);
        assert!(cast.iter().any(|p| p.fiscal_code.is_omocode()));
        assert!(
            cast.iter()
                .any(|p| p.fiscal_code.as_str().starts_with("STP"))
        );
        assert!(
            cast.iter()
                .any(|p| p.fiscal_code.as_str().starts_with("ENI"))
        );
    }
}
