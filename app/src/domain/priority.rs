//! Prescription priority classes and the waiting times the national plan
//! (PNGLA) guarantees for each.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The priority written on the prescription by the doctor.
///
/// Variants are declared from most to least urgent, so ordering sorts by urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PriorityClass {
    /// Urgente: within 72 hours.
    U,
    /// Breve: within 10 days.
    B,
    /// Differita: within 30 days for visits, 60 for exams.
    D,
    /// Programmata: within 120 days.
    P,
}

/// Whether the prescription is for a specialist visit or a diagnostic exam;
/// the deferred class guarantees different waits for the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    Visit,
    Exam,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PriorityClassError {
    #[error("the priority class is empty")]
    Empty,
    #[error("the priority class is not one of U, B, D, P")]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ServiceKindError {
    #[error("the service kind is empty")]
    Empty,
    #[error("the service kind is neither visit nor exam")]
    Unknown,
}

impl PriorityClass {
    pub const ALL: [PriorityClass; 4] = [Self::U, Self::B, Self::D, Self::P];

    /// Accepts the letter as printed on the prescription, in either case.
    pub fn parse(input: &str) -> Result<Self, PriorityClassError> {
        match input.trim().to_ascii_uppercase().as_str() {
            "" => Err(PriorityClassError::Empty),
            "U" => Ok(Self::U),
            "B" => Ok(Self::B),
            "D" => Ok(Self::D),
            "P" => Ok(Self::P),
            _ => Err(PriorityClassError::Unknown),
        }
    }

    pub fn code(self) -> char {
        match self {
            Self::U => 'U',
            Self::B => 'B',
            Self::D => 'D',
            Self::P => 'P',
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::U => "U",
            Self::B => "B",
            Self::D => "D",
            Self::P => "P",
        }
    }

    /// The longest guaranteed wait in days; urgent's 72 hours count as 3 days
    /// because bookings are made by the day.
    pub fn max_wait_days(self, kind: ServiceKind) -> u32 {
        match (self, kind) {
            (Self::U, _) => 3,
            (Self::B, _) => 10,
            (Self::D, ServiceKind::Visit) => 30,
            (Self::D, ServiceKind::Exam) => 60,
            (Self::P, _) => 120,
        }
    }

    /// The last day (inclusive) on which the service is still within the guaranteed wait.
    pub fn deadline(self, prescribed_on: NaiveDate, kind: ServiceKind) -> NaiveDate {
        prescribed_on
            .checked_add_days(Days::new(u64::from(self.max_wait_days(kind))))
            // Only reachable at the end of chrono's calendar; saturate instead of panicking.
            .unwrap_or(NaiveDate::MAX)
    }
}

impl FromStr for PriorityClass {
    type Err = PriorityClassError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// For rows read from the database (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for PriorityClass {
    type Error = PriorityClassError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 2] = [Self::Visit, Self::Exam];

    /// Accepts the serde names ("visit", "exam"), in any case.
    pub fn parse(input: &str) -> Result<Self, ServiceKindError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "" => Err(ServiceKindError::Empty),
            "visit" => Ok(Self::Visit),
            "exam" => Ok(Self::Exam),
            _ => Err(ServiceKindError::Unknown),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Visit => "visit",
            Self::Exam => "exam",
        }
    }
}

impl FromStr for ServiceKind {
    type Err = ServiceKindError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{IntoDeserializer, value::Error as ValueError};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn parses_each_letter_in_either_case() {
        for class in PriorityClass::ALL {
            let lower = class.as_str().to_ascii_lowercase();
            assert_eq!(PriorityClass::parse(class.as_str()), Ok(class));
            assert_eq!(PriorityClass::parse(&format!(" {lower} ")), Ok(class));
        }
    }

    #[test]
    fn rejects_an_empty_priority() {
        assert_eq!(PriorityClass::parse("  "), Err(PriorityClassError::Empty));
    }

    #[test]
    fn rejects_an_unknown_priority() {
        for input in ["X", "UB", "urgente", "1"] {
            assert_eq!(
                PriorityClass::parse(input),
                Err(PriorityClassError::Unknown),
                "{input}"
            );
        }
    }

