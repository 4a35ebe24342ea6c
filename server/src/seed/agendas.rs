//! The agendas of the demo region: which facility offers which service, how many agendas (rooms,
//! doctors) each pair runs, their weekly templates, and the slots those templates give from a
//! few weeks before the anchor day to the end of the plan, by the back office's own rules.

use std::ops::Range;

use chrono::{Days, NaiveDate};
use rand::Rng;

use super::bookings::{BookingGen, Demand};
use super::plan::{Plan, SeedError};
use super::region::Region;
use super::schedule::{self, Opening, Pattern, Profile};
use super::tables::{T_AGENDAS, T_SLOTS, T_TEMPLATES};
use crate::backoffice::opening::{iso_weekday, opening_slots, opens_on};
use crate::db::bulk::{Buffer, Loader};

/// What a slot needs to know about its agenda.
struct AgendaCtx {
    id: i64,
    facility_id: i64,
    slot_minutes: i64,
    /// The service, and how sought after the agenda is: what booking its slots needs.
    demand: Demand,
}

/// Rows loaded, for the report.
pub(super) struct Loaded {
    pub agendas: u64,
    pub slots: u64,
}

/// Loads the agendas, their templates and their slots, handing each new slot to `generator` to
/// book or leave free. Prescriptions and bookings are flushed with the slots they refer to.
pub(super) async fn load(
    loader: &mut Loader,
    plan: &Plan,
    region: &Region,
    generator: &mut BookingGen<'_>,
) -> Result<Loaded, SeedError> {
    let anchor = generator.anchor;
    let first_day = monday_of(anchor) - Days::new(7 * plan.weeks_past);
    let last_day = monday_of(anchor) + Days::new(7 * plan.weeks_ahead);
    let mut agendas = Buffer::new(T_AGENDAS);
    let mut templates = Buffer::new(T_TEMPLATES);
    let mut slots = Buffer::new(T_SLOTS);
    let mut next_agenda = 1i64;
    let mut next_slot = 1i64;
    for facility in &region.facilities {
        for service in &region.services {
            let offered = (schedule::offers(generator.rng, &service.profile, facility.hospital)
                && generator.rng.random_bool(plan.offer_share))
                || (plan.tiny && facility.hospital);
            if !offered {
                continue;
            }
            let copies = if facility.hospital {
                let (lo, hi) = plan.hospital_agendas;
                let hi = if facility.university { hi + 1 } else { hi };
                generator.rng.random_range(lo..=hi)
            } else {
                1
            };
            for copy in 0..copies {
                let agenda_id = next_agenda;
                next_agenda += 1;
                let (lo, hi) = plan.sessions_per_week;
                let sessions = generator.rng.random_range(lo..=hi);
                let openings = schedule::weekly_template(
                    generator.rng,
                    &service.profile,
                    facility.hospital,
                    sessions,
                );
                agendas.push(vec![
                    agenda_id.into(),
                    facility.id.into(),
                    service.id.into(),
                    agenda_label(&service.profile, copy).into(),
                    service.profile.slot_minutes.into(),
                    (generator.anchor_ts - 90 * 86_400).into(),
                ]);
                for o in &openings {
                    templates.push(vec![
                        agenda_id.into(),
                        i64::from(o.weekday).into(),
                        o.start_minute.into(),
                        o.end_minute.into(),
                        o.reserved_channel.into(),
                        o.reserved_priority.into(),
                        first_day.into(),
                    ]);
                }
                // Each agenda has its own pressure around the facility's.
                let horizon = service.profile.horizon_days
                    * facility.busyness
                    * generator.rng.random_range(0.75..1.25);
                let agenda = AgendaCtx {
                    id: agenda_id,
                    facility_id: facility.id,
                    slot_minutes: service.profile.slot_minutes,
                    demand: Demand {
                        service_id: service.id,
                        kind: service.kind,
                        horizon,
                    },
                };
                slots_of_agenda(
                    generator,
                    &agenda,
                    &openings,
                    first_day..last_day,
                    &mut next_slot,
                    &mut slots,
                );
                // Parents before children: foreign keys are checked at every insert.
                if slots.pending() >= 20_000 {
                    agendas.flush(loader).await?;
                    templates.flush(loader).await?;
                    slots.flush(loader).await?;
                    generator.prescriptions.flush(loader).await?;
                    generator.bookings.flush(loader).await?;
                }
            }
        }
    }
    agendas.flush(loader).await?;
    templates.flush(loader).await?;
    slots.flush(loader).await?;
    Ok(Loaded {
        agendas: agendas.loaded,
        slots: slots.loaded,
    })
}

/// The slots the agenda's weekly openings give on each day of `days`, each handed to
/// `generator` as it is made.
fn slots_of_agenda(
    generator: &mut BookingGen<'_>,
    agenda: &AgendaCtx,
    openings: &[Opening],
    days: Range<NaiveDate>,
    next_slot: &mut i64,
    slots: &mut Buffer,
) {
    let mut day = days.start;
    while day < days.end {
        if opens_on(day) {
            let weekday = iso_weekday(day);
            let days_ahead = (day - generator.anchor).num_days();
            for opening in openings.iter().filter(|o| o.weekday == weekday) {
                for (starts_at, ends_at) in opening_slots(
                    day,
                    opening.start_minute,
                    opening.end_minute,
                    agenda.slot_minutes,
                ) {
                    let slot_id = *next_slot;
                    *next_slot += 1;
                    slots.push(vec![
                        slot_id.into(),
                        agenda.id.into(),
                        agenda.demand.service_id.into(),
                        agenda.facility_id.into(),
                        starts_at.into(),
                        ends_at.into(),
                        opening.reserved_channel.into(),
                        opening.reserved_priority.into(),
                    ]);
                    generator.fill(&agenda.demand, slot_id, starts_at, days_ahead, opening);
                }
            }
        }
        day = day + Days::new(1);
    }
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(iso_weekday(day) - 1))
}

fn agenda_label(profile: &Profile, copy: u32) -> String {
    let base = match profile.pattern {
        Pattern::EarlyMorning => "Punto prelievi",
        Pattern::AllDay => "Diagnostica per immagini",
        Pattern::Sessions => "Ambulatorio",
    };
    format!("{base} {}", copy + 1)
}
