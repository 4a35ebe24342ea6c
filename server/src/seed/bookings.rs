//! Who holds the slots: each new slot is booked or left free (the cast's booked prescriptions
//! first, then at random, as full as the agenda's pressure says), each booking with its
//! prescription; then unbooked prescriptions to try the portal with, and the waiting list.

use std::collections::HashSet;

use app::domain::{BookingCode, BookingStatus, FiscalCode, Nre, PriorityClass, ServiceKind};
use chrono::{Days, NaiveDate};
use chrono_tz::Europe::Rome;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::cast::OPERATOR_IDS;
use super::people::Person;
use super::plan::{Plan, SeedError};
use super::region::{Region, ServiceInfo};
use super::schedule::{self, Opening};
use super::tables::{T_BOOKINGS, T_PRESCRIPTIONS, T_WAITING};
use crate::db::bulk::{Buffer, Loader, Value};

/// What booking a new slot needs to know about its agenda: the service, and how sought after the
/// agenda is.
pub(super) struct Demand {
    pub service_id: i64,
    pub kind: ServiceKind,
    /// Days ahead that are (almost) fully booked, for this agenda.
    pub horizon: f64,
}

/// A cast prescription the README shows as booked, waiting for its slot.
pub(super) struct CastBooking {
    pub service_id: i64,
    pub prescription_id: i64,
    pub code: BookingCode,
    /// The booking goes to the first free slot at least this many days ahead.
    pub min_day: i64,
    pub holder: usize,
}

/// The state of booking generation: the random stream, ids, the codes already used, and the
/// prescriptions and bookings not loaded yet.
pub(super) struct BookingGen<'a> {
    pub rng: &'a mut ChaCha8Rng,
    pub anchor: NaiveDate,
    pub anchor_ts: i64,
    people: &'a [Person],
    pub cast: &'a [Person],
    next_booking: i64,
    pub next_prescription: i64,
    nre_serial: u64,
    pub codes: HashSet<String>,
    pub cast_to_book: Vec<CastBooking>,
    pub prescriptions: Buffer,
    pub bookings: Buffer,
}

