//! Reads that do not grow with visitors: coalesced, precisely invalidated caches (across
//! instances on PostgreSQL), snapshots that follow changes and survive a lost database, metrics.

use std::time::Duration;

use app::domain::Channel;
use server::audit::Actor;
use server::availability::{Asker, SlotQuery};
use server::prescriptions;

use crate::common::{Backend, TestApp, TestDb, enabled};
use crate::fixtures::new_prescription;
use crate::{on_both_backends, query_one};

async fn json(response: reqwest::Response) -> serde_json::Value {
    response.json().await.expect("json")
}

fn query(service_id: i64) -> SlotQuery {
    SlotQuery::first(
        service_id,
        Asker {
            channel: Channel::Web,
            priority: None,
        },
        20,
    )
}

async fn service_id(app: &TestApp, code: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select id from services where code = $1",
        code
    )
    .0
}

/// Books a slot straight through the library, as any channel would.
async fn book(app: &TestApp, code: &str, slot_id: i64) {
    let (cf, nre) = new_prescription(app, code, "P").await;
    let _ = cf;
    let (id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from prescriptions where nre = $1",
        &nre
    );
    let prescription = prescriptions::by_id(app.db(), id)
        .await
        .expect("read")
        .expect("exists");
    server::booking::book::book_now(
        app.db(),
        &prescription,
        slot_id,
        &server::booking::book::Contacts::default(),
        Actor::Citizen(Channel::App),
        app.clock.now(),
    )
    .await
    .expect("booked");
}

