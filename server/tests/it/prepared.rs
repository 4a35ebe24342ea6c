//! Prepared answers (`web::prepared`): every anonymous, cacheable read answered from memory with
//! the stack's own bytes and headers, compressed, with ETag and 304; never to a kiosk or anyone
//! with a cookie but the language's; and never older than the slots: a booking drops the
//! availability it changed at once, and on PostgreSQL on the other instances too.

use std::io::Read;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{Backend, Browser, TestApp, TestDb, enabled};
use crate::fixtures::new_prescription;
use crate::on_both_backends;

async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The first slots the availability API offers for a service.
async fn offered(app: &TestApp, path: &str) -> Vec<i64> {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    body["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["slot_id"].as_i64().expect("id"))
        .collect()
}

/// Books a slot through the API, as the regional app does.
async fn book(app: &TestApp, code: &str, slot: i64) {
    let (fiscal_code, nre) = new_prescription(app, code, "P").await;
    let response = app
        .client
        .post(app.url("/api/v1/bookings"))
        .json(&json!({"fiscal_code": fiscal_code, "nre": nre, "slot_id": slot}))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
}

on_both_backends! {
    async fn public_reads_come_back_the_same_compressed_and_revalidated(backend) {
        let app = TestApp::spawn(backend).await;
        for path in ["/", "/prestazioni", "/prestazioni?q=ecografia+addome", "/tempi-di-attesa",
                     "/api/v1/services", "/api/v1/availability?service=89.7A.3&limit=5",
                     "/trasparenza/tempi-di-attesa.csv", "/fhir/r4/Location"] {
            // The first answer is made by the stack; the next ones come from memory, the same.
            let first = app.get(path).await;
            assert_eq!(first.status(), 200, "{path}");
            let headers = first.headers().clone();
            let body = first.bytes().await.expect("body");
            for _ in 0..2 {
                let again = app.get(path).await;
                assert_eq!(again.status(), 200, "{path}");
                for name in ["content-type", "cache-control", "etag", "content-language",
                             "content-security-policy", "x-content-type-options"] {
                    assert_eq!(again.headers().get(name), headers.get(name), "{path}: {name}");
                }
                assert!(header(&again, "vary").to_ascii_lowercase().contains("accept-encoding"), "{path}");
                assert_eq!(again.bytes().await.expect("body"), body, "{path}");
            }
            let etag = headers.get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned();
            let revalidated = get_with(&app, path, &[("if-none-match", &etag)]).await;
            assert_eq!(revalidated.status(), 304, "{path}");

            // Compressed once, the same bytes once decoded, each encoding with its own ETag.
            let br = get_with(&app, path, &[("accept-encoding", "gzip, br")]).await;
            assert_eq!(header(&br, "content-encoding"), "br", "{path}");
            let br_etag = header(&br, "etag");
            assert_ne!(br_etag, etag);
            let mut decoded = Vec::new();
            brotli::Decompressor::new(&br.bytes().await.expect("body")[..], 4096)
                .read_to_end(&mut decoded)
                .expect("brotli");
            assert_eq!(decoded, body, "{path}");
            let gz = get_with(&app, path, &[("accept-encoding", "gzip")]).await;
            assert_eq!(header(&gz, "content-encoding"), "gzip", "{path}");
            let mut decoded = Vec::new();
            flate2::read::GzDecoder::new(&gz.bytes().await.expect("body")[..])
                .read_to_end(&mut decoded)
                .expect("gzip");
            assert_eq!(decoded, body, "{path}");
            let revalidated = get_with(&app, path, &[("accept-encoding", "br"), ("if-none-match", &br_etag)]).await;
            assert_eq!(revalidated.status(), 304, "{path}");
        }

        // One copy per language: the cookie's, else the browser's.
        let english = get_with(&app, "/", &[("cookie", "lang=en")]).await;
        assert_eq!(header(&english, "content-language"), "en");
        let romanian = get_with(&app, "/", &[("accept-language", "ro-RO,ro;q=0.9")]).await;
        assert_eq!(header(&romanian, "content-language"), "ro");
        let italian = app.get("/").await;
        assert_eq!(header(&italian, "content-language"), "it");

        // A search typed with extra spaces is the same search.
        let spaced = app.get("/prestazioni?q=+ecografia++addome+").await;
        let plain = app.get("/prestazioni?q=ecografia%20addome").await;
        assert_eq!(header(&spaced, "etag"), header(&plain, "etag"));
        assert_eq!(spaced.text().await.expect("body"), plain.text().await.expect("body"));

        // What the stack refuses is refused as before, never kept.
        for _ in 0..2 {
            let refused = app.get("/api/v1/availability?service=NOPE").await;
            assert_eq!(refused.status(), 404);
            let twice = app.get("/api/v1/services?q=a&q=b").await;
            assert_ne!(twice.status(), 500);
        }
    }

    async fn a_booking_drops_the_availability_it_changed_at_once(backend) {
        let app = TestApp::spawn(backend).await;
        let path = "/api/v1/availability?service=95.02&limit=10";
        let before = offered(&app, path).await;
        assert_eq!(offered(&app, path).await, before, "the same answer from memory");
        // The same question asked another way is the same answer, and changes with it.
        let other_way = "/api/v1/availability?limit=10&service=95.02";
        assert_eq!(offered(&app, other_way).await, before);
        book(&app, "95.02", before[0]).await;
        let after = offered(&app, path).await;
        assert!(!after.contains(&before[0]), "the booked slot is still offered: {after:?}");
        assert!(!offered(&app, other_way).await.contains(&before[0]));
    }

    async fn a_kiosk_and_a_signed_in_browser_never_get_the_anonymous_copy(backend) {
        let app = TestApp::spawn(backend).await;
        // Anyone's home page is kept...
        for _ in 0..2 {
            let page = app.get("/").await.text().await.expect("body");
            assert!(!page.contains("class=\"kiosk\""));
        }
        // ...and a kiosk still gets its own, as does a browser with any other cookie.
        let kiosk = Browser::new(&app);
        assert_eq!(kiosk.get("/chiosco").await.status, 200);
        let home = kiosk.get("/").await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("class=\"kiosk\""), "the kiosk got the anonymous home page");
        let with_cookie = get_with(&app, "/", &[("cookie", "lang=en; other=1")]).await;
        assert_eq!(with_cookie.status(), 200);
        assert_eq!(header(&with_cookie, "content-language"), "en");
    }
}

