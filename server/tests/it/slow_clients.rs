//! Slow and half-sent clients at the edge (issue 12): hundreds of connections that send nothing,
//! dribble their headers or never finish their body hold no lane's place, so people who do send
//! whole requests are served at once; the server closes the slow ones after the timeouts. Also
//! idle kept-alive connections, the cap on connections, body limits (413) and HSTS.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use server::web::limits::{CITIZEN_BODY_LIMIT, EdgeLimits, open_files_limit};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::TestApp;
use crate::fixtures::new_prescription;
use crate::on_both_backends;

/// The header-, body- and idle timeouts the tests serve under.
const TIMEOUT: Duration = Duration::from_secs(4);

fn short_timeouts() -> EdgeLimits {
    EdgeLimits {
        header_read_timeout: TIMEOUT,
        body_read_timeout: TIMEOUT,
        idle_timeout: TIMEOUT,
        ..EdgeLimits::default()
    }
}

/// How many slow clients to hold open: `CUPOLA_TEST_SLOW_CLIENTS`, else 300; within this
/// process's open-files limit, which the server's end of every connection counts against too
/// (and the test runs on two backends at once).
fn slow_client_count() -> usize {
    let wanted = std::env::var("CUPOLA_TEST_SLOW_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let affordable = open_files_limit().map_or(100, |limit| limit.saturating_sub(512) / 4);
    wanted.min(affordable).max(1)
}

/// The ways a client can leave a request half-sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slow {
    /// Connects and sends nothing.
    Silent,
    /// Sends its headers a byte at a time, never finishing them.
    Slowloris,
    /// Booking API: headers and 1 byte of a 100-byte body.
    ApiBody,
    /// Staff sign-in: headers and 1 byte of a 100-byte body.
    SignInBody,
    /// Booking form: headers announcing 100 bytes of body, then nothing.
    FormNoBody,
    /// Booking API: half the headers.
    HalfHeaders,
}

const KINDS: [Slow; 6] = [
    Slow::Silent,
    Slow::Slowloris,
    Slow::ApiBody,
    Slow::SignInBody,
    Slow::FormNoBody,
    Slow::HalfHeaders,
];

impl Slow {
    /// What it sends at once (the slowloris goes on alone, see `dribble`).
    fn opening(self, n: usize) -> String {
        let from = format!(
            "X-Forwarded-For: 10.{}.{}.{}\r\n",
            n / 65536,
            (n / 256) % 256,
            n % 256
        );
        match self {
            Slow::Silent => String::new(),
            Slow::Slowloris => format!("POST /api/v1/bookings HTTP/1.1\r\nHost: cupola\r\n{from}"),
            Slow::ApiBody => format!(
                "POST /api/v1/bookings HTTP/1.1\r\nHost: cupola\r\n{from}\
                 Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
            ),
            Slow::SignInBody => format!(
                "POST /operatore/accesso HTTP/1.1\r\nHost: cupola\r\n{from}\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nu"
            ),
            Slow::FormNoBody => format!(
                "POST /prenota/scegli HTTP/1.1\r\nHost: cupola\r\n{from}\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
            ),
            Slow::HalfHeaders => {
                format!("POST /api/v1/bookings HTTP/1.1\r\nHost: cupola\r\n{from}Content-Ty")
            }
        }
    }

    /// Whether the server answers it (408) before closing: those whose headers arrived.
    fn answered(self) -> bool {
        matches!(self, Slow::ApiBody | Slow::SignInBody | Slow::FormNoBody)
    }
}

