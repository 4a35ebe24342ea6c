//! The directory as FHIR resources: `Organization` (the health authorities: local ones and
//! university hospitals), `Location` (the facilities, with address and position),
//! `HealthcareService` (a catalogue service at a facility, with its code and the priority
//! classes its agendas serve) and `Schedule` (an agenda). Built from the database at most once
//! a minute, by one request while the others wait for it (moka), every resource serialised once
//! with its `ETag`: a crowd reading the directory never reaches the database. While the
//! database cannot answer, the last directory built is served.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use serde_json::{Value, json};

use app::domain::PriorityClass;
use app::i18n::Lang;

use super::systems;
use super::wire::Prepared;
use crate::availability::rule::classes_for;
use crate::catalog::Catalog;
use crate::db::{Db, on_read};

/// How long a built directory is served before it is built again.
const REFRESH: Duration = Duration::from_secs(60);

/// The directory's resource types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Organization,
    Location,
    HealthcareService,
    Schedule,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Organization,
        Kind::Location,
        Kind::HealthcareService,
        Kind::Schedule,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Organization => "Organization",
            Kind::Location => "Location",
            Kind::HealthcareService => "HealthcareService",
            Kind::Schedule => "Schedule",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The search parameters each type takes (besides `_count` and `cursor`).
    pub fn search_params(self) -> &'static [&'static str] {
        match self {
            Kind::Organization => &["_id", "identifier", "name", "type"],
            Kind::Location => &["_id", "name", "address-city", "organization", "type"],
            Kind::HealthcareService => &[
                "_id",
                "service-type",
                "location",
                "organization",
                "name",
                "characteristic",
            ],
            Kind::Schedule => &["_id", "actor", "service-type", "active"],
        }
    }
}

/// One directory resource with what its searches match on.
#[derive(Debug)]
pub struct Entry {
    pub id: String,
    pub prepared: Prepared,
    /// Search parameter → the values it matches (lower case; references as `Type/id`).
    terms: Vec<(&'static str, String)>,
}

impl Entry {
    fn new(id: String, value: Value, terms: Vec<(&'static str, String)>) -> Entry {
        Entry {
            id,
            prepared: Prepared::of(value),
            terms: terms
                .into_iter()
                .map(|(p, v)| (p, v.to_lowercase()))
                .collect(),
        }
    }

    /// Whether one search parameter's value matches (a string parameter matches from the
    /// start of any word, as FHIR's string search does; the others exactly).
    pub fn matches(&self, param: &str, value: &str) -> bool {
        let value = value.to_lowercase();
        let string = matches!(param, "name" | "address-city");
        self.terms
            .iter()
            .filter(|(p, _)| *p == param)
            .any(|(_, v)| {
                if string {
                    v.starts_with(&value)
                        || v.split([' ', '-', '\'']).any(|w| w.starts_with(&value))
                } else {
                    *v == value
                }
            })
    }
}

/// An agenda as the slots need it.
#[derive(Clone, Copy, Debug)]
pub struct Agenda {
    pub service_id: i64,
    pub facility_id: i64,
}

/// The whole directory at one moment.
#[derive(Debug, Default)]
pub struct Built {
    entries: HashMap<Kind, Vec<Entry>>,
    index: HashMap<(Kind, String), usize>,
    pub agendas: HashMap<i64, Agenda>,
}

impl Built {
    pub fn entries(&self, kind: Kind) -> &[Entry] {
        self.entries.get(&kind).map_or(&[], Vec::as_slice)
    }

    pub fn get(&self, kind: Kind, id: &str) -> Option<&Entry> {
        let i = *self.index.get(&(kind, id.to_owned()))?;
        self.entries(kind).get(i)
    }

    fn push(&mut self, kind: Kind, entry: Entry) {
        let list = self.entries.entry(kind).or_default();
        self.index.insert((kind, entry.id.clone()), list.len());
        list.push(entry);
    }
}

pub struct FhirDirectory {
    built: moka::future::Cache<(), Arc<Built>>,
    /// The last directory built, for when the database cannot answer.
    last: RwLock<Option<Arc<Built>>>,
    /// Directories built from the database so far.
    builds: AtomicU64,
    /// The CapabilityStatement, prepared at its first read.
    pub metadata: OnceLock<Prepared>,
}

impl Default for FhirDirectory {
    fn default() -> Self {
        FhirDirectory {
            built: moka::future::Cache::builder()
                .max_capacity(1)
                .time_to_live(REFRESH)
                .build(),
            last: RwLock::new(None),
            builds: AtomicU64::new(0),
            metadata: OnceLock::new(),
        }
    }
}

impl FhirDirectory {
    /// How many times the directory was read from the database.
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::Relaxed)
    }

