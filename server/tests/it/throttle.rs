//! Guessing is throttled (issue 12): wrong prescription checks, booking look-ups, cancels,
//! moves and staff sign-ins are counted per fiscal code or username and per client; beyond the
//! quota the answer is 429 with Retry-After, a page in the person's language (JSON in the API),
//! and no database query. Wrong codes get one answer whoever they belong to, and the staff
//! lockout cannot be raced.

use serde_json::{Value, json};
use server::state::AppState;
use server::throttle::ThrottleConfig;

use server::admission::AdmissionConfig;

use crate::common::{Backend, Browser, Page, TestApp, TestDb, assert_strict_page};
use crate::fixtures::new_prescription;
use crate::staff::csrf_of;
use crate::{execute, on_both_backends, query_one};

/// Maria Rossi, and Giuseppe Bianchi's prescription (the README's demo cast).
const MARIA: &str = "RSSMRA48C55D612S";
const GIUSEPPES_NRE: &str = "090A00000000201";
const NOBODYS_NRE: &str = "090A00000009999";

async fn spawn(backend: Backend, configure: fn(AppState) -> AppState) -> TestApp {
    TestApp::spawn_configured(backend, configure).await
}

/// What came back: status, Retry-After, body.
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    Answer {
        status: response.status().as_u16(),
        retry_after: response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok()),
        body: response.text().await.expect("body"),
    }
}

/// A form posted by a browser at `client` (the loopback test server believes X-Forwarded-For).
async fn form_from(
    app: &TestApp,
    browser: &Browser,
    client: &str,
    path: &str,
    form: &[(&str, &str)],
) -> Answer {
    answer(
        browser
            .client
            .post(app.url(path))
            .header("origin", app.url(""))
            .header("x-forwarded-for", client)
            .form(form)
            .send()
            .await
            .expect("post"),
    )
    .await
}

/// A JSON request from an app at `client`.
async fn api_from(app: &TestApp, client: &str, path: &str, body: &Value) -> Answer {
    answer(
        app.client
            .post(app.url(path))
            .header("x-forwarded-for", client)
            .json(body)
            .send()
            .await
            .expect("post"),
    )
    .await
}

async fn check_prescription(app: &TestApp, client: &str, cf: &str, nre: &str) -> Answer {
    let browser = Browser::new(app);
    form_from(
        app,
        &browser,
        client,
        "/prenota",
        &[("codice_fiscale", cf), ("nre", nre)],
    )
    .await
}

/// Renames a table away and back: a request that still answers while it is away read nothing
/// from it.
async fn without_table<T>(app: &TestApp, table: &str, during: impl AsyncFnOnce() -> T) -> T {
    execute!(
        app.db(),
        &format!("alter table {table} rename to {table}_away")
    );
    let result = during().await;
    execute!(
        app.db(),
        &format!("alter table {table}_away rename to {table}")
    );
    result
}

fn assert_throttled_page(page: &Answer) {
    assert_eq!(page.status, 429, "{}", page.body);
    let wait = page.retry_after.expect("Retry-After");
    assert!((1..=15 * 60).contains(&wait), "Retry-After {wait}");
    assert_strict_page(&page.body);
    assert!(
        page.body.contains("<h1>Troppi tentativi non riusciti</h1>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("puoi riprovare tra"));
}

fn assert_throttled_json(answer: &Answer) {
    assert_eq!(answer.status, 429, "{}", answer.body);
    let wait = answer.retry_after.expect("Retry-After");
    let body = answer.json();
    assert_eq!(body["error"], "too_many_requests");
    assert_eq!(body["retry_after"], wait);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("riprovare tra"))
    );
}

