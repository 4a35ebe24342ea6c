//! How the demo region works: which facility offers which service, the weekly opening hours of
//! each agenda, and how full each day is. Turning those hours into slots follows the back
//! office's rules (`crate::backoffice::opening`).

use app::domain::ServiceKind;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How a service is scheduled and how hard it is to get.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    pub slot_minutes: i64,
    pub pattern: Pattern,
    pub reach: Reach,
    /// Days ahead that are (almost) fully booked at a busy facility: the waiting list pressure.
    pub horizon_days: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Half-day clinics (mornings and afternoons), a few per week.
    Sessions,
    /// Machines that run all day on weekdays (CT, MRI).
    AllDay,
    /// Early-morning blood draws, six days a week.
    EarlyMorning,
}

/// Where a service is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Everywhere,
    CommonVisit,
    SpecialistVisit,
    FollowUp,
    BasicExam,
    Mammography,
    HeavyImaging,
    Endoscopy,
    SpecialistExam,
}

impl Reach {
    /// Probability that a facility of the given kind offers the service.
    fn probability(self, hospital: bool) -> f64 {
        let (at_hospital, at_outpatient) = match self {
            Reach::Everywhere => (1.0, 1.0),
            Reach::CommonVisit => (1.0, 0.5),
            Reach::SpecialistVisit => (0.8, 0.15),
            Reach::FollowUp => (0.85, 0.3),
            Reach::BasicExam => (0.9, 0.35),
            Reach::Mammography => (0.7, 0.15),
            Reach::HeavyImaging => (0.75, 0.0),
            Reach::Endoscopy => (0.8, 0.0),
            Reach::SpecialistExam => (0.7, 0.2),
        };
        if hospital { at_hospital } else { at_outpatient }
    }
}

pub fn profile(code: &str, kind: ServiceKind, discipline: &str) -> Profile {
    let p = |slot_minutes, pattern, reach, horizon_days| Profile {
        slot_minutes,
        pattern,
        reach,
        horizon_days,
    };
    use Pattern::*;
    use Reach::*;
    match code {
        "91.49.2" => p(5, EarlyMorning, Everywhere, 2.0),
        "89.52" => p(15, Sessions, Everywhere, 7.0),
        "89.50" | "89.61.1" => p(20, Sessions, BasicExam, 30.0),
        "89.41" => p(45, Sessions, SpecialistExam, 40.0),
        "88.72.2" => p(30, Sessions, BasicExam, 45.0),
        "88.73.5" | "88.77.4" => p(30, Sessions, BasicExam, 40.0),
        "87.37.1" => p(15, Sessions, Mammography, 60.0),
        "88.73.1" => p(20, Sessions, Mammography, 45.0),
        c if c.starts_with("88.7") => p(20, Sessions, BasicExam, 25.0),
        "87.44.1" | "88.27.2" | "88.21.2" | "87.24" => p(10, Sessions, BasicExam, 5.0),
        "87.03" | "87.41" | "88.38.C" => p(15, AllDay, HeavyImaging, 40.0),
        "87.41.1" | "88.01.6" => p(20, AllDay, HeavyImaging, 50.0),
        "88.99.6" | "88.99.7" => p(15, Sessions, SpecialistExam, 30.0),
        "88.91.1" | "88.93.2" | "88.93.4" | "88.94.D" | "88.94.4" => {
            p(30, AllDay, HeavyImaging, 75.0)
        }
        "88.91.2" | "88.95.5" => p(40, AllDay, HeavyImaging, 80.0),
        "45.23" => p(45, Sessions, Endoscopy, 70.0),
        "45.13" | "45.24" => p(30, Sessions, Endoscopy, 50.0),
        "89.14" | "93.08.A" => p(45, Sessions, SpecialistExam, 35.0),
        "95.03.3" | "95.05" | "95.11" => p(15, Sessions, SpecialistExam, 40.0),
        "89.39.6" => p(20, Sessions, SpecialistExam, 60.0),
        _ if kind == ServiceKind::Exam => p(20, Sessions, SpecialistExam, 20.0),
        // Visits from here on.
        c if c.starts_with("89.01") || c == "89.26.2" => p(20, Sessions, FollowUp, 25.0),
        _ => {
            let hot = matches!(
                discipline,
                "Dermatologia" | "Oculistica" | "Cardiologia" | "Endocrinologia"
            );
            let common = matches!(
                discipline,
                "Dermatologia"
                    | "Oculistica"
                    | "Cardiologia"
                    | "Endocrinologia"
                    | "Ortopedia"
                    | "Otorinolaringoiatria"
                    | "Neurologia"
                    | "Ostetricia e ginecologia"
                    | "Urologia"
            );
            let reach = if common { CommonVisit } else { SpecialistVisit };
            p(30, Sessions, reach, if hot { 55.0 } else { 20.0 })
        }
    }
}

/// Whether a facility offers the service (a deterministic draw from `rng`).
pub fn offers(rng: &mut ChaCha8Rng, profile: &Profile, hospital: bool) -> bool {
    rng.random_bool(profile.reach.probability(hospital))
}

