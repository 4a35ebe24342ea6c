//! Recall (issue 13): reminders queued once per booking and stage on their working day, however
//! many passes and instances run; no-replies; the one-tap pages of confirm, cancel (the freed
//! slot offered to the waiting list) and accept; and what the operator's record shows.

use app::domain::Email;
use app::domain::calendar::{is_working_day, working_days_before};
use chrono::{Days, NaiveDate};
use server::audit::Actor;
use server::booking::book::{Contacts, book_now};
use server::clock::unix_of_local;
use server::links::Action;
use server::recall::{Stages, run_pass};

use crate::common::{Browser, TestApp, TestDb, assert_strict_page};
use crate::fixtures::{active_bookings_on, new_prescription, new_slot};
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one, query_one_write};

const SERVICE: &str = "89.7A.3";
const EMAIL: &str = "maria.rossi@example.it";

/// The working day `n` working days after `today`.
fn working_days_after(today: NaiveDate, n: u32) -> NaiveDate {
    let mut day = today;
    let mut counted = 0;
    while counted < n {
        day = day + Days::new(1);
        if is_working_day(day) {
            counted += 1;
        }
    }
    day
}

fn noon(day: NaiveDate) -> i64 {
    unix_of_local(day.and_hms_opt(12, 0, 0).expect("time")).expect("local time")
}

/// Books `slot` for a new prescription at `now`, with an e-mail address: (booking, code).
async fn book_at(app: &TestApp, slot: i64, now: i64) -> (i64, String) {
    let (_, nre) = new_prescription(app, SERVICE, "P").await;
    let (prescription_id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from prescriptions where nre = $1",
        &nre
    );
    let prescription = server::prescriptions::by_id(app.db(), prescription_id)
        .await
        .expect("read")
        .expect("exists");
    let contacts = Contacts {
        phone: None,
        email: Some(Email::parse(EMAIL).expect("an address")),
        lang: app::i18n::Lang::It,
    };
    let confirmed = book_now(
        app.db(),
        &prescription,
        slot,
        &contacts,
        Actor::Citizen(app::domain::Channel::Web),
        now,
    )
    .await
    .expect("booked");
    (confirmed.booking_id, confirmed.code.as_str().to_owned())
}

/// The stages of the reminders queued for a booking, largest first.
async fn reminders_of(app: &TestApp, booking: i64) -> Vec<i64> {
    let rows: Vec<(i64,)> = match app.db() {
        server::db::Db::Sqlite(s) => sqlx::query_as(
            "select days_before from booking_reminders where booking_id = $1 order by days_before desc",
        )
        .bind(booking)
        .fetch_all(&s.read)
        .await,
        server::db::Db::Postgres(p) => sqlx::query_as(
            "select days_before from booking_reminders where booking_id = $1 order by days_before desc",
        )
        .bind(booking)
        .fetch_all(&p.citizens)
        .await,
    }
    .expect("query");
    rows.into_iter().map(|(d,)| d).collect()
}

async fn reminder_messages(app: &TestApp, booking: i64) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from notification_outbox where booking_id = $1 and kind = 'reminder'",
        booking
    )
    .0
}

/// status, recall, recall_at, updated_at, slot: what a GET must never change.
type BookingState = (String, Option<String>, Option<i64>, i64, i64);

async fn booking_state(app: &TestApp, booking: i64) -> BookingState {
    query_one!(
        app.db(),
        BookingState,
        "select status, recall, recall_at, updated_at, slot_id from bookings where id = $1",
        booking
    )
}

async fn audit_count(app: &TestApp, action: &str, booking: i64) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from audit_log where action = $1 and booking_id = $2",
        action,
        booking
    )
    .0
}