/// Sends one more header byte every 200 ms until the server closes the connection.
async fn dribble(mut stream: tokio::net::tcp::OwnedWriteHalf) {
    let header = b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    for byte in header.iter().cycle() {
        if stream.write_all(&[*byte]).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

struct SlowClient {
    kind: Slow,
    read: tokio::net::tcp::OwnedReadHalf,
    /// Held: dropping it would send the end of the request (FIN).
    _write: Option<tokio::net::tcp::OwnedWriteHalf>,
    dribbler: Option<tokio::task::JoinHandle<()>>,
}

async fn open_slow_clients(app: &TestApp, count: usize) -> Vec<SlowClient> {
    let mut clients = Vec::with_capacity(count);
    for n in 0..count {
        let kind = KINDS[n % KINDS.len()];
        let stream = TcpStream::connect(app.addr).await.expect("connect");
        let (read, mut write) = stream.into_split();
        let opening = kind.opening(n);
        if !opening.is_empty() {
            write.write_all(opening.as_bytes()).await.expect("send");
        }
        let (write, dribbler) = if kind == Slow::Slowloris {
            (None, Some(tokio::spawn(dribble(write))))
        } else {
            (Some(write), None)
        };
        clients.push(SlowClient {
            kind,
            read,
            _write: write,
            dribbler,
        });
    }
    clients
}

/// None while the server holds the connection open (nothing to read, no end); else what
/// happened to it.
fn closed_early(client: &SlowClient) -> Option<String> {
    let mut buf = [0u8; 256];
    match client.read.try_read(&mut buf) {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => None,
        Err(e) => Some(format!("{:?}: {e}", client.kind)),
        Ok(n) => Some(format!(
            "{:?}: {:?}",
            client.kind,
            String::from_utf8_lossy(&buf[..n])
        )),
    }
}

/// Reads until the server closes the connection (or `until`): what it said, and whether it
/// closed.
async fn until_closed(client: &mut SlowClient, until: Instant) -> (String, bool) {
    let mut said = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, client.read.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&said).into_owned(), false),
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&said).into_owned(), true),
            Ok(Ok(n)) => said.extend_from_slice(&buf[..n]),
        }
    }
}

/// A client that opens a new connection for every request (a kept-alive one could meet the
/// server's idle timeout between two requests), with cookies.
fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// A citizen books through the API: free slots, then the booking.
async fn book_through_the_api(app: &TestApp, fiscal_code: &str, nre: &str) {
    let client = fresh_client();
    let slots: Value = client
        .get(app.url("/api/v1/availability?service=89.7A.3&limit=5"))
        .send()
        .await
        .expect("availability")
        .json()
        .await
        .expect("JSON");
    let slot = slots["slots"][0]["slot_id"].as_i64().expect("a free slot");
    let response = client
        .post(app.url("/api/v1/bookings"))
        .json(&json!({"fiscal_code": fiscal_code, "nre": nre, "slot_id": slot}))
        .send()
        .await
        .expect("booking");
    let status = response.status().as_u16();
    let body = response.text().await.expect("body");
    assert_eq!(status, 201, "{body}");
}

/// An operator signs in and opens the availability console.
async fn operator_signs_in_and_looks(app: &TestApp) {
    let client = fresh_client();
    let form = client
        .get(app.url("/operatore/accesso"))
        .send()
        .await
        .expect("sign-in form")
        .text()
        .await
        .expect("body");
    let csrf = form
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned();
    let signed_in = client
        .post(app.url("/operatore/accesso"))
        .header("origin", format!("http://{}", app.addr))
        .form(&[
            ("username", "operatore1"),
            ("password", "cupola-operatore-1"),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed_in.status().as_u16(), 303);
    let console = client
        .get(app.url("/operatore/disponibilita?servizio=89.7A.3"))
        .send()
        .await
        .expect("console");
    assert_eq!(console.status().as_u16(), 200);
    assert!(console.text().await.expect("body").contains("Anna Neri"));
}

/// Sends `request` on a new connection and returns everything the server says until it closes.
async fn raw_exchange(app: &TestApp, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(app.addr).await.expect("connect");
    stream.write_all(request).await.expect("send");
    let mut said = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut said)).await;
    String::from_utf8_lossy(&said).into_owned()
}

