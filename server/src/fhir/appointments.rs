//! Appointments, as IHE ITI Scheduling has them: `$find` (ITI-115) proposes slots for a
//! prescription, `$hold` (ITI-116) keeps one for a few minutes, `$book` (ITI-117) books it (or
//! cancels or moves a booking), and `GET Appointment/{id}` and `POST Appointment/_search`
//! (ITI-118) show them. The same booking core as the HTML journey and `/api/v1` does the work
//! (`booking::hold`, `booking::book`, `booking::change`): one writer, the same rules, the same
//! guarantees (the database's unique indexes: never two bookings of one slot).
//!
//! A caller proves the right to a prescription with the patient's fiscal code and its NRE, and
//! to a booking with the fiscal code and its booking code (or NRE); each try is counted like the
//! API's (`throttle`), and beyond the limit the answer is 429. What `$find` and `$hold` answer
//! are capabilities (`ids`): an appointment's id is all `$hold` and `$book` need, and nobody can
//! make one up. Codes that prove something travel in bodies, never in URLs: an appointment
//! search is a `POST` (`GET Appointment?…` is refused with the reason).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

use app::domain::{
    BookingCode, BookingStatus, Channel, Email, FiscalCode, Nre, Phone, PriorityClass, calendar,
};
use app::i18n::Lang;

use super::directory::service_type;
use super::ids::{self, AppointmentId, IdProblem, PROPOSAL_SECONDS};
use super::slots::instant;
use super::systems;
use super::wire::{FhirError, FhirResult, Prepared, json_response, read_response};
use crate::api::lang::ApiLang;
use crate::audit::Actor;
use crate::availability::{FreeSlot, SlotQuery};
use crate::booking::book::{Contacts, book_now, confirm};
use crate::booking::change::{cancel as cancel_booking, move_to as move_booking};
use crate::booking::details::{self, BookingRow};
use crate::booking::error::BookingError;
use crate::booking::hold::hold as hold_slot;
use crate::booking::rules::{CancelReason, HOLD_SECONDS, ReasonError, may_change};
use crate::clock::start_of_day;
use crate::db::on_read;
use crate::prescriptions::{self, Prescription, Problem};
use crate::state::AppState;
use crate::throttle::Guess;
use crate::web::client::{Client, ClientKey};

/// FHIR callers are apps: their bookings are the app channel's, and its quotas apply.
const CHANNEL: Channel = Channel::App;
const ACTOR: Actor = Actor::Citizen(CHANNEL);
/// Proposals a `$find` answers with at most.
const PROPOSALS: usize = 10;
/// Slots read per cached question, and questions at most, when a location narrows the search.
const SCAN: i64 = 50;
const SCAN_PAGES: usize = 10;
/// Appointments an `_search` answers with at most (one prescription's bookings, usually one).
const MAX_FOUND: usize = 50;
/// HL7 Italia's identifier types (CF, STP, ENI).
const IT_IDENTIFIER_TYPE: &str =
    "https://www.hl7.it/fhir/terminology/CodeSystem/it-identifier-type";

// --- the request ------------------------------------------------------------------------------

/// A `Parameters` resource sent to an operation.
struct Parameters(Vec<Value>);

impl Parameters {
    fn parse(lang: Lang, headers: &HeaderMap, body: &[u8]) -> FhirResult<Parameters> {
        let value = json_body(lang, headers, body)?;
        if value["resourceType"] != "Parameters" {
            return Err(FhirError::invalid(
                lang,
                "the body must be a Parameters resource",
            ));
        }
        match &value["parameter"] {
            Value::Null => Ok(Parameters(Vec::new())),
            Value::Array(list) => Ok(Parameters(list.clone())),
            _ => Err(FhirError::invalid(
                lang,
                "Parameters.parameter must be an array",
            )),
        }
    }

    fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.0.iter().filter(move |p| p["name"] == name)
    }

    /// The one parameter of this name, if given; twice is an error.
    fn one<'a>(&'a self, lang: Lang, name: &'a str) -> FhirResult<Option<&'a Value>> {
        let mut found = self.named(name);
        let first = found.next();
        if found.next().is_some() {
            return Err(FhirError::invalid(lang, format!("{name}: at most once")));
        }
        Ok(first)
    }
}

/// A JSON body in one of FHIR's JSON media types.
fn json_body(lang: Lang, headers: &HeaderMap, body: &[u8]) -> FhirResult<Value> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if media != "application/fhir+json" && media != "application/json" {
        return Err(FhirError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            lang.t().error_summary_title,
            "send application/fhir+json",
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| FhirError::invalid(lang, format!("the body is not JSON: {e}")))
}

fn unprocessable(code: &'static str, text: impl Into<String>, diagnostics: &str) -> FhirError {
    FhirError::new(StatusCode::UNPROCESSABLE_ENTITY, code, text, diagnostics)
}

/// Whether an `Identifier` is a fiscal code (or an STP or ENI code).
fn is_fiscal_code(identifier: &Value) -> bool {
    let system = identifier["system"].as_str().unwrap_or_default();
    system == systems::FISCAL_CODE
        || system == systems::FISCAL_CODE_OID
        || identifier["type"]["coding"]
            .as_array()
            .is_some_and(|codings| {
                codings.iter().any(|c| {
                    c["system"] == IT_IDENTIFIER_TYPE
                        && matches!(c["code"].as_str(), Some("CF" | "STP" | "ENI"))
                })
            })
}

