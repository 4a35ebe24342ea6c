//! `GET /fhir/r4/metadata`: the CapabilityStatement, what this server does, and nothing it does
//! not (it is built from the same lists the handlers use). Prepared once.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::directory::Kind;
use super::wire::{Prepared, read_response};
use crate::state::AppState;

/// When this statement last changed (FHIR requires a date).
const DATE: &str = "2026-12-01";
/// IHE ITI Scheduling's canonical base, and its Appointment profile.
const IHE: &str = "https://profiles.ihe.net/ITI/Scheduling";
const IHE_APPOINTMENT: &str =
    "https://profiles.ihe.net/ITI/Scheduling/StructureDefinition/ihe-sched-appt";

/// The type of each search parameter the server takes.
fn param_type(name: &str) -> &'static str {
    match name {
        "name" | "address-city" => "string",
        "organization" | "location" | "actor" | "schedule" => "reference",
        "start" => "date",
        _ => "token",
    }
}

fn search_params(names: &[&str]) -> Value {
    names
        .iter()
        .map(|name| json!({ "name": name, "type": param_type(name) }))
        .collect()
}

/// The statement for a server whose public address is `base`.
pub fn statement(base: &str) -> Value {
    let mut resources: Vec<Value> = Kind::ALL
        .into_iter()
        .map(|kind| {
            json!({
                "type": kind.name(),
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": search_params(kind.search_params())
            })
        })
        .collect();
    resources.push(json!({
        "type": "Slot",
        "documentation": "Free slots only, those kept for a priority class or a channel too \
            (marked with the extension posto-riservato). A search needs service-type (a \
            catalogue code) or schedule. Paged with _count (at most 100) and the next link.",
        "interaction": [{ "code": "search-type" }],
        "searchParam": search_params(&["service-type", "schedule", "start", "status"])
    }));
    resources.push(json!({
        "type": "Appointment",
        "supportedProfile": [IHE_APPOINTMENT],
        "documentation": "IHE ITI Scheduling. $find proposes slots for a prescription (the \
            patient's fiscal code and the NRE as referral-identifier), within its priority's \
            deadline; $hold keeps one for 8 minutes; $book books a proposed or held one, or \
            cancels (status cancelled, with a reason) or moves (another slot) a booked one, \
            with If-Match for a conditional change. Read by the id $book gives. Search only \
            with POST _search (form-encoded): patient.identifier with identifier (a booking \
            code) or based-on.identifier (the NRE); the codes never travel in a URL.",
        "interaction": [{ "code": "read" }, { "code": "search-type" }],
        "searchParam": [
            { "name": "patient", "type": "reference",
              "documentation": "patient.identifier: the fiscal code (POST _search only)" },
            { "name": "identifier", "type": "token",
              "documentation": "the booking code, proving the right together with the fiscal code" },
            { "name": "based-on", "type": "reference",
              "documentation": "based-on.identifier: the prescription's NRE" },
            { "name": "date", "type": "date" },
            { "name": "status", "type": "token" }
        ],
        "operation": [
            { "name": "find", "definition": format!("{IHE}/OperationDefinition/appointment-find") },
            { "name": "hold", "definition": format!("{IHE}/OperationDefinition/appointment-hold") },
            { "name": "book", "definition": format!("{IHE}/OperationDefinition/appointment-book") }
        ]
    }));
    json!({
        "resourceType": "CapabilityStatement",
        "id": "cupola",
        "url": format!("{base}/fhir/r4/metadata"),
        "version": env!("CARGO_PKG_VERSION"),
        "name": "CupolaFhirServer",
        "title": "Cupola: the regional booking centre (CUP) in HL7 FHIR R4",
        "status": "active",
        "experimental": false,
        "date": DATE,
        "publisher": "Cupola",
        "description": "The directory of the region's health authorities, facilities, \
            services and agendas, their free slots, and appointments as IHE ITI Scheduling \
            has them (the Scheduling Server actor).",
        "instantiates": [format!("{IHE}/CapabilityStatement/IHE.Scheduling.server")],
        "kind": "instance",
        "software": { "name": "Cupola", "version": env!("CARGO_PKG_VERSION") },
        "implementation": {
            "description": "Cupola",
            "url": format!("{base}/fhir/r4")
        },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [{
            "mode": "server",
            "documentation": "Errors are OperationOutcome resources whose text follows \
                Accept-Language (Italian by default). Reads carry an ETag and answer \
                If-None-Match with 304.",
            "resource": resources
        }]
    })
}

pub async fn metadata(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let prepared = state
        .fhir
        .metadata
        .get_or_init(|| Prepared::of(statement(state.links.base_url())));
    read_response(&headers, prepared)
}
