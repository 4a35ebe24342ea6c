//! The JSON API (/api/v1) on both backends: catalogue, availability, booking (with its races and
//! replays), lookup, cancel, move, errors and the OpenAPI document.

use chrono::{Days, NaiveDate, Offset};
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::fixtures::{active_bookings_on, new_prescription, new_slot};
use crate::{on_both_backends, query_one};

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, body)
}

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    answer(app.get(path).await).await
}

async fn post(app: &TestApp, path: &str, body: &Value) -> (u16, Value) {
    answer(
        app.client
            .post(app.url(path))
            .json(body)
            .send()
            .await
            .expect("post"),
    )
    .await
}

async fn post_in(app: &TestApp, lang: &str, path: &str, body: &Value) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .expect("post");
    answer(response).await
}

/// The free slots of a service, first page.
async fn free_slots(app: &TestApp, service: &str) -> Vec<Value> {
    let (status, body) = get(
        app,
        &format!("/api/v1/availability?service={service}&limit=50"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["slots"].as_array().expect("slots").clone()
}

async fn book(app: &TestApp, fiscal_code: &str, nre: &str, slot: i64) -> Value {
    let (status, body) = post(
        app,
        "/api/v1/bookings",
        &json!({"fiscal_code": fiscal_code, "nre": nre, "slot_id": slot}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

on_both_backends! {
    async fn services_are_found_by_words_misspellings_and_code(backend) {
        let app = TestApp::spawn(backend).await;
        let (status, body) = get(&app, "/api/v1/services?q=ecogafia%20adome").await;
        assert_eq!(status, 200);
        let first = &body["services"][0];
        assert_eq!(first["name"]["it"], "Ecografia dell'addome completo");
        assert!(first["name"]["en"].as_str().is_some_and(|n| !n.is_empty()));
        assert_eq!(first["kind"], "exam");
        let (ticket,): (Option<i64>,) = query_one!(app.db(), (Option<i64>,),
            "select ticket_cents from services where code = $1", text(&first["code"]));
        assert_eq!(first["ticket_cents"], json!(ticket), "the tariff, or null when unknown");
        assert!(first["discipline"].is_string());

        let (_, by_code) = get(&app, "/api/v1/services?q=89.7A.3").await;
        assert_eq!(by_code["services"][0]["code"], "89.7A.3");
        assert!(text(&by_code["services"][0]["name"]["it"]).starts_with("Prima visita cardiologica"));
        assert_eq!(by_code["services"][0]["kind"], "visit");

        let (_, all) = get(&app, "/api/v1/services").await;
        let (count,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from services");
        assert_eq!(all["services"].as_array().expect("list").len() as i64, count);
        let (_, none) = get(&app, "/api/v1/services?q=zzzzzz").await;
        assert_eq!(none["services"], json!([]));
    }

    async fn availability_pages_through_free_slots_earliest_first_and_knows_unknown_services(backend) {
        let app = TestApp::spawn(backend).await;
        let (status, first) = get(&app, "/api/v1/availability?service=89.52&limit=5").await;
        assert_eq!(status, 200, "{first}");
        let slots = first["slots"].as_array().expect("slots");
        assert_eq!(slots.len(), 5);
        let slot = &slots[0];
        assert!(slot["slot_id"].is_i64());
        let starts = chrono::DateTime::parse_from_rfc3339(text(&slot["starts_at"])).expect("RFC 3339");
        let italian = starts.with_timezone(&chrono_tz::Europe::Rome);
        assert_eq!(starts.offset().local_minus_utc(), italian.offset().fix().local_minus_utc(),
            "Italian time with its offset of that day");
        assert!(chrono::DateTime::parse_from_rfc3339(text(&slot["ends_at"])).expect("RFC 3339") > starts);
        for key in ["id", "name", "town", "address"] {
            assert!(!slot["facility"][key].is_null(), "facility.{key}");
        }
        assert!(slot["facility"]["area"]["id"].is_i64() && slot["facility"]["area"]["name"].is_string());

        // The next page carries on strictly after the last slot, and together they are the
        // first ten in order.
        let next = text(&first["next"]).to_owned();
        let (_, second) = get(&app, &format!("/api/v1/availability?service=89.52&limit=5&after={next}")).await;
        let (_, ten) = get(&app, "/api/v1/availability?service=89.52&limit=10").await;
        let ids = |v: &Value| -> Vec<i64> {
            v["slots"].as_array().expect("slots").iter().map(|s| s["slot_id"].as_i64().expect("id")).collect()
        };
        let mut paged = ids(&first);
        paged.extend(ids(&second));
        assert_eq!(paged, ids(&ten));
        let starts: Vec<String> = ten["slots"].as_array().expect("slots").iter()
            .map(|s| text(&s["starts_at"]).to_owned()).collect();
        let instants: Vec<i64> = starts.iter()
            .map(|s| chrono::DateTime::parse_from_rfc3339(s).expect("date").timestamp()).collect();
        assert!(instants.windows(2).all(|w| w[0] <= w[1]), "earliest first");

        // Filters: an area, and a start day.
        let area = slot["facility"]["area"]["id"].as_i64().expect("area");
        let (_, in_area) = get(&app, &format!("/api/v1/availability?service=89.52&area={area}")).await;
        assert!(in_area["slots"].as_array().expect("slots").iter().all(|s| s["facility"]["area"]["id"] == area));
        let later = app.clock.today() + Days::new(20);
        let (_, from) = get(&app, &format!("/api/v1/availability?service=89.52&from={later}")).await;
        let earliest = server::clock::start_of_day(later);
        assert!(from["slots"].as_array().expect("slots").iter().all(|s| {
            chrono::DateTime::parse_from_rfc3339(text(&s["starts_at"])).expect("date").timestamp() >= earliest
        }));

        let (status, unknown) = get(&app, "/api/v1/availability?service=00.00").await;
        assert_eq!(status, 404);
        assert_eq!(unknown["error"], "not_found");
        assert!(text(&unknown["message"]).contains("00.00"));
        let (status, bad_date) = get(&app, "/api/v1/availability?service=89.52&from=2026-02-31").await;
        assert_eq!(status, 422);
        assert_eq!(bad_date["errors"][0]["field"], "from");
        let (status, bad_cursor) = get(&app, "/api/v1/availability?service=89.52&after=soon").await;
        assert_eq!(status, 400);
        assert_eq!(bad_cursor["error"], "bad_request");
        // At most 50 a page, however many are asked for.
        let (_, many) = get(&app, "/api/v1/availability?service=89.52&limit=500").await;
        assert!(many["slots"].as_array().expect("slots").len() <= 50);
    }

    async fn a_booking_answers_201_with_every_detail_of_the_receipt(backend) {
        let app = TestApp::spawn(backend).await;
        // An unbooked prescription of the demo region, still in time whatever its class.
        let recent = app.clock.today() - Days::new(3);
        let (nre, fiscal_code, service, priority, prescribed_on): (String, String, String, String, NaiveDate) = query_one!(
            app.db(),
            (String, String, String, String, NaiveDate),
            "select p.nre, p.fiscal_code, s.code, p.priority, p.prescribed_on from prescriptions p \
             join services s on s.id = p.service_id \
             where p.status = 'valid' and p.prescribed_on >= $1 and p.nre not like '090A%' \
             and not exists (select 1 from bookings b where b.prescription_id = p.id and b.status <> 'cancelled') \
             and exists (select 1 from slots x where x.service_id = s.id) \
             order by p.id limit 1",
            recent
        );
        let slots = free_slots(&app, &service).await;
        let slot = slots.first().expect("a free slot").clone();
        let slot_id = slot["slot_id"].as_i64().expect("id");
        let (status, booking) = post(
            &app,
            "/api/v1/bookings",
            &json!({"fiscal_code": fiscal_code.to_lowercase(), "nre": nre, "slot_id": slot_id,
                    "phone": "333 123 4567", "email": "anna@example.org"}),
        )
        .await;
        assert_eq!(status, 201, "{booking}");
        let code = text(&booking["booking_code"]).to_owned();
        assert_eq!(code.len(), 10);
        assert_eq!(booking["booking_code_grouped"], format!("{}-{}", &code[..5], &code[5..]));
        assert_eq!(booking["status"], "confirmed");
        assert_eq!(booking["service"]["code"], service.as_str());
        assert_eq!(booking["slot_id"], slot_id);
        assert_eq!(booking["starts_at"], slot["starts_at"]);
        assert_eq!(booking["ends_at"], slot["ends_at"]);
        assert_eq!(booking["facility"], slot["facility"]);
        assert_eq!(booking["priority"], priority.as_str());
        assert_eq!(booking["booked_on"], app.clock.today().to_string());

        let (name, kind, ticket, prep): (String, String, Option<i64>, String) = query_one!(
            app.db(),
            (String, String, Option<i64>, String),
            "select name_it, kind, ticket_cents, prep_notes_it from services where code = $1",
            &service
        );
        assert_eq!(booking["service"]["name"], name.as_str());
        assert_eq!(booking["service"]["kind"], kind.as_str());
        assert_eq!(booking["preparation_notes"], prep.as_str());
        assert_eq!(booking["ticket_cents"], json!(ticket.map(|c| c.min(3_800))));
        let class = app::domain::PriorityClass::parse(&priority).expect("class");
        let service_kind = app::domain::ServiceKind::parse(&kind).expect("kind");
        assert_eq!(booking["deadline"], class.deadline(prescribed_on, service_kind).to_string());
        assert!(booking["within_deadline"].is_boolean());
        let day = chrono::DateTime::parse_from_rfc3339(text(&slot["starts_at"])).expect("RFC 3339").date_naive();
        let change_until = app::domain::calendar::can_change_online(app.clock.today(), day)
            .then(|| app::domain::calendar::last_day_to_change(day).to_string());
        assert_eq!(booking["change_until"], json!(change_until));

        // The database has it, made through the app, with normalised contacts.
        let (channel, phone, email): (String, Option<String>, Option<String>) = query_one!(
            app.db(),
            (String, Option<String>, Option<String>),
            "select channel, contact_phone, contact_email from bookings where code = $1",
            &code
        );
        assert_eq!(channel, "app");
        assert_eq!(phone.as_deref(), Some("+393331234567"));
        assert_eq!(email.as_deref(), Some("anna@example.org"));
        let (audits,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log a join bookings b on b.id = a.booking_id \
             where b.code = $1 and a.action = 'booking.created' and a.actor = 'citizen'", &code);
        assert_eq!(audits, 1);

        // The slot is no longer offered; the same prescription on another slot is refused.
        assert!(free_slots(&app, &service).await.iter().all(|s| s["slot_id"] != slot_id));
        let other = slots[1]["slot_id"].as_i64().expect("id");
        let (status, again) = post(&app, "/api/v1/bookings",
            &json!({"fiscal_code": fiscal_code, "nre": nre, "slot_id": other})).await;
        assert_eq!(status, 409);
        assert_eq!(again["error"], "already_booked");
    }

    async fn bad_input_gets_422_with_a_code_and_a_plain_message_per_field(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = free_slots(&app, "89.7A.3").await[0]["slot_id"].as_i64().expect("id");
        let cases = [
            ("RSSMRA48C55D612", "090A00000000105", "fiscal_code", "wrong_length", "ne hai inseriti 15"),
            ("RSSMRA48C55D612X", "090A00000000105", "fiscal_code", "wrong_check_character", "L'ultimo carattere del codice fiscale"),
            ("RSSMRA48C55D612S", "090A0000000010", "nre", "wrong_length", "ne hai inseriti 14"),
            // Unknown, and someone else's: one answer (see throttle.rs).
            ("RSSMRA48C55D612S", "090A00000009999", "nre", "no_match", "non corrispondono a una ricetta"),
            ("RSSMRA48C55D612S", "090A00000000201", "nre", "no_match", "non corrispondono a una ricetta"),
            ("BNCGPP51L02G999S", "090A00000000204", "nre", "expired", "è scaduta"),
        ];
        for (cf, nre, field, code, message) in cases {
            let (status, body) = post(&app, "/api/v1/bookings",
                &json!({"fiscal_code": cf, "nre": nre, "slot_id": slot})).await;
            assert_eq!(status, 422, "{cf} {nre}: {body}");
            assert_eq!(body["error"], "invalid");
            let error = &body["errors"][0];
            assert_eq!(error["field"], field, "{cf} {nre}");
            assert_eq!(error["code"], code, "{cf} {nre}");
            assert!(text(&error["message"]).contains(message), "{cf} {nre}: {}", error["message"]);
        }
        // Every wrong field at once, in English.
        let (status, body) = post_in(&app, "en-GB,en;q=0.9", "/api/v1/bookings",
            &json!({"fiscal_code": "RSSMRA48C55D612", "nre": "", "slot_id": slot, "phone": "12ab", "email": "anna"})).await;
        assert_eq!(status, 422);
        let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().map(|e| text(&e["field"])).collect();
        assert_eq!(fields, ["fiscal_code", "nre", "phone", "email"]);
        assert_eq!(body["errors"][0]["message"], "A tax code has 16 characters: you entered 15");
        assert_eq!(body["errors"][1]["code"], "empty");
        assert_eq!(body["message"], "There is a problem");

        // A body that is not JSON, lacks a field, or is too big: JSON errors too.
        let broken = app.client.post(app.url("/api/v1/bookings"))
            .header("content-type", "application/json").body("{\"nre\": ").send().await.expect("post");
        let (status, body) = answer(broken).await;
        assert_eq!(status, 400);
        assert_eq!(body["error"], "bad_request");
        let (status, body) = post(&app, "/api/v1/bookings", &json!({"fiscal_code": "x", "nre": "y"})).await;
        assert_eq!(status, 422);
        assert!(text(&body["detail"]).contains("slot_id"));
        let huge = json!({"fiscal_code": "x".repeat(20_000), "nre": "y", "slot_id": 1});
        let (status, body) = post(&app, "/api/v1/bookings", &huge).await;
        assert_eq!(status, 413);
        assert_eq!(body["error"], "too_large");
        let form = app.client.post(app.url("/api/v1/bookings")).form(&[("nre", "x")]).send().await.expect("post");
        assert_eq!(answer(form).await.0, 415);

        // A slot of another service is not this prescription's to take.
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let other_service = free_slots(&app, "89.52").await[0]["slot_id"].as_i64().expect("id");
        let (status, body) = post(&app, "/api/v1/bookings",
            &json!({"fiscal_code": cf, "nre": nre, "slot_id": other_service})).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"], "slot_unavailable");
    }

    async fn the_same_request_twice_gives_the_same_booking_once(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let slot = free_slots(&app, "89.7A.3").await[2]["slot_id"].as_i64().expect("id");
        let request = json!({"fiscal_code": cf, "nre": nre, "slot_id": slot, "phone": "3331234567"});
        let (first_status, first) = post(&app, "/api/v1/bookings", &request).await;
        let (second_status, second) = post(&app, "/api/v1/bookings", &request).await;
        assert_eq!(first_status, 201, "{first}");
        assert_eq!(second_status, 200, "{second}");
        assert_eq!(first["booking_code"], second["booking_code"]);
        assert_eq!(first, second);
        let (bookings,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from bookings b join prescriptions p on p.id = b.prescription_id where p.nre = $1", &nre);
        assert_eq!(bookings, 1);

        // Sent ten times at once, a new request still books once.
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let slot = free_slots(&app, "89.7A.3").await[0]["slot_id"].as_i64().expect("id");
        let request = json!({"fiscal_code": cf, "nre": nre, "slot_id": slot});
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let (client, url, request) = (app.client.clone(), app.url("/api/v1/bookings"), request.clone());
            tasks.spawn(async move { answer(client.post(url).json(&request).send().await.expect("post")).await });
        }
        let mut codes = std::collections::HashSet::new();
        let mut created = 0;
        while let Some(joined) = tasks.join_next().await {
            let (status, body) = joined.expect("task");
            assert!(status == 201 || status == 200, "{status}: {body}");
            created += usize::from(status == 201);
            codes.insert(text(&body["booking_code"]).to_owned());
        }
        assert_eq!((created, codes.len()), (1, 1));
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }

    async fn fifty_apps_racing_for_one_slot_get_one_booking_and_forty_nine_slot_taken(backend) {
        let app = TestApp::spawn(backend).await;
        let mut people = Vec::new();
        for _ in 0..50 {
            people.push(new_prescription(&app, "89.7A.3", "P").await);
        }
        let slot = free_slots(&app, "89.7A.3").await[3]["slot_id"].as_i64().expect("id");
        let mut tasks = tokio::task::JoinSet::new();
        for (cf, nre) in people {
            let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
            tasks.spawn(async move {
                let request = json!({"fiscal_code": cf, "nre": nre, "slot_id": slot});
                answer(client.post(url).json(&request).send().await.expect("post")).await
            });
        }
        let (mut created, mut taken) = (0, 0);
        while let Some(joined) = tasks.join_next().await {
            let (status, body) = joined.expect("task");
            match status {
                201 => {
                    assert_eq!(body["slot_id"], slot);
                    created += 1;
                }
                409 => {
                    assert_eq!(body["error"], "slot_taken", "{body}");
                    assert!(text(&body["message"]).contains("appena stato preso"));
                    let alternatives = body["alternatives"].as_array().expect("alternatives");
                    assert_eq!(alternatives.len(), 3);
                    assert!(alternatives.iter().all(|a| a["slot_id"] != slot), "the taken slot is not offered");
                    taken += 1;
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert_eq!((created, taken), (1, 49));
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }

    async fn bookings_made_at_once_each_leave_one_audit_entry_and_their_own_messages(backend) {
        // Made at once, the bookings share commits (SQLite's writer batches them; their audit
        // entries and messages are written in bulk per commit): each must still get exactly
        // its own, and a booking refused in the same commit none.
        let app = TestApp::spawn(backend).await;
        // Ten slots of its own: the seed's free ones depend on the day the tests run.
        let mut slots = Vec::new();
        for day in 20..30 {
            slots.push(new_slot(&app, "89.7A.3", app.clock.today() + Days::new(day), 7).await);
        }
        let total = |sql: &'static str| {
            let db = app.db().clone();
            async move { query_one!(&db, (i64,), sql).0 }
        };
        let audits_sql = "select count(*) from audit_log where action = 'booking.created'";
        let messages_sql = "select count(*) from notification_outbox where kind = 'booking_confirmed'";
        let (audits_before, messages_before) = (total(audits_sql).await, total(messages_sql).await);
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..16usize {
            let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
            // Ten slots for sixteen people: the last six race for slots of the first six.
            let slot = slots[i % 10];
            let mut request = json!({"fiscal_code": cf, "nre": nre, "slot_id": slot});
            if i % 4 == 1 || i % 4 == 3 {
                request["phone"] = json!(format!("333 {:07}", 1_000_000 + i));
            }
            if i % 4 == 2 || i % 4 == 3 {
                request["email"] = json!(format!("p{i}@example.org"));
            }
            let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
            tasks.spawn(async move {
                (i, answer(client.post(url).json(&request).send().await.expect("post")).await)
            });
        }
        let (mut created, mut expected_messages) = (0, 0);
        while let Some(joined) = tasks.join_next().await {
            let (i, (status, body)) = joined.expect("task");
            if status == 409 {
                assert_eq!(body["error"], "slot_taken", "{body}");
                continue;
            }
            assert_eq!(status, 201, "{body}");
            created += 1;
            let code = text(&body["booking_code"]).to_owned();
            let (audits, sms, email, none): (i64, i64, i64, i64) = query_one!(
                app.db(),
                (i64, i64, i64, i64),
                "select \
                 (select count(*) from audit_log a join prescriptions p on p.id = b.prescription_id \
                   where a.booking_id = b.id and a.action = 'booking.created' \
                   and a.actor = 'citizen' and a.channel = 'app' and a.fiscal_code = p.fiscal_code), \
                 (select count(*) from notification_outbox o where o.booking_id = b.id \
                   and o.kind = 'booking_confirmed' and o.channel = 'sms' and o.status = 'pending' \
                   and o.recipient = b.contact_phone), \
                 (select count(*) from notification_outbox o where o.booking_id = b.id \
                   and o.kind = 'booking_confirmed' and o.channel = 'email' and o.status = 'pending' \
                   and o.recipient = b.contact_email), \
                 (select count(*) from notification_outbox o where o.booking_id = b.id \
                   and o.kind = 'booking_confirmed' and o.status = 'no_contact' \
                   and o.channel is null and o.recipient is null) \
                 from bookings b where b.code = $1",
                &code
            );
            let (phone, mail) = (i % 4 == 1 || i % 4 == 3, i % 4 == 2 || i % 4 == 3);
            assert_eq!(
                (audits, sms, email, none),
                (1, i64::from(phone), i64::from(mail), i64::from(!phone && !mail)),
                "person {i}"
            );
            expected_messages += i64::from(phone) + i64::from(mail) + i64::from(!phone && !mail);
        }
        assert_eq!(created, 10, "one booking per slot");
        assert_eq!(total(audits_sql).await - audits_before, 10, "none for a refused booking");
        assert_eq!(total(messages_sql).await - messages_before, expected_messages);
    }

    async fn a_booking_is_found_only_with_its_own_fiscal_code(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let slot = free_slots(&app, "89.7A.3").await[0]["slot_id"].as_i64().expect("id");
        let booked = book(&app, &cf, &nre, slot).await;
        let grouped = text(&booked["booking_code_grouped"]).to_lowercase();

        let (status, found) = post(&app, "/api/v1/bookings/lookup",
            &json!({"booking_code": grouped, "fiscal_code": cf.to_lowercase()})).await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found, booked);

        let (status, stranger) = post(&app, "/api/v1/bookings/lookup",
            &json!({"booking_code": booked["booking_code"], "fiscal_code": "RSSMRA48C55D612S"})).await;
        assert_eq!(status, 404);
        let (status, wrong_code) = post(&app, "/api/v1/bookings/lookup",
            &json!({"booking_code": "2222222222", "fiscal_code": cf})).await;
        assert_eq!(status, 404);
        assert_eq!(stranger, wrong_code, "someone else's code and a wrong code are the same answer");
        assert_eq!(stranger["error"], "not_found");
        assert!(text(&stranger["message"]).contains("Nessuna prenotazione corrisponde"));

        let (status, malformed) = post(&app, "/api/v1/bookings/lookup",
            &json!({"booking_code": "OOOOO", "fiscal_code": cf})).await;
        assert_eq!(status, 422);
        assert_eq!(malformed["errors"][0]["field"], "booking_code");
        // Unknown API paths and methods are JSON too, never the HTML page.
        let (status, body) = get(&app, "/api/v1/nothing-here").await;
        assert_eq!((status, body["error"].clone()), (404, json!("not_found")));
        let (status, body) = get(&app, "/api/v1/bookings/lookup").await;
        assert_eq!((status, body["error"].clone()), (405, json!("method_not_allowed")));
    }

    async fn cancelling_with_a_reason_frees_the_slot(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(20), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let booked = book(&app, &cf, &nre, slot).await;
        let code = booked["booking_code"].clone();
        assert!(booked["change_until"].is_string());

        let (status, missing) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": code, "fiscal_code": cf, "reason": "  "})).await;
        assert_eq!(status, 422);
        assert_eq!(missing["errors"][0]["field"], "reason");
        assert_eq!(missing["errors"][0]["code"], "required");
        let (status, long) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": code, "fiscal_code": cf, "reason": "x".repeat(501)})).await;
        assert_eq!((status, long["errors"][0]["code"].clone()), (422, json!("too_long")));
        let (status, stranger) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": code, "fiscal_code": "RSSMRA48C55D612S", "reason": "no"})).await;
        assert_eq!((status, stranger["error"].clone()), (404, json!("not_found")));
        assert_eq!(active_bookings_on(&app, slot).await, 1);

        let (status, cancelled) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": code, "fiscal_code": cf, "reason": "Ho trovato posto altrove"})).await;
        assert_eq!(status, 200, "{cancelled}");
        assert_eq!(cancelled["status"], "cancelled");
        assert_eq!(cancelled["booking_code"], code);
        assert!(cancelled["change_until"].is_null());
        assert_eq!(active_bookings_on(&app, slot).await, 0, "the slot is free again");
        let (reason,): (Option<String>,) = query_one!(app.db(), (Option<String>,),
            "select cancel_reason from bookings where code = $1", text(&code));
        assert_eq!(reason.as_deref(), Some("Ho trovato posto altrove"));
        // Free again in exactly one way: held for the first in the waiting list whose deadline it
        // meets, or offered to everyone.
        let (_, listed) = get(&app, &format!("/api/v1/availability?service=89.7A.3&from={}", app.clock.today() + Days::new(20))).await;
        let (offered,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from holds where slot_id = $1", slot);
        let (offers,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from holds h join waiting_list w on w.prescription_id = h.prescription_id \
             where h.slot_id = $1 and w.status = 'offered'", slot);
        let listed = listed["slots"].as_array().expect("slots").iter().any(|s| s["slot_id"] == slot);
        assert_eq!(offered, offers, "a hold on it now can only be a waiting-list offer");
        assert_eq!(listed, offered == 0, "listed exactly when nobody on the list got it");

        let (status, again) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": code, "fiscal_code": cf, "reason": "twice"})).await;
        assert_eq!((status, again["error"].clone()), (409, json!("not_active")));
    }

    async fn moving_frees_the_old_slot_books_the_new_one_and_keeps_the_code(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let old = new_slot(&app, "89.7A.3", today + Days::new(15), 7).await;
        let new = new_slot(&app, "89.7A.3", today + Days::new(16), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let booked = book(&app, &cf, &nre, old).await;
        let code = booked["booking_code"].clone();

        let request = json!({"booking_code": code, "fiscal_code": cf, "slot_id": new});
        let (status, moved) = post(&app, "/api/v1/bookings/move", &request).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["booking_code"], code);
        assert_eq!(moved["slot_id"], new);
        assert_eq!(moved["status"], "confirmed");
        assert_eq!(active_bookings_on(&app, old).await, 0);
        assert_eq!(active_bookings_on(&app, new).await, 1);
        let (status, replay) = post(&app, "/api/v1/bookings/move", &request).await;
        assert_eq!((status, replay["slot_id"].clone()), (200, json!(new)), "the same move again changes nothing");

        // A slot someone else booked: 409 with alternatives, and the booking keeps its slot.
        let third = new_slot(&app, "89.7A.3", today + Days::new(17), 7).await;
        let (other_cf, other_nre) = new_prescription(&app, "89.7A.3", "P").await;
        book(&app, &other_cf, &other_nre, third).await;
        let (status, taken) = post(&app, "/api/v1/bookings/move",
            &json!({"booking_code": code, "fiscal_code": cf, "slot_id": third})).await;
        assert_eq!(status, 409);
        assert_eq!(taken["error"], "slot_taken");
        assert_eq!(taken["alternatives"].as_array().expect("alternatives").len(), 3);
        assert_eq!(active_bookings_on(&app, new).await, 1);
        let (holds,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from holds h join prescriptions p on p.id = h.prescription_id where p.nre = $1", &nre);
        assert_eq!(holds, 0, "a refused move holds nothing");
        // A slot of another service cannot be this prescription's.
        let elsewhere = free_slots(&app, "89.52").await[0]["slot_id"].as_i64().expect("id");
        let (status, body) = post(&app, "/api/v1/bookings/move",
            &json!({"booking_code": code, "fiscal_code": cf, "slot_id": elsewhere})).await;
        assert_eq!((status, body["error"].clone()), (422, json!("slot_unavailable")));
    }

    async fn cancelling_or_moving_within_two_working_days_is_too_late(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let tomorrow = today + Days::new(1);
        let near = new_slot(&app, "89.7A.3", tomorrow, 7).await;
        let spare = new_slot(&app, "89.7A.3", today + Days::new(30), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let booked = book(&app, &cf, &nre, near).await;
        assert!(booked["change_until"].is_null());
        let last_day = app::domain::calendar::last_day_to_change(tomorrow).to_string();

        let (status, cancel) = post_in(&app, "en", "/api/v1/bookings/cancel",
            &json!({"booking_code": booked["booking_code"], "fiscal_code": cf, "reason": "ill"})).await;
        assert_eq!(status, 409);
        assert_eq!(cancel["error"], "too_late");
        assert_eq!(cancel["last_day"], last_day.as_str());
        assert!(text(&cancel["message"]).contains("can no longer be changed online"));
        let (status, moved) = post(&app, "/api/v1/bookings/move",
            &json!({"booking_code": booked["booking_code"], "fiscal_code": cf, "slot_id": spare})).await;
        assert_eq!((status, moved["error"].clone()), (409, json!("too_late")));
        assert_eq!(active_bookings_on(&app, near).await, 1);
        assert_eq!(active_bookings_on(&app, spare).await, 0);

        // A booking far ahead becomes too late to change as its day draws near.
        let far = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let booked = book(&app, &cf, &nre, far).await;
        app.clock.advance(19 * 86_400);
        let (status, moved) = post(&app, "/api/v1/bookings/move",
            &json!({"booking_code": booked["booking_code"], "fiscal_code": cf, "slot_id": spare})).await;
        assert_eq!((status, moved["error"].clone()), (409, json!("too_late")));
        let (status, cancel) = post(&app, "/api/v1/bookings/cancel",
            &json!({"booking_code": booked["booking_code"], "fiscal_code": cf, "reason": "ill"})).await;
        assert_eq!((status, cancel["error"].clone()), (409, json!("too_late")));
        assert_eq!(active_bookings_on(&app, far).await, 1);
    }

    async fn the_openapi_document_describes_every_path(backend) {
        let app = TestApp::spawn(backend).await;
        let (status, doc) = get(&app, "/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        assert!(text(&doc["openapi"]).starts_with("3."));
        for path in ["/api/v1/services", "/api/v1/availability", "/api/v1/bookings", "/api/v1/bookings/lookup",
                     "/api/v1/bookings/cancel", "/api/v1/bookings/move", "/api/v1/openapi.json"] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["paths"]["/api/v1/bookings"]["post"]["responses"]["409"].is_object());
        for schema in ["Booking", "NewBooking", "ErrorBody", "FieldError", "Slot", "SlotPage", "ServiceList"] {
            assert!(doc["components"]["schemas"][schema].is_object(), "{schema} missing");
        }
    }

    async fn a_database_that_is_gone_answers_503_with_retry_after_and_no_internals(backend) {
        let app = TestApp::spawn(backend).await;
        app.db().close().await;
        let response = app.get("/api/v1/availability?service=89.7A.3").await;
        assert_eq!(response.status(), 503);
        assert_eq!(response.headers()["retry-after"], "5");
        let (_, body) = answer(response).await;
        assert_eq!(body["error"], "unavailable");
        assert!(!body.to_string().to_lowercase().contains("pool"), "{body}");
    }
}
