//! The region's facts: health authorities, their areas, facilities (from the real Tuscan list)
//! and catalogue services, each service with the scheduling profile the agendas follow.

use std::collections::{BTreeMap, HashSet};

use app::domain::ServiceKind;

use super::cast::CAST_PRESCRIPTIONS;
use super::plan::{Plan, SeedError};
use super::schedule::{self, Profile};
use super::sources;
use super::tables::{T_AREAS, T_AUTHORITIES, T_FACILITIES, T_SERVICES};
use crate::db::bulk::Loader;

pub(super) struct ServiceInfo {
    pub id: i64,
    pub code: &'static str,
    pub kind: ServiceKind,
    pub profile: Profile,
}

pub(super) struct FacilityInfo {
    pub id: i64,
    pub hospital: bool,
    pub university: bool,
    pub area_id: i64,
    /// >1 for the big city hospitals everyone asks for first.
    pub busyness: f64,
}

/// What the agendas are made of.
pub(super) struct Region {
    pub facilities: Vec<FacilityInfo>,
    pub services: Vec<ServiceInfo>,
}

/// Loads the region's facts; at the tiny scale, a few facilities and the services the cast needs.
pub(super) async fn load(loader: &mut Loader, plan: &Plan) -> Result<Region, SeedError> {
    Ok(Region {
        facilities: facilities(loader, plan).await?,
        services: services(loader, plan).await?,
    })
}

/// Authorities, areas and facilities.
async fn facilities(loader: &mut Loader, plan: &Plan) -> Result<Vec<FacilityInfo>, SeedError> {
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
    Ok(facilities)
}

/// The catalogue services, each with its scheduling profile.
async fn services(loader: &mut Loader, plan: &Plan) -> Result<Vec<ServiceInfo>, SeedError> {
    let cast_services: HashSet<&str> = CAST_PRESCRIPTIONS.iter().map(|p| p.service).collect();
    let mut services = Vec::new();
    let mut rows = Vec::new();
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
    Ok(services)
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
