//! `GET /fhir/r4/Slot`: free slots as FHIR `Slot`s, a page at a time, read through the same
//! availability cache as the public pages and `/api/v1/availability` (however many clients ask
//! the same question, the database answers it once per change). Every free slot is listed,
//! those kept for a priority class or a channel too, with what they are kept for as a coded
//! extension; booked and held slots are not published (`status` other than `free` finds none).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use chrono::{NaiveDate, SecondsFormat, TimeZone, Utc};
use chrono_tz::Europe::Rome;
use serde_json::{Value, json};

use app::domain::{Channel, PriorityClass};

use super::directory::service_type;
use super::search::{Params, Searchset};
use super::systems;
use super::wire::{FhirError, FhirResult};
use crate::api::lang::ApiLang;
use crate::availability::{Asker, FreeSlot, SlotQuery, cursor_after, parse_cursor};
use crate::clock::start_of_day;
use crate::state::AppState;

const DEFAULT_COUNT: usize = 20;
const MAX_COUNT: usize = 100;
/// Slots read per cached question when a schedule narrows the search, and questions at most.
const SCAN_PAGE: i64 = 50;
const SCAN_PAGES: usize = 20;
const PARAMS: &[&str] = &["service-type", "schedule", "start", "status"];

/// Who the FHIR directory asks as: someone every free slot is open to (an operator with an
/// urgent prescription), so that reserved slots are listed, marked with their reservation.
const EVERY_FREE_SLOT: Asker = Asker {
    channel: Channel::Operator,
    priority: Some(PriorityClass::U),
};

/// The bounds of a `start` search: from (inclusive) and until (exclusive), unix seconds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Window {
    from: Option<i64>,
    until: Option<i64>,
}

/// A `date` search value: `[prefix]YYYY-MM-DD` or `[prefix]YYYY-MM-DDThh:mm[:ss](Z|±hh:mm)`.
fn narrow(window: &mut Window, value: &str) -> Option<()> {
    let (prefix, text) = match value.get(..2) {
        Some(p @ ("eq" | "ge" | "gt" | "le" | "lt")) => (p, &value[2..]),
        _ => ("eq", value),
    };
    // The instant the value starts at and the one after its precision ends.
    let (start, end) = if text.len() == 10 {
        let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
        (start_of_day(day), start_of_day(day.succ_opt()?))
    } else {
        let at = chrono::DateTime::parse_from_rfc3339(text)
            .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
            .ok()?
            .timestamp();
        (at, at + 1)
    };
    let raise = |w: &mut Window, v: i64| w.from = Some(w.from.map_or(v, |f| f.max(v)));
    let lower = |w: &mut Window, v: i64| w.until = Some(w.until.map_or(v, |u| u.min(v)));
    match prefix {
        "ge" => raise(window, start),
        "gt" => raise(window, end),
        "le" => lower(window, end),
        "lt" => lower(window, start),
        _ => {
            raise(window, start);
            lower(window, end);
        }
    }
    Some(())
}

/// An instant as FHIR writes it, in Italian time.
pub fn instant(unix: i64) -> String {
    Utc.timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&Rome)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A reference parameter's id: `Type/id`, a full URL ending so, or the bare id.
fn reference_id<'a>(value: &'a str, type_name: &str) -> &'a str {
    let marker = format!("{type_name}/");
    match value.rfind(&marker) {
        Some(at) => &value[at + marker.len()..],
        None => value,
    }
}

/// A token parameter's code: `system|code` (the system must be `system`) or `code`.
fn token_code<'a>(value: &'a str, system: &str) -> Option<&'a str> {
    match value.split_once('|') {
        Some((s, code)) if s.is_empty() || s == system => Some(code),
        Some(_) => None,
        None => Some(value),
    }
}

