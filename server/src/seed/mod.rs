//! The demo region: a deterministic generator (fixed seed) of a Tuscany-like region, from the
//! real facilities and catalogue services in `server/data/` to agendas, slots, citizens,
//! prescriptions and bookings. The same seed and the same anchor day give the same data.

pub mod people;
pub mod schedule;
pub mod sources;

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use app::domain::{BookingCode, FiscalCode, Nre, PriorityClass, ServiceKind};
use chrono::{Days, NaiveDate};
use chrono_tz::Europe::Rome;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use crate::backoffice::opening::local_unix;
use crate::backoffice::opening::{iso_weekday, opening_slots, opens_on};
use crate::db::bulk::{Buffer, Loader, Table, Value};
use crate::db::{Backend, Db, on_read, on_write};
use people::Person;
use schedule::{Pattern, Profile};

/// The fixed seed of the demo region.
pub const SEED: u64 = 0xC0FA_2023;
/// A second stream for the README's cast, so their booking code does not depend on the crowd.
const CAST_SEED: u64 = 0xCA57;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// About three months of a lighter region: first start in a few seconds.
    Demo,
    /// A year of a region the size of Tuscany: millions of slots, for benchmarks.
    Region,
    /// A handful of facilities and services over a few weeks, for tests.
    #[value(hide = true)]
    Tiny,
}

impl Scale {
    pub fn name(self) -> &'static str {
        match self {
            Scale::Demo => "demo",
            Scale::Region => "region",
            Scale::Tiny => "tiny",
        }
    }

    fn plan(self) -> Plan {
        match self {
            Scale::Demo => Plan {
                weeks_past: 2,
                weeks_ahead: 13,
                hospital_agendas: (1, 1),
                sessions_per_week: (1, 2),
                offer_share: 0.5,
                citizens: 20_000,
                open_prescriptions: 3_000,
                waiting: 150,
                tiny: false,
            },
            Scale::Region => Plan {
                weeks_past: 4,
                weeks_ahead: 48,
                hospital_agendas: (2, 4),
                sessions_per_week: (3, 6),
                offer_share: 1.0,
                citizens: 600_000,
                open_prescriptions: 100_000,
                waiting: 5_000,
                tiny: false,
            },
            Scale::Tiny => Plan {
                weeks_past: 1,
                weeks_ahead: 5,
                hospital_agendas: (1, 1),
                sessions_per_week: (2, 3),
                offer_share: 1.0,
                citizens: 300,
                open_prescriptions: 60,
                waiting: 5,
                tiny: true,
            },
        }
    }
}

struct Plan {
    weeks_past: u64,
    weeks_ahead: u64,
    /// Agendas (rooms, doctors) per service a hospital offers; outpatient clinics run one.
    hospital_agendas: (u32, u32),
    /// Half-day clinic sessions per week per agenda.
    sessions_per_week: (u32, u32),
    /// Share of the facility × service pairs of the full region that are offered.
    offer_share: f64,
    citizens: usize,
    /// Unbooked prescriptions left for people to try the portal with.
    open_prescriptions: usize,
    waiting: usize,
    /// Only a few facilities and the services the cast needs.
    tiny: bool,
}

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

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already holds a catalogue; seed only an empty database")]
    AlreadySeeded,
    #[error("embedded demo data is invalid: {0}")]
    Data(String),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
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