/// The patient's fiscal code, from `patient-resource` (its identifiers) or `patient-reference`
/// (a logical reference by identifier).
fn patient_fiscal_code(lang: Lang, params: &Parameters) -> FhirResult<FiscalCode> {
    let mut identifiers: Vec<&Value> = Vec::new();
    for p in params.named("patient-resource") {
        if let Some(list) = p["resource"]["identifier"].as_array() {
            identifiers.extend(list);
        }
    }
    for p in params.named("patient-reference") {
        identifiers.push(&p["valueReference"]["identifier"]);
    }
    let value = identifiers
        .into_iter()
        .find(|i| is_fiscal_code(i))
        .and_then(|i| i["value"].as_str())
        .ok_or_else(|| {
            FhirError::invalid(
                lang,
                format!(
                    "patient-resource (or patient-reference) with an identifier of system {} is required",
                    systems::FISCAL_CODE
                ),
            )
        })?;
    FiscalCode::parse(value).map_err(|e| {
        unprocessable(
            "value",
            lang.t().fiscal_code_error(e),
            "the patient's identifier is not a fiscal code",
        )
    })
}

/// Contacts for reminders, from the patient resource's `telecom`.
fn contacts(lang: Lang, params: &Parameters) -> FhirResult<Contacts> {
    let t = lang.t();
    let mut found = Contacts {
        phone: None,
        email: None,
        lang,
    };
    for p in params.named("patient-resource") {
        for telecom in p["resource"]["telecom"].as_array().into_iter().flatten() {
            let Some(value) = telecom["value"].as_str() else {
                continue;
            };
            match telecom["system"].as_str() {
                Some("phone" | "sms") if found.phone.is_none() => {
                    found.phone = Some(Phone::parse(value).map_err(|e| {
                        unprocessable("value", t.phone_error(e), "telecom: not a phone number")
                    })?);
                }
                Some("email") if found.email.is_none() => {
                    found.email = Some(Email::parse(value).map_err(|e| {
                        unprocessable("value", t.email_error(e), "telecom: not an e-mail address")
                    })?);
                }
                _ => {}
            }
        }
    }
    Ok(found)
}

/// The prescription's NRE, from `referral-identifier`.
fn referral(lang: Lang, params: &Parameters) -> FhirResult<Nre> {
    let identifier = params
        .one(lang, "referral-identifier")?
        .map(|p| &p["valueIdentifier"])
        .filter(|i| i["system"].is_null() || i["system"] == systems::NRE)
        .and_then(|i| i["value"].as_str())
        .ok_or_else(|| {
            FhirError::invalid(
                lang,
                format!(
                    "referral-identifier (the prescription's NRE, system {}) is required",
                    systems::NRE
                ),
            )
        })?;
    Nre::parse(identifier).map_err(|e| {
        unprocessable(
            "value",
            lang.t().nre_error(e),
            "referral-identifier: not an NRE",
        )
    })
}

/// A `date` or `dateTime` as an instant: a date's first (or, for an end, last) moment.
fn moment(value: &Value, end: bool) -> Option<i64> {
    let text = value["valueDateTime"]
        .as_str()
        .or_else(|| value["valueDate"].as_str())?;
    if text.len() == 10 {
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
        let day = if end { day.succ_opt()? } else { day };
        Some(start_of_day(day))
    } else {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.timestamp())
    }
}

/// `start` and `end`: the period to look in.
fn period(lang: Lang, params: &Parameters) -> FhirResult<(Option<i64>, Option<i64>)> {
    let mut bounds = [None, None];
    for (i, name) in ["start", "end"].into_iter().enumerate() {
        if let Some(p) = params.one(lang, name)? {
            bounds[i] = Some(moment(p, i == 1).ok_or_else(|| {
                FhirError::invalid(lang, format!("{name}: not a date or dateTime"))
            })?);
        }
    }
    Ok((bounds[0], bounds[1]))
}

/// Where to look: a facility (`location-reference`), a town or an area (`location-string`).
#[derive(Default)]
struct Place {
    facility: Option<i64>,
    town: Option<String>,
    area: Option<i64>,
}

fn place(lang: Lang, state: &AppState, params: &Parameters) -> FhirResult<Place> {
    let dir = &state.directory;
    let mut place = Place::default();
    if let Some(p) = params.one(lang, "location-reference")? {
        let reference = p["valueReference"]["reference"]
            .as_str()
            .unwrap_or_default();
        let facility = reference
            .rsplit_once("Location/")
            .and_then(|(_, id)| id.parse::<i64>().ok())
            .and_then(|id| dir.get(id))
            .ok_or_else(|| {
                unprocessable(
                    "not-found",
                    lang.t().not_found_body,
                    "location-reference: no such Location",
                )
            })?;
        place.facility = Some(facility.id);
        place.town = Some(facility.town.clone());
    }
    if let Some(p) = params.one(lang, "location-string")? {
        let text = p["valueString"].as_str().unwrap_or_default().trim();
        let same = |name: &str| name.eq_ignore_ascii_case(text);
        if let Some(town) = dir.towns().iter().find(|t| same(t)) {
            place.town = Some(town.clone());
        } else if let Some((area, _)) = dir.areas().iter().find(|(_, name)| same(name)) {
            place.area = Some(*area);
        } else {
            return Err(unprocessable(
                "not-found",
                lang.t().not_found_body,
                "location-string: not a town or an area (zona-distretto) of the region",
            ));
        }
    }
    Ok(place)
}

