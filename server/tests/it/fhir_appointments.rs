//! IHE ITI Scheduling on both backends: `$find` → `$hold` → `$book` → read → search → cancel,
//! conditional changes (`If-Match`), errors as OperationOutcome, throttling, and the races:
//! fifty `$book`s for one slot, and `$book`, `/api/v1` and the HTML journey for one slot. Every
//! resource and Bundle answered (and every Parameters sent) is checked by the independent
//! validators of `fhir::assert_valid`, and the IHE profiles' required elements are checked
//! here, by name:
//!
//! * Bundle (ihe-sched-avail-bundle): `type` searchset, `total`, each entry's `search.mode`
//!   (`match` for appointments, `outcome` for an OperationOutcome).
//! * Appointment (ihe-sched-appt): `status`, `start`, `end`, `participant` (at least one, each
//!   with an `actor` and a `status`), `requestedPeriod` (exactly one).

use serde_json::{Value, json};

use crate::common::{Browser, TestApp};
use crate::fhir::{Answer, FHIR_JSON, assert_valid, entries, get_with, issue};
use crate::fixtures::{active_bookings_on, new_prescription};
use crate::{on_both_backends, query_one};

const FISCAL_CODE: &str = "http://hl7.it/sid/codiceFiscale";
const NRE: &str = "urn:oid:2.16.840.1.113883.2.9.4.3.8";

async fn post_with(app: &TestApp, path: &str, body: &Value, headers: &[(&str, &str)]) -> Answer {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", FHIR_JSON)
        .body(body.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    answer_of(request.send().await.expect("post")).await
}

async fn post(app: &TestApp, path: &str, body: &Value) -> Answer {
    post_with(app, path, body, &[]).await
}

async fn answer_of(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(content_type.starts_with(FHIR_JSON), "{content_type}");
    Answer {
        status,
        headers,
        body,
    }
}

/// `_search`, form-encoded.
async fn search(app: &TestApp, form: &[(&str, &str)]) -> Answer {
    let response = app
        .client
        .post(app.url("/fhir/r4/Appointment/_search"))
        .form(form)
        .send()
        .await
        .expect("post");
    answer_of(response).await
}

fn find_params(fiscal_code: &str, nre: &str, extra: &[Value]) -> Value {
    let mut parameter = vec![
        json!({"name": "patient-resource", "resource": {
            "resourceType": "Patient",
            "identifier": [{"system": FISCAL_CODE, "value": fiscal_code}],
            "telecom": [{"system": "email", "value": "paziente@example.org"}]
        }}),
        json!({"name": "referral-identifier", "valueIdentifier": {"system": NRE, "value": nre}}),
    ];
    parameter.extend(extra.iter().cloned());
    json!({"resourceType": "Parameters", "parameter": parameter})
}

fn reference(id: &str) -> Value {
    json!({"resourceType": "Parameters", "parameter": [
        {"name": "appointment-reference", "valueReference": {"reference": format!("Appointment/{id}")}}
    ]})
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

/// An IHE Scheduling Bundle, checked; its appointments.
fn appointments(answer: &Answer) -> Vec<Value> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    let bundle = &answer.body;
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "searchset");
    let found: Vec<Value> = entries(bundle)
        .into_iter()
        .filter(|e| e["search"]["mode"] == "match")
        .map(|e| e["resource"].clone())
        .collect();
    assert_eq!(bundle["total"], found.len(), "total counts the matches");
    for entry in entries(bundle) {
        let mode = text(&entry["search"]["mode"]);
        let kind = text(&entry["resource"]["resourceType"]);
        assert!(
            matches!(
                (mode, kind),
                ("match", "Appointment") | ("outcome", "OperationOutcome")
            ),
            "{entry}"
        );
    }
    for a in &found {
        for element in ["status", "start", "end"] {
            assert!(a[element].is_string(), "{element} is required: {a}");
        }
        let participants = a["participant"]
            .as_array()
            .expect("participant is required");
        assert!(!participants.is_empty());
        assert!(
            participants
                .iter()
                .all(|p| p["actor"].is_object() && p["status"].is_string()),
            "{a}"
        );
        assert_eq!(
            a["requestedPeriod"].as_array().map(Vec::len),
            Some(1),
            "{a}"
        );
    }
    found
}