/// Two instances on one PostgreSQL database behind any load balancer: a booking through one is
/// gone from the other's prepared availability and from its published snapshot within 2 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_on_one_instance_is_gone_from_the_others_answers_within_two_seconds() {
    if !enabled(Backend::Postgres) {
        return;
    }
    let a = TestApp::spawn(Backend::Postgres).await;
    let b = TestApp::serve(TestDb::attach(&a.test_db).await, Default::default()).await;
    let path = "/api/v1/availability?service=95.02&limit=10";
    let snapshot = "/tempi-di-attesa/95.02/dati.json";
    // B has both answers in memory (its snapshot published, its availability prepared).
    let deadline = Instant::now() + Duration::from_secs(20);
    while b.get(snapshot).await.status() != 200 {
        assert!(Instant::now() < deadline, "B never published the snapshot");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let before = offered(&b, path).await;
    assert_eq!(offered(&b, path).await, before);
    let published = header(&b.get(snapshot).await, "etag");

    book(&a, "95.02", before[0]).await;
    let booked = Instant::now();
    let mut api_gone = None;
    let mut snapshot_new = None;
    while (api_gone.is_none() || snapshot_new.is_none())
        && booked.elapsed() < Duration::from_secs(10)
    {
        if api_gone.is_none() && !offered(&b, path).await.contains(&before[0]) {
            api_gone = Some(booked.elapsed());
        }
        if snapshot_new.is_none() && header(&b.get(snapshot).await, "etag") != published {
            snapshot_new = Some(booked.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("visible on B after: availability {api_gone:?}, snapshot {snapshot_new:?}");
    let limit = Duration::from_secs(2);
    assert!(
        api_gone.is_some_and(|t| t <= limit),
        "B's availability still offered the slot booked on A: {api_gone:?}"
    );
    assert!(
        snapshot_new.is_some_and(|t| t <= limit),
        "B's snapshot was not published anew: {snapshot_new:?}"
    );
}