const T_AUTHORITIES: Table = Table {
    name: "health_authorities",
    columns: &["id", "code", "name", "kind"],
};
const T_AREAS: Table = Table {
    name: "areas",
    columns: &["id", "authority_id", "name"],
};
const T_FACILITIES: Table = Table {
    name: "facilities",
    columns: &[
        "id",
        "authority_id",
        "area_id",
        "name",
        "kind",
        "town",
        "province",
        "address",
        "latitude",
        "longitude",
        "access_notes_it",
        "access_notes_en",
    ],
};
const T_SERVICES: Table = Table {
    name: "services",
    columns: &[
        "id",
        "code",
        "name_it",
        "name_en",
        "kind",
        "discipline",
        "synonyms",
        "ticket_cents",
        "prep_notes_it",
        "prep_notes_en",
    ],
};
const T_STAFF: Table = Table {
    name: "staff",
    columns: &[
        "id",
        "username",
        "display_name",
        "role",
        "password_hash",
        "authority_id",
        "created_at",
    ],
};
const T_CITIZENS: Table = Table {
    name: "citizens",
    columns: &[
        "id",
        "fiscal_code",
        "family_name",
        "given_name",
        "birth_date",
        "phone",
        "email",
    ],
};
const T_AGENDAS: Table = Table {
    name: "agendas",
    columns: &[
        "id",
        "facility_id",
        "service_id",
        "label",
        "slot_minutes",
        "created_at",
    ],
};
const T_TEMPLATES: Table = Table {
    name: "agenda_templates",
    columns: &[
        "agenda_id",
        "weekday",
        "start_minute",
        "end_minute",
        "reserved_channel",
        "reserved_priority",
        "valid_from",
    ],
};
const T_SLOTS: Table = Table {
    name: "slots",
    columns: &[
        "id",
        "agenda_id",
        "service_id",
        "facility_id",
        "starts_at",
        "ends_at",
        "reserved_channel",
        "reserved_priority",
    ],
};
const T_PRESCRIPTIONS: Table = Table {
    name: "prescriptions",
    columns: &[
        "id",
        "nre",
        "fiscal_code",
        "service_id",
        "priority",
        "prescribed_on",
        "status",
        "created_at",
    ],
};
const T_BOOKINGS: Table = Table {
    name: "bookings",
    columns: &[
        "id",
        "code",
        "slot_id",
        "prescription_id",
        "channel",
        "status",
        "contact_phone",
        "contact_email",
        "staff_id",
        "created_at",
        "updated_at",
        "cancelled_at",
        "cancel_reason",
    ],
};
const T_WAITING: Table = Table {
    name: "waiting_list",
    columns: &[
        "prescription_id",
        "service_id",
        "area_id",
        "priority",
        "deadline",
        "channel",
        "created_at",
        "updated_at",
    ],
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
const OPERATOR_IDS: [i64; 2] = [1, 2];

struct ServiceInfo {
    id: i64,
    code: &'static str,
    kind: ServiceKind,
    profile: Profile,
}

struct FacilityInfo {
    id: i64,
    hospital: bool,
    university: bool,
    area_id: i64,
    /// >1 for the big city hospitals everyone asks for first.
    busyness: f64,
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
    let mut report = SeedReport::default();
    let mut loader = Loader::begin(db).await?;

    // --- Authorities, areas, facilities -------------------------------------------------------
    let facility_rows = sources::facilities()?;
    let mut authorities: BTreeMap<String, i64> = BTreeMap::new();
    let mut rows = Vec::new();
    for f in &facility_rows {
        if !authorities.contains_key(&f.authority_code) {
            let id = authorities.len() as i64 + 1;
            authorities.insert(f.authority_code.clone(), id);
            let kind = if f.authority_name.contains("Universitaria") {
                "aou"
            } else {
                "usl"
            };
            rows.push(vec![
                id.into(),
                f.authority_code.clone().into(),
                f.authority_name.clone().into(),
                kind.into(),
            ]);
        }
    }
    loader.insert(&T_AUTHORITIES, &rows).await?;

    let mut areas: BTreeMap<String, i64> = BTreeMap::new();
    rows.clear();
    for f in &facility_rows {
        if !areas.contains_key(&f.area) {
            let id = areas.len() as i64 + 1;
            areas.insert(f.area.clone(), id);
            // Areas belong to the local health authority of their territory.
            let usl = territorial_authority(&f.authority_code);
            let authority_id = *authorities
                .get(usl)
                .ok_or_else(|| SeedError::Data(format!("no authority {usl}")))?;
            rows.push(vec![id.into(), authority_id.into(), f.area.clone().into()]);
        }
    }
    loader.insert(&T_AREAS, &rows).await?;

    let mut facilities = Vec::new();
    rows.clear();
    for (i, f) in facility_rows.iter().enumerate() {
        if plan.tiny && i % 7 != 0 {
            continue;
        }
        let id = i as i64 + 1;
        let hospital = f.kind == "hospital";
        let university = f.authority_code.starts_with("0909");
        let big_town = matches!(
            f.town.as_str(),
            "Firenze" | "Pisa" | "Siena" | "Prato" | "Livorno" | "Arezzo"
        );
        let (notes_it, notes_en) = access_notes(hospital, university);
        rows.push(vec![
            id.into(),
            authorities[&f.authority_code].into(),
            areas[&f.area].into(),
            f.facility_name.clone().into(),
            f.kind.clone().into(),
            f.town.clone().into(),
            f.province.clone().into(),
            f.address.clone().into(),
            f.latitude.into(),
            f.longitude.into(),
            notes_it.into(),
            notes_en.into(),
        ]);
        facilities.push(FacilityInfo {
            id,
            hospital,
            university,
            area_id: areas[&f.area],
            busyness: match (hospital, big_town || university) {
                (true, true) => 1.3,
                (true, false) => 0.9,
                (false, _) => 0.55,
            },
        });
    }
    loader.insert(&T_FACILITIES, &rows).await?;
    report.facilities = facilities.len() as u64;

    // --- Services -----------------------------------------------------------------------------
    let cast_services: HashSet<&str> = CAST_PRESCRIPTIONS.iter().map(|p| p.service).collect();
    let mut services = Vec::new();
    rows.clear();
    for (i, s) in sources::services()?.into_iter().enumerate() {
        if plan.tiny && !cast_services.contains(s.code.as_str()) {
            continue;
        }
        let id = i as i64 + 1;
        let kind = ServiceKind::parse(&s.kind)
            .map_err(|_| SeedError::Data(format!("kind of {}", s.code)))?;
        let prep_en = sources::prep_notes_en(&s.prep_notes_it)
            .ok_or_else(|| SeedError::Data(format!("English notes of {}", s.code)))?;
        let code: &'static str = Box::leak(s.code.clone().into_boxed_str());
        services.push(ServiceInfo {
            id,
            code,
            kind,
            profile: schedule::profile(code, kind, &s.discipline),
        });
        rows.push(vec![
            id.into(),
            s.code.into(),
            s.name_it.into(),
            s.name_en.into(),
            kind.as_str().into(),
            s.discipline.into(),
            s.synonyms.into(),
            s.ticket_eur.map(|eur| (eur * 100.0).round() as i64).into(),
            s.prep_notes_it.into(),
            prep_en.into(),
        ]);
    }
    loader.insert(&T_SERVICES, &rows).await?;
    report.services = services.len() as u64;

    // --- Staff --------------------------------------------------------------------------------
    rows.clear();
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

    // --- Citizens -----------------------------------------------------------------------------
    let mut taken = HashSet::new();
    let cast = people::named_cast(&mut taken);
    let crowd = people::crowd(&mut rng, &mut taken, plan.citizens, anchor);
    let mut citizens = Buffer::new(T_CITIZENS);
    for (i, person) in cast.iter().chain(crowd.iter()).enumerate() {
        citizens.push(citizen_row(i as i64 + 1, person));
        if citizens.pending() >= 10_000 {
            citizens.flush(&mut loader).await?;
        }
    }
    citizens.flush(&mut loader).await?;
    report.citizens = citizens.loaded;

    // --- The cast's prescriptions -------------------------------------------------------------
    let service_by_code = |code: &str| services.iter().find(|s| s.code == code);
    let mut prescriptions = Buffer::new(T_PRESCRIPTIONS);
    let mut next_prescription = 1i64;
    let mut cast_to_book = Vec::new();
    for p in CAST_PRESCRIPTIONS {
        let (Some(service), Some(holder)) = (service_by_code(p.service), cast.get(p.holder)) else {
            continue;
        };
        let prescribed_on = anchor - Days::new(p.days_ago);
        let nre = Nre::tuscan('A', p.nre).ok_or_else(|| SeedError::Data("cast NRE".into()))?;
        prescriptions.push(prescription_row(
            next_prescription,
            &nre,
            &holder.fiscal_code,
            service.id,
            p.priority,
            prescribed_on,
            "valid",
            anchor_ts - p.days_ago as i64 * 86_400,
        ));
        if p.booked {
            cast_to_book.push(CastBooking {
                service_id: service.id,
                prescription_id: next_prescription,
                code: BookingCode::generate(&mut cast_rng),
                min_day: 21,
                holder: p.holder,
            });
        }
        next_prescription += 1;
    }

    // --- Agendas, slots and the bookings that fill them ---------------------------------------
    let first_day = monday_of(anchor) - Days::new(7 * plan.weeks_past);
    let last_day = monday_of(anchor) + Days::new(7 * plan.weeks_ahead);
    let mut agendas = Buffer::new(T_AGENDAS);
    let mut templates = Buffer::new(T_TEMPLATES);
    let mut slots = Buffer::new(T_SLOTS);
    let mut bookings = Buffer::new(T_BOOKINGS);
    let mut generator = SlotGen {
        rng: &mut rng,
        anchor,
        anchor_ts,
        people: &crowd,
        cast: &cast,
        next_slot: 1,
        next_booking: 1,
        next_prescription,
        nre_serial: 1,
        codes: HashSet::new(),
        cast_to_book,
    };
    generator.codes.extend(
        generator
            .cast_to_book
            .iter()
            .map(|c| c.code.as_str().to_owned()),
    );
    let mut next_agenda = 1i64;
    for facility in &facilities {
        for service in &services {
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
                    (anchor_ts - 90 * 86_400).into(),
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
                    service_id: service.id,
                    kind: service.kind,
                    slot_minutes: service.profile.slot_minutes,
                    horizon,
                };
                let mut day = first_day;
                while day < last_day {
                    if opens_on(day) {
                        let weekday = iso_weekday(day);
                        for o in openings.iter().filter(|o| o.weekday == weekday) {
                            generator.slots_of_opening(
                                &agenda,
                                day,
                                o,
                                &mut slots,
                                &mut prescriptions,
                                &mut bookings,
                            );
                        }
                    }
                    day = day + Days::new(1);
                }
                // Parents before children: foreign keys are checked at every insert.
                if slots.pending() >= 20_000 {
                    agendas.flush(&mut loader).await?;
                    templates.flush(&mut loader).await?;
                    slots.flush(&mut loader).await?;
                    prescriptions.flush(&mut loader).await?;
                    bookings.flush(&mut loader).await?;
                }
            }
        }
    }
    agendas.flush(&mut loader).await?;
    templates.flush(&mut loader).await?;
    slots.flush(&mut loader).await?;

    // --- Open prescriptions to try the portal with, and requests on the waiting list ----------
    let open_services: Vec<&ServiceInfo> = services.iter().collect();
    for _ in 0..plan.open_prescriptions {
        let service = open_services[generator.rng.random_range(0..open_services.len())];
        generator.open_prescription(service.id, service.kind, &mut prescriptions);
    }
    let hot: Vec<&ServiceInfo> = services
        .iter()
        .filter(|s| s.profile.horizon_days >= 50.0)
        .collect();
    let area_ids: Vec<i64> = facilities.iter().map(|f| f.area_id).collect();
    let mut waiting_rows = Vec::new();
    if !hot.is_empty() {
        for _ in 0..plan.waiting {
            let service = hot[generator.rng.random_range(0..hot.len())];
            let (prescription_id, priority, prescribed_on) =
                generator.open_prescription(service.id, service.kind, &mut prescriptions);
            let area = if generator.rng.random_bool(0.5) {
                Some(area_ids[generator.rng.random_range(0..area_ids.len())])
            } else {
                None
            };
            let created = anchor_ts - generator.rng.random_range(0..3 * 86_400);
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
    prescriptions.flush(&mut loader).await?;
    bookings.flush(&mut loader).await?;
    loader.insert(&T_WAITING, &waiting_rows).await?;

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

    report.agendas = agendas.loaded;
    report.slots = slots.loaded;
    report.bookings = bookings.loaded;
    report.prescriptions = prescriptions.loaded;
    report.elapsed = started.elapsed();
    Ok(report)
}

struct AgendaCtx {
    id: i64,
    facility_id: i64,
    service_id: i64,
    kind: ServiceKind,
    slot_minutes: i64,
    horizon: f64,
}

struct CastBooking {
    service_id: i64,
    prescription_id: i64,
    code: BookingCode,
    min_day: i64,
    holder: usize,
}

/// The state of slot and booking generation: ids, the random stream, and the codes already used.
struct SlotGen<'a> {
    rng: &'a mut ChaCha8Rng,
    anchor: NaiveDate,
    anchor_ts: i64,
    people: &'a [Person],
    cast: &'a [Person],
    next_slot: i64,
    next_booking: i64,
    next_prescription: i64,
    nre_serial: u64,
    codes: HashSet<String>,
    cast_to_book: Vec<CastBooking>,
}

