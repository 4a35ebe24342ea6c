//! A database outage, through a TCP proxy between the app and PostgreSQL that the test cuts
//! (every connection broken, new ones refused) and restores: the app notices by itself, serves
//! what it keeps (the availability API and the waiting-times pages, marked stale), answers
//! bookings with a quick 503 that says nothing was booked, keeps operators signed in, shows the
//! sign-in page; and recovers by itself once the database is back, without a restart.
//!
//! PostgreSQL only. SQLite is a file the process holds open: no outage of it can be made
//! honestly from a test (a file moved away or made unreadable stays readable through the open
//! descriptors and the memory map; an exclusive lock cannot be taken while the app's
//! connections use the WAL index), so the SQLite side of the health state is exercised only
//! through its pools being closed (`health::readiness_fails_cleanly_when_the_database_is_gone`).

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use server::admission::AdmissionConfig;

use crate::common::{Backend, Browser, TestApp, TestDb, enabled};
use crate::fixtures::new_prescription;
use crate::on_both_backends;
use crate::proxy::{ChaosProxy, target_of};
use crate::staff::signed_in;

const SERVICE: &str = "89.7A.3";
/// An answer kept in memory (or refused) comes at once: far below the pools' acquire timeout.
const QUICK: Duration = Duration::from_millis(1500);

async fn get_json(app: &TestApp, path: &str, lang: &str) -> (u16, HeaderMap, Value, Duration) {
    let started = Instant::now();
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, headers, body, started.elapsed())
}

async fn book(app: &TestApp, lang: &str, body: &Value) -> (u16, HeaderMap, Value, Duration) {
    let started = Instant::now();
    let response = app
        .client
        .post(app.url("/api/v1/bookings"))
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, headers, body, started.elapsed())
}

