//! The people the README names: the demo staff with their passwords, and the demo citizens'
//! prescriptions (one per situation a tester needs). Their NREs are fixed and their booking
//! codes come from a random stream of their own, so what the README says does not depend on the
//! crowd.

use app::domain::{BookingCode, Nre, PriorityClass};
use chrono::Days;
use rand_chacha::ChaCha8Rng;

use super::bookings::{BookingGen, prescription_row};
use super::plan::SeedError;
use super::region::ServiceInfo;
use super::tables::T_STAFF;
use crate::db::bulk::{Loader, Value};

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
];
/// Staff ids of the demo operators (bookings made by phone carry one of them).
pub(super) const OPERATOR_IDS: [i64; 2] = [1, 2];

/// A cast prescription the README shows as booked, waiting for its slot.
pub(super) struct CastBooking {
    pub service_id: i64,
    pub prescription_id: i64,
    pub code: BookingCode,
    /// The booking goes to the first free slot at least this many days ahead.
    pub min_day: i64,
    pub holder: usize,
}

/// The demo staff, their passwords hashed as for any account.
pub(super) async fn load_staff(loader: &mut Loader, anchor_ts: i64) -> Result<(), SeedError> {
    let mut rows = Vec::new();
    for (i, (username, name, role, password)) in DEMO_STAFF.iter().enumerate() {
        let hash = crate::auth::hash_password((*password).to_owned())
            .await
            .map_err(|e| SeedError::Data(format!("password hash: {e}")))?;
        rows.push(vec![
            (i as i64 + 1).into(),
            (*username).into(),
            (*name).into(),
            (*role).into(),
            hash.into(),
            Value::Null,
            (anchor_ts - 30 * 86_400).into(),
        ]);
    }
    loader.insert(&T_STAFF, &rows).await?;
    Ok(())
}

/// The cast's prescriptions, the first ones of the load. Those the README shows as booked are
/// queued on `generator` with a booking code drawn from `rng`, the cast's own stream.
pub(super) fn prescribe(
    generator: &mut BookingGen<'_>,
    services: &[ServiceInfo],
    rng: &mut ChaCha8Rng,
) -> Result<(), SeedError> {
    let cast = generator.cast;
    let service_by_code = |code: &str| services.iter().find(|s| s.code == code);
    for p in CAST_PRESCRIPTIONS {
        let (Some(service), Some(holder)) = (service_by_code(p.service), cast.get(p.holder)) else {
            continue;
        };
        let prescribed_on = generator.anchor - Days::new(p.days_ago);
        let nre = Nre::tuscan('A', p.nre).ok_or_else(|| SeedError::Data("cast NRE".into()))?;
        let prescription_id = generator.next_prescription;
        generator.next_prescription += 1;
        generator.prescriptions.push(prescription_row(
            prescription_id,
            &nre,
            &holder.fiscal_code,
            service.id,
            p.priority,
            prescribed_on,
            "valid",
            generator.anchor_ts - p.days_ago as i64 * 86_400,
        ));
        if p.booked {
            let code = BookingCode::generate(rng);
            generator.codes.insert(code.as_str().to_owned());
            generator.cast_to_book.push(CastBooking {
                service_id: service.id,
                prescription_id,
                code,
                min_day: 21,
                holder: p.holder,
            });
        }
    }
    Ok(())
}
