//! Loads the README's cast (`cast`): the demo staff, and the demo citizens' prescriptions. The
//! booking codes of the prescriptions shown as booked come from a random stream of their own, so
//! what the README says does not depend on the crowd.

use app::domain::{BookingCode, Nre};
use chrono::Days;
use rand_chacha::ChaCha8Rng;

use super::bookings::{BookingGen, CastBooking, prescription_row};
use super::cast::{CAST_PRESCRIPTIONS, DEMO_STAFF, DESK_USERNAME};
use super::plan::SeedError;
use super::region::{FacilityInfo, ServiceInfo};
use super::tables::T_STAFF;
use crate::db::bulk::{Loader, Value};

/// The demo staff, their passwords hashed as for any account. The desk operator works at the
/// first of the busiest hospitals (present at every scale).
pub(super) async fn load_staff(
    loader: &mut Loader,
    facilities: &[FacilityInfo],
    anchor_ts: i64,
) -> Result<(), SeedError> {
    let busiest = facilities
        .iter()
        .fold(None::<&FacilityInfo>, |best, f| match best {
            Some(b) if b.busyness >= f.busyness => Some(b),
            _ => Some(f),
        })
        .map(|f| f.id);
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
            busiest.filter(|_| *username == DESK_USERNAME).into(),
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
