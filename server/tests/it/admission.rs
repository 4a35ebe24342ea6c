//! Admission instead of collapse: shedding beyond capacity, the virtual waiting room (FIFO,
//! signed tickets that cannot be used twice, a place in line only for a browser that comes back
//! with its ticket), the per-client allowance of new tickets, a cookie-less flood that pushes
//! nobody back, and one waiting room shared by two instances.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use server::admission::AdmissionConfig;

use crate::common::{Backend, Browser, TestApp, TestDb, enabled};
use crate::on_both_backends;

fn unescape(text: &str) -> String {
    text.replace("&#x27;", "'").replace("&#39;", "'")
}

fn position_text(body: &str) -> Option<String> {
    let start = body.find("<p class=\"big\">")? + "<p class=\"big\">".len();
    Some(unescape(body[start..].split('<').next()?))
}

/// The place in line a waiting-room page shows (1 = next); None on any other page, the page of
/// a newcomer whose place is being given included.
fn position(body: &str) -> Option<i64> {
    let text = position_text(body)?;
    match text.as_str() {
        "Sei il prossimo." => Some(1),
        "Davanti a te c'è 1 persona." => Some(2),
        _ => {
            let ahead = text
                .strip_prefix("Davanti a te ci sono ")?
                .strip_suffix(" persone.")?;
            ahead.parse::<i64>().ok().map(|n| n + 1)
        }
    }
}

/// The page of a newcomer in a surge: a provisional ticket, no place yet.
fn joining(body: &str) -> bool {
    unescape(body).contains("Ti stiamo dando il tuo posto in fila")
}

fn admitted(body: &str) -> bool {
    body.contains("Codice fiscale")
}

fn refresh_of(body: &str) -> Option<u32> {
    let start = body.find("<meta http-equiv=\"refresh\" content=\"")?
        + "<meta http-equiv=\"refresh\" content=\"".len();
    body[start..].split('"').next()?.parse().ok()
}

/// A person's browser (it keeps cookies) at its own address, as the loopback proxy forwards it.
fn person(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().expect("address"));
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client")
}

