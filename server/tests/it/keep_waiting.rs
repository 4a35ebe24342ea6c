//! Book now, keep waiting for earlier: a booking keeps a place on the waiting list for an
//! earlier slot; an earlier slot that frees up is offered to it (never a later one), and
//! accepting moves the booking in one transaction, whatever races it.

use app::domain::Channel;
use chrono::Days;
use server::audit::Actor;
use server::booking;
use server::booking::change::Accepted;
use server::booking::rules::CancelReason;
use server::db::Db;
use server::links::Action;

use crate::common::{Browser, Page, TestApp};
use crate::fixtures::{active_bookings_on, new_prescription, new_slot};
use crate::{execute, on_both_backends, query_one};

const SERVICE: &str = "89.52";
const CITIZEN: Actor = Actor::Citizen(Channel::Web);

fn code_from_location(page: &Page) -> String {
    let location = page.location.clone().expect("a redirect");
    location
        .trim_start_matches("/prenotazioni/")
        .split(['?', '/'])
        .next()
        .expect("code")
        .to_owned()
}

/// Only the test's own slots of the service are open.
async fn only_own_slots(app: &TestApp) {
    let (service_id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from services where code = $1",
        SERVICE
    );
    execute!(
        app.db(),
        "update slots set status = 'suspended' where service_id = $1",
        service_id
    );
}

async fn verified(app: &TestApp, priority: &str) -> (Browser, String) {
    let browser = Browser::new(app);
    let (cf, nre) = new_prescription(app, SERVICE, priority).await;
    let page = browser
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    (browser, nre)
}

/// Books `slot` through the journey, ticking "keep me on the list for an earlier slot" or not.
async fn book(browser: &Browser, slot: i64, keep_waiting: bool) -> String {
    let chosen = browser
        .post("/prenota/scegli", &[("slot", &slot.to_string())])
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let mut form = vec![("telefono", ""), ("email", "")];
    if keep_waiting {
        form.push(("prima", "si"));
    }
    let confirmed = browser.post("/prenota/conferma", &form).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    code_from_location(&confirmed)
}

async fn booking_of(db: &Db, code: &str) -> (i64, i64, String, i64) {
    query_one!(
        db,
        (i64, i64, String, i64),
        "select id, slot_id, status, sequence from bookings where code = $1",
        code
    )
}

/// The entry linked to a booking, the latest one: (id, status).
async fn linked_entry(db: &Db, booking_id: i64) -> Option<(i64, String)> {
    match db {
        Db::Sqlite(s) => sqlx::query_as(
            "select id, status from waiting_list where booking_id = $1 order by id desc limit 1",
        )
        .bind(booking_id)
        .fetch_optional(&s.read)
        .await,
        Db::Postgres(p) => sqlx::query_as(
            "select id, status from waiting_list where booking_id = $1 order by id desc limit 1",
        )
        .bind(booking_id)
        .fetch_optional(&p.citizens)
        .await,
    }
    .expect("query")
}

/// The slot held for a prescription's booking, as the offer holds it: (slot, expires).
async fn held_for(db: &Db, booking_id: i64) -> Option<(i64, i64)> {
    let sql = "select h.slot_id, h.expires_at from holds h join bookings b \
               on b.prescription_id = h.prescription_id where b.id = $1";
    match db {
        Db::Sqlite(s) => {
            sqlx::query_as(sql)
                .bind(booking_id)
                .fetch_optional(&s.read)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_as(sql)
                .bind(booking_id)
                .fetch_optional(&p.citizens)
                .await
        }
    }
    .expect("query")
}

async fn cancel(app: &TestApp, booking_id: i64) {
    let reason = CancelReason::from_text("test").expect("a reason");
    booking::change::cancel(
        app.db(),
        booking_id,
        &reason,
        Actor::Staff { id: 1 },
        app.clock.now(),
        app.clock.today(),
    )
    .await
    .expect("cancel");
}

