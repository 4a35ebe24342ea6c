//! Admission instead of collapse: shedding beyond capacity, the virtual waiting room (FIFO,
//! signed tickets that cannot be used twice), and one waiting room shared by two instances.

use std::time::Duration;

use server::admission::AdmissionConfig;

use crate::common::{Backend, Browser, TestApp, TestDb, enabled};
use crate::on_both_backends;

fn position_text(body: &str) -> Option<String> {
    let start = body.find("<p class=\"big\">")? + "<p class=\"big\">".len();
    Some(body[start..].split('<').next()?.to_owned())
}

on_both_backends! {
    async fn beyond_capacity_the_booking_path_is_shed_and_the_rest_still_works(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { booking_capacity: 0, ..AdmissionConfig::default() }).await;
        let started = std::time::Instant::now();
        let shed = app.get("/prenota").await;
        assert_eq!(shed.status(), 503);
        assert_eq!(shed.headers()["retry-after"], "5");
        assert_eq!(shed.headers()["cache-control"], "no-store");
        let body = shed.text().await.expect("body");
        assert!(body.len() < 1024, "a tiny page");
        assert!(body.contains("Servizio molto richiesto"));
        assert!(started.elapsed() < Duration::from_secs(1));
        let api = app.client.post(app.url("/api/v1/bookings")).json(&serde_json::json!({})).send().await.expect("post");
        assert_eq!(api.status(), 503);
        // What does not touch the database keeps working.
        assert_eq!(app.get("/").await.status(), 200);
        assert_eq!(app.get("/tempi-di-attesa/89.7A.3").await.status(), 200);
        assert_eq!(app.get("/healthz").await.status(), 200);
    }

    async fn a_surge_waits_in_line_in_arrival_order_and_each_ticket_lets_one_person_in(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { burst: 2, rate: 0.2, ..AdmissionConfig::default() }).await;
        // The first two walk in.
        for _ in 0..2 {
            assert_eq!(Browser::new(&app).get("/prenota").await.status, 200);
        }
        // The next ones wait, in order, on a small page that reloads itself.
        let third = Browser::new(&app);
        let fourth = Browser::new(&app);
        let page = third.get("/prenota").await;
        assert!(page.body.contains("Sala d&#x27;attesa virtuale") || page.body.contains("Sala d'attesa virtuale"));
        assert!(page.body.contains("<meta http-equiv=\"refresh\" content=\"15\">"));
        assert!(page.body.len() < 5 * 1024, "{} bytes", page.body.len());
        assert_eq!(position_text(&page.body).as_deref(), Some("Sei il prossimo."));
        let page = fourth.get("/prenota").await;
        assert_eq!(position_text(&page.body).as_deref(), Some("Davanti a te ci sono 1 persone."));
        // Reloading keeps one's place.
        let again = third.get("/prenota").await;
        assert_eq!(position_text(&again.body).as_deref(), Some("Sei il prossimo."));

        // At 0.2 people a second, the third is in within about five seconds.
        let mut admitted = false;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(250)).await;
            if third.get("/prenota").await.body.contains("Codice fiscale") {
                admitted = true;
                break;
            }
        }
        assert!(admitted, "the ticket at the head of the line was let in");
        // The pass works for the rest of the journey.
        assert!(third.get("/le-mie-prenotazioni").await.body.contains("Codice fiscale"));
    }

    async fn a_ticket_copied_to_another_browser_is_not_let_in_twice(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { burst: 0, rate: 5.0, ..AdmissionConfig::default() }).await;
        let first = Browser::new(&app);
        let waiting = first.client.get(app.url("/prenota")).send().await.expect("get");
        let ticket = waiting
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("cupola_ticket="))
            .and_then(|c| c.split(';').next())
            .expect("a ticket cookie")
            .to_owned();
        tokio::time::sleep(Duration::from_millis(800)).await;
        // The owner goes in with it...
        assert!(first.get("/prenota").await.body.contains("Codice fiscale"));
        // ...a copy of it, presented again, goes to the back of the line.
        let copy = app.client.get(app.url("/prenota")).header("cookie", &ticket).send().await.expect("get");
        let body = copy.text().await.expect("body");
        assert!(!body.contains("Codice fiscale"), "a used ticket let someone in");
        // And a forged ticket (no valid signature) is simply a newcomer.
        let forged = app.client.get(app.url("/prenota")).header("cookie", "cupola_ticket=1").send().await.expect("get");
        assert!(!forged.text().await.expect("body").contains("Codice fiscale"));
    }
}

/// Two instances on one PostgreSQL database share one line: tickets are numbered in arrival
/// order whichever instance issues them, and a ticket used on one cannot be used on the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_waiting_room_on_postgres() {
    if !enabled(Backend::Postgres) {
        return;
    }
    let config = AdmissionConfig {
        burst: 1,
        rate: 0.2,
        ..AdmissionConfig::default()
    };
    let a = TestApp::spawn_with(Backend::Postgres, config.clone()).await;
    let second_db = TestDb::attach(&a.test_db).await;
    let b = TestApp::serve(second_db, config).await;

    // Wait until the shared frontier sits at the first ticket: one person may walk in.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(Browser::new(&a).get("/prenota").await.status, 200);
    let on_b = Browser::new(&b);
    let page = on_b.get("/prenota").await;
    assert_eq!(
        position_text(&page.body).as_deref(),
        Some("Sei il prossimo."),
        "B's newcomer is first in line"
    );
    let on_a = Browser::new(&a);
    let page = on_a.get("/prenota").await;
    assert_eq!(
        position_text(&page.body).as_deref(),
        Some("Davanti a te ci sono 1 persone."),
        "A's later newcomer is behind B's"
    );

    // B's newcomer is let in (on A, even: any instance honours the shared line)...
    let mut admitted = false;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if on_b
            .on(&a)
            .get("/prenota")
            .await
            .body
            .contains("Codice fiscale")
        {
            admitted = true;
            break;
        }
    }
    assert!(admitted, "the head of the shared line was let in");
}