/// The prescription proven by the fiscal code and the NRE, counted as a guess.
async fn proven(
    state: &AppState,
    lang: Lang,
    client: ClientKey,
    fiscal_code: &FiscalCode,
    nre: &Nre,
) -> FhirResult<Prescription> {
    let guess = throttled(state, lang, client, fiscal_code).await?;
    let catalog = state.catalog.clone();
    let checked = prescriptions::check(&state.db, fiscal_code, nre, state.clock.today(), |id| {
        catalog.by_id(id).map(|s| s.kind)
    })
    .await?;
    if checked.as_ref().is_err_and(Problem::is_wrong_guess) {
        guess.wrong();
    } else {
        guess.right();
    }
    checked.map_err(|problem| {
        let (status, code) = match problem {
            Problem::NoMatch => (StatusCode::UNPROCESSABLE_ENTITY, "not-found"),
            Problem::AlreadyBooked => (StatusCode::CONFLICT, "duplicate"),
            Problem::NotBookable | Problem::Expired { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "business-rule")
            }
        };
        FhirError::new(status, code, problem.message(lang), problem.code())
    })
}

/// One more try at a fiscal code's data, or 429 when there were too many.
async fn throttled<'a>(
    state: &'a AppState,
    lang: Lang,
    client: ClientKey,
    fiscal_code: &FiscalCode,
) -> FhirResult<Guess<'a>> {
    state
        .throttle
        .citizen(client, fiscal_code.as_str())
        .await
        .map_err(|too_many| {
            FhirError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                (lang.t().too_many_body)(too_many.minutes()),
                format!("retry after {} s", too_many.seconds()),
            )
        })
}

fn booking_error(lang: Lang, err: BookingError) -> FhirError {
    let t = lang.t();
    match err {
        BookingError::SlotTaken => {
            FhirError::new(StatusCode::CONFLICT, "conflict", t.slot_taken, "slot_taken")
        }
        BookingError::HoldExpired => FhirError::new(
            StatusCode::CONFLICT,
            "conflict",
            t.hold_expired,
            "hold_expired: the hold lapsed or was used; $find again",
        ),
        BookingError::AlreadyBooked => FhirError::new(
            StatusCode::CONFLICT,
            "duplicate",
            t.rx_booked,
            "already_booked",
        ),
        BookingError::SlotUnavailable => {
            unprocessable("business-rule", t.slot_unavailable, "slot_unavailable")
        }
        BookingError::NotActive => {
            FhirError::new(StatusCode::CONFLICT, "conflict", t.not_active, "not_active")
        }
        BookingError::TooLateToChange { last_day } => FhirError::new(
            StatusCode::CONFLICT,
            "business-rule",
            (t.too_late)(&lang.long_date(last_day)),
            format!("too_late: the last day to change it online was {last_day}"),
        ),
        BookingError::NoFreeCode => FhirError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "exception",
            t.error_body,
            "",
        ),
        BookingError::Db(err) => FhirError::Db(err),
    }
}

fn id_error(lang: Lang, problem: IdProblem) -> FhirError {
    match problem {
        IdProblem::Unknown => FhirError::not_found(
            lang,
            "not an appointment this server proposed, held or booked",
        ),
        IdProblem::Expired => FhirError::new(
            StatusCode::CONFLICT,
            "expired",
            lang.t().hold_expired,
            "the proposal expired: $find again",
        ),
    }
}

// --- the resources ----------------------------------------------------------------------------

fn patient(fiscal_code: &FiscalCode, status: &str, name: Option<String>) -> Value {
    let code = fiscal_code.as_str();
    let kind = if code.starts_with("STP") {
        "STP"
    } else if code.starts_with("ENI") {
        "ENI"
    } else {
        "CF"
    };
    let mut actor = json!({
        "type": "Patient",
        "identifier": {
            "type": { "coding": [{ "system": IT_IDENTIFIER_TYPE, "code": kind }] },
            "system": systems::FISCAL_CODE,
            "value": code
        }
    });
    if let Some(name) = name {
        actor["display"] = Value::from(name);
    }
    json!({ "actor": actor, "required": "required", "status": status })
}

/// The place and the service of an appointment, as participants.
fn places(state: &AppState, facility_id: i64, service_id: i64) -> [Value; 2] {
    let mut location = json!({ "reference": format!("Location/{facility_id}") });
    if let Some(f) = state.directory.get(facility_id) {
        location["display"] = Value::from(format!("{}, {}", f.name, f.town));
    }
    [
        json!({ "actor": location, "required": "required", "status": "accepted" }),
        json!({
            "actor": { "reference": format!("HealthcareService/{facility_id}-{service_id}") },
            "required": "required",
            "status": "accepted"
        }),
    ]
}

