//! The code and identifier systems Cupola's FHIR resources use, in one place. National ones
//! are HL7 Italia's (the fiscal code, the Ministry of Health's codes of health authorities) and
//! the NRE's OID; Cupola's own (the catalogue, the priority classes, the channels, its
//! extensions) are published under the deployment's public address, since they are the
//! region's.

/// The fiscal code (HL7 Italia, HL7 Europe).
pub const FISCAL_CODE: &str = "http://hl7.it/sid/codiceFiscale";
/// The same, as the HL7 Italia IT Core draft names it.
pub const FISCAL_CODE_OID: &str = "urn:oid:2.16.840.1.113883.2.9.4.3.2";
/// The electronic prescription number (NRE) of the Ministry of Economy's Sistema TS.
pub const NRE: &str = "urn:oid:2.16.840.1.113883.2.9.4.3.8";
/// Local health authorities (FLS11 codes of the Ministry of Health).
pub const MINSAN_FLS: &str = "http://terminology.hl7.it/CodeSystem/minsan-fls";
/// Hospital trusts, university ones included (HSP11 codes).
pub const MINSAN_HSP: &str = "http://terminology.hl7.it/CodeSystem/minsan-hsp";
pub const ORGANIZATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/organization-type";
pub const ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

/// The region's catalogue of services (codes such as 89.7A.3).
pub fn catalog(base: &str) -> String {
    format!("{base}/fhir/CodeSystem/prestazioni")
}

/// The priority classes of a prescription (U, B, D, P).
pub fn priority(base: &str) -> String {
    format!("{base}/fhir/CodeSystem/priorita")
}

/// The channels a slot may be kept for (web, app, kiosk, operator).
pub fn channel(base: &str) -> String {
    format!("{base}/fhir/CodeSystem/canali")
}

/// Extension on `Location`: the territorial area (zona-distretto) of a facility.
pub fn area_extension(base: &str) -> String {
    format!("{base}/fhir/StructureDefinition/zona-distretto")
}

/// Extension on `Slot`: what a slot is kept for (a priority class, a channel).
pub fn reservation_extension(base: &str) -> String {
    format!("{base}/fhir/StructureDefinition/posto-riservato")
}

/// Cupola's booking codes (what the receipt calls "codice di prenotazione").
pub fn booking_code(base: &str) -> String {
    format!("{base}/fhir/sid/codice-prenotazione")
}

/// Cupola's members of staff (their usernames).
pub fn staff(base: &str) -> String {
    format!("{base}/fhir/sid/operatori")
}

/// The actions Cupola's audit records (`booking.created`, `citizen_viewed`, …).
pub fn audit_action(base: &str) -> String {
    format!("{base}/fhir/CodeSystem/azioni-audit")
}