/// Polls `/health` until it reports `ready`, for at most `within`.
async fn wait_ready(app: &TestApp, ready: bool, within: Duration) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let response = app.get("/health").await;
        let status = response.status().as_u16();
        let body: Value = response.json().await.expect("health JSON");
        assert_eq!(status == 200, body["ready"] == true, "{body}");
        if body["ready"] == ready {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "/health not ready={ready} after {within:?}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn page_with_lang(app: &TestApp, path: &str, lang: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("cookie", format!("lang={lang}"))
        .send()
        .await
        .expect("page");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

const STALE_IT: &str = "in questo momento non riusciamo ad aggiornarli";
const STALE_EN: &str = "we cannot update them right now";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_is_served_from_memory_and_recovered_from_by_itself() {
    if !enabled(Backend::Postgres) {
        return;
    }
    let origin = TestDb::seeded(Backend::Postgres).await;
    let proxy = ChaosProxy::start(target_of(&origin.url)).await;
    let test_db = TestDb::through(&origin, proxy.url(&origin.url)).await;
    let app = TestApp::serve(test_db, AdmissionConfig::default()).await;

    // Before: fresh answers, no notice anywhere.
    let asked = format!("/api/v1/availability?service={SERVICE}&limit=5");
    let (status, headers, before, _) = get_json(&app, &asked, "it").await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["stale"], false);
    assert!(headers.get("warning").is_none());
    let slots = before["slots"].as_array().expect("slots").clone();
    assert_eq!(slots.len(), 5);
    let times = format!("/tempi-di-attesa/{SERVICE}");
    let (status, page) = page_with_lang(&app, &times, "it").await;
    assert_eq!(status, 200);
    assert!(!page.contains(STALE_IT));
    assert_eq!(
        wait_ready(&app, true, Duration::ZERO).await["database"],
        "ok"
    );
    let (cf, nre) = new_prescription(&app, SERVICE, "P").await;
    let slot = slots[0]["slot_id"].as_i64().expect("slot id");
    let booking = json!({"fiscal_code": cf, "nre": nre, "slot_id": slot});
    let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
    let home = operator.get("/operatore").await;
    assert_eq!(home.status, 200);
    assert!(!home.body.contains("role=\"status\""), "{}", home.body);

    // The cut: nobody asks anything, and the app notices by itself within seconds.
    proxy.cut();
    let cut_at = Instant::now();
    let health = wait_ready(&app, false, Duration::from_secs(10)).await;
    assert_eq!(health["database"], "unavailable");
    assert!(health["unavailable_since"].is_string(), "{health}");
    let noticed_after = cut_at.elapsed();

    // The availability API: the question asked before gets its last good answer, marked stale,
    // at once; a question never asked has no answer to give (503, quickly).
    let (status, headers, stale, took) = get_json(&app, &asked, "it").await;
    assert_eq!(status, 200, "{stale}");
    assert_eq!(stale["stale"], true);
    assert_eq!(stale["slots"], before["slots"]);
    assert_eq!(
        headers.get("warning").and_then(|w| w.to_str().ok()),
        Some("110 - \"Response is Stale\"")
    );
    let age: i64 = headers
        .get("age")
        .and_then(|a| a.to_str().ok())
        .and_then(|a| a.parse().ok())
        .expect("an Age header");
    assert!((0..120).contains(&age), "age {age}");
    assert!(took < QUICK, "a stale answer took {took:?}");
    let never = format!("/api/v1/availability?service={SERVICE}&limit=7");
    let (status, headers, refused, took) = get_json(&app, &never, "en").await;
    assert_eq!(status, 503, "{refused}");
    assert_eq!(refused["error"], "unavailable");
    assert!(headers.get("retry-after").is_some());
    assert!(took < QUICK, "a refusal took {took:?}");

    // The waiting-times pages say their figures are old, in each language, as a status.
    for (lang, notice) in [("it", STALE_IT), ("en", STALE_EN)] {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let (status, page) = page_with_lang(&app, &times, lang).await;
            assert_eq!(status, 200);
            if page.contains(notice) {
                let at = page.find(notice).expect("notice");
                let before_notice = &page[..at];
                let opening = before_notice.rfind("<p").expect("a paragraph");
                assert!(
                    before_notice[opening..].contains("role=\"status\""),
                    "the notice is a status: {}",
                    &page[opening..at + notice.len()]
                );
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no stale notice ({lang}) on {times}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // Bookings: a quick 503 that says nothing was booked, in the asker's language.
    for (lang, says) in [
        ("it", "Non è stato prenotato"),
        ("en", "Nothing was booked"),
    ] {
        let (status, headers, body, took) = book(&app, lang, &booking).await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["error"], "unavailable");
        let message = body["message"].as_str().expect("message");
        assert!(message.contains(says), "{message}");
        assert!(!message.contains("richieste") && !message.contains("requests"));
        assert!(headers.get("retry-after").is_some());
        assert!(took < QUICK, "a booking refusal took {took:?}");
    }
    let citizen = Browser::new(&app);
    let started = Instant::now();
    let refused = citizen
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(
        refused.body.contains("Non è stato prenotato"),
        "{}",
        refused.body
    );
    assert!(started.elapsed() < QUICK);

    // The operator stays signed in and is told; the sign-in page renders with its notice.
    let home = operator.get("/operatore").await;
    assert_eq!(home.status, 200, "{:?} {}", home.location, home.body);
    assert!(
        home.body.contains("il tuo accesso resta valido"),
        "{}",
        home.body
    );
    let newcomer = Browser::new(&app);
    let login = newcomer.get("/operatore/accesso").await;
    assert_eq!(login.status, 200, "{}", login.body);
    assert!(login.body.contains("role=\"status\""));
    assert!(
        login.body.contains("l'accesso potrebbe non riuscire")
            || login.body.contains("l&#x27;accesso potrebbe non riuscire"),
        "{}",
        login.body
    );

    // The database comes back: the app finds it by itself.
    proxy.restore().await;
    wait_ready(&app, true, Duration::from_secs(10)).await;
    let (status, headers, fresh, _) = get_json(&app, &asked, "it").await;
    assert_eq!(status, 200, "{fresh}");
    assert_eq!(fresh["stale"], false);
    assert!(headers.get("warning").is_none());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, page) = page_with_lang(&app, &times, "it").await;
        assert_eq!(status, 200);
        if !page.contains(STALE_IT) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the stale notice stays on {times}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, _, booked, _) = book(&app, "it", &booking).await;
    assert_eq!(status, 201, "{booked}");
    let home = operator.get("/operatore").await;
    assert_eq!(home.status, 200, "{:?}", home.location);
    assert!(!home.body.contains("il tuo accesso resta valido"));
    eprintln!("outage noticed {noticed_after:?} after the cut (nobody asking)");
}

on_both_backends! {
    async fn health_says_live_and_ready_and_then_not_ready_once_the_database_is_gone(backend) {
        let app = TestApp::spawn(backend).await;
        let health = wait_ready(&app, true, Duration::ZERO).await;
        assert_eq!(health, json!({"live": true, "ready": true, "database": "ok"}));
        // Sabotage (as in `health`): the app's pools closed. A query that fails for want of
        // the database makes it unhealthy at once, and `/health` says so without asking.
        app.db().close().await;
        assert_eq!(app.get("/readyz").await.status(), 503);
        let response = app.get("/health").await;
        assert_eq!(response.status(), 503);
        let health: Value = response.json().await.expect("health JSON");
        assert_eq!(health["live"], true);
        assert_eq!(health["ready"], false);
        assert_eq!(health["database"], "unavailable");
        assert!(health["unavailable_since"].is_string(), "{health}");
    }
}