impl<'a> BookingGen<'a> {
    pub fn new(
        rng: &'a mut ChaCha8Rng,
        anchor: NaiveDate,
        anchor_ts: i64,
        people: &'a [Person],
        cast: &'a [Person],
    ) -> BookingGen<'a> {
        BookingGen {
            rng,
            anchor,
            anchor_ts,
            people,
            cast,
            next_booking: 1,
            next_prescription: 1,
            nre_serial: 1,
            codes: HashSet::new(),
            cast_to_book: Vec::new(),
            prescriptions: Buffer::new(T_PRESCRIPTIONS),
            bookings: Buffer::new(T_BOOKINGS),
        }
    }

    fn random_person(&mut self) -> &Person {
        &self.people[self.rng.random_range(0..self.people.len())]
    }

    fn new_nre(&mut self, batch: char) -> Option<Nre> {
        self.nre_serial += 1;
        Nre::tuscan(batch, self.nre_serial)
    }

    fn unique_booking_code(&mut self) -> BookingCode {
        loop {
            let code = BookingCode::generate(self.rng);
            if self.codes.insert(code.as_str().to_owned()) {
                return code;
            }
        }
    }

    /// Books a new slot of an agenda with `demand`, `days_ahead` of the anchor day, or leaves it
    /// free: a cast booking takes the first unreserved slot far enough ahead; other slots are
    /// booked at random.
    pub fn fill(
        &mut self,
        demand: &Demand,
        slot_id: i64,
        starts_at: i64,
        days_ahead: i64,
        opening: &Opening,
    ) {
        let unreserved = opening.reserved_channel.is_none() && opening.reserved_priority.is_none();
        if unreserved
            && let Some(i) = self
                .cast_to_book
                .iter()
                .position(|c| c.service_id == demand.service_id && days_ahead >= c.min_day)
        {
            let booking = self.cast_to_book.swap_remove(i);
            let person = &self.cast[booking.holder];
            let created = self.anchor_ts - 9 * 86_400;
            self.bookings.push(vec![
                self.next_booking.into(),
                booking.code.as_str().to_owned().into(),
                slot_id.into(),
                booking.prescription_id.into(),
                "web".into(),
                BookingStatus::Confirmed.as_str().into(),
                person.phone.clone().into(),
                person.email.clone().into(),
                Value::Null,
                created.into(),
                created.into(),
                Value::Null,
                Value::Null,
            ]);
            self.next_booking += 1;
            return;
        }

        let mut fill = schedule::fill_ratio(days_ahead, demand.horizon);
        if !unreserved && days_ahead >= 0 {
            // Reserved slots are kept back: they fill late, if at all.
            fill *= 0.4;
        }
        if !self.rng.random_bool(fill.clamp(0.0, 1.0)) {
            return;
        }
        self.book_random(demand, slot_id, starts_at, days_ahead, opening);
    }

    fn book_random(
        &mut self,
        demand: &Demand,
        slot_id: i64,
        starts_at: i64,
        days_ahead: i64,
        opening: &Opening,
    ) {
        let priority = match opening.reserved_priority {
            Some("B") => PriorityClass::B,
            Some("U") => PriorityClass::U,
            _ => random_priority(self.rng, demand.kind),
        };
        // When the booking was made: before today for future slots, some weeks before for past ones.
        let created_at = if days_ahead >= 0 {
            self.anchor_ts - self.rng.random_range(0..30 * 86_400)
        } else {
            let max_wait = i64::from(priority.max_wait_days(demand.kind)).max(2) * 86_400;
            starts_at - self.rng.random_range(86_400..max_wait)
        };
        let created_day = chrono::DateTime::from_timestamp(created_at, 0)
            .map_or(self.anchor, |t| t.with_timezone(&Rome).date_naive());
        let prescribed_on = created_day - Days::new(self.rng.random_range(0..4));
        let person = self.random_person();
        let fiscal_code = person.fiscal_code.clone();
        let (phone, email) = (person.phone.clone(), person.email.clone());
        let Some(nre) = self.new_nre('B') else {
            return;
        };
        let status = if days_ahead < 0 {
            match self.rng.random_range(0..100) {
                0..93 => BookingStatus::Attended,
                93..98 => BookingStatus::NoShow,
                _ => BookingStatus::Cancelled,
            }
        } else if self.rng.random_bool(0.005) {
            BookingStatus::Cancelled
        } else {
            BookingStatus::Confirmed
        };
        let prescription_status = if status == BookingStatus::Attended {
            "used"
        } else {
            "valid"
        };
        let prescription_id = self.next_prescription;
        self.next_prescription += 1;
        self.prescriptions.push(prescription_row(
            prescription_id,
            &nre,
            &fiscal_code,
            demand.service_id,
            priority,
            prescribed_on,
            prescription_status,
            created_at - 3_600,
        ));
        let channel = match opening.reserved_channel {
            Some(channel) => channel,
            None => match self.rng.random_range(0..100) {
                0..35 => "web",
                35..50 => "app",
                50..58 => "kiosk",
                _ => "operator",
            },
        };
        let staff_id = (channel == "operator")
            .then(|| OPERATOR_IDS[self.rng.random_range(0..OPERATOR_IDS.len())]);
        let with_contacts = self.rng.random_bool(0.7);
        let (cancelled_at, cancel_reason) = if status == BookingStatus::Cancelled {
            let at = created_at + self.rng.random_range(3_600..5 * 86_400);
            (
                Some(at.min(starts_at - 3_600)),
                Some("Impedimento personale"),
            )
        } else {
            (None, None)
        };
        let code = self.unique_booking_code();
        self.bookings.push(vec![
            self.next_booking.into(),
            code.as_str().to_owned().into(),
            slot_id.into(),
            prescription_id.into(),
            channel.into(),
            status.as_str().into(),
            phone.filter(|_| with_contacts).into(),
            email.filter(|_| with_contacts).into(),
            staff_id.into(),
            created_at.into(),
            cancelled_at.unwrap_or(created_at).into(),
            cancelled_at.into(),
            cancel_reason.into(),
        ]);
        self.next_booking += 1;
    }

    /// An unbooked prescription of a random citizen, prescribed in the last days and still in time.
    pub fn open_prescription(
        &mut self,
        service_id: i64,
        kind: ServiceKind,
    ) -> (i64, PriorityClass, NaiveDate) {
        let priority = random_priority(self.rng, kind);
        let max_age = u64::from(priority.max_wait_days(kind).saturating_sub(1)).min(10);
        let prescribed_on = self.anchor - Days::new(self.rng.random_range(0..=max_age));
        let fiscal_code = self.random_person().fiscal_code.clone();
        let id = self.next_prescription;
        self.next_prescription += 1;
        if let Some(nre) = self.new_nre('C') {
            self.prescriptions.push(prescription_row(
                id,
                &nre,
                &fiscal_code,
                service_id,
                priority,
                prescribed_on,
                "valid",
                self.anchor_ts - 3_600,
            ));
        }
        (id, priority, prescribed_on)
    }
}