impl SlotGen<'_> {
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

    fn slots_of_opening(
        &mut self,
        agenda: &AgendaCtx,
        day: NaiveDate,
        opening: &schedule::Opening,
        slots: &mut Buffer,
        prescriptions: &mut Buffer,
        bookings: &mut Buffer,
    ) {
        let days_ahead = (day - self.anchor).num_days();
        for (starts_at, ends_at) in opening_slots(
            day,
            opening.start_minute,
            opening.end_minute,
            agenda.slot_minutes,
        ) {
            let slot_id = self.next_slot;
            self.next_slot += 1;
            slots.push(vec![
                slot_id.into(),
                agenda.id.into(),
                agenda.service_id.into(),
                agenda.facility_id.into(),
                starts_at.into(),
                ends_at.into(),
                opening.reserved_channel.into(),
                opening.reserved_priority.into(),
            ]);

            let unreserved =
                opening.reserved_channel.is_none() && opening.reserved_priority.is_none();
            if unreserved
                && let Some(i) = self
                    .cast_to_book
                    .iter()
                    .position(|c| c.service_id == agenda.service_id && days_ahead >= c.min_day)
            {
                let booking = self.cast_to_book.swap_remove(i);
                let person = &self.cast[booking.holder];
                let created = self.anchor_ts - 9 * 86_400;
                bookings.push(vec![
                    self.next_booking.into(),
                    booking.code.as_str().to_owned().into(),
                    slot_id.into(),
                    booking.prescription_id.into(),
                    "web".into(),
                    "confirmed".into(),
                    person.phone.clone().into(),
                    person.email.clone().into(),
                    Value::Null,
                    created.into(),
                    created.into(),
                    Value::Null,
                    Value::Null,
                ]);
                self.next_booking += 1;
                continue;
            }

            let mut fill = schedule::fill_ratio(days_ahead, agenda.horizon);
            if !unreserved && days_ahead >= 0 {
                // Reserved slots are kept back: they fill late, if at all.
                fill *= 0.4;
            }
            if !self.rng.random_bool(fill.clamp(0.0, 1.0)) {
                continue;
            }
            self.book_random(
                agenda,
                slot_id,
                starts_at,
                days_ahead,
                opening,
                prescriptions,
                bookings,
            );
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one call site, all buffers of the same load"
    )]
    fn book_random(
        &mut self,
        agenda: &AgendaCtx,
        slot_id: i64,
        starts_at: i64,
        days_ahead: i64,
        opening: &schedule::Opening,
        prescriptions: &mut Buffer,
        bookings: &mut Buffer,
    ) {
        let priority = match opening.reserved_priority {
            Some("B") => PriorityClass::B,
            Some("U") => PriorityClass::U,
            _ => random_priority(self.rng, agenda.kind),
        };
        // When the booking was made: before today for future slots, some weeks before for past ones.
        let created_at = if days_ahead >= 0 {
            self.anchor_ts - self.rng.random_range(0..30 * 86_400)
        } else {
            let max_wait = i64::from(priority.max_wait_days(agenda.kind)).max(2) * 86_400;
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
                0..93 => "attended",
                93..98 => "no_show",
                _ => "cancelled",
            }
        } else if self.rng.random_bool(0.005) {
            "cancelled"
        } else {
            "confirmed"
        };
        let prescription_status = if status == "attended" {
            "used"
        } else {
            "valid"
        };
        let prescription_id = self.next_prescription;
        self.next_prescription += 1;
        prescriptions.push(prescription_row(
            prescription_id,
            &nre,
            &fiscal_code,
            agenda.service_id,
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
        let (cancelled_at, cancel_reason) = if status == "cancelled" {
            let at = created_at + self.rng.random_range(3_600..5 * 86_400);
            (
                Some(at.min(starts_at - 3_600)),
                Some("Impedimento personale"),
            )
        } else {
            (None, None)
        };
        let code = self.unique_booking_code();
        bookings.push(vec![
            self.next_booking.into(),
            code.as_str().to_owned().into(),
            slot_id.into(),
            prescription_id.into(),
            channel.into(),
            status.into(),
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
    fn open_prescription(
        &mut self,
        service_id: i64,
        kind: ServiceKind,
        prescriptions: &mut Buffer,
    ) -> (i64, PriorityClass, NaiveDate) {
        let priority = random_priority(self.rng, kind);
        let max_age = u64::from(priority.max_wait_days(kind).saturating_sub(1)).min(10);
        let prescribed_on = self.anchor - Days::new(self.rng.random_range(0..=max_age));
        let fiscal_code = self.random_person().fiscal_code.clone();
        let id = self.next_prescription;
        self.next_prescription += 1;
        if let Some(nre) = self.new_nre('C') {
            prescriptions.push(prescription_row(
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

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(iso_weekday(day) - 1))
}

/// The local health authority whose territory holds a university hospital.
fn territorial_authority(code: &str) -> &str {
    match code {
        "090901" => "090202",            // AOU Pisana → USL Nord Ovest
        "090902" => "090203",            // AOU Senese → USL Sud Est
        "090903" | "090904" => "090201", // Careggi, Meyer → USL Centro
        other => other,
    }
}

fn agenda_label(profile: &Profile, copy: u32) -> String {
    let base = match profile.pattern {
        Pattern::EarlyMorning => "Punto prelievi",
        Pattern::AllDay => "Diagnostica per immagini",
        Pattern::Sessions => "Ambulatorio",
    };
    format!("{base} {}", copy + 1)
}

/// Generic directions (own wording): the CSV has no access notes.
fn access_notes(hospital: bool, university: bool) -> (&'static str, &'static str) {
    match (hospital, university) {
        (true, true) => (
            "Presentarsi 15 minuti prima all'accettazione ambulatoriale del padiglione indicato \
             nella conferma. Ingressi accessibili con rampa; parcheggio a pagamento.",
            "Arrive 15 minutes early at the outpatient desk of the building given in the \
             confirmation. Step-free entrances; paid parking.",
        ),
        (true, false) => (
            "Presentarsi 15 minuti prima all'accettazione (ingresso principale, piano terra). \
             Accesso senza barriere; parcheggio gratuito per persone con disabilità.",
            "Arrive 15 minutes early at the front desk (main entrance, ground floor). \
             Step-free access; free parking for disabled people.",
        ),
        (false, _) => (
            "Presentarsi 10 minuti prima allo sportello. Struttura al piano terra, senza barriere.",
            "Arrive 10 minutes early at the desk. Ground-floor building, step-free.",
        ),
    }
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

#[expect(clippy::too_many_arguments, reason = "one row, one value per column")]
fn prescription_row(
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