pub async fn search(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    RawQuery(query): RawQuery,
) -> FhirResult<Response> {
    let params = Params::parse(lang, query.as_deref(), PARAMS)?;
    let count = params.count(lang, DEFAULT_COUNT, MAX_COUNT)?;
    let base = state.links.base_url();
    let mut bundle = Searchset::new(base, "Slot", &params);
    let catalog_system = systems::catalog(base);

    let mut window = Window::default();
    for values in params.values("start") {
        // Several values of one use are ORed: the widest bounds of them.
        let mut widest: Option<Window> = None;
        for value in values {
            let mut one = Window::default();
            narrow(&mut one, value).ok_or_else(|| {
                FhirError::invalid(lang, format!("start={value}: not a date or dateTime"))
            })?;
            widest = Some(match widest {
                None => one,
                Some(w) => Window {
                    from: w.from.zip(one.from).map(|(a, b)| a.min(b)),
                    until: w.until.zip(one.until).map(|(a, b)| a.max(b)),
                },
            });
        }
        if let Some(w) = widest {
            if let Some(from) = w.from {
                window.from = Some(window.from.map_or(from, |f| f.max(from)));
            }
            if let Some(until) = w.until {
                window.until = Some(window.until.map_or(until, |u| u.min(until)));
            }
        }
    }
    let only_busy = params
        .values("status")
        .any(|values| !values.iter().any(|v| v == "free"));

    // The service: from `service-type`, or from the schedule's agenda.
    let mut service_ids: Vec<Option<i64>> = Vec::new();
    for values in params.values("service-type") {
        let [value] = values else {
            return Err(FhirError::invalid(
                lang,
                "service-type: one service at a time",
            ));
        };
        service_ids.push(
            token_code(value, &catalog_system)
                .and_then(|code| state.catalog.by_code(code))
                .map(|s| s.row.id),
        );
    }
    let mut agenda = None;
    for values in params.values("schedule") {
        let [value] = values else {
            return Err(FhirError::invalid(lang, "schedule: one schedule at a time"));
        };
        let built = state.fhir.get(&state.db, &state.catalog, base).await?;
        let id = reference_id(value, "Schedule").parse::<i64>().ok();
        let found = id.and_then(|id| built.agendas.get(&id).map(|a| (id, *a)));
        service_ids.push(found.map(|(_, a)| a.service_id));
        agenda = Some(found);
    }
    let Some(first) = service_ids.first().copied() else {
        return Err(FhirError::too_costly(
            lang,
            "give service-type (a catalogue code) or schedule: every slot of the region is too many",
        ));
    };
    // An unknown service or schedule, or two that disagree, find nothing.
    let (Some(service_id), true, false) = (
        first,
        service_ids.iter().all(|s| *s == first),
        only_busy || matches!(agenda, Some(None)),
    ) else {
        return Ok(bundle.finish(None));
    };
    let agenda = agenda.flatten();
    let after = match params.cursor() {
        Some(cursor) => Some(
            parse_cursor(cursor)
                .ok_or_else(|| FhirError::invalid(lang, "cursor: not a cursor from `next`"))?,
        ),
        None => None,
    };
    let town = agenda.and_then(|(_, a)| state.directory.get(a.facility_id).map(|f| f.town.clone()));
    let now = state.clock.now();
    let mut found: Vec<FreeSlot> = Vec::new();
    let mut stale = false;
    let mut cursor = after;
    let pages = if agenda.is_some() { SCAN_PAGES } else { 1 };
    let limit = if agenda.is_some() {
        SCAN_PAGE
    } else {
        count as i64 + 1
    };
    'pages: for _ in 0..pages {
        let query = SlotQuery {
            service_id,
            asker: EVERY_FREE_SLOT,
            area_id: None,
            town: town.clone(),
            from: window.from,
            after: cursor,
            limit,
        };
        let answer = state.availability.answer(&state.db, &query, now).await?;
        stale |= answer.stale;
        let exhausted = (answer.slots.len() as i64) < limit;
        for slot in answer.slots {
            cursor = Some((slot.starts_at, slot.id));
            if window.until.is_some_and(|until| slot.starts_at >= until) {
                break 'pages;
            }
            if agenda.is_none_or(|(id, _)| slot.agenda_id == id) {
                found.push(slot);
                if found.len() > count {
                    break 'pages;
                }
            }
        }
        if exhausted {
            break;
        }
    }
    let next = (found.len() > count).then(|| {
        found.truncate(count);
        found.last().map(cursor_after).unwrap_or_default()
    });
    let kind = service_type(base, &state.catalog, service_id);
    for slot in &found {
        let resource = slot_resource(base, &kind, slot);
        bundle.entry(
            "Slot",
            &slot.id.to_string(),
            resource.to_string().as_bytes(),
        );
    }
    let mut response = bundle.finish(next.as_deref());
    if stale {
        response.headers_mut().insert(
            header::WARNING,
            HeaderValue::from_static("110 - \"Response is Stale\""),
        );
    }
    Ok(response)
}

fn slot_resource(base: &str, kind: &Value, slot: &FreeSlot) -> Value {
    let mut value = json!({
        "resourceType": "Slot",
        "id": slot.id.to_string(),
        "serviceType": [kind],
        "schedule": { "reference": format!("Schedule/{}", slot.agenda_id) },
        "status": "free",
        "start": instant(slot.starts_at),
        "end": instant(slot.ends_at)
    });
    let mut kept_for = Vec::new();
    if let Some(class) = slot.reserved_priority {
        kept_for.push(json!({ "system": systems::priority(base), "code": class.as_str() }));
    }
    if let Some(channel) = slot.reserved_channel {
        kept_for.push(json!({ "system": systems::channel(base), "code": channel.as_str() }));
    }
    if !kept_for.is_empty() {
        value["extension"] = json!([{
            "url": systems::reservation_extension(base),
            "valueCodeableConcept": { "coding": kept_for }
        }]);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_searches_become_a_window() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let next = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let mut w = Window::default();
        narrow(&mut w, "ge2026-12-02").expect("parses");
        narrow(&mut w, "lt2026-12-03").expect("parses");
        assert_eq!(
            w,
            Window {
                from: Some(start_of_day(day)),
                until: Some(start_of_day(next))
            }
        );
        let mut eq = Window::default();
        narrow(&mut eq, "2026-12-02").expect("parses");
        assert_eq!(eq, w);
        let mut at = Window::default();
        narrow(&mut at, "gt2026-12-02T08:00:00+01:00").expect("parses");
        assert_eq!(at.from, Some(start_of_day(day) + 8 * 3600 + 1));
        for bad in ["ge2026-13-01", "tomorrow", "ge", "2026-12-02T25:00Z"] {
            assert!(narrow(&mut Window::default(), bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn references_and_tokens_are_read_in_every_form() {
        assert_eq!(reference_id("Schedule/12", "Schedule"), "12");
        assert_eq!(
            reference_id("http://x/fhir/r4/Schedule/12", "Schedule"),
            "12"
        );
        assert_eq!(reference_id("12", "Schedule"), "12");
        assert_eq!(token_code("89.7A.3", "s"), Some("89.7A.3"));
        assert_eq!(token_code("s|89.7A.3", "s"), Some("89.7A.3"));
        assert_eq!(token_code("|89.7A.3", "s"), Some("89.7A.3"));
        assert_eq!(token_code("other|89.7A.3", "s"), None);
        assert!(instant(0).starts_with("1970-01-01T01:00:00+01:00"));
    }
}