/// Unbooked prescriptions to try the portal with, and requests on the waiting list for the
/// services hardest to get; then the prescriptions, bookings and requests still buffered are
/// loaded.
pub(super) async fn open_prescriptions_and_waiting_list(
    loader: &mut Loader,
    plan: &Plan,
    region: &Region,
    generator: &mut BookingGen<'_>,
) -> Result<(), SeedError> {
    let open_services: Vec<&ServiceInfo> = region.services.iter().collect();
    for _ in 0..plan.open_prescriptions {
        let service = open_services[generator.rng.random_range(0..open_services.len())];
        generator.open_prescription(service.id, service.kind);
    }
    let hot: Vec<&ServiceInfo> = region
        .services
        .iter()
        .filter(|s| s.profile.horizon_days >= 50.0)
        .collect();
    let area_ids: Vec<i64> = region.facilities.iter().map(|f| f.area_id).collect();
    let mut waiting_rows = Vec::new();
    if !hot.is_empty() {
        for _ in 0..plan.waiting {
            let service = hot[generator.rng.random_range(0..hot.len())];
            let (prescription_id, priority, prescribed_on) =
                generator.open_prescription(service.id, service.kind);
            let area = if generator.rng.random_bool(0.5) {
                Some(area_ids[generator.rng.random_range(0..area_ids.len())])
            } else {
                None
            };
            let created = generator.anchor_ts - generator.rng.random_range(0..3 * 86_400);
            waiting_rows.push(vec![
                prescription_id.into(),
                service.id.into(),
                area.into(),
                priority.as_str().into(),
                priority.deadline(prescribed_on, service.kind).into(),
                "web".into(),
                created.into(),
                created.into(),
            ]);
        }
    }
    generator.prescriptions.flush(loader).await?;
    generator.bookings.flush(loader).await?;
    loader.insert(&T_WAITING, &waiting_rows).await?;
    Ok(())
}

fn random_priority(rng: &mut ChaCha8Rng, kind: ServiceKind) -> PriorityClass {
    let roll = rng.random_range(0..100);
    let urgent = if kind == ServiceKind::Visit { 2 } else { 1 };
    if roll < urgent {
        PriorityClass::U
    } else if roll < 18 {
        PriorityClass::B
    } else if roll < 55 {
        PriorityClass::D
    } else {
        PriorityClass::P
    }
}

#[expect(clippy::too_many_arguments, reason = "one row, one value per column")]
pub(super) fn prescription_row(
    id: i64,
    nre: &Nre,
    fiscal_code: &FiscalCode,
    service_id: i64,
    priority: PriorityClass,
    prescribed_on: NaiveDate,
    status: &'static str,
    created_at: i64,
) -> Vec<Value> {
    vec![
        id.into(),
        nre.as_str().to_owned().into(),
        fiscal_code.as_str().to_owned().into(),
        service_id.into(),
        priority.as_str().into(),
        prescribed_on.into(),
        status.into(),
        created_at.into(),
    ]
}