/// Whether a slot is kept for nobody (any channel and any class may take it).
async fn open_to_all(app: &TestApp, slot: i64) -> bool {
    let (n,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select count(*) from slots where id = $1 and reserved_channel is null and reserved_priority is null",
        slot
    );
    n == 1
}

fn slot_of(appointment: &Value) -> i64 {
    text(&appointment["slot"][0]["reference"])
        .trim_start_matches("Slot/")
        .parse()
        .expect("a slot id")
}

on_both_backends! {
    async fn find_hold_book_read_search_and_cancel(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let asked = find_params(&cf, &nre, &[]);
        let found = post(&app, "/fhir/r4/Appointment/$find", &asked).await;
        let proposals = appointments(&found);
        assert!(!proposals.is_empty() && proposals.len() <= 10, "{}", found.body);
        assert!(proposals.iter().all(|a| a["status"] == "proposed"));
        assert!(proposals.iter().all(|a| text(&a["id"]).starts_with("p.")));
        assert!(proposals.iter().all(|a| a["basedOn"][0]["identifier"]["value"] == nre.as_str()));
        let starts: Vec<&str> = proposals.iter().map(|a| text(&a["start"])).collect();
        // Within the deadline (the requested period's end), and those that could no longer be
        // changed online (marked with a comment) after the others.
        for a in &proposals {
            assert!(text(&a["start"]) < text(&a["requestedPeriod"][0]["end"]), "{a}");
        }
        let marked: Vec<bool> = proposals.iter().map(|a| a.get("comment").is_some()).collect();
        assert!(marked.windows(2).all(|w| w[0] <= w[1]), "unmarked first: {marked:?}");
        let unmarked = marked.iter().filter(|m| !**m).count();
        assert!(starts[..unmarked].windows(2).all(|w| w[0] <= w[1]), "earliest first");

        // Hold the first: the slot is held for this prescription.
        let first = &proposals[0];
        let slot = slot_of(first);
        let held = post(&app, "/fhir/r4/Appointment/$hold", &reference(text(&first["id"]))).await;
        let held_list = appointments(&held);
        assert_eq!(held_list.len(), 1);
        let held_one = &held_list[0];
        assert_eq!(held_one["status"], "pending");
        assert_eq!(slot_of(held_one), slot);
        let (holds,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from holds where slot_id = $1", slot);
        assert_eq!(holds, 1);

        // Book it: one booking, with the e-mail given in the patient resource.
        let booked = post(&app, "/fhir/r4/Appointment/$book", &reference(text(&held_one["id"]))).await;
        let booked_list = appointments(&booked);
        let appointment = booked_list[0].clone();
        assert_eq!(appointment["status"], "booked");
        assert_eq!(slot_of(&appointment), slot);
        let id = text(&appointment["id"]).to_owned();
        assert!(id.starts_with("b."));
        let code = text(&appointment["identifier"][0]["value"]).to_owned();
        let (email,): (Option<String>,) = query_one!(app.db(), (Option<String>,),
            "select contact_email from bookings where code = $1", &code);
        assert_eq!(email.as_deref(), None, "the held appointment was booked without a patient resource");
        assert_eq!(active_bookings_on(&app, slot).await, 1);
        // The hold is used up: booking it again is a conflict, and nothing more is booked.
        let again = post(&app, "/fhir/r4/Appointment/$book", &reference(text(&held_one["id"]))).await;
        assert_eq!(issue(&again).0, 409);
        assert_eq!(active_bookings_on(&app, slot).await, 1);

        // Read: the same appointment, with an ETag that If-None-Match turns into 304.
        let read = get_with(&app, &format!("/fhir/r4/Appointment/{id}"), &[]).await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.body, appointment);
        assert_eq!(read.headers["cache-control"], "private, no-cache");
        let etag = read.headers["etag"].to_str().expect("etag").to_owned();
        let cached = get_with(&app, &format!("/fhir/r4/Appointment/{id}"), &[("if-none-match", &etag)]).await;
        assert_eq!(cached.status, 304);
        let forged = id.replacen("b.", "b.9", 1);
        let unknown = get_with(&app, &format!("/fhir/r4/Appointment/{forged}"), &[]).await;
        assert_eq!(issue(&unknown).0, 404);
        let proposal_read = get_with(&app, &format!("/fhir/r4/Appointment/{}", text(&proposals[1]["id"])), &[]).await;
        assert_eq!(issue(&proposal_read).0, 404);

        // Search (ITI-118): by fiscal code and booking code, or by fiscal code and NRE; the
        // codes in the body only.
        let patient = format!("{FISCAL_CODE}|{cf}");
        let by_code = search(&app, &[("patient.identifier", &patient), ("identifier", &code)]).await;
        assert_eq!(appointments(&by_code), std::slice::from_ref(&appointment));
        let by_nre = search(&app, &[("patient.identifier", &patient), ("based-on.identifier", &format!("{NRE}|{nre}"))]).await;
        assert_eq!(appointments(&by_nre), std::slice::from_ref(&appointment));
        let filtered = search(&app, &[("patient.identifier", &patient), ("identifier", &code), ("status", "cancelled")]).await;
        assert!(appointments(&filtered).is_empty());
        let (other_cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let someone_else = search(&app, &[("patient.identifier", &other_cf), ("identifier", &code)]).await;
        assert!(appointments(&someone_else).is_empty(), "a booking code is only its own patient's");
        let unproven = search(&app, &[("patient.identifier", &patient)]).await;
        assert_eq!(issue(&unproven).0, 400);
        let by_get = get_with(&app, &format!("/fhir/r4/Appointment?patient.identifier={cf}"), &[]).await;
        let (status, kind, _) = issue(&by_get);
        assert_eq!((status, kind.as_str()), (400, "security"));

        // Cancel through $book: conditional on the version read, with a reason.
        let mut cancelled = appointment.clone();
        cancelled["status"] = json!("cancelled");
        let cancel = |resource: &Value| json!({"resourceType": "Parameters", "parameter": [
            {"name": "appointment-resource", "resource": resource}
        ]});
        let no_reason = post(&app, "/fhir/r4/Appointment/$book", &cancel(&cancelled)).await;
        let (status, kind, _) = issue(&no_reason);
        assert_eq!((status, kind.as_str()), (422, "required"));
        cancelled["cancelationReason"] = json!({"text": "Non posso venire"});
        let stale = post_with(&app, "/fhir/r4/Appointment/$book", &cancel(&cancelled), &[("if-match", "\"0000\"")]).await;
        assert_eq!(issue(&stale).0, 412);
        assert_eq!(active_bookings_on(&app, slot).await, 1, "a failed condition changes nothing");
        let done = post_with(&app, "/fhir/r4/Appointment/$book", &cancel(&cancelled), &[("if-match", &etag)]).await;
        let done_list = appointments(&done);
        assert_eq!(done_list[0]["status"], "cancelled");
        assert_eq!(done_list[0]["cancelationReason"]["text"], "Non posso venire");
        assert_eq!(active_bookings_on(&app, slot).await, 0, "the slot is free again");
        let reread = get_with(&app, &format!("/fhir/r4/Appointment/{id}"), &[("if-none-match", &etag)]).await;
        assert_eq!(reread.status, 200, "changed, so not 304");
        assert_eq!(reread.body["status"], "cancelled");
        let twice = post(&app, "/fhir/r4/Appointment/$book", &cancel(&cancelled)).await;
        assert_eq!(issue(&twice).0, 409);

        assert_valid(&[
            asked, found.body, held.body, booked.body, again.body, read.body, unknown.body,
            proposal_read.body, by_code.body, by_nre.body, filtered.body, someone_else.body,
            unproven.body, by_get.body, cancel(&cancelled), no_reason.body, stale.body, done.body,
            reread.body, twice.body,
        ])
        .await;
    }

    async fn a_proposal_booked_at_once_moves_and_bad_requests_are_operation_outcomes(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        // Only at one facility, and only the town asked for.
        let (facility, town): (i64, String) = query_one!(app.db(), (i64, String),
            "select f.id, f.town from facilities f join agendas a on a.facility_id = f.id \
             join services s on s.id = a.service_id where s.code = '89.7A.3' order by f.id limit 1");
        let at = find_params(&cf, &nre, &[json!({"name": "location-reference", "valueReference": {"reference": format!("Location/{facility}")}})]);
        let found = post(&app, "/fhir/r4/Appointment/$find", &at).await;
        let proposals = appointments(&found);
        assert!(!proposals.is_empty());
        let location = format!("Location/{facility}");
        assert!(proposals.iter().all(|a| a["participant"][1]["actor"]["reference"] == location.as_str()));
        let in_town = find_params(&cf, &nre, &[json!({"name": "location-string", "valueString": town.to_ascii_uppercase()})]);
        let town_found = post(&app, "/fhir/r4/Appointment/$find", &in_town).await;
        let in_town_list = appointments(&town_found);
        assert!(!in_town_list.is_empty());
        assert!(in_town_list.iter().all(|a| text(&a["participant"][1]["actor"]["display"]).ends_with(&town)));
        let anywhere = post(&app, "/fhir/r4/Appointment/$find", &find_params(&cf, &nre, &[])).await;
        let proposals = appointments(&anywhere);
        assert!(proposals.len() >= 3, "{}", anywhere.body);

        // Booked in one step from the proposal, with the patient's e-mail for reminders;
        // the same request again answers with the same booking.
        let with_contacts = |id: &str| json!({"resourceType": "Parameters", "parameter": [
            {"name": "appointment-reference", "valueReference": {"reference": format!("Appointment/{id}")}},
            {"name": "patient-resource", "resource": {"resourceType": "Patient",
                "identifier": [{"system": FISCAL_CODE, "value": cf}],
                "telecom": [{"system": "email", "value": "paziente@example.org"}]}}
        ]});
        let booked = post(&app, "/fhir/r4/Appointment/$book", &with_contacts(text(&proposals[0]["id"]))).await;
        let appointment = appointments(&booked)[0].clone();
        let replay = post(&app, "/fhir/r4/Appointment/$book", &with_contacts(text(&proposals[0]["id"]))).await;
        assert_eq!(appointments(&replay)[0]["id"], appointment["id"]);
        let code = text(&appointment["identifier"][0]["value"]).to_owned();
        let (email,): (Option<String>,) = query_one!(app.db(), (Option<String>,),
            "select contact_email from bookings where code = $1", &code);
        assert_eq!(email.as_deref(), Some("paziente@example.org"));
        // Another proposal of the same prescription: already booked.
        let second = post(&app, "/fhir/r4/Appointment/$book", &reference(text(&proposals[1]["id"]))).await;
        let (status, kind, _) = issue(&second);
        assert_eq!((status, kind.as_str()), (409, "duplicate"));
        // Moved with $book: the booked appointment on another slot.
        let mut moved = appointment.clone();
        let target = slot_of(&proposals[2]);
        moved["slot"] = json!([{"reference": format!("Slot/{target}")}]);
        let move_it = json!({"resourceType": "Parameters", "parameter": [{"name": "appointment-resource", "resource": moved}]});
        let after = post(&app, "/fhir/r4/Appointment/$book", &move_it).await;
        let after_list = appointments(&after);
        assert_eq!(slot_of(&after_list[0]), target);
        assert_eq!(after_list[0]["identifier"], appointment["identifier"], "the same booking code");
        assert_eq!(active_bookings_on(&app, slot_of(&proposals[0])).await, 0);
        assert_eq!(active_bookings_on(&app, target).await, 1);

        // Errors, in the caller's language.
        let (other_cf, other_nre) = new_prescription(&app, "89.7A.3", "P").await;
        let wrong = post(&app, "/fhir/r4/Appointment/$find", &find_params(&other_cf, "090A99999999999", &[])).await;
        let (status, kind, it_text) = issue(&wrong);
        assert_eq!((status, kind.as_str()), (422, "not-found"));
        let english = post_with(&app, "/fhir/r4/Appointment/$find", &find_params(&other_cf, "090A99999999999", &[]), &[("accept-language", "en")]).await;
        assert_ne!(issue(&english).2, it_text);
        let bad_cf = post(&app, "/fhir/r4/Appointment/$find", &find_params("RSSMRA48C55D612", &other_nre, &[])).await;
        let (status, kind, _) = issue(&bad_cf);
        assert_eq!((status, kind.as_str()), (422, "value"));
        let no_nre = post(&app, "/fhir/r4/Appointment/$find", &json!({"resourceType": "Parameters", "parameter": [
            {"name": "patient-resource", "resource": {"resourceType": "Patient", "identifier": [{"system": FISCAL_CODE, "value": other_cf}]}}
        ]})).await;
        assert_eq!(issue(&no_nre).0, 400);
        let not_parameters = post(&app, "/fhir/r4/Appointment/$find", &json!({"resourceType": "Patient"})).await;
        assert_eq!(issue(&not_parameters).0, 400);
        let nowhere = post(&app, "/fhir/r4/Appointment/$find", &find_params(&other_cf, &other_nre, &[
            json!({"name": "location-string", "valueString": "Atlantide"})])).await;
        assert_eq!(issue(&nowhere).0, 422);
        let xml = app.client.post(app.url("/fhir/r4/Appointment/$find"))
            .header("content-type", "application/fhir+xml").body("<Parameters/>").send().await.expect("post");
        let xml = answer_of(xml).await;
        assert_eq!(issue(&xml).0, 415);
        let huge = json!({"resourceType": "Parameters", "parameter": [{"name": "comment", "valueString": "x".repeat(200_000)}]});
        let too_large = post(&app, "/fhir/r4/Appointment/$find", &huge).await;
        assert_eq!(issue(&too_large).0, 413);
        let forged = post(&app, "/fhir/r4/Appointment/$hold", &reference("p.1.2.1900000000.000000000000000000000000")).await;
        assert_eq!(issue(&forged).0, 404);
        // Beyond the deadline nothing is proposed, and an outcome says so.
        let late = post(&app, "/fhir/r4/Appointment/$find", &find_params(&other_cf, &other_nre, &[
            json!({"name": "start", "valueDate": "2099-01-01"})])).await;
        assert!(appointments(&late).is_empty());
        let outcome = entries(&late.body).into_iter().find(|e| e["search"]["mode"] == "outcome").expect("an outcome");
        assert_eq!(outcome["resource"]["issue"][0]["severity"], "information");

        assert_valid(&[
            at, found.body, in_town, town_found.body, anywhere.body, booked.body, replay.body, second.body,
            move_it, after.body, wrong.body, english.body, bad_cf.body, no_nre.body,
            not_parameters.body, nowhere.body, xml.body, too_large.body, forged.body, late.body,
        ])
        .await;
    }

    async fn wrong_guesses_through_find_are_throttled(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let mut throttled = None;
        for i in 0..30 {
            let nre = format!("090X{:011}", 77_000 + i);
            let answer = post_with(&app, "/fhir/r4/Appointment/$find", &find_params(&cf, &nre, &[]),
                &[("x-forwarded-for", "2001:db8:77::1")]).await;
            match answer.status {
                422 => assert_eq!(issue(&answer).1, "not-found"),
                429 => {
                    throttled = Some(answer);
                    break;
                }
                other => panic!("unexpected {other}: {}", answer.body),
            }
        }
        let throttled = throttled.expect("throttled within 30 wrong guesses");
        let (_, kind, _) = issue(&throttled);
        assert_eq!(kind, "throttled");
        assert!(throttled.headers.contains_key("retry-after"));
        assert_valid(&[throttled.body]).await;
    }

    async fn fifty_clients_racing_book_for_one_slot_get_one_booking(backend) {
        let app = TestApp::spawn(backend).await;
        let mut proposals = Vec::new();
        let mut slot = None;
        for _ in 0..50 {
            let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
            let found = post(&app, "/fhir/r4/Appointment/$find", &find_params(&cf, &nre, &[])).await;
            let list = appointments(&found);
            let wanted = *slot.get_or_insert_with(|| slot_of(&list[3]));
            let proposal = list.iter().find(|a| slot_of(a) == wanted).expect("everyone is offered the slot");
            proposals.push(text(&proposal["id"]).to_owned());
        }
        let slot = slot.expect("a slot");
        let mut tasks = tokio::task::JoinSet::new();
        for id in proposals {
            let (client, url) = (app.client.clone(), app.url("/fhir/r4/Appointment/$book"));
            tasks.spawn(async move {
                let response = client.post(url).header("content-type", FHIR_JSON)
                    .body(reference(&id).to_string()).send().await.expect("post");
                answer_of(response).await
            });
        }
        let (mut booked, mut conflicts) = (0, Vec::new());
        while let Some(joined) = tasks.join_next().await {
            let answer = joined.expect("task");
            match answer.status {
                200 => {
                    assert_eq!(slot_of(&appointments(&answer)[0]), slot);
                    booked += 1;
                }
                409 => {
                    assert_eq!(issue(&answer).1, "conflict", "{}", answer.body);
                    conflicts.push(answer.body);
                }
                other => panic!("unexpected {other}: {}", answer.body),
            }
        }
        assert_eq!((booked, conflicts.len()), (1, 49));
        assert_eq!(active_bookings_on(&app, slot).await, 1);
        assert_valid(&conflicts[..3]).await;
    }

    async fn book_the_api_and_the_html_journey_racing_for_one_slot_book_it_once(backend) {
        let app = TestApp::spawn(backend).await;
        // Ten of each, everyone offered the same slot.
        let mut fhir_ids = Vec::new();
        let mut slot = None;
        for _ in 0..10 {
            let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
            let found = post(&app, "/fhir/r4/Appointment/$find", &find_params(&cf, &nre, &[])).await;
            let list = appointments(&found);
            if slot.is_none() {
                for a in &list {
                    if open_to_all(&app, slot_of(a)).await {
                        slot = Some(slot_of(a));
                        break;
                    }
                }
            }
            let wanted = slot.expect("a slot open to every channel");
            fhir_ids.push(text(&list.iter().find(|a| slot_of(a) == wanted).expect("offered")["id"]).to_owned());
        }
        let slot = slot.expect("a slot");
        let mut api = Vec::new();
        for _ in 0..10 {
            api.push(new_prescription(&app, "89.7A.3", "P").await);
        }
        let mut browsers = Vec::new();
        for _ in 0..10 {
            let browser = Browser::new(&app);
            let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
            let page = browser.post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)]).await;
            assert_eq!(page.status, 303, "{}", page.body);
            browsers.push(browser);
        }
        let mut tasks = tokio::task::JoinSet::new();
        for id in fhir_ids {
            let (client, url) = (app.client.clone(), app.url("/fhir/r4/Appointment/$book"));
            tasks.spawn(async move {
                let response = client.post(url).header("content-type", FHIR_JSON)
                    .body(reference(&id).to_string()).send().await.expect("post");
                let answer = answer_of(response).await;
                match answer.status {
                    200 => true,
                    409 => false,
                    other => panic!("$book: unexpected {other}: {}", answer.body),
                }
            });
        }
        for (cf, nre) in api {
            let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
            tasks.spawn(async move {
                let response = client.post(url)
                    .json(&json!({"fiscal_code": cf, "nre": nre, "slot_id": slot}))
                    .send().await.expect("post");
                match response.status().as_u16() {
                    201 => true,
                    409 => false,
                    other => panic!("/api/v1: unexpected {other}: {}", response.text().await.unwrap_or_default()),
                }
            });
        }
        for browser in browsers {
            tasks.spawn(async move {
                let chosen = browser.post("/prenota/scegli", &[("slot", &slot.to_string())]).await;
                match chosen.status {
                    303 => {
                        let confirmed = browser.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
                        assert_eq!(confirmed.status, 303, "{}", confirmed.body);
                        true
                    }
                    409 => false,
                    other => panic!("/prenota: unexpected {other}: {}", chosen.body),
                }
            });
        }
        let mut winners = 0;
        while let Some(joined) = tasks.join_next().await {
            winners += usize::from(joined.expect("task"));
        }
        assert_eq!(winners, 1, "one booking among the three ways in");
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }

    async fn an_outside_fhir_client_runs_find_hold_book_read_search_and_cancel(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let end2end = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
        assert!(
            end2end.join("node_modules/fhir-kit-client").is_dir(),
            "this test needs the npm package fhir-kit-client: run `npm ci` in end2end/"
        );
        let output = tokio::process::Command::new("node")
            .arg(end2end.join("tools/fhir-client-flow.mjs"))
            .arg(app.url("/fhir/r4"))
            .arg(&cf)
            .arg(&nre)
            .output()
            .await
            .expect("node runs end2end/tools/fhir-client-flow.mjs");
        let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
            panic!("the client said: {}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
        });
        assert_eq!(report["ok"], true, "{report:#}");
        assert_eq!(
            report["steps"],
            json!(["metadata", "$find", "$hold", "$book", "read", "search", "cancel", "error"])
        );
        assert!(output.status.success());
        // What the client saw, validated on its own.
        let seen = report["seen"].as_array().expect("seen").clone();
        assert_eq!(seen.len(), 9);
        assert_valid(&seen).await;
        let (active,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from bookings b join prescriptions p on p.id = b.prescription_id \
             where p.nre = $1 and b.status <> 'cancelled'", &nre);
        assert_eq!(active, 0, "the client's booking was cancelled");
    }
}