on_both_backends! {
    async fn hundreds_of_half_sent_requests_hold_no_place_and_are_closed_after_the_timeouts(backend) {
        let app = TestApp::spawn_edge(backend, short_timeouts(), false).await;
        let (fiscal_code, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let count = slow_client_count();

        let opened = Instant::now();
        let mut slow = open_slow_clients(&app, count).await;
        // Meanwhile, people who send whole requests are served, and promptly.
        let served = Instant::now();
        let page = fresh_client().get(app.url("/prenota")).send().await.expect("booking page");
        assert_eq!(page.status().as_u16(), 200, "the booking pages are open");
        book_through_the_api(&app, &fiscal_code, &nre).await;
        operator_signs_in_and_looks(&app).await;
        let serving = served.elapsed();
        eprintln!("{count} half-sent requests held open; the others were served in {serving:?}");
        assert!(
            serving < Duration::from_secs(3),
            "{count} slow clients slowed the others down: {serving:?}"
        );
        // …while every slow client was still held open: no timeout can have run out yet.
        assert!(opened.elapsed() < TIMEOUT, "the test itself was too slow to prove anything");
        let closed: Vec<String> = slow.iter().filter_map(closed_early).take(6).collect();
        assert!(closed.is_empty(), "slow clients closed before their timeout: {closed:?}");

        // Then the server closes every one of them, by itself, once the timeouts run out.
        let deadline = opened + 2 * TIMEOUT + Duration::from_secs(3);
        for client in &mut slow {
            let (said, closed) = until_closed(client, deadline).await;
            assert!(closed, "a {:?} client was never closed", client.kind);
            if client.kind.answered() {
                assert!(said.starts_with("HTTP/1.1 408"), "{:?}: {said}", client.kind);
            }
            if let Some(dribbler) = client.dribbler.take() {
                dribbler.await.expect("dribbler");
            }
        }
        let took = opened.elapsed();
        assert!(took >= TIMEOUT - Duration::from_millis(500), "closed too early: {took:?}");
        let health = fresh_client().get(app.url("/healthz")).send().await.expect("health");
        assert_eq!(health.status().as_u16(), 200);
    }

    async fn a_kept_alive_connection_that_asks_nothing_more_is_closed(backend) {
        let app = TestApp::spawn_edge(backend, short_timeouts(), false).await;
        let mut stream = TcpStream::connect(app.addr).await.expect("connect");
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: cupola\r\n\r\n")
            .await
            .expect("send");
        let mut said = Vec::new();
        let mut buf = [0u8; 4096];
        let answered = loop {
            let n = stream.read(&mut buf).await.expect("read");
            assert!(n > 0, "closed before answering");
            said.extend_from_slice(&buf[..n]);
            if said.windows(4).any(|w| w == b"\r\n\r\n") {
                break Instant::now();
            }
        };
        assert!(String::from_utf8_lossy(&said).starts_with("HTTP/1.1 200"));
        // Kept alive, then closed by the server once idle for the timeout.
        let closed = tokio::time::timeout(TIMEOUT + Duration::from_secs(5), async {
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return Instant::now(),
                    Ok(_) => {}
                }
            }
        })
        .await
        .expect("the idle connection is closed");
        let idle = closed - answered;
        assert!(idle >= TIMEOUT - Duration::from_millis(500), "closed after {idle:?}");
    }

    async fn beyond_the_connection_cap_new_connections_wait_for_a_place(backend) {
        let app = TestApp::spawn_edge(backend, EdgeLimits {
            max_connections: 8,
            ..short_timeouts()
        }, false).await;
        // Eight silent connections take every place.
        let mut silent = Vec::new();
        for _ in 0..8 {
            silent.push(TcpStream::connect(app.addr).await.expect("connect"));
        }
        let asked = Instant::now();
        let health = fresh_client().get(app.url("/healthz")).send().await.expect("health");
        assert_eq!(health.status().as_u16(), 200);
        let waited = asked.elapsed();
        // It was served only once the silent ones were closed by the header-read timeout.
        assert!(waited >= TIMEOUT - Duration::from_secs(1), "served after {waited:?}");
        for stream in &mut silent {
            let mut buf = [0u8; 16];
            let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
                .await
                .expect("closed")
                .unwrap_or(0);
            assert_eq!(n, 0, "a silent connection was answered");
        }
    }

    async fn bodies_over_the_limit_are_refused_with_413_in_the_persons_language(backend) {
        let app = TestApp::spawn(backend).await;
        let big = "x".repeat(CITIZEN_BODY_LIMIT + 1);

        // The API: JSON, Italian unless asked otherwise.
        let response = app.client.post(app.url("/api/v1/bookings"))
            .header("content-type", "application/json")
            .body(format!("{{\"fiscal_code\":\"{big}\"}}"))
            .send().await.expect("post");
        assert_eq!(response.status().as_u16(), 413);
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"], "too_large");
        assert!(body["message"].as_str().expect("message").contains("dimensione"));
        let response = app.client.post(app.url("/api/v1/bookings/lookup"))
            .header("accept-language", "en")
            .header("content-type", "application/json")
            .body(big.clone())
            .send().await.expect("post");
        assert_eq!(response.status().as_u16(), 413);
        let body: Value = response.json().await.expect("JSON");
        assert!(body["message"].as_str().expect("message").contains("larger than"));

        // A form: a page, in the person's language.
        let response = app.client.post(app.url("/prenota/scegli"))
            .header("origin", format!("http://{}", app.addr))
            .header("cookie", "lang=en")
            .form(&[("slot", big.as_str())])
            .send().await.expect("post");
        assert_eq!(response.status().as_u16(), 413);
        let page = response.text().await.expect("page");
        assert!(page.contains("Request too large"), "{page}");
        crate::common::assert_strict_page(&page);

        // Announced too large: refused before the body is sent at all.
        let said = raw_exchange(&app, b"POST /prenota/conferma HTTP/1.1\r\nHost: cupola\r\n\
            Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n").await;
        assert!(said.starts_with("HTTP/1.1 413"), "{said}");
        assert!(said.contains("Richiesta troppo grande"), "{said}");

        // Chunked, with no length announced: counted as it comes.
        let mut chunked = b"POST /api/v1/bookings HTTP/1.1\r\nHost: cupola\r\n\
            Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
        for _ in 0..5 {
            chunked.extend_from_slice(format!("1000\r\n{}\r\n", "y".repeat(4096)).as_bytes());
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let said = raw_exchange(&app, &chunked).await;
        assert!(said.starts_with("HTTP/1.1 413"), "{said}");

        // Staff forms may be larger (agendas), and small bodies pass as before.
        let response = app.client.post(app.url("/operatore/accesso"))
            .header("origin", format!("http://{}", app.addr))
            .form(&[("username", big.as_str()), ("password", "x"), ("csrf", "x")])
            .send().await.expect("post");
        assert_ne!(response.status().as_u16(), 413);
        let response = app.client.post(app.url("/api/v1/bookings/lookup"))
            .json(&json!({"fiscal_code": "RSSMRA80A01H501U", "booking_code": "ABC"}))
            .send().await.expect("post");
        assert_ne!(response.status().as_u16(), 413);
    }

    async fn hsts_is_sent_behind_https_on_every_answer_and_never_otherwise(backend) {
        const HSTS: &str = "max-age=63072000; includeSubDomains";
        let secure = TestApp::spawn_edge(backend, EdgeLimits::default(), true).await;
        let css = secure.state.assets.css_href().to_string();
        // A page through the router, a static file from the fast path, an API answer, a 404.
        for path in ["/", css.as_str(), "/api/v1/services?q=eco", "/non-esiste"] {
            let response = secure.get(path).await;
            assert_eq!(
                response.headers().get("strict-transport-security").and_then(|v| v.to_str().ok()),
                Some(HSTS),
                "{path}"
            );
        }
        let plain = TestApp::spawn(backend).await;
        let css = plain.state.assets.css_href().to_string();
        for path in ["/", css.as_str(), "/api/v1/services?q=eco", "/non-esiste"] {
            let response = plain.get(path).await;
            assert!(response.headers().get("strict-transport-security").is_none(), "{path}");
        }
    }
}
