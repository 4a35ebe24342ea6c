//! The demo region: a deterministic generator (fixed seed) of a Tuscany-like region, from the
//! real facilities and catalogue services in `server/data/` to agendas, slots, citizens,
//! prescriptions and bookings. The same seed and the same anchor day give the same data.
//!
//! This module runs the load, in one transaction; each step lives in its own file: `region`
//! (authorities, areas, facilities, services), `cast_load` (the README's staff and
//! prescriptions, whose fixed data is in `cast`), `people` (citizens), `agendas` (agendas,
//! templates, slots) and `bookings` (who holds the slots, open prescriptions, the waiting list).
//! What they all read, the scale's `plan` and the error, has a file of its own.

mod agendas;
mod bookings;
mod cast;
mod cast_load;
pub mod people;
mod plan;
mod region;
pub mod schedule;
pub mod sources;
mod tables;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use chrono_tz::Europe::Rome;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use crate::backoffice::opening::local_unix;
use crate::db::bulk::Loader;
use crate::db::{Backend, Db, on_read, on_write};
use bookings::BookingGen;
pub use cast::{CAST_PRESCRIPTIONS, CastPrescription, DEMO_STAFF, DESK_USERNAME};
pub use plan::{Scale, SeedError};

/// The fixed seed of the demo region.
pub const SEED: u64 = 0xC0FA_2023;
/// A second stream for the README's cast, so their booking code does not depend on the crowd.
const CAST_SEED: u64 = 0xCA57;

#[derive(Debug, Default, Clone)]
pub struct SeedReport {
    pub facilities: u64,
    pub services: u64,
    pub agendas: u64,
    pub slots: u64,
    pub bookings: u64,
    pub prescriptions: u64,
    pub citizens: u64,
    pub elapsed: Duration,
}

/// Today in Italy: the default anchor of the generated calendar.
pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&Rome).date_naive()
}

pub async fn is_seeded(db: &Db) -> Result<bool, sqlx::Error> {
    let count: i64 = on_read!(db, pool => {
        sqlx::query_scalar("select count(*) from services").fetch_one(pool).await?
    });
    Ok(count > 0)
}

/// Generates the whole region into an empty database, in one transaction.
pub async fn seed(db: &Db, scale: Scale, anchor: NaiveDate) -> Result<SeedReport, SeedError> {
    if is_seeded(db).await? {
        return Err(SeedError::AlreadySeeded);
    }
    let started = Instant::now();
    let plan = scale.plan();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut cast_rng = ChaCha8Rng::seed_from_u64(CAST_SEED);
    let anchor_ts = local_unix(anchor, 0).ok_or_else(|| SeedError::Data("anchor day".into()))?;
    let mut loader = Loader::begin(db).await?;

    // Each step draws from `rng` in turn: reordering them changes the data.
    let region = region::load(&mut loader, &plan).await?;
    cast_load::load_staff(&mut loader, &region.facilities, anchor_ts).await?;
    let citizens = people::load(&mut loader, &mut rng, plan.citizens, anchor).await?;
    let mut generator =
        BookingGen::new(&mut rng, anchor, anchor_ts, &citizens.crowd, &citizens.cast);
    cast_load::prescribe(&mut generator, &region.services, &mut cast_rng)?;
    let calendar = agendas::load(&mut loader, &plan, &region, &mut generator).await?;
    bookings::open_prescriptions_and_waiting_list(&mut loader, &plan, &region, &mut generator)
        .await?;

    loader
        .execute(&format!(
            "insert into audit_log (at, actor, action, detail) values ({anchor_ts}, 'system', \
             'seed', 'demo region, scale {}, anchor {anchor}')",
            scale.name()
        ))
        .await?;
    if db.backend() == Backend::Postgres {
        // Explicit ids were loaded: move each identity past them.
        for table in [
            "health_authorities",
            "areas",
            "facilities",
            "services",
            "staff",
            "citizens",
            "agendas",
            "agenda_templates",
            "slots",
            "prescriptions",
            "bookings",
            "waiting_list",
        ] {
            loader
                .execute(&format!(
                    "select setval(pg_get_serial_sequence('{table}', 'id'), \
                     coalesce((select max(id) from {table}), 0) + 1, false)"
                ))
                .await?;
        }
    }
    loader.commit().await?;
    on_write!(db, pool => {
        sqlx::query("analyze").execute(pool).await?;
    });

    Ok(SeedReport {
        facilities: region.facilities.len() as u64,
        services: region.services.len() as u64,
        agendas: calendar.agendas,
        slots: calendar.slots,
        bookings: generator.bookings.loaded,
        prescriptions: generator.prescriptions.loaded,
        citizens: citizens.loaded,
        elapsed: started.elapsed(),
    })
}