/// An appointment not booked yet: proposed by `$find` or held by `$hold`.
struct Unbooked<'a> {
    id: String,
    status: &'static str,
    slot_id: i64,
    starts_at: i64,
    ends_at: i64,
    facility_id: i64,
    prescription: &'a Prescription,
    nre: Option<&'a Nre>,
    comment: Option<&'a str>,
    /// The period asked for (IHE's `requestedPeriod`).
    asked: (i64, i64),
}

fn unbooked(state: &AppState, a: &Unbooked) -> Value {
    let base = state.links.base_url();
    let service_id = a.prescription.service_id;
    let [location, service] = places(state, a.facility_id, service_id);
    let mut value = json!({
        "resourceType": "Appointment",
        "id": a.id,
        "status": a.status,
        "serviceType": [service_type(base, &state.catalog, service_id)],
        "start": instant(a.starts_at),
        "end": instant(a.ends_at),
        "slot": [{ "reference": format!("Slot/{}", a.slot_id) }],
        "participant": [patient(&a.prescription.fiscal_code, "needs-action", None), location, service],
        "requestedPeriod": [{ "start": instant(a.asked.0), "end": instant(a.asked.1) }]
    });
    value["priority"] = Value::from(priority_number(a.prescription.priority));
    if let Some(nre) = a.nre {
        value["basedOn"] = json!([{
            "type": "ServiceRequest",
            "identifier": { "system": systems::NRE, "value": nre.as_str() }
        }]);
    }
    if let Some(comment) = a.comment {
        value["comment"] = Value::from(comment);
    }
    value
}

/// FHIR's `priority` (0 undefined, 1 highest): the prescription's class, U first.
fn priority_number(class: PriorityClass) -> u32 {
    match class {
        PriorityClass::U => 1,
        PriorityClass::B => 2,
        PriorityClass::D => 3,
        PriorityClass::P => 4,
    }
}

/// A booking as an `Appointment`: booked, cancelled, fulfilled or no-show. Written without
/// words in any language, so that its ETag is the same for every caller.
fn booked(state: &AppState, row: &BookingRow) -> Value {
    let base = state.links.base_url();
    let [location, service] = places(state, row.facility_id, row.service_id);
    let status = match row.status {
        BookingStatus::Confirmed => "booked",
        BookingStatus::Cancelled => "cancelled",
        BookingStatus::Attended => "fulfilled",
        BookingStatus::NoShow => "noshow",
    };
    let name = format!("{} {}", row.given_name, row.family_name);
    let mut value = json!({
        "resourceType": "Appointment",
        "id": ids::booked(&state.links, row.id),
        "identifier": [{ "system": systems::booking_code(base), "value": row.code }],
        "status": status,
        "serviceType": [service_type(base, &state.catalog, row.service_id)],
        "priority": priority_number(row.priority),
        "start": instant(row.starts_at),
        "end": instant(row.ends_at),
        "created": instant(row.created_at),
        "slot": [{ "reference": format!("Slot/{}", row.slot_id) }],
        "participant": [patient(&row.fiscal_code, "accepted", Some(name)), location, service],
        "requestedPeriod": [{ "start": instant(row.starts_at), "end": instant(row.ends_at) }]
    });
    if let Some(reason) = row.cancel_reason.as_deref().filter(|r| !r.is_empty()) {
        value["cancelationReason"] = json!({ "text": reason });
    }
    value
}

/// An IHE Scheduling Bundle: a `searchset` with its `total`, the appointments as matches and
/// an optional `OperationOutcome` saying why there are none.
fn bundle(base: &str, appointments: &[Value], outcome: Option<Value>) -> Value {
    let mut entries: Vec<Value> = appointments
        .iter()
        .map(|a| {
            json!({
                "fullUrl": format!("{base}/fhir/r4/Appointment/{}", a["id"].as_str().unwrap_or_default()),
                "resource": a,
                "search": { "mode": "match" }
            })
        })
        .collect();
    if let Some(outcome) = outcome {
        entries.push(json!({ "resource": outcome, "search": { "mode": "outcome" } }));
    }
    let mut value = json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": appointments.len()
    });
    if !entries.is_empty() {
        value["entry"] = Value::from(entries);
    }
    value
}