    /// The directory, built at most `REFRESH` ago (or the last one built, while the database
    /// cannot answer).
    pub async fn get(
        &self,
        db: &Db,
        catalog: &Catalog,
        base: &str,
    ) -> Result<Arc<Built>, sqlx::Error> {
        let built = self
            .built
            .try_get_with((), async {
                self.builds.fetch_add(1, Ordering::Relaxed);
                build(db, catalog, base).await.map(Arc::new)
            })
            .await;
        match built {
            Ok(built) => {
                *self.last.write().expect("directory lock") = Some(built.clone());
                Ok(built)
            }
            Err(err) => match self.last.read().expect("directory lock").clone() {
                Some(last) => Ok(last),
                None => Err(match Arc::try_unwrap(err) {
                    Ok(err) => err,
                    // Shared with the other requests that waited for the same build: an outage
                    // stays one (503), anything else is an error of its own (500).
                    Err(shared) => match &*shared {
                        sqlx::Error::PoolTimedOut
                        | sqlx::Error::PoolClosed
                        | sqlx::Error::Io(_) => sqlx::Error::PoolTimedOut,
                        other => sqlx::Error::Protocol(other.to_string()),
                    },
                }),
            },
        }
    }
}

#[derive(sqlx::FromRow)]
struct AuthorityRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
}