on_both_backends! {
    async fn an_earlier_slot_goes_to_the_booking_waiting_for_it_and_accepting_moves_the_booking(backend) {
        let app = TestApp::spawn(backend).await;
        only_own_slots(&app).await;
        let today = app.clock.today();
        let early = new_slot(&app, SERVICE, today + Days::new(10), 1).await;
        let late = new_slot(&app, SERVICE, today + Days::new(20), 1).await;
        let (other, _) = verified(&app, "D").await;
        let other_code = book(&other, early, false).await;

        let (me, _) = verified(&app, "D").await;
        let chosen = me.post("/prenota/scegli", &[("slot", &late.to_string())]).await;
        assert_eq!(chosen.status, 303);
        let confirm = me.get("/prenota/conferma").await;
        assert!(confirm.body.contains("Tienimi in lista d"), "the choice is offered");
        let checkbox = confirm.body.split("<input type=\"checkbox\"").nth(1).expect("a checkbox");
        assert!(!checkbox[..checkbox.find('>').expect("tag")].contains("checked"), "unticked by default");
        let done = me
            .post("/prenota/conferma", &[("telefono", ""), ("email", "anna@example.org"), ("prima", "si")])
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let code = code_from_location(&done);
        let (booking_id, slot, _, _) = booking_of(app.db(), &code).await;
        assert_eq!(slot, late);
        let (entry, status) = linked_entry(app.db(), booking_id).await.expect("a linked entry");
        assert_eq!(status, "waiting");
        let receipt = me.get(&format!("/prenotazioni/{code}")).await;
        assert!(receipt.body.contains("Esci dalla lista per un posto prima"), "{}", receipt.body);

        // Someone on the plain waiting list, with a later deadline: behind us in the line.
        let (waiting, waiting_nre) = verified(&app, "P").await;
        assert_eq!(waiting.post("/prenota/lista-attesa", &[]).await.status, 303);

        // The earlier slot frees up: it is offered to the booking waiting for it, first in line.
        let (other_id, _, _, _) = booking_of(app.db(), &other_code).await;
        cancel(&app, other_id).await;
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "offered");
        let (held, expires) = held_for(app.db(), booking_id).await.expect("the offer's hold");
        assert_eq!(held, early);
        let (offers,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where kind = 'slot_offered' and waiting_id = $1", entry);
        assert!(offers >= 1, "the offer is sent");
        let receipt = me.get(&format!("/prenotazioni/{code}")).await;
        assert!(receipt.body.contains("Si è liberato un posto prima"), "{}", receipt.body);

        // The one-tap page says that accepting moves the booking, and from when.
        let token = app.state.links.token(Action::Accept, entry, expires);
        let page = me.get(&format!("/r/{token}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Sposta la prenotazione qui"), "{}", page.body);
        let late_day = app.clock.today() + Days::new(20);
        assert!(page.body.contains(&app::i18n::Lang::It.long_date(late_day)), "the current date");

        let accepted = me.post(&format!("/r/{token}"), &[]).await;
        assert_eq!(accepted.status, 303, "{}", accepted.body);
        assert_eq!(accepted.location.as_deref(), Some(format!("/prenotazioni/{code}?spostata").as_str()));
        let (_, slot, status, sequence) = booking_of(app.db(), &code).await;
        assert_eq!((slot, status.as_str(), sequence), (early, "confirmed", 1), "moved, SEQUENCE raised");
        assert_eq!(active_bookings_on(&app, early).await, 1);
        assert_eq!(active_bookings_on(&app, late).await, 0, "the old slot is free");
        let (mine,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from bookings b join bookings o on o.prescription_id = b.prescription_id \
             where o.id = $1 and b.status <> 'cancelled'", booking_id);
        assert_eq!(mine, 1, "one active booking for the prescription");
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "booked");
        let (moved,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where kind = 'booking_moved' and booking_id = $1", booking_id);
        assert!(moved >= 1, "a moved message");
        let (audited,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where action = 'booking.moved'");
        assert!(audited >= 1);

        // The old slot went on to the next in line.
        let (next,): (String,) = query_one!(app.db(), (String,),
            "select w.status from waiting_list w join prescriptions p on p.id = w.prescription_id \
             where p.nre = $1", &waiting_nre);
        assert_eq!(next, "offered");
        let (next_slot,): (i64,) = query_one!(app.db(), (i64,),
            "select h.slot_id from holds h join prescriptions p on p.id = h.prescription_id where p.nre = $1",
            &waiting_nre);
        assert_eq!(next_slot, late);

        // Accepting again leads to the moved booking.
        let again = me.post(&format!("/r/{token}"), &[]).await;
        assert_eq!(again.location.as_deref(), Some(format!("/prenotazioni/{code}").as_str()));
    }

    async fn a_booking_waiting_for_earlier_is_never_offered_a_later_slot(backend) {
        let app = TestApp::spawn(backend).await;
        only_own_slots(&app).await;
        let today = app.clock.today();
        let mid = new_slot(&app, SERVICE, today + Days::new(12), 2).await;
        let later = new_slot(&app, SERVICE, today + Days::new(18), 2).await;
        let (other, _) = verified(&app, "D").await;
        let other_code = book(&other, later, false).await;
        let (me, _) = verified(&app, "D").await;
        let code = book(&me, mid, true).await;
        let (booking_id, _, _, _) = booking_of(app.db(), &code).await;

        // A later slot frees up, and another opens: neither is offered.
        let (other_id, _, _, _) = booking_of(app.db(), &other_code).await;
        cancel(&app, other_id).await;
        new_slot(&app, SERVICE, today + Days::new(14), 3).await;
        server::waitlist::sweep(app.db(), app.clock.now(), today).await.expect("sweep");
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "waiting");
        assert!(held_for(app.db(), booking_id).await.is_none(), "nothing later is held for it");

        // An earlier one that opens is.
        let earlier = new_slot(&app, SERVICE, today + Days::new(11), 3).await;
        server::waitlist::sweep(app.db(), app.clock.now(), today).await.expect("sweep");
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "offered");
        assert_eq!(held_for(app.db(), booking_id).await.map(|h| h.0), Some(earlier));
    }

    async fn an_accept_racing_a_cancel_of_the_booking_never_leaves_two_bookings(backend) {
        let app = TestApp::spawn(backend).await;
        only_own_slots(&app).await;
        let today = app.clock.today();
        for round in 0..4u32 {
            let early = new_slot(&app, SERVICE, today + Days::new(10), 10 + round).await;
            let late = new_slot(&app, SERVICE, today + Days::new(20), 10 + round).await;
            let (other, _) = verified(&app, "D").await;
            let other_code = book(&other, early, false).await;
            let (me, _) = verified(&app, "D").await;
            let code = book(&me, late, true).await;
            let (booking_id, _, _, _) = booking_of(app.db(), &code).await;
            let (other_id, _, _, _) = booking_of(app.db(), &other_code).await;
            cancel(&app, other_id).await;
            let (entry, status) = linked_entry(app.db(), booking_id).await.expect("entry");
            assert_eq!(status, "offered", "round {round}");
            let (token,): (String,) = query_one!(app.db(), (String,),
                "select h.token from holds h join bookings b on b.prescription_id = h.prescription_id \
                 where b.id = $1", booking_id);

            let (now, today) = (app.clock.now(), app.clock.today());
            let (db1, db2) = (app.db().clone(), app.db().clone());
            let accept = tokio::spawn(async move {
                booking::change::accept_earlier(&db1, entry, &token, CITIZEN, now, today).await
            });
            let cancelled = tokio::spawn(async move {
                let reason = CancelReason::from_text("race").expect("a reason");
                booking::change::cancel(&db2, booking_id, &reason, CITIZEN, now, today).await
            });
            let accepted = accept.await.expect("accept task");
            let cancelled = cancelled.await.expect("cancel task");
            assert!(cancelled.is_ok(), "round {round}: the booking is cancelled either way: {cancelled:?}");
            assert!(
                matches!(
                    accepted,
                    Ok(Accepted::Moved { .. } | Accepted::Closed)
                        | Err(booking::error::BookingError::HoldExpired | booking::error::BookingError::NotActive)
                ),
                "round {round}: {accepted:?}"
            );

            let (active,): (i64,) = query_one!(app.db(), (i64,),
                "select count(*) from bookings b join bookings o on o.prescription_id = b.prescription_id \
                 where o.id = $1 and b.status <> 'cancelled'", booking_id);
            assert_eq!(active, 0, "round {round}: cancelled, and nothing booked instead");
            assert!(active_bookings_on(&app, early).await == 0 && active_bookings_on(&app, late).await == 0);
            let (_, status) = linked_entry(app.db(), booking_id).await.expect("entry");
            assert!(status == "booked" || status == "withdrawn", "round {round}: the entry is closed: {status}");
            assert!(held_for(app.db(), booking_id).await.is_none(), "round {round}: no slot kept for it");
            // Out of the next round's way.
            execute!(app.db(), "update slots set status = 'suspended' where id in ($1, $2)", early, late);
            execute!(app.db(), "delete from holds where slot_id in ($1, $2)", early, late);
        }
    }

    async fn leaving_the_line_for_an_earlier_slot_works_from_the_receipt(backend) {
        let app = TestApp::spawn(backend).await;
        only_own_slots(&app).await;
        let today = app.clock.today();
        let early = new_slot(&app, SERVICE, today + Days::new(9), 4).await;
        let late = new_slot(&app, SERVICE, today + Days::new(19), 4).await;
        let (other, _) = verified(&app, "D").await;
        let other_code = book(&other, early, false).await;
        let (me, _) = verified(&app, "D").await;
        let code = book(&me, late, false).await;
        let (booking_id, _, _, _) = booking_of(app.db(), &code).await;
        assert!(linked_entry(app.db(), booking_id).await.is_none(), "not ticked: not on the list");

        // Joined from the receipt, then left.
        let receipt = me.get(&format!("/prenotazioni/{code}")).await;
        assert!(receipt.body.contains("Tienimi in lista per un posto prima"), "{}", receipt.body);
        let joined = me.post(&format!("/prenotazioni/{code}/posto-prima"), &[("azione", "entra")]).await;
        assert_eq!(joined.status, 303);
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "waiting");
        let receipt = me.get(&format!("/prenotazioni/{code}?prima")).await;
        assert!(receipt.body.contains("Sei in lista d"), "{}", receipt.body);
        let left = me.post(&format!("/prenotazioni/{code}/posto-prima"), &[("azione", "esci")]).await;
        assert_eq!(left.status, 303);
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "withdrawn");
        let receipt = me.get(&format!("/prenotazioni/{code}?prima")).await;
        assert!(receipt.body.contains("Non sei più in lista"), "{}", receipt.body);

        // The earlier slot frees up: nothing is offered to a booking that left the line.
        let (other_id, _, _, _) = booking_of(app.db(), &other_code).await;
        cancel(&app, other_id).await;
        assert!(held_for(app.db(), booking_id).await.is_none());
        let (_, slot, _, _) = booking_of(app.db(), &code).await;
        assert_eq!(slot, late);

        // Joined again while the earlier slot is free: offered at once; leaving gives it back.
        me.post(&format!("/prenotazioni/{code}/posto-prima"), &[("azione", "entra")]).await;
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "offered");
        me.post(&format!("/prenotazioni/{code}/posto-prima"), &[("azione", "esci")]).await;
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "withdrawn");
        assert!(held_for(app.db(), booking_id).await.is_none(), "the offered slot is given back");
    }

    async fn a_cancelled_booking_closes_its_line_and_the_database_links_only_its_own_prescription(backend) {
        let app = TestApp::spawn(backend).await;
        only_own_slots(&app).await;
        let today = app.clock.today();
        let late = new_slot(&app, SERVICE, today + Days::new(21), 5).await;
        let (me, _) = verified(&app, "D").await;
        let code = book(&me, late, true).await;
        let (booking_id, _, _, _) = booking_of(app.db(), &code).await;

        // A waiting entry of another prescription cannot be linked to this booking.
        let (other_rx,): (i64,) = query_one!(app.db(), (i64,),
            "select p.id from prescriptions p where not exists \
             (select 1 from bookings b where b.prescription_id = p.id) order by p.id limit 1");
        let (service_id,): (i64,) = query_one!(app.db(), (i64,), "select id from services where code = $1", SERVICE);
        let sql = "insert into waiting_list (prescription_id, service_id, priority, deadline, status, \
                   channel, created_at, updated_at, booking_id) \
                   values ($1, $2, 'D', '2030-01-01', 'expired', 'web', 1, 1, $3)";
        let link = |rx: i64| {
            let db = app.db().clone();
            async move {
                match &db {
                    Db::Sqlite(s) => sqlx::query(sql).bind(rx).bind(service_id).bind(booking_id).execute(&s.write).await.map(drop),
                    Db::Postgres(p) => sqlx::query(sql).bind(rx).bind(service_id).bind(booking_id).execute(&p.citizens).await.map(drop),
                }
            }
        };
        assert!(link(other_rx).await.is_err(), "a booking of another prescription");

        cancel(&app, booking_id).await;
        assert_eq!(linked_entry(app.db(), booking_id).await.expect("entry").1, "withdrawn");
        let (own_rx,): (i64,) = query_one!(app.db(), (i64,), "select prescription_id from bookings where id = $1", booking_id);
        assert!(link(own_rx).await.is_ok(), "its own prescription's booking may be linked");
        let receipt = me.get(&format!("/prenotazioni/{code}")).await;
        assert!(!receipt.body.contains("posto-prima"), "no line for a cancelled booking");
    }
}