    #[test]
    fn code_and_as_str_agree() {
        for class in PriorityClass::ALL {
            assert_eq!(class.as_str(), class.code().to_string());
            assert_eq!(class.as_str().parse::<PriorityClass>(), Ok(class));
        }
    }

    #[test]
    fn orders_from_most_to_least_urgent() {
        let mut shuffled = [
            PriorityClass::P,
            PriorityClass::U,
            PriorityClass::D,
            PriorityClass::B,
        ];
        shuffled.sort();
        assert_eq!(shuffled, PriorityClass::ALL);
    }

    #[test]
    fn gives_the_guaranteed_wait_for_every_class_and_kind() {
        let expected = [
            (PriorityClass::U, ServiceKind::Visit, 3),
            (PriorityClass::U, ServiceKind::Exam, 3),
            (PriorityClass::B, ServiceKind::Visit, 10),
            (PriorityClass::B, ServiceKind::Exam, 10),
            (PriorityClass::D, ServiceKind::Visit, 30),
            (PriorityClass::D, ServiceKind::Exam, 60),
            (PriorityClass::P, ServiceKind::Visit, 120),
            (PriorityClass::P, ServiceKind::Exam, 120),
        ];
        for (class, kind, days) in expected {
            assert_eq!(class.max_wait_days(kind), days, "{class:?} {kind:?}");
        }
    }

    #[test]
    fn computes_the_deadline_for_every_class_and_kind() {
        let prescribed = date(2025, 1, 15);
        let expected = [
            (PriorityClass::U, ServiceKind::Visit, date(2025, 1, 18)),
            (PriorityClass::U, ServiceKind::Exam, date(2025, 1, 18)),
            (PriorityClass::B, ServiceKind::Visit, date(2025, 1, 25)),
            (PriorityClass::B, ServiceKind::Exam, date(2025, 1, 25)),
            (PriorityClass::D, ServiceKind::Visit, date(2025, 2, 14)),
            (PriorityClass::D, ServiceKind::Exam, date(2025, 3, 16)),
            (PriorityClass::P, ServiceKind::Visit, date(2025, 5, 15)),
            (PriorityClass::P, ServiceKind::Exam, date(2025, 5, 15)),
        ];
        for (class, kind, deadline) in expected {
            assert_eq!(
                class.deadline(prescribed, kind),
                deadline,
                "{class:?} {kind:?}"
            );
        }
    }

    #[test]
    fn counts_the_deadline_across_a_leap_day() {
        assert_eq!(
            PriorityClass::B.deadline(date(2024, 2, 25), ServiceKind::Visit),
            date(2024, 3, 6)
        );
    }

    #[test]
    fn saturates_the_deadline_at_the_end_of_the_calendar() {
        assert_eq!(
            PriorityClass::P.deadline(NaiveDate::MAX, ServiceKind::Exam),
            NaiveDate::MAX
        );
    }

    #[test]
    fn parses_service_kinds_in_any_case() {
        assert_eq!(ServiceKind::parse("visit"), Ok(ServiceKind::Visit));
        assert_eq!(ServiceKind::parse(" EXAM "), Ok(ServiceKind::Exam));
        assert_eq!(ServiceKind::parse(""), Err(ServiceKindError::Empty));
        assert_eq!(ServiceKind::parse("visita"), Err(ServiceKindError::Unknown));
        for kind in ServiceKind::ALL {
            assert_eq!(kind.as_str().parse::<ServiceKind>(), Ok(kind));
        }
    }

    #[test]
    fn serializes_service_kinds_in_lowercase() {
        for kind in ServiceKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).expect("serializes"),
                kind.as_str()
            );
            let back = ServiceKind::deserialize(kind.as_str().into_deserializer())
                .map_err(|e: ValueError| e.to_string());
            assert_eq!(back, Ok(kind));
        }
    }

    #[test]
    fn serializes_priority_classes_as_their_letter() {
        for class in PriorityClass::ALL {
            assert_eq!(
                serde_json::to_value(class).expect("serializes"),
                class.as_str()
            );
            let back = PriorityClass::deserialize(class.as_str().into_deserializer())
                .map_err(|e: ValueError| e.to_string());
            assert_eq!(back, Ok(class));
        }
    }
}