/// One weekly opening: ISO weekday (1 = Monday), minutes from midnight, and the reservation of
/// the slots it produces.
#[derive(Clone, Debug)]
pub struct Opening {
    pub weekday: u32,
    pub start_minute: i64,
    pub end_minute: i64,
    pub reserved_channel: Option<&'static str>,
    pub reserved_priority: Option<&'static str>,
}

fn opening(weekday: u32, start: i64, end: i64) -> Opening {
    Opening {
        weekday,
        start_minute: start,
        end_minute: end,
        reserved_channel: None,
        reserved_priority: None,
    }
}

/// Splits a clinic session into its template rows: the first slots are kept for short-deadline
/// (B) prescriptions, the last one for call-centre operators, the rest open to everyone.
fn session(weekday: u32, start: i64, end: i64, slot: i64, out: &mut Vec<Opening>) {
    let priority_end = start + slot * if end - start >= slot * 8 { 2 } else { 1 };
    let operator_start = end - slot;
    if operator_start <= priority_end {
        out.push(opening(weekday, start, end));
        return;
    }
    out.push(Opening {
        reserved_priority: Some("B"),
        ..opening(weekday, start, priority_end)
    });
    out.push(opening(weekday, priority_end, operator_start));
    out.push(Opening {
        reserved_channel: Some("operator"),
        ..opening(weekday, operator_start, end)
    });
}

/// The weekly template of one agenda. `intensity` (sessions per week for clinics, 0–1 share of
/// weekdays for machines) comes from the seeding scale.
pub fn weekly_template(
    rng: &mut ChaCha8Rng,
    profile: &Profile,
    hospital: bool,
    sessions_per_week: u32,
) -> Vec<Opening> {
    let slot = profile.slot_minutes;
    let mut rows = Vec::new();
    match profile.pattern {
        Pattern::EarlyMorning => {
            let days = (sessions_per_week + 2).min(if hospital { 6 } else { 5 });
            for weekday in pick_weekdays(rng, days, 6) {
                rows.push(opening(weekday, 7 * 60 + 30, 9 * 60 + 40));
                // The last quarter hour goes to pharmacy kiosks (FarmaCUP quota).
                rows.push(Opening {
                    reserved_channel: Some("kiosk"),
                    ..opening(weekday, 9 * 60 + 40, 10 * 60)
                });
            }
        }
        Pattern::AllDay => {
            let days = (sessions_per_week + 1).clamp(2, 5);
            for weekday in pick_weekdays(rng, days, 5) {
                session(weekday, 8 * 60, 13 * 60, slot, &mut rows);
                rows.push(opening(weekday, 14 * 60, 19 * 60));
            }
        }
        Pattern::Sessions => {
            let (morning, afternoon) = if hospital {
                ((8 * 60, 12 * 60 + 30), (14 * 60, 18 * 60))
            } else {
                ((8 * 60 + 30, 12 * 60 + 30), (14 * 60 + 30, 17 * 60 + 30))
            };
            let mut chosen: Vec<(u32, bool)> = Vec::new();
            while chosen.len() < sessions_per_week.clamp(1, 10) as usize {
                let candidate = (rng.random_range(1..=5), rng.random_bool(0.65));
                if !chosen.contains(&candidate) {
                    chosen.push(candidate);
                }
            }
            chosen.sort();
            for (weekday, is_morning) in chosen {
                let (start, end) = if is_morning { morning } else { afternoon };
                session(weekday, start, end, slot, &mut rows);
            }
        }
    }
    rows
}

fn pick_weekdays(rng: &mut ChaCha8Rng, count: u32, of: u32) -> Vec<u32> {
    let mut days: Vec<u32> = (1..=of).collect();
    while days.len() > count as usize {
        let i = rng.random_range(0..days.len());
        days.remove(i);
    }
    days
}

/// Share of the slots `days_ahead` days from today that are already booked, for a service whose
/// busy horizon at this agenda is `horizon` days: nearly full close by, emptying further out.
pub fn fill_ratio(days_ahead: i64, horizon: f64) -> f64 {
    if days_ahead < 0 {
        return 0.92;
    }
    let d = days_ahead as f64;
    let full_until = 0.6 * horizon;
    let empty_from = 1.4 * horizon + 3.0;
    if d < full_until {
        0.995
    } else if d < empty_from {
        0.995 - (d - full_until) / (empty_from - full_until) * (0.995 - 0.12)
    } else {
        0.06
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_fill_up_close_by_and_empty_far_away() {
        assert!(fill_ratio(1, 30.0) > 0.9);
        assert!(fill_ratio(30, 30.0) < fill_ratio(10, 30.0));
        assert!(fill_ratio(200, 30.0) < 0.1);
    }

    #[test]
    fn a_clinic_session_reserves_its_first_slots_for_short_deadlines_and_its_last_for_operators() {
        let mut rows = Vec::new();
        session(1, 8 * 60, 12 * 60, 30, &mut rows);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].reserved_priority, Some("B"));
        assert_eq!(rows[2].reserved_channel, Some("operator"));
        assert_eq!(rows[2].end_minute, 12 * 60);
        assert_eq!(rows[0].start_minute, 8 * 60);
    }
}