/// The operator's record of the citizen who made `booking`.
async fn record_of(app: &TestApp, booking: i64) -> String {
    let (fiscal_code,): (String,) = query_one!(
        app.db(),
        (String,),
        "select p.fiscal_code from bookings b join prescriptions p on p.id = b.prescription_id where b.id = $1",
        booking
    );
    let browser: Browser = signed_in(app, "operatore1", "cupola-operatore-1").await;
    let form = browser.get("/operatore/cittadino").await;
    let done = browser
        .post(
            "/operatore/cittadino",
            &[
                ("csrf", &csrf_of(&form)),
                ("codice_fiscale", &fiscal_code),
                ("motivo", "0"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let record = browser.get("/operatore/cittadino/scheda").await;
    assert_eq!(record.status, 200, "{}", record.body);
    assert_strict_page(&record.body);
    record.body
}

on_both_backends! {
    async fn each_stage_queues_one_reminder_on_its_working_day_however_many_passes_run(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let visit = working_days_after(today, 12);
        let (seven, two) = (working_days_before(visit, 7), working_days_before(visit, 2));
        assert!((visit - seven).num_days() >= 9, "seven working days span a weekend");
        let stages = Stages::default();

        let slot = new_slot(&app, SERVICE, visit, 10).await;
        let (early, _) = book_at(&app, slot, app.clock.now()).await;

        // The calendar day before the seventh working day: nothing yet.
        run_pass(app.db(), &stages, noon(seven - Days::new(1))).await.expect("pass");
        assert_eq!(reminders_of(&app, early).await, Vec::<i64>::new());

        // On it: one reminder, however many passes.
        for _ in 0..2 {
            run_pass(app.db(), &stages, noon(seven)).await.expect("pass");
        }
        assert_eq!(reminders_of(&app, early).await, vec![7]);
        assert_eq!(reminder_messages(&app, early).await, 1, "one e-mail");
        let (payload,): (String,) = query_one!(app.db(), (String,),
            "select payload from notification_outbox where booking_id = $1 and kind = 'reminder'", early);
        assert!(payload.contains("\"days_before\":7"), "{payload}");

        // Booked after the seventh working day: that stage is skipped, not sent late.
        let late_slot = new_slot(&app, SERVICE, visit, 20).await;
        let booked_late = noon(seven + Days::new(1));
        let (late, _) = book_at(&app, late_slot, booked_late).await;
        run_pass(app.db(), &stages, booked_late + 60).await.expect("pass");
        assert_eq!(reminders_of(&app, late).await, Vec::<i64>::new());

        // Two instances racing on the second working day before: each booking gets it once.
        let other = TestDb::attach(&app.test_db).await;
        let (a, b) = tokio::join!(
            run_pass(app.db(), &stages, noon(two)),
            run_pass(&other.db, &stages, noon(two))
        );
        a.expect("pass");
        b.expect("pass");
        run_pass(app.db(), &stages, noon(two) + 3600).await.expect("pass");
        assert_eq!(reminders_of(&app, early).await, vec![7, 2]);
        assert_eq!(reminders_of(&app, late).await, vec![2]);
        assert_eq!(reminder_messages(&app, early).await, 2);
        assert_eq!(reminder_messages(&app, late).await, 1);

        // A visit tomorrow gets no reminder, whatever the stages.
        let tomorrow_slot = new_slot(&app, SERVICE, today + Days::new(1), 30).await;
        let (tomorrow, _) = book_at(&app, tomorrow_slot, app.clock.now()).await;
        let every_day = Stages::parse("1,2,7").expect("stages");
        run_pass(app.db(), &every_day, app.clock.now()).await.expect("pass");
        assert_eq!(reminders_of(&app, tomorrow).await, Vec::<i64>::new());

        // The late booking answers; the early one does not. After the last day online (the
        // second working day before), only the silent one is a no-reply.
        server::booking::recall::confirm_attendance(
            app.db(), late, Actor::Citizen(app::domain::Channel::Web), noon(two), two,
        )
        .await
        .expect("confirmed");
        let on_last_day = run_pass(app.db(), &stages, noon(two) + 7200).await.expect("pass");
        assert_eq!(booking_state(&app, early).await.1, None, "not before the last day is over");
        let after = two + Days::new(1);
        run_pass(app.db(), &stages, noon(after)).await.expect("pass");
        let (_, recall, recall_at, _, _) = booking_state(&app, early).await;
        assert_eq!(recall.as_deref(), Some("no_reply"));
        assert_eq!(recall_at, Some(noon(after)));
        assert_eq!(booking_state(&app, late).await.1.as_deref(), Some("confirmed"));
        assert_eq!(audit_count(&app, "booking.recall_no_reply", early).await, 1);
        assert_eq!(on_last_day.reminders, 0);

        // The operator sees it, the address masked.
        let record = record_of(&app, early).await;
        assert!(record.contains("Promemoria del"), "reminders shown");
        assert!(record.contains("(7 giorni lavorativi prima)") && record.contains("(2 giorni lavorativi prima)"));
        assert!(record.contains("Nessuna risposta"), "the no-reply shown");
        assert!(record.contains("m***@example.it"), "the address masked");
        assert!(!record.contains(EMAIL), "never the whole address");
        let record = record_of(&app, late).await;
        assert!(record.contains("Presenza confermata il"), "the confirmation shown");
    }

    async fn one_tap_links_show_then_act_once_and_free_the_slot_for_the_waiting_list(backend) {
        let app = TestApp::spawn(backend).await;
        let now = app.clock.now();
        let visit = working_days_after(app.clock.today(), 12);
        let slot = new_slot(&app, SERVICE, visit, 10).await;
        let (booking, code) = book_at(&app, slot, now).await;
        let links = &app.state.links;
        let browser = Browser::new(&app);

        // Confirm: the GET shows the visit and one button, and changes nothing.
        let confirm = app::routes::one_tap(&links.token(Action::Confirm, booking, now + 30 * 86_400));
        let before = booking_state(&app, booking).await;
        let page = browser.get(&confirm).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_strict_page(&page.body);
        assert!(page.body.contains("Confermo che verrò"));
        assert_eq!(page.body.matches("type=\"submit\"").count(), 1, "one button");
        assert!(page.body.contains(&format!("action=\"{confirm}\"")));
        assert_eq!(booking_state(&app, booking).await, before, "a GET changes nothing");

        let done = browser.post(&confirm, &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(done.location, Some(format!("/prenotazioni/{code}?presenza")));
        let (_, recall, recall_at, _, _) = booking_state(&app, booking).await;
        assert_eq!(recall.as_deref(), Some("confirmed"));
        assert!(recall_at.is_some());
        let again = browser.post(&confirm, &[]).await;
        assert_eq!(again.status, 303, "confirming twice is fine");
        assert_eq!(booking_state(&app, booking).await.2, recall_at, "the first time is kept");
        assert_eq!(audit_count(&app, "booking.attendance_confirmed", booking).await, 1);
        let receipt = browser.get(&format!("/prenotazioni/{code}?presenza")).await;
        assert_eq!(receipt.status, 200, "the link lets this browser see its receipt");
        assert!(receipt.body.contains("la tua presenza è confermata"));

        // Tampered with, or expired: refused, nothing changes.
        let mut forged = confirm.clone();
        let last = forged.pop().expect("a character");
        forged.push(if last == 'A' { 'B' } else { 'A' });
        let refused = Browser::new(&app).post(&forged, &[]).await;
        assert_eq!(refused.status, 404, "{}", refused.body);
        assert!(refused.body.contains("Link non valido"));
        let expired = app::routes::one_tap(&links.token(Action::Cancel, booking, now - 10));
        let page = Browser::new(&app).get(&expired).await;
        assert_eq!(page.status, 410);
        assert_strict_page(&page.body);
        assert!(page.body.contains("Il link è scaduto"));
        assert_eq!(Browser::new(&app).post(&expired, &[]).await.status, 410);
        assert_eq!(booking_state(&app, booking).await.0, "confirmed");

        // Someone waits for this service until the visit's day.
        let (_, nre) = new_prescription(&app, SERVICE, "P").await;
        let (prescription_id, service_id): (i64, i64) = query_one!(app.db(), (i64, i64),
            "select id, service_id from prescriptions where nre = $1", &nre);
        execute!(app.db(), "update waiting_list set status = 'withdrawn' where service_id = $1 and status in ('waiting', 'offered')", service_id);
        let (waiting_id,): (i64,) = query_one_write!(app.db(), (i64,),
            "insert into waiting_list (prescription_id, service_id, priority, deadline, status, channel, created_at, updated_at) \
             values ($1, $2, 'P', $3, 'waiting', 'web', $4, $4) returning id",
            prescription_id, service_id, visit, now);

        // Cancel: asked, then done; the slot goes to the waiting list at once.
        let cancel = app::routes::one_tap(&links.token(Action::Cancel, booking, now + 30 * 86_400));
        let page = Browser::new(&app).get(&cancel).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Annulla la prenotazione"));
        assert_eq!(booking_state(&app, booking).await.0, "confirmed", "a GET changes nothing");
        let done = Browser::new(&app).post(&cancel, &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(done.location, Some(format!("/prenotazioni/{code}?annullata")));
        assert_eq!(booking_state(&app, booking).await.0, "cancelled");
        assert_eq!(active_bookings_on(&app, slot).await, 0, "the slot is free");
        let (offers,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where kind = 'slot_offered' and waiting_id = $1", waiting_id);
        assert!(offers >= 1, "the offer is queued");
        let again = Browser::new(&app).post(&cancel, &[]).await;
        assert_eq!(again.status, 409, "already cancelled");
        assert!(again.body.contains("già stata annullata"));
        assert!(again.body.contains(&format!("href=\"/prenotazioni/{code}\"")), "with the receipt");

        // Accept: the offer's link books the held slot, on the portal.
        let accept = app::routes::one_tap(&links.token(Action::Accept, waiting_id, now + 86_400));
        let waiter = Browser::new(&app);
        let page = waiter.get(&accept).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_strict_page(&page.body);
        assert!(page.body.contains("Prenota questo posto"));
        assert_eq!(active_bookings_on(&app, slot).await, 0, "a GET books nothing");
        let done = waiter.post(&accept, &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let location = done.location.clone().expect("to the receipt");
        assert!(location.ends_with("?confermata"), "{location}");
        let (channel, booked_prescription): (String, i64) = query_one!(app.db(), (String, i64),
            "select channel, prescription_id from bookings where slot_id = $1 and status = 'confirmed'", slot);
        assert_eq!((channel.as_str(), booked_prescription), ("web", prescription_id));
        let (status,): (String,) = query_one!(app.db(), (String,), "select status from waiting_list where id = $1", waiting_id);
        assert_eq!(status, "booked");
        assert_eq!(waiter.get(&location).await.status, 200, "the receipt opens");
        let twice = waiter.post(&accept, &[]).await;
        assert_eq!(twice.status, 303, "posted twice: the one booking");
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }

    async fn after_the_last_day_online_a_link_cancels_nothing_and_says_to_call(backend) {
        let app = TestApp::spawn(backend).await;
        let now = app.clock.now();
        let visit = working_days_after(app.clock.today(), 12);
        let slot = new_slot(&app, SERVICE, visit, 10).await;
        let (booking, code) = book_at(&app, slot, now).await;
        // The token would still be good: the rules are checked again.
        let cancel = app::routes::one_tap(&app.state.links.token(Action::Cancel, booking, now + 60 * 86_400));
        let confirm = app::routes::one_tap(&app.state.links.token(Action::Confirm, booking, now + 60 * 86_400));
        let after = working_days_before(visit, 2) + Days::new(1);
        app.clock.advance(noon(after) - now);

        let browser = Browser::new(&app);
        let page = browser.get(&cancel).await;
        assert_eq!(page.status, 409, "{}", page.body);
        assert_strict_page(&page.body);
        assert!(page.body.contains("Non è più possibile annullarla online"));
        assert!(page.body.contains(&format!("href=\"/prenotazioni/{code}\"")));
        let refused = browser.post(&cancel, &[]).await;
        assert_eq!(refused.status, 409);
        assert_eq!(browser.post(&confirm, &[]).await.status, 409);
        let (status, recall, _, _, _) = booking_state(&app, booking).await;
        assert_eq!((status.as_str(), recall), ("confirmed", None));
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }
}
