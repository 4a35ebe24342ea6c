//! The ids of `Appointment`s. Each is a capability: whoever holds it proved the patient's fiscal
//! code and a prescription (or a booking code) to get it, and nobody can make one up or alter
//! one, since each carries a MAC under the key every instance shares (`links`). They use only
//! FHIR's id characters and stay within its 64.
//!
//! * `p.{slot}.{prescription}.{expires}.{mac}`: a proposed appointment (`$find`), the slot for
//!   the prescription, which `$hold` or `$book` may take until it expires.
//! * `h.{token}`: a held appointment (`$hold`): the hold's own random token, which `$book`
//!   turns into a booking.
//! * `b.{booking}.{mac}`: a booked (or cancelled) appointment: read, search, cancel.

use crate::links::Links;

/// How long a proposal from `$find` may be held or booked.
pub const PROPOSAL_SECONDS: i64 = 15 * 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppointmentId {
    Proposed {
        slot_id: i64,
        prescription_id: i64,
        expires_at: i64,
    },
    Held {
        token: String,
    },
    Booked {
        booking_id: i64,
    },
}

/// Why an id is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not one Cupola made, or altered.
    Unknown,
    /// A proposal whose time is over: `$find` again.
    Expired,
}

pub fn proposed(links: &Links, slot_id: i64, prescription_id: i64, expires_at: i64) -> String {
    let signed = format!("p.{slot_id}.{prescription_id}.{expires_at}");
    let mac = links.seal_hex(&format!("fhir/{signed}"));
    format!("{signed}.{mac}")
}

pub fn held(token: &str) -> String {
    format!("h.{token}")
}

pub fn booked(links: &Links, booking_id: i64) -> String {
    let signed = format!("b.{booking_id}");
    let mac = links.seal_hex(&format!("fhir/{signed}"));
    format!("{signed}.{mac}")
}

/// The appointment an id (or a reference `Appointment/{id}`, relative or absolute) names.
pub fn parse(links: &Links, reference: &str, now: i64) -> Result<AppointmentId, IdProblem> {
    let id = match reference.rfind("Appointment/") {
        Some(at) => &reference[at + "Appointment/".len()..],
        None => reference,
    };
    if id.len() > 64 {
        return Err(IdProblem::Unknown);
    }
    if let Some(token) = id.strip_prefix("h.") {
        let hex = token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit());
        return if hex {
            Ok(AppointmentId::Held {
                token: token.to_owned(),
            })
        } else {
            Err(IdProblem::Unknown)
        };
    }
    let (signed, mac) = id.rsplit_once('.').ok_or(IdProblem::Unknown)?;
    if !links.opens_hex(&format!("fhir/{signed}"), mac) {
        return Err(IdProblem::Unknown);
    }
    let mut parts = signed.split('.');
    let number = |part: Option<&str>| -> Result<i64, IdProblem> {
        part.and_then(|p| p.parse().ok()).ok_or(IdProblem::Unknown)
    };
    match parts.next() {
        Some("p") => {
            let slot_id = number(parts.next())?;
            let prescription_id = number(parts.next())?;
            let expires_at = number(parts.next())?;
            if now >= expires_at {
                return Err(IdProblem::Expired);
            }
            Ok(AppointmentId::Proposed {
                slot_id,
                prescription_id,
                expires_at,
            })
        }
        Some("b") => Ok(AppointmentId::Booked {
            booking_id: number(parts.next())?,
        }),
        _ => Err(IdProblem::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new(&[3u8; 64], "https://cupola.example")
    }

    fn fhir_id(id: &str) -> bool {
        (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    }

    #[test]
    fn ids_open_for_what_they_name_and_are_fhir_ids() {
        let links = links();
        let p = proposed(&links, 12_345_678, 87_654_321, 1_900_000_000);
        let b = booked(&links, 99_999_999);
        let h = held("0123456789abcdef0123456789abcdef");
        for id in [&p, &b, &h] {
            assert!(fhir_id(id), "{id}");
        }
        assert_eq!(
            parse(&links, &format!("https://x/fhir/r4/Appointment/{p}"), 0),
            Ok(AppointmentId::Proposed {
                slot_id: 12_345_678,
                prescription_id: 87_654_321,
                expires_at: 1_900_000_000
            })
        );
        assert_eq!(parse(&links, &p, 1_900_000_000), Err(IdProblem::Expired));
        assert_eq!(
            parse(&links, &format!("Appointment/{b}"), 0),
            Ok(AppointmentId::Booked {
                booking_id: 99_999_999
            })
        );
        assert_eq!(
            parse(&links, &h, 0),
            Ok(AppointmentId::Held {
                token: "0123456789abcdef0123456789abcdef".into()
            })
        );
    }

    #[test]
    fn altered_foreign_and_junk_ids_are_unknown() {
        let links = links();
        let p = proposed(&links, 1, 2, 1_900_000_000);
        let b = booked(&links, 7);
        let foreign = booked(&Links::new(&[4u8; 64], "https://y"), 7);
        for bad in [
            p.replacen("p.1.", "p.3.", 1),
            p.replacen(".2.", ".5.", 1),
            p.replacen("1900000000", "1999999999", 1),
            b.replacen("b.7", "b.8", 1),
            b.replacen("b.", "p.", 1),
            foreign,
            "h.xyz".into(),
            "h.0123456789abcdef0123456789abcdeg".into(),
            String::new(),
            "b".into(),
            "x.1.aaaaaaaaaaaaaaaaaaaaaaaa".into(),
            "b.7.".into(),
            "a".repeat(200),
        ] {
            assert_eq!(parse(&links, &bad, 0), Err(IdProblem::Unknown), "{bad}");
        }
    }
}