on_both_backends! {
    async fn wrong_prescription_checks_are_throttled_per_fiscal_code_with_a_page_in_the_persons_language(backend) {
        let app = spawn(backend, |s| s.with_throttle(ThrottleConfig { per_fiscal_code: 3, ..ThrottleConfig::default() })).await;
        for nre in [GIUSEPPES_NRE, NOBODYS_NRE, GIUSEPPES_NRE] {
            let page = check_prescription(&app, "198.51.100.1", MARIA, nre).await;
            assert_eq!(page.status, 422, "{}", page.body);
        }
        let page = check_prescription(&app, "198.51.100.1", MARIA, NOBODYS_NRE).await;
        assert_throttled_page(&page);
        // Nothing is looked up for a throttled request, and another client guessing at the same
        // fiscal code is throttled too.
        let elsewhere = without_table(&app, "prescriptions", async || {
            check_prescription(&app, "203.0.113.9", MARIA, "090A00000000105").await
        })
        .await;
        assert_throttled_page(&elsewhere);
        // In English for an English reader.
        let english = answer(
            app.client
                .post(app.url("/prenota"))
                .header("origin", app.url(""))
                .header("x-forwarded-for", "198.51.100.1")
                .header("cookie", "lang=en")
                .form(&[("codice_fiscale", MARIA), ("nre", NOBODYS_NRE)])
                .send()
                .await
                .expect("post"),
        )
        .await;
        assert_eq!(english.status, 429);
        assert!(english.body.contains("<h1>Too many failed attempts</h1>"));
        assert!(english.body.contains("try again in"));
        // Other fiscal codes are not affected, from the same client either.
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let page = check_prescription(&app, "198.51.100.1", &cf, &nre).await;
        assert_eq!(page.status, 303, "{}", page.body);
    }

    async fn wrong_prescription_checks_are_throttled_per_client_across_fiscal_codes_in_the_api(backend) {
        let app = spawn(backend, |s| s.with_throttle(ThrottleConfig { per_client: 3, ..ThrottleConfig::default() })).await;
        let slot = 1;
        let guesser = "2001:db8:5:6::1";
        for i in 0..3 {
            let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
            let nre = format!("090X{:011}", 99_000 + i);
            let wrong = api_from(&app, guesser, "/api/v1/bookings", &json!({"fiscal_code": cf, "nre": nre, "slot_id": slot})).await;
            assert_eq!(wrong.status, 422, "{}", wrong.body);
            assert_eq!(wrong.json()["errors"][0]["code"], "no_match");
        }
        // The same /64 is the same client, whatever fiscal code it tries, right or not.
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let refused = without_table(&app, "prescriptions", async || {
            api_from(&app, "2001:db8:5:6::beef", "/api/v1/bookings", &json!({"fiscal_code": cf, "nre": nre, "slot_id": slot})).await
        })
        .await;
        assert_throttled_json(&refused);
        assert!(refused.retry_after.expect("Retry-After") <= 20, "a cell every 20 s");
        let english = answer(app.client.post(app.url("/api/v1/bookings")).header("x-forwarded-for", guesser)
            .header("accept-language", "en").json(&json!({"fiscal_code": cf, "nre": nre, "slot_id": slot})).send().await.expect("post")).await;
        assert_eq!(english.status, 429);
        assert!(english.json()["message"].as_str().is_some_and(|m| m.contains("try again in")));
        // Another client is not affected.
        let (status, body) = {
            let slots = app.get("/api/v1/availability?service=89.7A.3").await.json::<Value>().await.expect("json");
            let slot = slots["slots"][0]["slot_id"].as_i64().expect("slot");
            let booked = api_from(&app, "2001:db8:5:7::1", "/api/v1/bookings", &json!({"fiscal_code": cf, "nre": nre, "slot_id": slot})).await;
            (booked.status, booked.body)
        };
        assert_eq!(status, 201, "{body}");
    }

    async fn booking_lookups_cancels_and_moves_share_the_fiscal_codes_quota_in_html_and_api(backend) {
        let app = spawn(backend, |s| s.with_throttle(ThrottleConfig { per_fiscal_code: 4, ..ThrottleConfig::default() })).await;
        let browser = Browser::new(&app);
        let client = "192.0.2.44";
        let wrong_code = "2222222222";
        // One wrong try through each door.
        let page = form_from(&app, &browser, client, "/le-mie-prenotazioni",
            &[("codice_fiscale", MARIA), ("codice_prenotazione", wrong_code)]).await;
        assert_eq!(page.status, 422, "{}", page.body);
        let key = json!({"fiscal_code": MARIA, "booking_code": wrong_code});
        assert_eq!(api_from(&app, client, "/api/v1/bookings/lookup", &key).await.status, 404);
        let cancel = json!({"fiscal_code": MARIA, "booking_code": wrong_code, "reason": "non serve più"});
        assert_eq!(api_from(&app, client, "/api/v1/bookings/cancel", &cancel).await.status, 404);
        let move_to = json!({"fiscal_code": MARIA, "booking_code": wrong_code, "slot_id": 1});
        assert_eq!(api_from(&app, client, "/api/v1/bookings/move", &move_to).await.status, 404);
        // Then every door is shut for this fiscal code, even from another client, without a
        // query.
        without_table(&app, "bookings", async || {
            let page = form_from(&app, &browser, "192.0.2.45", "/le-mie-prenotazioni",
                &[("codice_fiscale", MARIA), ("codice_prenotazione", wrong_code)]).await;
            assert_throttled_page(&page);
            assert_throttled_json(&api_from(&app, "192.0.2.45", "/api/v1/bookings/lookup", &key).await);
            assert_throttled_json(&api_from(&app, client, "/api/v1/bookings/cancel", &cancel).await);
            assert_throttled_json(&api_from(&app, client, "/api/v1/bookings/move", &move_to).await);
        })
        .await;
        // Another fiscal code from the same client: a plain 404 again.
        let other = json!({"fiscal_code": "BNCGPP51L02G999S", "booking_code": wrong_code});
        assert_eq!(api_from(&app, client, "/api/v1/bookings/lookup", &other).await.status, 404);
    }

    async fn right_answers_are_not_counted(backend) {
        let app = spawn(backend, |s| s.with_throttle(ThrottleConfig { per_fiscal_code: 2, per_client: 2, ..ThrottleConfig::default() })).await;
        // One client (a pharmacy) proving many prescriptions, some of them twice.
        for _ in 0..6 {
            let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
            for _ in 0..2 {
                let page = check_prescription(&app, "198.51.100.77", &cf, &nre).await;
                assert_eq!(page.status, 303, "{}", page.body);
            }
        }
    }

    async fn staff_sign_ins_are_throttled_per_username_and_per_client(backend) {
        let app = spawn(backend, |s| s.with_throttle(ThrottleConfig { per_username: 3, sign_in_per_client: 5, ..ThrottleConfig::default() })).await;
        let sign_in = async |client: &str, username: &str, password: &str| {
            let browser = Browser::new(&app);
            let csrf = csrf_of(&browser.get("/operatore/accesso").await);
            form_from(&app, &browser, client, "/operatore/accesso",
                &[("username", username), ("password", password), ("csrf", &csrf)]).await
        };
        for client in ["10.1.0.1", "10.1.0.2", "10.1.0.3"] {
            assert_eq!(sign_in(client, "nessuno", "x").await.status, 422);
        }
        let refused = without_table(&app, "staff", async || sign_in("10.1.0.4", "Nessuno", "x").await).await;
        assert_throttled_page(&refused);
        // Per client: five wrong usernames, then even a right password waits.
        for i in 0..5 {
            assert_eq!(sign_in("10.2.0.1", &format!("utente{i}"), "x").await.status, 422);
        }
        assert_throttled_page(&sign_in("10.2.0.1", "operatore1", "cupola-operatore-1").await);
        // Elsewhere, the same operator signs in.
        assert_eq!(sign_in("10.2.0.2", "operatore1", "cupola-operatore-1").await.status, 303);
    }

    async fn someone_elses_prescription_and_an_unknown_one_get_the_same_answer(backend) {
        let app = TestApp::spawn(backend).await;
        let normalise = |page: Answer, nre: &str| (page.status, page.body.replace(nre, "NRE"));
        let theirs = normalise(check_prescription(&app, "198.51.100.2", MARIA, GIUSEPPES_NRE).await, GIUSEPPES_NRE);
        let nobodys = normalise(check_prescription(&app, "198.51.100.2", MARIA, NOBODYS_NRE).await, NOBODYS_NRE);
        assert_eq!(theirs.0, 422);
        assert!(theirs.1.contains("non corrispondono a una ricetta"));
        assert_eq!(theirs, nobodys);

        let slot = 1;
        let theirs = api_from(&app, "198.51.100.2", "/api/v1/bookings", &json!({"fiscal_code": MARIA, "nre": GIUSEPPES_NRE, "slot_id": slot})).await;
        let nobodys = api_from(&app, "198.51.100.2", "/api/v1/bookings", &json!({"fiscal_code": MARIA, "nre": NOBODYS_NRE, "slot_id": slot})).await;
        assert_eq!((theirs.status, theirs.json()), (nobodys.status, nobodys.json()));
        assert_eq!(theirs.json()["errors"][0]["code"], "no_match");
        assert!(!theirs.body.contains("alternatives"));
    }

    async fn unknown_and_locked_staff_accounts_get_the_same_answer_as_a_wrong_password(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = Browser::new(&app);
        let try_as = async |username: &str, password: &str| {
            let csrf = csrf_of(&browser.get("/operatore/accesso").await);
            let page = form_from(&app, &browser, "10.3.0.1", "/operatore/accesso",
                &[("username", username), ("password", password), ("csrf", &csrf)]).await;
            let new_csrf = csrf_of(&Page { status: page.status, location: None, body: page.body.clone() });
            (page.status, page.body.replace(&new_csrf, "TOKEN").replace(username, "USER"))
        };
        let wrong = try_as("operatore2", "wrong").await;
        let unknown = try_as("nessuno", "wrong").await;
        assert_eq!(wrong.0, 422);
        assert!(wrong.1.contains("oppure account bloccato"));
        assert_eq!(wrong, unknown);
        for _ in 0..4 {
            assert_eq!(try_as("operatore2", "wrong").await, wrong);
        }
        // Locked now: the right password gets the same answer as anything else.
        assert_eq!(try_as("operatore2", "cupola-operatore-2").await, wrong);
        let (failed_logins, locked): (i64, bool) = query_one!(app.db(), (i64, bool),
            "select failed_logins, locked_until is not null from staff where username = 'operatore2'");
        assert_eq!((failed_logins, locked), (5, true));
        // Every try is in the audit: five passwords checked, then the lock, and the unknown one.
        let audit: Vec<(String, String, Option<i64>)> = match app.db() {
            server::db::Db::Sqlite(s) => sqlx::query_as("select action, detail, staff_id from audit_log where action like 'staff.%' order by id").fetch_all(&s.read).await,
            server::db::Db::Postgres(p) => sqlx::query_as("select action, detail, staff_id from audit_log where action like 'staff.%' order by id").fetch_all(&p.citizens).await,
        }.expect("audit");
        let details: Vec<&str> = audit.iter().map(|(_, d, _)| d.as_str()).collect();
        assert_eq!(details, ["wrong password", "no such account", "wrong password", "wrong password",
            "wrong password", "wrong password", "account locked or inactive"]);
        assert!(audit.iter().all(|(a, _, _)| a == "staff.sign_in_failed"));
        assert_eq!(audit[1].2, None, "an unknown username names no one");
        assert!(!audit.iter().any(|(_, d, _)| d.contains("nessuno")));
        // Once the lock is over, the right password works and is audited.
        execute!(app.db(), "update staff set locked_until = 1 where username = 'operatore2'");
        let csrf = csrf_of(&browser.get("/operatore/accesso").await);
        let done = form_from(&app, &browser, "10.3.0.1", "/operatore/accesso",
            &[("username", "operatore2"), ("password", "cupola-operatore-2"), ("csrf", &csrf)]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let (signed_in, failed_logins): (i64, i64) = query_one!(app.db(), (i64, i64),
            "select (select count(*) from audit_log where action = 'staff.signed_in'), \
             (select failed_logins from staff where username = 'operatore2')");
        assert_eq!((signed_in, failed_logins), (1, 0));
    }

    async fn forty_parallel_wrong_passwords_check_no_more_than_five(backend) {
        // Room for all forty at once in the operators' lane, and no throttle in the way: the
        // database's own counter is what is tried here.
        let admission = AdmissionConfig { operator_capacity: 64, ..AdmissionConfig::default() };
        let app = TestApp::serve_configured(TestDb::seeded(backend).await, admission,
            |s| s.with_throttle(ThrottleConfig { per_username: 1000, sign_in_per_client: 1000, ..ThrottleConfig::default() })).await;
        let mut ready = Vec::new();
        for _ in 0..40 {
            let browser = Browser::new(&app);
            let csrf = csrf_of(&browser.get("/operatore/accesso").await);
            ready.push((browser, csrf));
        }
        let app = std::sync::Arc::new(app);
        let mut tasks = tokio::task::JoinSet::new();
        for (i, (browser, csrf)) in ready.into_iter().enumerate() {
            let app = app.clone();
            tasks.spawn(async move {
                form_from(&app, &browser, &format!("10.4.0.{i}"), "/operatore/accesso",
                    &[("username", "operatore1"), ("password", "wrong"), ("csrf", &csrf)]).await.status
            });
        }
        while let Some(status) = tasks.join_next().await {
            assert_eq!(status.expect("task"), 422);
        }
        let (checked, not_checked, failed_logins): (i64, i64, i64) = query_one!(app.db(), (i64, i64, i64),
            "select (select count(*) from audit_log where action = 'staff.sign_in_failed' and detail = 'wrong password'), \
             (select count(*) from audit_log where action = 'staff.sign_in_failed' and detail = 'account locked or inactive'), \
             (select failed_logins from staff where username = 'operatore1')");
        assert_eq!((checked, not_checked, failed_logins), (5, 35, 5));
    }
}
