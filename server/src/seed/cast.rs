//! The people the README names, as fixed data: the demo staff with their passwords, and the
//! demo citizens' prescriptions (one per situation a tester needs). Their NREs are fixed, so what
//! the README says does not depend on the crowd. `cast_load` puts them in the database.

use app::domain::PriorityClass;

/// The people of the README: the demo citizens and their prescriptions.
pub struct CastPrescription {
    pub nre: u64,
    pub holder: usize,
    pub service: &'static str,
    pub priority: PriorityClass,
    pub days_ago: u64,
    /// Booked in the demo data (to try "already booked" and "Le mie prenotazioni").
    pub booked: bool,
}

pub const CAST_PRESCRIPTIONS: &[CastPrescription] = &{
    const fn p(
        nre: u64,
        holder: usize,
        service: &'static str,
        priority: PriorityClass,
        days_ago: u64,
        booked: bool,
    ) -> CastPrescription {
        CastPrescription {
            nre,
            holder,
            service,
            priority,
            days_ago,
            booked,
        }
    }
    use PriorityClass::*;
    [
        p(101, 0, "89.52", U, 0, false),
        p(102, 0, "89.7A.7", B, 1, false),
        p(103, 0, "88.76.1", D, 2, false),
        p(104, 0, "88.94.D", P, 3, false),
        p(105, 0, "89.7A.3", D, 1, false),
        p(106, 0, "95.02", P, 10, true),
        p(201, 1, "95.02", B, 0, false),
        p(202, 1, "87.41", D, 5, false),
        p(203, 1, "45.23", P, 2, false),
        p(204, 1, "89.7B.7", P, 200, false),
        p(301, 2, "89.26.1", D, 0, false),
        p(302, 2, "91.49.2", P, 0, false),
        p(303, 2, "87.37.1", B, 1, false),
        p(401, 3, "89.7A.3", D, 0, false),
        p(501, 4, "89.7A.3", D, 0, false),
        p(502, 4, "88.76.1", B, 0, false),
        p(601, 5, "89.7B.8", P, 1, false),
    ]
};

/// Demo staff: username, display name, role, password. Listed in the README; demo only.
pub const DEMO_STAFF: &[(&str, &str, &str, &str)] = &[
    ("operatore1", "Anna Neri", "operator", "cupola-operatore-1"),
    ("operatore2", "Luca Verdi", "operator", "cupola-operatore-2"),
    (
        "supervisore1",
        "Paola Galli",
        "supervisor",
        "cupola-supervisore-1",
    ),
    ("admin1", "Roberto Sani", "admin", "cupola-admin-1"),
    // The desk of the busiest demo hospital (`DESK_USERNAME`): marks visits attended or missed.
    (
        "sportello1",
        "Marta Conti",
        "operator",
        "cupola-sportello-1",
    ),
];
/// The demo operator who works at a facility's desk (the first of the busiest hospitals).
pub const DESK_USERNAME: &str = "sportello1";
/// Staff ids of the demo operators (bookings made by phone carry one of them).
pub(super) const OPERATOR_IDS: [i64; 2] = [1, 2];
