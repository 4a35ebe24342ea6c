//! Audit entries as FHIR `AuditEvent`s, in the shapes of IHE Basic Audit Log Patterns (BALP):
//! a RESTful-style event (`type` rest, the interaction as `subtype`, `action` C/R/U/E), the
//! member of staff (or the citizen, or Cupola itself) as the requesting agent with the stated
//! reason as `purposeOfUse`, Cupola as the source, and the patient (fiscal code) and the booking
//! (booking code) as entities. What supervisors export from the audit search.

use serde_json::{Value, json};

use super::slots::instant;
use super::systems;

const AUDIT_EVENT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
const RESTFUL_INTERACTION: &str = "http://hl7.org/fhir/restful-interaction";
const PARTICIPATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const SOURCE_TYPE: &str = "http://terminology.hl7.org/CodeSystem/security-source-type";
const ENTITY_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const OBJECT_ROLE: &str = "http://terminology.hl7.org/CodeSystem/object-role";

/// One entry of the audit log, as the audit search reads it.
pub struct AuditEntry<'a> {
    pub id: i64,
    pub at: i64,
    /// `staff`, `citizen` or `system`.
    pub actor: &'a str,
    pub username: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub action: &'a str,
    pub fiscal_code: Option<&'a str>,
    pub booking_code: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// What kind of interaction an audit action is: FHIR's restful interaction and the action code.
fn interaction(action: &str) -> (&'static str, &'static str) {
    match action {
        "booking.created" => ("create", "C"),
        "booking.moved" | "booking.cancelled" | "booking.attended" | "booking.no_show" => {
            ("update", "U")
        }
        a if a.ends_with("_viewed") || a.ends_with("_searched") => ("read", "R"),
        _ => ("operation", "E"),
    }
}

/// The `AuditEvent` of one entry of the audit log of the deployment at `base`.
pub fn audit_event(base: &str, e: &AuditEntry) -> Value {
    let (interaction, action) = interaction(e.action);
    let who = match (e.actor, e.username) {
        ("staff", Some(username)) => {
            let mut who = json!({
                "identifier": { "system": systems::staff(base), "value": username }
            });
            if let Some(name) = e.display_name {
                who["display"] = Value::from(name);
            }
            who
        }
        ("citizen", _) => json!({
            "display": format!("citizen ({})", e.channel.unwrap_or("web"))
        }),
        _ => json!({ "display": "Cupola" }),
    };
    let mut agent = json!({
        "type": { "coding": [{ "system": PARTICIPATION_TYPE, "code": "IRCP",
                               "display": "information recipient" }] },
        "who": who,
        "requestor": true
    });
    if let Some(reason) = e.reason.filter(|r| !r.trim().is_empty()) {
        agent["purposeOfUse"] = json!([{ "text": reason }]);
    }
    let mut entities = Vec::new();
    if let Some(code) = e.fiscal_code {
        entities.push(json!({
            "what": { "identifier": { "system": systems::FISCAL_CODE, "value": code } },
            "type": { "system": ENTITY_TYPE, "code": "1", "display": "Person" },
            "role": { "system": OBJECT_ROLE, "code": "1", "display": "Patient" }
        }));
    }
    if let Some(code) = e.booking_code {
        entities.push(json!({
            "what": { "identifier": { "system": systems::booking_code(base), "value": code } },
            "type": { "system": ENTITY_TYPE, "code": "2", "display": "System Object" },
            "role": { "system": OBJECT_ROLE, "code": "4", "display": "Domain Resource" }
        }));
    }
    let mut event = json!({
        "resourceType": "AuditEvent",
        "id": format!("audit-{}", e.id),
        "type": { "system": AUDIT_EVENT_TYPE, "code": "rest", "display": "RESTful Operation" },
        "subtype": [
            { "system": RESTFUL_INTERACTION, "code": interaction },
            { "system": systems::audit_action(base), "code": e.action }
        ],
        "action": action,
        "recorded": instant(e.at),
        "outcome": "0",
        "agent": [agent],
        "source": {
            "site": base,
            "observer": { "display": "Cupola" },
            "type": [{ "system": SOURCE_TYPE, "code": "4", "display": "Application Server" }]
        }
    });
    if !entities.is_empty() {
        event["entity"] = Value::from(entities);
    }
    event
}

/// The export: a `collection` Bundle of events, made at `now`.
pub fn collection(base: &str, events: Vec<Value>, now: i64) -> Value {
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": instant(now)
    });
    let entries: Vec<Value> = events
        .into_iter()
        .map(|event| {
            json!({
                "fullUrl": format!("{base}/fhir/AuditEvent/{}", event["id"].as_str().unwrap_or_default()),
                "resource": event
            })
        })
        .collect();
    if !entries.is_empty() {
        bundle["entry"] = Value::from(entries);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_map_to_interactions() {
        assert_eq!(interaction("booking.created"), ("create", "C"));
        assert_eq!(interaction("booking.cancelled"), ("update", "U"));
        assert_eq!(interaction("citizen_viewed"), ("read", "R"));
        assert_eq!(interaction("audit_searched"), ("read", "R"));
        assert_eq!(interaction("message.sent"), ("operation", "E"));
    }

    #[test]
    fn a_staff_read_names_the_member_of_staff_the_patient_and_the_reason() {
        let event = audit_event(
            "https://cupola.example",
            &AuditEntry {
                id: 7,
                at: 0,
                actor: "staff",
                username: Some("op1"),
                display_name: Some("Anna Bianchi"),
                channel: Some("operator"),
                action: "citizen_viewed",
                fiscal_code: Some("RSSMRA48C55D612S"),
                booking_code: None,
                reason: Some("telefonata"),
            },
        );
        assert_eq!(event["action"], "R");
        assert_eq!(event["agent"][0]["who"]["identifier"]["value"], "op1");
        assert_eq!(event["agent"][0]["purposeOfUse"][0]["text"], "telefonata");
        assert_eq!(event["entity"][0]["role"]["code"], "1");
        assert_eq!(event["entity"].as_array().map(Vec::len), Some(1));
    }
}
