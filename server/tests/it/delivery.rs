//! Delivery of the outbox against a real SMTP server and a real HTTP server standing in for the
//! SMS gateway (`end2end/tools/mail-sink.mjs`, Node with the npm packages `smtp-server` and
//! `mailparser`): every kind arrives once, parsed back; refusals are retried or fail; an
//! unconfigured channel waits; two instances never send a message twice; a worker that dies
//! mid-send loses nothing; shutdown gives back what it holds.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use chrono::Days;
use serde_json::{Value, json};
use server::delivery::{Delivery, DeliveryConfig};
use server::messages::{Channel, Composed, Outgoing};
use server::outbox::Message;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::common::{Backend, TestApp, TestDb};
use crate::fixtures::{new_prescription, new_slot};
use crate::{on_both_backends, query_one, query_one_write};

const FROM: &str = "CUP Test <cup@asl.example.it>";
const AUTH: &str = "Bearer test-token";

/// The mail and gateway sink, a child process killed when dropped.
struct Sink {
    _child: tokio::process::Child,
    smtp: u16,
    http: u16,
    client: reqwest::Client,
}

impl Sink {
    async fn start() -> Sink {
        let end2end = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
        for package in ["smtp-server", "mailparser"] {
            assert!(
                end2end.join("node_modules").join(package).is_dir(),
                "the delivery tests need the npm package {package}: run `npm ci` in end2end/"
            );
        }
        let mut child = tokio::process::Command::new("node")
            .arg(end2end.join("tools/mail-sink.mjs"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node (20 or later) runs end2end/tools/mail-sink.mjs: install Node and run `npm ci` in end2end/");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        tokio::time::timeout(
            Duration::from_secs(20),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .expect("the sink says its ports within 20 s (run `npm ci` in end2end/)")
        .expect("read the sink's ports");
        let ports: Value = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("the sink's first line is its ports: {line:?}"));
        Sink {
            _child: child,
            smtp: u16::try_from(ports["smtp"].as_u64().expect("smtp port")).expect("port"),
            http: u16::try_from(ports["http"].as_u64().expect("http port")).expect("port"),
            client: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str) -> Value {
        self.client
            .get(format!("http://127.0.0.1:{}{path}", self.http))
            .send()
            .await
            .expect("sink")
            .json()
            .await
            .expect("JSON")
    }

    async fn messages(&self) -> Vec<Value> {
        self.get("/messages")
            .await
            .as_array()
            .expect("list")
            .clone()
    }

    async fn sms(&self) -> Vec<Value> {
        self.get("/sms").await.as_array().expect("list").clone()
    }

    async fn script(&self, script: Value) {
        let status = self
            .client
            .post(format!("http://127.0.0.1:{}/script", self.http))
            .json(&script)
            .send()
            .await
            .expect("sink")
            .status();
        assert!(status.is_success());
    }

    /// Both channels to this sink; retries a second apart, for tests that wait for them.
    fn config(&self) -> DeliveryConfig {
        DeliveryConfig {
            smtp_url: Some(format!("smtp://127.0.0.1:{}", self.smtp)),
            mail_from: Some(FROM.to_owned()),
            sms_gateway_url: Some(format!("http://127.0.0.1:{}/sms", self.http)),
            sms_gateway_auth: Some(AUTH.to_owned()),
            sms_sender: "CUP".to_owned(),
            poll_ms: 100,
            backoff_seconds: 1,
            backoff_max_seconds: 2,
            timeout_seconds: 10,
            ..DeliveryConfig::default()
        }
    }
}

/// Polls `check` until it is true or 30 seconds have passed (then fails with `what`).
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if check().await {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not within 30 s: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An active booking of the seeded region with its visit still ahead (for rows queued
/// directly: messages about a booking that is no longer active have nothing to say).
async fn some_booking(app: &TestApp) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select b.id from bookings b join slots s on s.id = b.slot_id \
         where b.status = 'confirmed' and s.starts_at > $1 order by b.id limit 1",
        app.clock.now() + 7 * 86_400
    )
    .0
}

/// Queues a row directly, as the outbox writers do; returns its id.
async fn queue(app: &TestApp, kind: &str, channel: &str, recipient: &str, lang: &str) -> i64 {
    let booking = some_booking(app).await;
    query_one_write!(
        app.db(),
        (i64,),
        "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, payload, status, lang) \
         values ($1, $2, $3, $4, $5, $7, 'pending', $6) returning id",
        app.clock.now(),
        kind,
        booking,
        channel,
        recipient,
        lang,
        if kind == "agenda_suspended" {
            r#"{"outcome":"waiting_list","reason":"guasto","deadline":null}"#
        } else {
            r#"{"days_before":7}"#
        }
    )
    .0
}

type Row = (String, i64, Option<String>, Option<String>, Option<i64>);

/// status, attempts, last_error, lease_owner, sent_at
async fn row(app: &TestApp, id: i64) -> Row {
    query_one!(
        app.db(),
        Row,
        "select status, attempts, last_error, lease_owner, sent_at from notification_outbox where id = $1",
        id
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    query_one!(app.db(), (i64,), sql).0
}

/// The e-mails the sink holds, by outbox id (X-Cupola-Message).
fn by_id(messages: &[Value]) -> BTreeMap<i64, Vec<Value>> {
    let mut out: BTreeMap<i64, Vec<Value>> = BTreeMap::new();
    for m in messages {
        let id: i64 = m["headers"]["x-cupola-message"]
            .as_str()
            .expect("X-Cupola-Message")
            .parse()
            .expect("an id");
        out.entry(id).or_default().push(m.clone());
    }
    out
}

fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

/// Notes what `compose` writes, now, for every sent row not noted yet.
async fn note_what_was_said(app: &TestApp, said: &mut BTreeMap<i64, Composed>) {
    let sent: Vec<(i64,)> = match app.db() {
        server::db::Db::Sqlite(s) => {
            sqlx::query_as("select id from notification_outbox where status = 'sent'")
                .fetch_all(&s.read)
                .await
        }
        server::db::Db::Postgres(p) => {
            sqlx::query_as("select id from notification_outbox where status = 'sent'")
                .fetch_all(&p.citizens)
                .await
        }
    }
    .expect("sent rows");
    for (id,) in sent {
        if let std::collections::btree_map::Entry::Vacant(entry) = said.entry(id) {
            entry.insert(composed(app, id).await);
        }
    }
}

/// What `compose` writes for a row (the expectations of the parsed-back message).
async fn composed(app: &TestApp, id: i64) -> Composed {
    type Out = (
        String,
        String,
        Option<i64>,
        Option<i64>,
        String,
        String,
        i64,
    );
    let (kind, channel, booking_id, waiting_id, payload, lang, created_at): Out = query_one!(
        app.db(),
        Out,
        "select kind, channel, booking_id, waiting_id, payload, lang, created_at from notification_outbox where id = $1",
        id
    );
    let outgoing = Outgoing {
        id,
        message: Message::parse(&kind).expect("kind"),
        channel: Channel::parse(&channel).expect("channel"),
        booking_id,
        waiting_id,
        payload,
        lang: app::i18n::Lang::from_code(&lang).expect("lang"),
        created_at,
    };
    server::messages::compose(&app.state, &outgoing)
        .await
        .expect("compose")
        .expect("something to say")
}

on_both_backends! {
    async fn every_kind_arrives_once_by_email_and_by_sms_parsed_back(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        let today = app.clock.today();
        // Booked and moved through the API, with both contacts; once those are told, cancelled
        // (a confirmation still queued when its booking is cancelled has nothing left to say).
        let first = new_slot(&app, "89.7A.3", today + Days::new(15), 7).await;
        let second = new_slot(&app, "89.7A.3", today + Days::new(16), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        // Someone waits for this service until the day of the second slot, with an address in
        // the registry: the cancellation offers them the slot it frees.
        let (waiting_cf, waiting_nre) = new_prescription(&app, "89.7A.3", "P").await;
        query_one_write!(app.db(), (i64,),
            "update citizens set email = 'wanda@example.org', phone = '+393338888888' where fiscal_code = $1 returning id",
            waiting_cf.clone());
        query_one_write!(app.db(), (i64,),
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, status, channel, created_at, updated_at, lang) \
             select id, service_id, null, priority, $2, 'waiting', 'web', $3, $3, 'en' from prescriptions where nre = $1 returning id",
            waiting_nre.clone(), today + Days::new(16), app.clock.now());
        let delivery = Delivery::start(app.state.clone(), sink.config()).await.expect("start");
        assert!(delivery.channels().email_configured && delivery.channels().sms_configured);
        let booked: Value = app.client.post(app.url("/api/v1/bookings"))
            .json(&json!({"fiscal_code": cf, "nre": nre, "slot_id": first,
                          "phone": "333 123 4567", "email": "anna@example.org"}))
            .send().await.expect("book").json().await.expect("JSON");
        let code = booked["booking_code"].as_str().expect("booked").to_owned();
        // What each message says depends on the booking as it is when it is sent: each step
        // waits for the previous one's messages, and what they said is noted then.
        let pending = "select count(*) from notification_outbox where status = 'pending' and channel is not null";
        let mut said: BTreeMap<i64, Composed> = BTreeMap::new();
        eventually("the confirmation sent", || async { count(&app, pending).await == 0 }).await;
        note_what_was_said(&app, &mut said).await;
        let moved = app.client.post(app.url("/api/v1/bookings/move"))
            .json(&json!({"booking_code": code, "fiscal_code": cf, "slot_id": second}))
            .send().await.expect("move");
        assert_eq!(moved.status(), 200);
        eventually("the move sent", || async { count(&app, pending).await == 0 }).await;
        note_what_was_said(&app, &mut said).await;
        let cancelled = app.client.post(app.url("/api/v1/bookings/cancel"))
            .json(&json!({"booking_code": code, "fiscal_code": cf, "reason": "altrove"}))
            .send().await.expect("cancel");
        assert_eq!(cancelled.status(), 200);
        eventually("the cancellation and the offer sent", || async { count(&app, pending).await == 0 }).await;
        // The kinds no flow here makes, queued directly, in both languages.
        for (kind, lang) in [("reminder", "en"), ("agenda_suspended", "it")] {
            queue(&app, kind, "email", "bruno@example.org", lang).await;
            queue(&app, kind, "sms", "+393339999999", lang).await;
        }
        let (expected,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where channel is not null");
        assert!(expected >= 12, "{expected} rows queued");
        delivery.wake();
        eventually("every message sent", || async {
            count(&app, "select count(*) from notification_outbox where status = 'pending' and channel is not null").await == 0
        }).await;
        delivery.shutdown().await;

        type Sent = (i64, String, String, String, i64, Option<String>);
        let rows: Vec<Sent> = match app.db() {
            server::db::Db::Sqlite(s) => sqlx::query_as("select id, kind, channel, recipient, attempts, lease_owner from notification_outbox where channel is not null and status = 'sent' order by id").fetch_all(&s.read).await,
            server::db::Db::Postgres(p) => sqlx::query_as("select id, kind, channel, recipient, attempts, lease_owner from notification_outbox where channel is not null and status = 'sent' order by id").fetch_all(&p.citizens).await,
        }.expect("rows");
        assert_eq!(rows.len() as i64, expected, "all sent");
        let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(kinds.len(), 6, "every kind: {kinds:?}");
        let mails = by_id(&sink.messages().await);
        let sms = sink.sms().await;
        for (id, kind, channel, recipient, attempts, lease) in &rows {
            assert_eq!((*attempts, lease.as_deref()), (1, None), "{kind} {channel}");
            let expected = match said.remove(id) {
                Some(said) => said,
                None => composed(&app, *id).await,
            };
            match expected {
                Composed::Email(email) => {
                    let got = mails.get(id).unwrap_or_else(|| panic!("{kind} e-mail {id} arrived"));
                    assert_eq!(got.len(), 1, "{kind} e-mail {id} arrived once");
                    let m = &got[0];
                    assert_eq!(m["messageId"], format!("<outbox-{id}@asl.example.it>"));
                    assert_eq!(m["envelopeTo"], json!([recipient]));
                    assert_eq!(m["subject"], email.subject.as_str());
                    assert!(m["headers"]["from"].as_str().expect("From").contains("cup@asl.example.it"));
                    let raw = m["raw"].as_str().expect("raw");
                    assert!(raw.contains("multipart/alternative"), "{kind}: text and HTML alternatives");
                    assert_eq!(lf(m["text"].as_str().expect("text part")), lf(&email.text));
                    assert_eq!(lf(m["html"].as_str().expect("html part")), lf(&email.html));
                    let calendars: Vec<&Value> = m["attachments"].as_array().expect("attachments")
                        .iter().filter(|a| a["contentType"] == "text/calendar").collect();
                    match &email.calendar {
                        Some(calendar) => {
                            assert_eq!(calendars.len(), 1, "{kind}: the appointment attached");
                            assert_eq!(calendars[0]["filename"], "invite.ics");
                            assert_eq!(calendars[0]["method"].as_str().map(str::to_ascii_uppercase).as_deref(), Some(calendar.method));
                            assert_eq!(lf(calendars[0]["content"].as_str().expect("ics")), lf(&calendar.ics));
                        }
                        None => assert!(calendars.is_empty(), "{kind}: no calendar"),
                    }
                }
                Composed::Sms(text) => {
                    let got: Vec<&Value> = sms.iter().filter(|s| s["body"]["id"].as_str() == Some(id.to_string().as_str())).collect();
                    assert_eq!(got.len(), 1, "{kind} SMS {id} arrived once");
                    let s = got[0];
                    assert_eq!(s["headers"]["idempotency-key"], format!("cupola-{id}"));
                    assert_eq!(s["headers"]["authorization"], AUTH);
                    assert_eq!(s["headers"]["content-type"], "application/json");
                    assert_eq!(s["body"]["to"], recipient.as_str());
                    assert_eq!(s["body"]["text"], text.as_str());
                }
            }
        }
        assert_eq!(mails.values().map(Vec::len).sum::<usize>() + sms.len(), rows.len(), "nothing else, nothing twice");
    }

    async fn a_server_that_refuses_for_now_is_tried_again_until_it_accepts(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        sink.script(json!({"rcpt451": 2, "sms503": 1})).await;
        let mail = queue(&app, "reminder", "email", "carla@example.org", "it").await;
        let sms = queue(&app, "reminder", "sms", "+393330000001", "it").await;
        let delivery = Delivery::start(app.state.clone(), sink.config()).await.expect("start");
        eventually("both sent", || async {
            row(&app, mail).await.0 == "sent" && row(&app, sms).await.0 == "sent"
        }).await;
        delivery.shutdown().await;
        let (_, attempts, error, lease, sent_at) = row(&app, mail).await;
        assert_eq!((attempts, error, lease), (3, None, None), "two refusals, then accepted");
        assert!(sent_at.is_some());
        assert_eq!(row(&app, sms).await.1, 2, "one 503, then accepted");
        let counters = sink.get("/counters").await;
        assert_eq!((counters["rcpt451"].as_i64(), counters["sms503"].as_i64()), (Some(2), Some(1)));
        assert_eq!(by_id(&sink.messages().await)[&mail].len(), 1);
        assert_eq!(sink.sms().await.len(), 1);
    }

    async fn a_permanent_refusal_fails_after_one_attempt_and_a_busy_gateway_is_retried(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        sink.script(json!({"reject": ["nobody@example.org"], "smsReject": ["+393330000002"]})).await;
        let refused = queue(&app, "booking_confirmed", "email", "nobody@example.org", "it").await;
        let refused_sms = queue(&app, "booking_confirmed", "sms", "+393330000002", "it").await;
        let fine = queue(&app, "booking_confirmed", "email", "dora@example.org", "en").await;
        let delivery = Delivery::start(app.state.clone(), sink.config()).await.expect("start");
        eventually("all three done", || async {
            row(&app, refused).await.0 != "pending" && row(&app, refused_sms).await.0 != "pending"
                && row(&app, fine).await.0 != "pending"
        }).await;
        delivery.shutdown().await;
        let (status, attempts, error, lease, sent_at) = row(&app, refused).await;
        assert_eq!((status.as_str(), attempts, error.as_deref(), lease, sent_at), ("failed", 1, Some("smtp 550"), None, None));
        let (status, attempts, error, _, _) = row(&app, refused_sms).await;
        assert_eq!((status.as_str(), attempts, error.as_deref()), ("failed", 1, Some("http 400")));
        assert_eq!(row(&app, fine).await.0, "sent");
        let mails = by_id(&sink.messages().await);
        assert!(!mails.contains_key(&refused));
        assert_eq!(mails[&fine].len(), 1);
        assert!(sink.sms().await.is_empty());
    }

    async fn a_message_refused_at_every_attempt_ends_failed_at_the_maximum(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        sink.script(json!({"sms503": 100})).await;
        let id = queue(&app, "reminder", "sms", "+393330000003", "it").await;
        let config = DeliveryConfig { max_attempts: 2, ..sink.config() };
        let delivery = Delivery::start(app.state.clone(), config).await.expect("start");
        eventually("given up", || async { row(&app, id).await.0 == "failed" }).await;
        delivery.shutdown().await;
        let (_, attempts, error, _, _) = row(&app, id).await;
        assert_eq!((attempts, error.as_deref()), (2, Some("http 503")));
    }

    async fn an_unconfigured_channel_leaves_its_messages_pending(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        let mail = queue(&app, "reminder", "email", "elena@example.org", "it").await;
        let sms = queue(&app, "reminder", "sms", "+393330000004", "it").await;
        let config = DeliveryConfig { smtp_url: None, ..sink.config() };
        let delivery = Delivery::start(app.state.clone(), config).await.expect("start");
        assert!(!delivery.channels().email_configured && delivery.channels().sms_configured);
        eventually("the SMS sent", || async { row(&app, sms).await.0 == "sent" }).await;
        // Another look at the outbox after the SMS, which still leaves the e-mail alone.
        delivery.wake();
        let later = queue(&app, "reminder", "sms", "+393330000005", "it").await;
        delivery.wake();
        eventually("the later SMS sent", || async { row(&app, later).await.0 == "sent" }).await;
        delivery.shutdown().await;
        let (status, attempts, error, lease, _) = row(&app, mail).await;
        assert_eq!((status.as_str(), attempts, error, lease), ("pending", 0, None, None));
        assert!(sink.messages().await.is_empty());
    }

    async fn shutdown_finishes_what_it_sends_and_gives_back_what_it_holds(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        sink.script(json!({"dataDelayMs": 700})).await;
        for n in 0..20 {
            queue(&app, "reminder", "email", &format!("p{n}@example.org"), "it").await;
        }
        let config = DeliveryConfig { concurrency: 2, ..sink.config() };
        let delivery = Delivery::start(app.state.clone(), config).await.expect("start");
        eventually("a message being sent", || async {
            sink.get("/counters").await["dataStarted"].as_i64() >= Some(1)
        }).await;
        assert!(count(&app, "select count(*) from notification_outbox where lease_owner is not null").await > 0);
        delivery.shutdown().await;
        assert_eq!(count(&app, "select count(*) from notification_outbox where lease_owner is not null or lease_until is not null").await, 0,
            "no lease left");
        let sent = count(&app, "select count(*) from notification_outbox where status = 'sent'").await;
        let pending = count(&app, "select count(*) from notification_outbox where status = 'pending'").await;
        assert_eq!(sent + pending, 20);
        assert!(sent >= 1, "what was being sent was finished");
        assert!(pending >= 1, "the rest waits for the next start");
        assert_eq!(by_id(&sink.messages().await).len() as i64, sent);
    }

    async fn a_worker_that_dies_mid_send_loses_nothing_and_repeats_only_the_same_message_id(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        sink.script(json!({"dataDelayMs": 5000})).await;
        let mut ids = Vec::new();
        for n in 0..30 {
            ids.push(queue(&app, "booking_confirmed", "email", &format!("k{n}@example.org"), "it").await);
        }
        let config = DeliveryConfig { lease_seconds: 2, concurrency: 4, ..sink.config() };
        let dying = Delivery::start(app.state.clone(), config.clone()).await.expect("start");
        eventually("messages in the middle of DATA", || async {
            sink.get("/counters").await["dataStarted"].as_i64() >= Some(4)
        }).await;
        // Killed: no shutdown, its leases stay until they expire.
        drop(dying);
        assert!(count(&app, "select count(*) from notification_outbox where lease_owner is not null").await > 0);
        sink.script(json!({"dataDelayMs": 0})).await;
        let next = Delivery::start(app.state.clone(), config).await.expect("start");
        eventually("every message sent", || async {
            count(&app, "select count(*) from notification_outbox where status <> 'sent'").await == 0
        }).await;
        next.shutdown().await;
        let mails = by_id(&sink.messages().await);
        for id in &ids {
            let copies = mails.get(id).unwrap_or_else(|| panic!("message {id} arrived"));
            for copy in copies {
                assert_eq!(copy["messageId"], format!("<outbox-{id}@asl.example.it>"), "a copy is the same message");
            }
        }
        let duplicates: usize = mails.values().map(|c| c.len() - 1).sum();
        assert!(duplicates <= 4, "at most what was in flight came twice: {duplicates}");
    }

    async fn two_instances_send_each_message_exactly_once(backend) {
        let app = TestApp::spawn(backend).await;
        let sink = Sink::start().await;
        const N: i64 = 200;
        for n in 0..N {
            queue(&app, "reminder", if n % 4 == 0 { "sms" } else { "email" },
                  &if n % 4 == 0 { format!("+39333{n:07}") } else { format!("t{n}@example.org") }, "it").await;
        }
        // On PostgreSQL the second instance has its own pools, as another process would; on
        // SQLite both go through the one writer.
        let other_db = match backend {
            Backend::Postgres => Some(TestDb::attach(&app.test_db).await),
            Backend::Sqlite => None,
        };
        let other_state = match &other_db {
            Some(other) => server::state::AppState::load(
                other.db.clone(), app.clock.clone(), false, None, Default::default(),
            ).await.expect("state"),
            None => app.state.clone(),
        };
        let config = DeliveryConfig { concurrency: 8, ..sink.config() };
        let one = Delivery::start(app.state.clone(), config.clone()).await.expect("start");
        let two = Delivery::start(other_state, config).await.expect("start");
        assert_ne!(one.owner(), two.owner());
        eventually("every message sent", || async {
            count(&app, "select count(*) from notification_outbox where status = 'sent'").await == N
        }).await;
        one.shutdown().await;
        two.shutdown().await;
        let mails = by_id(&sink.messages().await);
        assert_eq!(mails.len() as i64, N - N / 4);
        assert!(mails.values().all(|copies| copies.len() == 1), "no e-mail twice");
        let sms = sink.sms().await;
        let keys: std::collections::BTreeSet<String> = sms.iter()
            .map(|s| s["headers"]["idempotency-key"].as_str().expect("key").to_owned()).collect();
        assert_eq!((sms.len() as i64, keys.len() as i64), (N / 4, N / 4), "no SMS twice");
        assert_eq!(count(&app, "select cast(sum(attempts) as bigint) from notification_outbox").await, N);
    }
}