async fn visit(client: &reqwest::Client, app: &TestApp) -> (u16, String) {
    let response = client.get(app.url("/prenota")).send().await.expect("get");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// A cookie-less visit from `address`.
async fn stranger(app: &TestApp, address: &str) -> reqwest::Response {
    app.client
        .get(app.url("/prenota"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .expect("get")
}

/// A person following the waiting room's refresh, faster than `<meta refresh>` would: the
/// places in line it was shown, and after how many pages it was let in (None: not in `pages`).
async fn follow(
    client: &reqwest::Client,
    app: &TestApp,
    pages: usize,
) -> (Vec<i64>, Option<usize>) {
    let mut positions = Vec::new();
    for page in 1..=pages {
        let (status, body) = visit(client, app).await;
        assert_eq!(status, 200, "{body}");
        if admitted(&body) {
            return (positions, Some(page));
        }
        match position(&body) {
            Some(p) => positions.push(p),
            None => assert!(joining(&body), "neither in line nor joining: {body}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (positions, None)
}

#[derive(Default)]
struct FloodCounts {
    joining: AtomicU64,
    walked_in: AtomicU64,
    limited: AtomicU64,
    other: AtomicU64,
}

impl FloodCounts {
    fn total(&self) -> u64 {
        self.joining.load(Ordering::Relaxed)
            + self.walked_in.load(Ordering::Relaxed)
            + self.limited.load(Ordering::Relaxed)
            + self.other.load(Ordering::Relaxed)
    }
}

/// Visitors that keep no cookie, `tasks` at a time, every request from a new address (so that
/// no per-client limit is what stops them), until `stop`.
fn flood(
    app: &TestApp,
    tasks: usize,
    stop: Arc<AtomicBool>,
    counts: Arc<FloodCounts>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let next = Arc::new(AtomicU64::new(0));
    (0..tasks)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/prenota"));
            let (stop, counts, next) = (stop.clone(), counts.clone(), next.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let address = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
                    let Ok(response) = client
                        .get(&url)
                        .header("x-forwarded-for", address)
                        .send()
                        .await
                    else {
                        counts.other.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let status = response.status().as_u16();
                    let body = response.text().await.unwrap_or_default();
                    let counter = match status {
                        200 if joining(&body) => &counts.joining,
                        200 if admitted(&body) => &counts.walked_in,
                        429 => &counts.limited,
                        _ => &counts.other,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect()
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
        // The first two walk in, at once.
        for _ in 0..2 {
            assert!(admitted(&Browser::new(&app).get("/prenota").await.body));
        }
        // The next ones are given a provisional ticket on a small page that reloads itself soon...
        let third = Browser::new(&app);
        let fourth = Browser::new(&app);
        let page = third.get("/prenota").await;
        assert!(unescape(&page.body).contains("Sala d'attesa virtuale"));
        assert!(joining(&page.body), "{}", page.body);
        assert_eq!(refresh_of(&page.body), Some(2));
        assert!(page.body.len() < 5 * 1024, "{} bytes", page.body.len());
        assert!(unescape(&page.body).contains("In questo momento non c'è nessuno in fila."));
        assert!(joining(&fourth.get("/prenota").await.body));
        // ...and take their place, in the order they come back, when it reloads.
        let page = third.get("/prenota").await;
        assert_eq!(position(&page.body), Some(1), "{}", page.body);
        // It reloads about when its turn comes (one person in five seconds), at most every 15 s.
        assert_eq!(refresh_of(&page.body), Some(5));
        assert!(page.body.len() < 5 * 1024, "{} bytes", page.body.len());
        let page = fourth.get("/prenota").await;
        assert_eq!(position(&page.body), Some(2));
        assert_eq!(refresh_of(&page.body), Some(10));
        // Reloading keeps one's place.
        assert_eq!(position(&third.get("/prenota").await.body), Some(1));

        // At 0.2 people a second, the third is in within about five seconds.
        let mut let_in = false;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(250)).await;
            if admitted(&third.get("/prenota").await.body) {
                let_in = true;
                break;
            }
        }
        assert!(let_in, "the ticket at the head of the line was let in");
        // The pass works for the rest of the journey.
        assert!(admitted(&third.get("/le-mie-prenotazioni").await.body));
        // And the fourth is now next.
        assert_eq!(position(&fourth.get("/prenota").await.body), Some(1));
    }

    async fn a_ticket_copied_to_another_browser_is_not_let_in_twice(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { burst: 0, rate: 5.0, ..AdmissionConfig::default() }).await;
        let cookie_of = |response: &reqwest::Response| {
            response
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|c| c.starts_with("cupola_ticket="))
                .and_then(|c| c.split(';').next())
                .map(str::to_owned)
        };
        let get = |cookie: String| {
            let request = app.client.get(app.url("/prenota")).header("cookie", cookie);
            async move { request.send().await.expect("get") }
        };
        // A newcomer's provisional ticket...
        let provisional = cookie_of(&app.get("/prenota").await).expect("a provisional ticket");
        // ...is exchanged for a place in line once.
        let response = get(provisional.clone()).await;
        let numbered = cookie_of(&response).expect("a numbered ticket");
        assert_eq!(position(&response.text().await.expect("body")), Some(1));
        let again = get(provisional.clone()).await;
        assert!(cookie_of(&again).is_some_and(|c| c != numbered), "a new provisional ticket");
        assert!(joining(&again.text().await.expect("body")), "a used provisional ticket took a place");

        // The owner goes in with its numbered ticket...
        let mut let_in = false;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if admitted(&get(numbered.clone()).await.text().await.expect("body")) {
                let_in = true;
                break;
            }
        }
        assert!(let_in, "the owner was let in");
        // ...a copy of it, presented again, is a newcomer.
        let body = get(numbered).await.text().await.expect("body");
        assert!(!admitted(&body), "a used ticket let someone in");
        assert!(joining(&body));
        // And a forged ticket (no valid signature) is simply a newcomer.
        for forged in ["cupola_ticket=1", "cupola_ticket=p1.1"] {
            let body = get(forged.to_owned()).await.text().await.expect("body");
            assert!(joining(&body), "{forged}: {body}");
        }
    }

    async fn a_cookie_less_flood_does_not_push_a_real_newcomer_back(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { burst: 5, rate: 10.0, ..AdmissionConfig::default() }).await;
        let stop = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(FloodCounts::default());
        let flooders = flood(&app, 16, stop.clone(), counts.clone());
        // The flood fills the room (in surge: newcomers are given provisional tickets, see below).
        let deadline = Instant::now() + Duration::from_secs(30);
        while counts.total() < 500 {
            assert!(Instant::now() < deadline, "the flood did not get going");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // A person arrives in the middle of it, and follows the refresh.
        let (positions, pages) = follow(&person("198.51.100.7"), &app, 50).await;
        let during = counts.total();
        assert!(!stop.load(Ordering::Relaxed));
        stop.store(true, Ordering::Relaxed);
        for flooder in flooders {
            flooder.await.expect("flooder");
        }
        eprintln!(
            "flood: {during} requests ({} joining, {} walked in); the person: {positions:?}, in after {pages:?} pages",
            counts.joining.load(Ordering::Relaxed),
            counts.walked_in.load(Ordering::Relaxed),
        );
        assert!(pages.is_some(), "not let in during the flood (places shown: {positions:?})");
        assert!(positions.iter().all(|p| *p <= 3), "pushed back by {during} phantoms: {positions:?}");
        // Nothing but the count of returning browsers did it: no phantom was limited or failed.
        assert_eq!(counts.limited.load(Ordering::Relaxed), 0);
        assert_eq!(counts.other.load(Ordering::Relaxed), 0);
        assert!(counts.walked_in.load(Ordering::Relaxed) < counts.joining.load(Ordering::Relaxed));
        // Nobody is counted in the line (on PostgreSQL a walk-in may draw its number a moment
        // after a returning person took the last place in the bucket: the next tick of the
        // frontier covers it).
        let deadline = Instant::now() + Duration::from_secs(1);
        while app.state.admission.queue_length() > 0 {
            assert!(Instant::now() < deadline, "phantoms counted in the line: {:?}", app.state.admission.numbers());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }

        // After the flood, the next person is let in at once (or after one refresh).
        let (positions, pages) = follow(&person("198.51.100.8"), &app, 50).await;
        assert!(pages.is_some_and(|p| p <= 10), "after the flood: {pages:?} pages, {positions:?}");
        assert!(positions.iter().all(|p| *p <= 2), "{positions:?}");
    }

    async fn a_visitor_who_never_comes_back_moves_nobody(backend) {
        // The line does not move during this test.
        let app = TestApp::spawn_with(backend, AdmissionConfig { burst: 0, rate: 0.001, ..AdmissionConfig::default() }).await;
        let first = person("198.51.100.1");
        assert!(joining(&visit(&first, &app).await.1));
        assert_eq!(position(&visit(&first, &app).await.1), Some(1));

        // Two hundred visitors who never come back: they keep no cookie, or never reload.
        for i in 0..200 {
            let response = stranger(&app, &format!("10.9.{}.{}", i / 250, i % 250)).await;
            assert_eq!(response.status(), 200);
            assert!(joining(&response.text().await.expect("body")));
        }
        for i in 0..20 {
            assert!(joining(&visit(&person(&format!("10.8.0.{i}")), &app).await.1));
        }
        assert_eq!(app.state.admission.queue_length(), 1);

        // The next person is second in line, and is told one person waits; the first is still next.
        let second = person("198.51.100.2");
        let body = unescape(&visit(&second, &app).await.1);
        assert!(body.contains("In questo momento in fila c'è 1 persona."), "{body}");
        assert_eq!(position(&visit(&second, &app).await.1), Some(2));
        assert_eq!(position(&visit(&first, &app).await.1), Some(1));

        // A provisional ticket brought back too late takes no place: its holder starts again.
        let late = person("198.51.100.3");
        assert!(joining(&visit(&late, &app).await.1));
        app.clock.advance(31);
        assert!(joining(&visit(&late, &app).await.1));
        assert_eq!(position(&visit(&late, &app).await.1), Some(3));
        assert_eq!(position(&visit(&first, &app).await.1), Some(1));
    }

    async fn new_tickets_are_limited_per_client_address(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig {
            burst: 0,
            rate: 0.001,
            client_ticket_burst: 3,
            client_tickets_per_minute: 1,
            ..AdmissionConfig::default()
        }).await;
        let address = "203.0.113.9";
        // Three new tickets from one address: the first kept by a browser, two by nobody.
        let keeper = person(address);
        assert!(joining(&visit(&keeper, &app).await.1));
        for _ in 0..2 {
            assert!(joining(&stranger(&app, address).await.text().await.expect("body")));
        }
        // The fourth is refused: 429, when to retry, a page that tries again by itself.
        let refused = stranger(&app, address).await;
        assert_eq!(refused.status(), 429);
        let retry: u32 = refused.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=60).contains(&retry), "{retry}");
        assert_eq!(refused.headers()["cache-control"], "no-store");
        let body = unescape(&refused.text().await.expect("body"));
        assert!(body.contains("Troppe richieste da questa connessione"), "{body}");
        assert_eq!(refresh_of(&body), Some(retry));
        assert!(!body.contains("cupola_ticket"));
        // In English for whoever chose English.
        let english = app.client.get(app.url("/prenota"))
            .header("x-forwarded-for", address)
            .header("cookie", "lang=en")
            .send().await.expect("get");
        assert_eq!(english.status(), 429);
        assert!(english.headers().get("set-cookie").is_none(), "no ticket for a refused client");
        assert!(english.text().await.expect("body").contains("Too many requests from this connection"));

        // Other addresses are not affected; one IPv6 /64 is one client.
        assert!(joining(&stranger(&app, "203.0.113.10").await.text().await.expect("body")));
        for _ in 0..3 {
            assert_eq!(stranger(&app, "2001:db8:1:2::1").await.status(), 200);
        }
        assert_eq!(stranger(&app, "2001:db8:1:2:ffff::9").await.status(), 429);
        assert_eq!(stranger(&app, "2001:db8:1:3::1").await.status(), 200);

        // Whoever already has a ticket is never limited: the keeper takes its place.
        let (status, body) = visit(&keeper, &app).await;
        assert_eq!(status, 200);
        assert_eq!(position(&body), Some(1));
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
    let deadline = Instant::now() + Duration::from_secs(10);
    while a.state.admission.numbers().1 < 1 || b.state.admission.numbers().1 < 1 {
        assert!(
            Instant::now() < deadline,
            "the shared frontier was not read"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(admitted(&Browser::new(&a).get("/prenota").await.body));
    // B sees that number as drawn at its next look at the shared line.
    while b.state.admission.numbers().0 < 1 {
        assert!(Instant::now() < deadline, "B did not see A's number");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let on_b = Browser::new(&b);
    assert!(joining(&on_b.get("/prenota").await.body));
    let page = on_b.get("/prenota").await;
    assert_eq!(
        position(&page.body),
        Some(1),
        "B's newcomer is first in line"
    );
    let on_a = Browser::new(&a);
    assert!(joining(&on_a.get("/prenota").await.body));
    let page = on_a.get("/prenota").await;
    assert_eq!(
        position(&page.body),
        Some(2),
        "A's later newcomer is behind B's"
    );

    // B's newcomer is let in (on A, even: any instance honours the shared line)...
    let mut let_in = false;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if admitted(&on_b.on(&a).get("/prenota").await.body) {
            let_in = true;
            break;
        }
    }
    assert!(let_in, "the head of the shared line was let in");
    // ...and A's newcomer is next, on either instance (once B has read the frontier).
    assert_eq!(position(&on_a.get("/prenota").await.body), Some(1));
    let frontier = a.state.admission.numbers().1;
    while b.state.admission.numbers().1 < frontier {
        assert!(
            Instant::now() < deadline + Duration::from_secs(20),
            "B did not read the frontier"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(position(&on_a.on(&b).get("/prenota").await.body), Some(1));
}