fn answer(value: &Value) -> Response {
    let mut response = json_response(StatusCode::OK, value);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

// --- $find ------------------------------------------------------------------------------------

/// `POST /fhir/r4/Appointment/$find` (ITI-115): the first slots the prescription may take,
/// within its priority's deadline, as `/prenota` offers them: for every class but U, slots that
/// could no longer be changed online come after the others, marked.
pub async fn find(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> FhirResult<Response> {
    let params = Parameters::parse(lang, &headers, &body)?;
    let fiscal_code = patient_fiscal_code(lang, &params)?;
    let nre = referral(lang, &params)?;
    let (start, end) = period(lang, &params)?;
    let place = place(lang, &state, &params)?;
    let prescription = proven(&state, lang, client, &fiscal_code, &nre).await?;
    let kind = state
        .catalog
        .by_id(prescription.service_id)
        .map(|s| s.kind)
        .ok_or(FhirError::Db(sqlx::Error::RowNotFound))?;
    let deadline = prescription.deadline(kind);
    let (now, today) = (state.clock.now(), state.clock.today());
    let until = start_of_day(deadline.succ_opt().unwrap_or(deadline));
    let until = end.map_or(until, |e| e.min(until));
    let from = start.map_or(now, |s| s.max(now));
    let urgent = prescription.priority == PriorityClass::U;
    let changeable_from = start_of_day(calendar::first_day_changeable_online(today));

    let asker = prescription.asker(CHANNEL);
    let query = SlotQuery {
        area_id: place.area,
        town: place.town.clone(),
        ..SlotQuery::first(prescription.service_id, asker, SCAN)
    };
    let (found, late) = if urgent || from >= changeable_from {
        let found = scan(&state, &query, from, until, place.facility, now).await?;
        (found, Vec::new())
    } else {
        let found = scan(&state, &query, changeable_from, until, place.facility, now).await?;
        let late = if found.len() < PROPOSALS {
            let until = until.min(changeable_from);
            scan(&state, &query, from, until, place.facility, now).await?
        } else {
            Vec::new()
        };
        (found, late)
    };
    let expires_at = now + PROPOSAL_SECONDS;
    let t = lang.t();
    let mut appointments = Vec::new();
    for (slot, comment) in found
        .iter()
        .map(|s| (s, None))
        .chain(late.iter().map(|s| (s, Some(t.not_changeable_online))))
        .take(PROPOSALS)
    {
        appointments.push(unbooked(
            &state,
            &Unbooked {
                id: ids::proposed(&state.links, slot.id, prescription.id, expires_at),
                status: "proposed",
                slot_id: slot.id,
                starts_at: slot.starts_at,
                ends_at: slot.ends_at,
                facility_id: slot.facility_id,
                prescription: &prescription,
                nre: Some(&nre),
                comment,
                asked: (from, until),
            },
        ));
    }
    let outcome = appointments.is_empty().then(|| {
        let filtered = place.facility.is_some()
            || place.town.is_some()
            || place.area.is_some()
            || start.is_some()
            || end.is_some();
        let text = if filtered {
            t.no_slots.to_owned()
        } else {
            (t.none_in_time_body)(&lang.long_date(deadline))
        };
        super::wire::outcome(
            "information",
            "not-found",
            &text,
            &format!("no free slot before the deadline {deadline}"),
        )
    });
    Ok(answer(&bundle(
        state.links.base_url(),
        &appointments,
        outcome,
    )))
}

/// Free slots for `query` from `from` until `until`, at `facility` when given, through the
/// availability cache, a page at a time.
async fn scan(
    state: &AppState,
    query: &SlotQuery,
    from: i64,
    until: i64,
    facility: Option<i64>,
    now: i64,
) -> FhirResult<Vec<FreeSlot>> {
    let mut found = Vec::new();
    if from >= until {
        return Ok(found);
    }
    let mut after = None;
    for _ in 0..SCAN_PAGES {
        let page = SlotQuery {
            from: Some(from),
            after,
            ..query.clone()
        };
        let slots = state.availability.free_slots(&state.db, &page, now).await?;
        let exhausted = (slots.len() as i64) < SCAN;
        for slot in slots {
            after = Some((slot.starts_at, slot.id));
            if slot.starts_at >= until {
                return Ok(found);
            }
            if facility.is_none_or(|f| f == slot.facility_id) {
                found.push(slot);
                if found.len() >= PROPOSALS {
                    return Ok(found);
                }
            }
        }
        if exhausted {
            break;
        }
    }
    Ok(found)
}

// --- $hold ------------------------------------------------------------------------------------

/// Where a slot is and when, for an appointment held or booked from a proposal.
async fn slot_of(state: &AppState, slot_id: i64) -> FhirResult<Option<(i64, i64, i64)>> {
    Ok(on_read!(&state.db, pool => {
        sqlx::query_as("select starts_at, ends_at, facility_id from slots where id = $1")
            .bind(slot_id)
            .fetch_optional(pool)
            .await?
    }))
}

/// The appointment a reference parameter (or an `appointment-resource`'s id) names.
fn appointment_id(
    state: &AppState,
    lang: Lang,
    params: &Parameters,
) -> FhirResult<(AppointmentId, Option<Value>)> {
    let resource = params
        .one(lang, "appointment-resource")?
        .map(|p| p["resource"].clone());
    let reference = match (&resource, params.one(lang, "appointment-reference")?) {
        (Some(r), _) => r["id"].as_str().map(str::to_owned),
        (None, Some(p)) => p["valueReference"]["reference"].as_str().map(str::to_owned),
        (None, None) => None,
    }
    .ok_or_else(|| {
        FhirError::invalid(
            lang,
            "appointment-reference (or appointment-resource with its id) is required",
        )
    })?;
    let id =
        ids::parse(&state.links, &reference, state.clock.now()).map_err(|p| id_error(lang, p))?;
    Ok((id, resource))
}

async fn proposal(state: &AppState, lang: Lang, prescription_id: i64) -> FhirResult<Prescription> {
    prescriptions::by_id(&state.db, prescription_id)
        .await?
        .ok_or_else(|| FhirError::not_found(lang, "the prescription is gone"))
}

/// `POST /fhir/r4/Appointment/$hold` (ITI-116): keeps a proposed slot for the prescription
/// for a few minutes (`HOLD_SECONDS`, as the HTML journey does); the answer's appointment is
/// what `$book` books.
pub async fn hold(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    body: Bytes,
) -> FhirResult<Response> {
    let params = Parameters::parse(lang, &headers, &body)?;
    let (id, _) = appointment_id(&state, lang, &params)?;
    let AppointmentId::Proposed {
        slot_id,
        prescription_id,
        ..
    } = id
    else {
        return Err(unprocessable(
            "business-rule",
            lang.t().error_summary_title,
            "only an appointment proposed by $find can be held",
        ));
    };
    let prescription = proposal(&state, lang, prescription_id).await?;
    let now = state.clock.now();
    let held = hold_slot(
        &state.db,
        &prescription,
        slot_id,
        prescription.asker(CHANNEL),
        now,
        HOLD_SECONDS,
    )
    .await
    .map_err(|e| booking_error(lang, e))?;
    let (starts_at, ends_at, facility_id) = slot_of(&state, slot_id)
        .await?
        .ok_or_else(|| FhirError::not_found(lang, "the slot is gone"))?;
    let until = lang.date_time(crate::clock::local(held.expires_at));
    let comment = format!("{} {until}", lang.t().messages.label_hold_until);
    let appointment = unbooked(
        &state,
        &Unbooked {
            id: ids::held(&held.token),
            status: "pending",
            slot_id,
            starts_at,
            ends_at,
            facility_id,
            prescription: &prescription,
            nre: None,
            comment: Some(&comment),
            asked: (starts_at, ends_at),
        },
    );
    Ok(answer(&bundle(
        state.links.base_url(),
        &[appointment],
        None,
    )))
}

// --- $book ------------------------------------------------------------------------------------

/// `POST /fhir/r4/Appointment/$book` (ITI-117): books a proposed or held appointment; with an
/// `appointment-resource` of a booked appointment, cancels it (`status` `cancelled`, the reason
/// in `cancelationReason.text` or `comment`) or moves it (`slot` naming another free slot).
/// `If-Match` with the appointment's `ETag` makes a change conditional (412 when it changed).
pub async fn book(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    body: Bytes,
) -> FhirResult<Response> {
    let params = Parameters::parse(lang, &headers, &body)?;
    let (id, resource) = appointment_id(&state, lang, &params)?;
    let now = state.clock.now();
    let booking_id = match id {
        AppointmentId::Booked { booking_id } => {
            let status = resource
                .as_ref()
                .and_then(|r| r["status"].as_str())
                .unwrap_or("booked");
            let row = details::by_id(&state.db, booking_id)
                .await?
                .ok_or_else(|| FhirError::not_found(lang, "no such appointment"))?;
            if_match(&state, lang, &headers, &row)?;
            match status {
                "cancelled" => cancel(&state, lang, &params, resource.as_ref(), &row).await?,
                "booked" => {
                    let slot = resource.as_ref().and_then(|r| {
                        r["slot"][0]["reference"]
                            .as_str()?
                            .rsplit_once("Slot/")?
                            .1
                            .parse::<i64>()
                            .ok()
                    });
                    match slot {
                        Some(slot_id) if slot_id != row.slot_id => {
                            move_to(&state, lang, &row, slot_id).await?
                        }
                        // The same booking again: nothing to do.
                        _ => {}
                    }
                }
                other => {
                    return Err(unprocessable(
                        "business-rule",
                        lang.t().error_summary_title,
                        &format!("status {other}: a booked appointment can be cancelled or moved"),
                    ));
                }
            }
            row.id
        }
        AppointmentId::Proposed {
            slot_id,
            prescription_id,
            ..
        } => {
            let prescription = proposal(&state, lang, prescription_id).await?;
            let contacts = contacts(lang, &params)?;
            match book_now(&state.db, &prescription, slot_id, &contacts, ACTOR, now).await {
                Ok(confirmed) => confirmed.booking_id,
                // The same request again: the booking it made.
                Err(
                    err @ (BookingError::SlotTaken
                    | BookingError::HoldExpired
                    | BookingError::AlreadyBooked),
                ) => match details::active_of(&state.db, prescription.id).await? {
                    Some((id, _)) if same_slot(&state, id, slot_id).await? => id,
                    _ => return Err(booking_error(lang, err)),
                },
                Err(err) => return Err(booking_error(lang, err)),
            }
        }
        AppointmentId::Held { token } => {
            let contacts = contacts(lang, &params)?;
            confirm(&state.db, &token, &contacts, None, ACTOR, now)
                .await
                .map_err(|e| booking_error(lang, e))?
                .booking_id
        }
    };
    let row = details::by_id(&state.db, booking_id)
        .await?
        .ok_or_else(|| FhirError::not_found(lang, "the booking vanished"))?;
    Ok(answer(&bundle(
        state.links.base_url(),
        &[booked(&state, &row)],
        None,
    )))
}

async fn same_slot(state: &AppState, booking_id: i64, slot_id: i64) -> FhirResult<bool> {
    Ok(details::by_id(&state.db, booking_id)
        .await?
        .is_some_and(|row| row.slot_id == slot_id))
}

/// `If-Match`: the change applies only to the appointment as the caller last read it.
fn if_match(state: &AppState, lang: Lang, headers: &HeaderMap, row: &BookingRow) -> FhirResult<()> {
    let Some(wanted) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let current = Prepared::of(booked(state, row)).etag;
    let matches = wanted
        .split(',')
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == current);
    if matches {
        Ok(())
    } else {
        Err(FhirError::new(
            StatusCode::PRECONDITION_FAILED,
            "conflict",
            lang.t().error_summary_title,
            "If-Match: the appointment changed since it was read; read it again",
        ))
    }
}

async fn cancel(
    state: &AppState,
    lang: Lang,
    params: &Parameters,
    resource: Option<&Value>,
    row: &BookingRow,
) -> FhirResult<()> {
    let t = lang.t();
    let text = resource
        .and_then(|r| r["cancelationReason"]["text"].as_str())
        .or_else(|| {
            params
                .named("comment")
                .next()
                .and_then(|p| p["valueString"].as_str())
        })
        .unwrap_or_default();
    let reason = CancelReason::from_text(text).map_err(|e| match e {
        ReasonError::Required => unprocessable(
            "required",
            t.reason_required,
            "give the reason in cancelationReason.text or comment",
        ),
        ReasonError::TooLong => unprocessable("too-long", t.reason_too_long, "reason too long"),
    })?;
    cancel_booking(
        &state.db,
        row.id,
        &reason,
        ACTOR,
        state.clock.now(),
        state.clock.today(),
    )
    .await
    .map_err(|e| booking_error(lang, e))
}

async fn move_to(state: &AppState, lang: Lang, row: &BookingRow, slot_id: i64) -> FhirResult<()> {
    let (now, today) = (state.clock.now(), state.clock.today());
    may_change(ACTOR, row.status, row.starts_at, today, now).map_err(|e| booking_error(lang, e))?;
    let prescription = proposal(state, lang, row.prescription_id).await?;
    move_booking(
        &state.db,
        row.id,
        &prescription,
        slot_id,
        CHANNEL,
        ACTOR,
        now,
        today,
    )
    .await
    .map_err(|e| booking_error(lang, e))
}

// --- read and search --------------------------------------------------------------------------

/// `GET /fhir/r4/Appointment/{id}`: a booked (or cancelled) appointment, by the id `$book` or
/// a search gave; with its `ETag` (304 for `If-None-Match`).
pub async fn read(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> FhirResult<Response> {
    let AppointmentId::Booked { booking_id } =
        ids::parse(&state.links, &id, state.clock.now()).map_err(|p| id_error(lang, p))?
    else {
        return Err(FhirError::not_found(
            lang,
            "proposed and held appointments are not kept: $book them",
        ));
    };
    let row = details::by_id(&state.db, booking_id)
        .await?
        .ok_or_else(|| FhirError::not_found(lang, format!("Appointment/{id}")))?;
    let mut response = read_response(&headers, &Prepared::of(booked(&state, &row)));
    // Personal data: never kept by a shared cache.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}

/// `GET /fhir/r4/Appointment?…`: refused, with the way that works.
pub async fn search_by_get(ApiLang(lang): ApiLang) -> FhirError {
    FhirError::new(
        StatusCode::BAD_REQUEST,
        "security",
        lang.t().error_summary_title,
        "search with POST /fhir/r4/Appointment/_search: the codes that prove the right to \
         appointments travel in the body, never in a URL",
    )
}

/// `POST /fhir/r4/Appointment/_search` (ITI-118), form-encoded: `patient.identifier` (the
/// fiscal code) with `identifier` (a booking code) or `based-on.identifier` (the prescription's
/// NRE) finds the appointments they prove; `date` and `status` narrow them.
pub async fn search(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> FhirResult<Response> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !media.starts_with("application/x-www-form-urlencoded") {
        return Err(FhirError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            lang.t().error_summary_title,
            "send the search as application/x-www-form-urlencoded",
        ));
    }
    let mut fiscal_code = None;
    let mut code = None;
    let mut nre = None;
    let mut statuses: Option<Vec<String>> = None;
    let mut window = (None, None);
    let mut count = MAX_FOUND;
    let token = |value: &str| value.rsplit_once('|').map_or(value, |(_, v)| v).to_owned();
    for (name, value) in form_urlencoded::parse(&body) {
        match name.as_ref() {
            "patient.identifier" | "patient:identifier" => fiscal_code = Some(token(&value)),
            "identifier" => code = Some(token(&value)),
            "based-on.identifier" | "based-on:identifier" => nre = Some(token(&value)),
            "status" => statuses = Some(value.split(',').map(str::to_owned).collect()),
            "date" => {
                let (prefix, text) = match value.get(..2) {
                    Some(p @ ("ge" | "gt" | "le" | "lt" | "eq")) => (p, &value[2..]),
                    _ => ("eq", value.as_ref()),
                };
                let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    FhirError::invalid(lang, format!("date={value}: not a date (YYYY-MM-DD)"))
                })?;
                let (start, end) = (
                    start_of_day(day),
                    start_of_day(day.succ_opt().unwrap_or(day)),
                );
                match prefix {
                    "ge" => window.0 = Some(start),
                    "gt" => window.0 = Some(end),
                    "le" => window.1 = Some(end),
                    "lt" => window.1 = Some(start),
                    _ => window = (Some(start), Some(end)),
                }
            }
            "_count" => {
                count = value
                    .parse::<usize>()
                    .map_err(|_| FhirError::invalid(lang, "_count: not a number"))?
                    .min(MAX_FOUND);
            }
            "_format" => {}
            other => {
                return Err(FhirError::invalid(
                    lang,
                    format!(
                        "{other}: not a search parameter here (these are: patient.identifier, \
                         identifier, based-on.identifier, date, status, _count)"
                    ),
                ));
            }
        }
    }
    let t = lang.t();
    let Some(fiscal_code) = fiscal_code else {
        return Err(FhirError::invalid(
            lang,
            format!(
                "patient.identifier ({}|…) is required",
                systems::FISCAL_CODE
            ),
        ));
    };
    let fiscal_code = FiscalCode::parse(&fiscal_code).map_err(|e| {
        unprocessable(
            "value",
            t.fiscal_code_error(e),
            "patient.identifier: not a fiscal code",
        )
    })?;
    let rows: Vec<BookingRow> = match (code, nre) {
        (Some(code), _) => {
            let code = BookingCode::parse(&code).map_err(|e| {
                unprocessable(
                    "value",
                    t.booking_code_error(e),
                    "identifier: not a booking code",
                )
            })?;
            let guess = throttled(&state, lang, client, &fiscal_code).await?;
            let row = details::by_code_for(&state.db, &code, &fiscal_code).await?;
            if row.is_some() {
                guess.right();
            } else {
                guess.wrong();
            }
            row.into_iter().collect()
        }
        (None, Some(nre)) => {
            let nre = Nre::parse(&nre).map_err(|e| {
                unprocessable("value", t.nre_error(e), "based-on.identifier: not an NRE")
            })?;
            let guess = throttled(&state, lang, client, &fiscal_code).await?;
            let Some(prescription_id) =
                prescriptions::matching(&state.db, &fiscal_code, &nre).await?
            else {
                guess.wrong();
                return Ok(answer(&bundle(state.links.base_url(), &[], None)));
            };
            guess.right();
            bookings_of(&state, prescription_id).await?
        }
        (None, None) => {
            return Err(FhirError::new(
                StatusCode::BAD_REQUEST,
                "security",
                t.error_summary_title,
                "with patient.identifier, give identifier (a booking code) or \
                 based-on.identifier (the prescription's NRE): either proves the right to see them",
            ));
        }
    };
    let appointments: Vec<Value> = rows
        .iter()
        .filter(|r| window.0.is_none_or(|from| r.starts_at >= from))
        .filter(|r| window.1.is_none_or(|until| r.starts_at < until))
        .map(|r| booked(&state, r))
        .filter(|a| {
            statuses
                .as_ref()
                .is_none_or(|list| list.iter().any(|s| a["status"] == s.as_str()))
        })
        .take(count)
        .collect();
    Ok(answer(&bundle(state.links.base_url(), &appointments, None)))
}