on_both_backends! {
    async fn a_hundred_identical_questions_at_once_cost_one_query_until_a_slot_changes(backend) {
        let app = TestApp::spawn(backend).await;
        let id = service_id(&app, "95.02").await;
        let cache = app.state.availability.clone();
        let before = cache.computed();
        let mut asks = tokio::task::JoinSet::new();
        for _ in 0..100 {
            let (cache, db, now) = (cache.clone(), app.db().clone(), app.clock.now());
            asks.spawn(async move { cache.free_slots(&db, &query(id), now).await.expect("slots") });
        }
        let mut answers = Vec::new();
        while let Some(answer) = asks.join_next().await {
            answers.push(answer.expect("task"));
        }
        assert_eq!(cache.computed() - before, 1, "one database query for a hundred askers");
        let first = answers[0][0].id;
        assert!(answers.iter().all(|a| a[0].id == first));

        // A booking of that service drops the answer: the next asker sees it gone.
        book(&app, "95.02", first).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let again = cache.free_slots(app.db(), &query(id), app.clock.now()).await.expect("slots");
        assert_eq!(cache.computed() - before, 2);
        assert!(again.iter().all(|s| s.id != first), "the booked slot is no longer offered");
    }

    async fn snapshots_follow_a_change_within_seconds_and_revalidate_with_an_etag(backend) {
        let app = TestApp::spawn(backend).await;
        let first = json(app.get("/tempi-di-attesa/89.7A.3/dati.json").await).await;
        let facility = first["facilities"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["first_free"].is_string()))
            .cloned()
            .expect("a facility with a free slot");
        // Book that facility's first free slot: its first free date must move on.
        let (slot,): (i64,) = query_one!(app.db(), (i64,),
            "select s.id from slots s where s.facility_id = $1 and s.service_id = (select id from services where code = '89.7A.3') \
             and s.starts_at > $2 and s.reserved_channel is null and s.reserved_priority is null and s.status = 'open' \
             and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled') \
             order by s.starts_at limit 1",
            facility["id"].as_i64().expect("id"), app.clock.now() + 2 * 3600);
        book(&app, "89.7A.3", slot).await;
        let mut moved = false;
        for _ in 0..30 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = json(app.get("/tempi-di-attesa/89.7A.3/dati.json").await).await;
            let entry = now["facilities"].as_array().and_then(|f| f.iter().find(|f| f["id"] == facility["id"])).cloned();
            if entry.is_some_and(|e| e["first_free"] != facility["first_free"]) {
                moved = true;
                break;
            }
        }
        assert!(moved, "the snapshot was republished after the booking");

        let page = app.client.get(app.url("/tempi-di-attesa/89.7A.3")).header("accept-encoding", "br").send().await.expect("get");
        assert_eq!(page.headers()["cache-control"], "public, max-age=5, stale-while-revalidate=30, stale-if-error=86400");
        let etag = page.headers()["etag"].clone();
        let again = app.client.get(app.url("/tempi-di-attesa/89.7A.3")).header("accept-encoding", "br")
            .header("if-none-match", etag).send().await.expect("get");
        assert_eq!(again.status(), 304);
    }

    async fn an_areas_page_is_made_when_first_asked_for_in_the_language_asked(backend) {
        let app = TestApp::spawn(backend).await;
        let data = json(app.get("/tempi-di-attesa/89.7A.3/dati.json").await).await;
        let area = data["areas"].as_array().and_then(|a| a.first()).cloned().expect("an area");
        let (id, name) = (area["id"].as_i64().expect("id"), area["name"].as_str().expect("name").to_owned());
        let path = format!("/tempi-di-attesa/89.7A.3/zona/{id}");
        let slots = json(app.get(&format!("{path}/dati.json")).await).await;
        assert_eq!(slots["area"]["name"], name.as_str());

        let it = app.client.get(app.url(&path)).header("accept-encoding", "br").send().await.expect("get");
        assert_eq!(it.status(), 200);
        assert_eq!(it.headers()["content-encoding"], "br");
        let etag = it.headers()["etag"].clone();
        let html = app.get(&path).await.text().await.expect("body");
        assert!(html.contains("<html lang=\"it\""), "Italian first");
        assert!(html.contains(&name), "the area's name");
        for slot in slots["slots"].as_array().expect("slots") {
            assert!(html.contains(slot["facility"].as_str().expect("facility")), "each listed slot's facility");
        }
        let en = app.client.get(app.url(&path)).header("accept-language", "en").send().await.expect("get");
        assert!(en.text().await.expect("body").contains("<html lang=\"en\""));
        // Made once per publication: the same bytes again, so the browser's copy is current.
        let again = app.client.get(app.url(&path)).header("accept-encoding", "br")
            .header("if-none-match", etag).send().await.expect("get");
        assert_eq!(again.status(), 304);
        assert_eq!(app.get("/tempi-di-attesa/89.7A.3/zona/999999").await.status(), 404);
    }

    async fn without_a_database_the_last_good_availability_is_served_with_a_notice(backend) {
        let app = TestApp::spawn(backend).await;
        assert_eq!(app.get("/tempi-di-attesa/89.7A.3").await.status(), 200);
        app.db().close().await;
        let state = &app.state;
        let id = service_id_cached(state, "89.7A.3");
        state.snapshots.publish(&state.db, &state.catalog, &state.directory, id, app.clock.now()).await;
        let page = app.get("/tempi-di-attesa/89.7A.3").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("body");
        assert!(html.contains("non riusciamo ad aggiornarli"), "a visible notice");
        assert!(html.contains("Prima data disponibile per zona"));
        let data = json(app.get("/tempi-di-attesa/89.7A.3/dati.json").await).await;
        assert_eq!(data["stale"], true);
        // An area's page made after the database went away carries the same notice.
        let area = data["areas"][0]["id"].as_i64().expect("an area");
        let area_page = app.get(&format!("/tempi-di-attesa/89.7A.3/zona/{area}")).await;
        assert_eq!(area_page.status(), 200);
        assert!(area_page.text().await.expect("body").contains("non riusciamo ad aggiornarli"));
    }

    async fn metrics_are_exposed_in_the_prometheus_format(backend) {
        server::telemetry::init_metrics_only();
        let app = TestApp::spawn(backend).await;
        app.get("/tempi-di-attesa/95.02").await;
        app.get("/api/v1/availability?service=95.02").await;
        let text = app.get("/metrics").await.text().await.expect("body");
        for metric in ["cupola_http_requests_total", "cupola_http_request_duration_seconds_bucket",
                       "cupola_db_queries_total", "cupola_cache_requests_total", "cupola_waiting_room_length"] {
            assert!(text.contains(metric), "{metric} missing");
        }
    }
}

fn service_id_cached(state: &server::state::AppState, code: &str) -> i64 {
    state.catalog.by_code(code).expect("service").row.id
}

/// Two instances on one PostgreSQL database: a booking through one drops the other's cached
/// answer (LISTEN/NOTIFY), so a load balancer may send anyone anywhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_on_one_instance_refreshes_the_other_instances_cache() {
    if !enabled(Backend::Postgres) {
        return;
    }
    let a = TestApp::spawn(Backend::Postgres).await;
    let b = TestApp::serve(TestDb::attach(&a.test_db).await, Default::default()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let id = service_id(&a, "95.02").await;
    let seen_by_b = b
        .state
        .availability
        .free_slots(b.db(), &query(id), b.clock.now())
        .await
        .expect("slots");
    let first = seen_by_b[0].id;
    book(&a, "95.02", first).await;
    let mut refreshed = false;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = b
            .state
            .availability
            .free_slots(b.db(), &query(id), b.clock.now())
            .await
            .expect("slots");
        if now.iter().all(|s| s.id != first) {
            refreshed = true;
            break;
        }
    }
    assert!(
        refreshed,
        "instance B still offers the slot booked through A"
    );
}
