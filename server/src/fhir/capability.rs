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
            services and agendas, and their free slots.",
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