/// Every booking of a prescription, earliest made first (a cancelled one, then the next).
async fn bookings_of(state: &AppState, prescription_id: i64) -> FhirResult<Vec<BookingRow>> {
    let ids: Vec<i64> = on_read!(&state.db, pool => {
        sqlx::query_scalar(
            "select id from bookings where prescription_id = $1 order by created_at, id limit 50",
        )
        .bind(prescription_id)
        .fetch_all(pool)
        .await?
    });
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = details::by_id(&state.db, id).await? {
            rows.push(row);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_code_identifiers_are_known_by_system_or_type() {
        assert!(is_fiscal_code(
            &json!({"system": systems::FISCAL_CODE, "value": "x"})
        ));
        assert!(is_fiscal_code(
            &json!({"system": systems::FISCAL_CODE_OID, "value": "x"})
        ));
        assert!(is_fiscal_code(&json!({
            "type": {"coding": [{"system": IT_IDENTIFIER_TYPE, "code": "STP"}]},
            "system": "urn:oid:2.16.840.1.113883.2.9.2.90.4.1",
            "value": "STP0900000000001"
        })));
        assert!(!is_fiscal_code(
            &json!({"system": "urn:oid:1.2.3", "value": "x"})
        ));
        assert!(!is_fiscal_code(&Value::Null));
    }

    #[test]
    fn dates_and_date_times_are_moments() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        assert_eq!(
            moment(&json!({"valueDate": "2026-12-02"}), false),
            Some(start_of_day(day))
        );
        assert_eq!(
            moment(&json!({"valueDateTime": "2026-12-02"}), true),
            Some(start_of_day(day.succ_opt().expect("date")))
        );
        assert_eq!(
            moment(
                &json!({"valueDateTime": "2026-12-02T08:00:00+01:00"}),
                false
            ),
            Some(start_of_day(day) + 8 * 3600)
        );
        assert_eq!(moment(&json!({"valueString": "2026-12-02"}), false), None);
        assert_eq!(moment(&json!({"valueDate": "02/12/2026"}), false), None);
    }
}