#[derive(sqlx::FromRow)]
struct FacilityRow {
    id: i64,
    authority_id: i64,
    area: String,
    name: String,
    kind: String,
    town: String,
    province: String,
    address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct AgendaRow {
    id: i64,
    facility_id: i64,
    service_id: i64,
    label: String,
    active: i64,
}

/// What the directory is built from: the rows of its four queries.
type Rows = (
    Vec<AuthorityRow>,
    Vec<FacilityRow>,
    Vec<AgendaRow>,
    Vec<(i64, Option<String>)>,
);

async fn build(db: &Db, catalog: &Catalog, base: &str) -> Result<Built, sqlx::Error> {
    let (authorities, facilities, agendas, reservations): Rows = on_read!(db, pool => {
        (
            sqlx::query_as("select id, code, name, kind from health_authorities order by code")
                .fetch_all(pool)
                .await?,
            sqlx::query_as(
                "select f.id, f.authority_id, a.name as area, f.name, f.kind, f.town, \
                 f.province, f.address, f.latitude, f.longitude \
                 from facilities f join areas a on a.id = f.area_id order by f.id",
            )
            .fetch_all(pool)
            .await?,
            sqlx::query_as(
                "select id, facility_id, service_id, label, \
                 cast(case when active then 1 else 0 end as bigint) as active \
                 from agendas order by id",
            )
            .fetch_all(pool)
            .await?,
            sqlx::query_as(
                "select distinct agenda_id, reserved_priority from agenda_templates",
            )
            .fetch_all(pool)
            .await?,
        )
    });
    let mut built = Built::default();
    let authority_code: HashMap<i64, &str> = authorities
        .iter()
        .map(|a| (a.id, a.code.as_str()))
        .collect();
    for a in &authorities {
        let (system, kind_text) = if a.kind == "aou" {
            (systems::MINSAN_HSP, "Azienda ospedaliero-universitaria")
        } else {
            (systems::MINSAN_FLS, "Azienda USL")
        };
        let value = json!({
            "resourceType": "Organization",
            "id": a.code,
            "language": "it",
            "identifier": [{ "system": system, "value": a.code }],
            "active": true,
            "type": [{
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/organization-type",
                    "code": "prov",
                    "display": "Healthcare Provider"
                }],
                "text": kind_text
            }],
            "name": a.name,
            "address": [{ "country": "IT" }]
        });
        built.push(
            Kind::Organization,
            Entry::new(
                a.code.clone(),
                value,
                vec![
                    ("_id", a.code.clone()),
                    ("identifier", a.code.clone()),
                    ("identifier", format!("{system}|{}", a.code)),
                    ("name", a.name.clone()),
                    ("type", "prov".into()),
                    ("type", format!("{}|prov", systems::ORGANIZATION_TYPE)),
                ],
            ),
        );
    }
    let facility_org: HashMap<i64, String> = facilities
        .iter()
        .map(|f| {
            (
                f.id,
                authority_code
                    .get(&f.authority_id)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    for f in &facilities {
        let org = &facility_org[&f.id];
        let (type_code, type_display) = if f.kind == "hospital" {
            ("HOSP", "Hospital")
        } else {
            ("OF", "Outpatient facility")
        };
        let mut value = json!({
            "resourceType": "Location",
            "id": f.id.to_string(),
            "language": "it",
            "extension": [{ "url": systems::area_extension(base), "valueString": f.area }],
            "status": "active",
            "name": f.name,
            "mode": "instance",
            "type": [{
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                    "code": type_code,
                    "display": type_display
                }]
            }],
            "address": {
                "use": "work",
                "type": "physical",
                "line": [f.address],
                "city": f.town,
                "district": f.province,
                "country": "IT"
            },
            "physicalType": {
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/location-physical-type",
                    "code": "bu",
                    "display": "Building"
                }]
            },
            "managingOrganization": { "reference": format!("Organization/{org}") }
        });
        if let (Some(latitude), Some(longitude)) = (f.latitude, f.longitude) {
            value["position"] = json!({ "latitude": latitude, "longitude": longitude });
        }
        built.push(
            Kind::Location,
            Entry::new(
                f.id.to_string(),
                value,
                vec![
                    ("_id", f.id.to_string()),
                    ("name", f.name.clone()),
                    ("address-city", f.town.clone()),
                    ("organization", format!("Organization/{org}")),
                    ("organization", org.clone()),
                    ("type", type_code.into()),
                    ("type", format!("{}|{type_code}", systems::ROLE_CODE)),
                ],
            ),
        );
    }
    // The priority classes each agenda serves: every class when some of its hours are kept for
    // none, else those that may use the classes its hours are kept for.
    let mut classes: HashMap<i64, BTreeSet<&'static str>> = HashMap::new();
    for (agenda_id, reserved) in &reservations {
        let reserved = reserved
            .as_deref()
            .and_then(|r| PriorityClass::parse(r).ok());
        classes
            .entry(*agenda_id)
            .or_default()
            .extend(classes_for(reserved).into_iter().filter(|c| *c != "-"));
    }
    // A healthcare service is a catalogue service at a facility: the agendas that share both.
    let mut services: Vec<(i64, i64)> = agendas
        .iter()
        .map(|a| (a.facility_id, a.service_id))
        .collect();
    services.sort_unstable();
    services.dedup();
    for (facility_id, service_id) in services {
        let (Some(service), Some(org)) =
            (catalog.by_id(service_id), facility_org.get(&facility_id))
        else {
            continue;
        };
        let id = format!("{facility_id}-{service_id}");
        let of_it: Vec<&AgendaRow> = agendas
            .iter()
            .filter(|a| a.facility_id == facility_id && a.service_id == service_id)
            .collect();
        let served: BTreeSet<&str> = of_it
            .iter()
            .flat_map(|a| classes.get(&a.id).into_iter().flatten().copied())
            .collect();
        let active = of_it.iter().any(|a| a.active == 1);
        let code = &service.row.code;
        let characteristic: Vec<Value> = PriorityClass::ALL
            .into_iter()
            .filter(|c| served.contains(c.as_str()))
            .map(|c| {
                json!({
                    "coding": [{ "system": systems::priority(base), "code": c.as_str() }]
                })
            })
            .collect();
        let mut value = json!({
            "resourceType": "HealthcareService",
            "id": id,
            "language": "it",
            "active": active,
            "providedBy": { "reference": format!("Organization/{org}") },
            "type": [service_type(base, catalog, service_id)],
            "specialty": [{ "text": service.row.discipline }],
            "location": [{ "reference": format!("Location/{facility_id}") }],
            "name": service.name(Lang::It),
            "appointmentRequired": true
        });
        if !characteristic.is_empty() {
            value["characteristic"] = Value::from(characteristic);
        }
        let mut terms = vec![
            ("_id", id.clone()),
            ("service-type", code.clone()),
            ("service-type", format!("{}|{code}", systems::catalog(base))),
            ("location", format!("Location/{facility_id}")),
            ("location", facility_id.to_string()),
            ("organization", format!("Organization/{org}")),
            ("organization", org.clone()),
            ("name", service.row.name_it.clone()),
            ("name", service.row.name_en.clone()),
        ];
        for class in &served {
            terms.push(("characteristic", (*class).to_owned()));
            terms.push((
                "characteristic",
                format!("{}|{class}", systems::priority(base)),
            ));
        }
        built.push(Kind::HealthcareService, Entry::new(id, value, terms));
    }
    for a in &agendas {
        let Some(service) = catalog.by_id(a.service_id) else {
            continue;
        };
        let code = &service.row.code;
        let healthcare = format!("HealthcareService/{}-{}", a.facility_id, a.service_id);
        let value = json!({
            "resourceType": "Schedule",
            "id": a.id.to_string(),
            "language": "it",
            "active": a.active == 1,
            "serviceType": [service_type(base, catalog, a.service_id)],
            "specialty": [{ "text": service.row.discipline }],
            "actor": [
                { "reference": healthcare },
                { "reference": format!("Location/{}", a.facility_id) }
            ],
            "comment": a.label
        });
        built.push(
            Kind::Schedule,
            Entry::new(
                a.id.to_string(),
                value,
                vec![
                    ("_id", a.id.to_string()),
                    ("actor", healthcare),
                    ("actor", format!("Location/{}", a.facility_id)),
                    ("service-type", code.clone()),
                    ("service-type", format!("{}|{code}", systems::catalog(base))),
                    ("active", (a.active == 1).to_string()),
                ],
            ),
        );
        built.agendas.insert(
            a.id,
            Agenda {
                service_id: a.service_id,
                facility_id: a.facility_id,
            },
        );
    }
    Ok(built)
}

/// The `CodeableConcept` of a catalogue service.
pub fn service_type(base: &str, catalog: &Catalog, service_id: i64) -> Value {
    match catalog.by_id(service_id) {
        Some(service) => json!({
            "coding": [{
                "system": systems::catalog(base),
                "code": service.row.code,
                "display": service.row.name_it
            }],
            "text": service.row.name_it
        }),
        None => json!({ "text": service_id.to_string() }),
    }
}
