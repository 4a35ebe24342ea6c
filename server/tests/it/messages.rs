//! What the outbox's messages say, composed from the rows the app itself queued (on the real
//! database): in the language the citizen used, with one calendar event per booking whose UID
//! stays and whose SEQUENCE rises with each move, the same event as the receipt's `.ics`.

use app::i18n::Lang;
use chrono::Days;
use server::audit::Actor;
use server::booking;
use server::messages::{Channel, Composed, Email, Outgoing, compose, gsm7};
use server::outbox::Message;

use crate::common::{Browser, Page, TestApp};
use crate::fixtures::{new_prescription, new_slot};
use crate::{execute, on_both_backends, query_one};

type Row = (i64, String, Option<i64>, Option<i64>, String, String, i64);

/// The outbox rows about a booking or a waiting entry, oldest first, one per message (the
/// channels of a message say the same).
async fn rows(
    app: &TestApp,
    kind: &str,
    booking_id: Option<i64>,
    waiting_id: Option<i64>,
) -> Vec<Outgoing> {
    let found: Vec<Row> = match app.db() {
        server::db::Db::Sqlite(s) => {
            sqlx::query_as(SELECT)
                .bind(kind)
                .bind(booking_id)
                .bind(waiting_id)
                .fetch_all(&s.read)
                .await
        }
        server::db::Db::Postgres(p) => {
            sqlx::query_as(SELECT)
                .bind(kind)
                .bind(booking_id)
                .bind(waiting_id)
                .fetch_all(&p.citizens)
                .await
        }
    }
    .expect("outbox rows");
    found
        .into_iter()
        .map(
            |(id, kind, booking_id, waiting_id, payload, lang, created_at)| Outgoing {
                id,
                message: Message::parse(&kind).expect("a known kind"),
                channel: Channel::Email,
                booking_id,
                waiting_id,
                payload,
                lang: Lang::from_code(&lang).expect("a known language"),
                created_at,
            },
        )
        .collect()
}

const SELECT: &str = "select min(id), kind, booking_id, waiting_id, payload, lang, min(created_at) \
     from notification_outbox \
     where kind = $1 and (cast($2 as bigint) is null or booking_id = $2) \
       and (cast($3 as bigint) is null or waiting_id = $3) \
     group by kind, booking_id, waiting_id, payload, lang order by min(id)";

async fn email(app: &TestApp, out: &Outgoing) -> Email {
    match compose(&app.state, out).await.expect("compose") {
        Some(Composed::Email(email)) => email,
        other => panic!("an e-mail, not {other:?}"),
    }
}

async fn sms(app: &TestApp, out: &Outgoing) -> String {
    let out = Outgoing {
        channel: Channel::Sms,
        ..out.clone()
    };
    match compose(&app.state, &out).await.expect("compose") {
        Some(Composed::Sms(text)) => text,
        other => panic!("an SMS, not {other:?}"),
    }
}

/// The value of a calendar property, lines unfolded.
fn property(ics: &str, name: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    unfolded
        .split("\r\n")
        .find_map(|line| line.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("{name} in {ics}"))
        .to_owned()
}

fn code_from(page: &Page) -> String {
    page.location
        .as_deref()
        .expect("a redirect")
        .trim_start_matches("/prenotazioni/")
        .split(['?', '/'])
        .next()
        .expect("code")
        .to_owned()
}

/// A browser that chose English, with a proven prescription.
async fn english_browser(
    app: &TestApp,
    service: &str,
    priority: &str,
) -> (Browser, String, String) {
    let browser = Browser::new(app);
    let switched = browser.get("/lingua/en?torna=/").await;
    assert_eq!(switched.status, 303, "{}", switched.body);
    let (cf, nre) = new_prescription(app, service, priority).await;
    let page = browser
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    (browser, cf, nre)
}

on_both_backends! {
    async fn a_booking_made_in_english_is_told_in_english_with_one_calendar_event_through_its_move_and_cancellation(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let first = new_slot(&app, "89.7A.3", today + Days::new(15), 7).await;
        let second = new_slot(&app, "89.7A.3", today + Days::new(16), 7).await;
        let (browser, _, _) = english_browser(&app, "89.7A.3", "P").await;

        // Booked with the English pages.
        assert_eq!(browser.post("/prenota/scegli", &[("slot", &first.to_string())]).await.status, 303);
        let done = browser
            .post("/prenota/conferma", &[("telefono", "333 123 4567"), ("email", "anna@example.org")])
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let code = code_from(&done);
        let (booking_id, lang): (i64, String) =
            query_one!(app.db(), (i64, String), "select id, lang from bookings where code = $1", &code);
        assert_eq!(lang, "en");
        let (langs,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where booking_id = $1 and lang = 'en' and kind = 'booking_confirmed'", booking_id);
        assert_eq!(langs, 2, "both channels' rows copy the booking's language");

        let confirmed = rows(&app, "booking_confirmed", Some(booking_id), None).await;
        assert_eq!(confirmed.len(), 1);
        assert_eq!(confirmed[0].lang, Lang::En);
        let mail = email(&app, &confirmed[0]).await;
        assert!(mail.subject.starts_with("Booking confirmed for "), "{}", mail.subject);
        assert!(mail.html.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"));
        assert!(mail.text.contains("Cancel the booking: "), "{}", mail.text);
        assert!(mail.text.contains(&format!("/r/x{booking_id}.")), "a one-tap cancel link");
        let calendar = mail.calendar.expect("the appointment attached");
        assert_eq!(calendar.method, "REQUEST");
        let uid = format!("booking-{booking_id}@cupola");
        assert_eq!(property(&calendar.ics, "METHOD"), "REQUEST");
        assert_eq!(property(&calendar.ics, "UID"), uid);
        assert_eq!(property(&calendar.ics, "SEQUENCE"), "0");
        assert_eq!(property(&calendar.ics, "STATUS"), "CONFIRMED");
        let text = sms(&app, &confirmed[0]).await;
        assert!(text.starts_with(&format!("Booking {code} confirmed")), "{text}");
        assert!(gsm7::len(&text).is_some_and(|n| n <= 160), "{text}");
        // The receipt's calendar file is the same event.
        let receipt_ics = browser.get(&format!("/prenotazioni/{code}/calendario.ics")).await.body;
        assert_eq!(property(&receipt_ics, "UID"), uid);
        assert_eq!(property(&receipt_ics, "SEQUENCE"), "0");
        assert_eq!(property(&receipt_ics, "DTSTART"), property(&calendar.ics, "DTSTART"));

        // Moved: the same event, one revision later, at the new time.
        assert_eq!(browser.post(&format!("/prenotazioni/{code}/sposta"), &[("slot", &second.to_string())]).await.status, 303);
        assert_eq!(browser.post(&format!("/prenotazioni/{code}/sposta/conferma"), &[]).await.status, 303);
        let moved = rows(&app, "booking_moved", Some(booking_id), None).await;
        assert_eq!(moved.len(), 1);
        let mail = email(&app, &moved[0]).await;
        assert!(mail.subject.starts_with("Booking moved to "), "{}", mail.subject);
        let calendar = mail.calendar.expect("the appointment attached");
        assert_eq!(property(&calendar.ics, "UID"), uid);
        assert_eq!(property(&calendar.ics, "SEQUENCE"), "1");
        assert_eq!(property(&calendar.ics, "METHOD"), "REQUEST");
        let receipt_ics = browser.get(&format!("/prenotazioni/{code}/calendario.ics")).await.body;
        assert_eq!(property(&receipt_ics, "UID"), uid);
        assert_eq!(property(&receipt_ics, "SEQUENCE"), "1");
        assert_eq!(property(&receipt_ics, "DTSTART"), property(&calendar.ics, "DTSTART"));

        // Cancelled: the same event, cancelled.
        let cancelled = browser.post(&format!("/prenotazioni/{code}/annulla"), &[("motivo", "1"), ("dettagli", "")]).await;
        assert_eq!(cancelled.status, 303, "{}", cancelled.body);
        let rows_cancelled = rows(&app, "booking_cancelled", Some(booking_id), None).await;
        assert_eq!(rows_cancelled.len(), 1);
        let mail = email(&app, &rows_cancelled[0]).await;
        assert!(mail.subject.starts_with("Booking of "), "{}", mail.subject);
        assert!(!mail.text.contains("/r/x"), "no cancel link for a cancelled booking");
        let calendar = mail.calendar.expect("the cancellation attached");
        assert_eq!(calendar.method, "CANCEL");
        assert_eq!(property(&calendar.ics, "METHOD"), "CANCEL");
        assert_eq!(property(&calendar.ics, "STATUS"), "CANCELLED");
        assert_eq!(property(&calendar.ics, "UID"), uid);
        assert_eq!(property(&calendar.ics, "SEQUENCE"), "2");
        let receipt_ics = browser.get(&format!("/prenotazioni/{code}/calendario.ics")).await.body;
        assert_eq!(property(&receipt_ics, "METHOD"), "CANCEL");
        assert_eq!(property(&receipt_ics, "SEQUENCE"), "2");

        // The confirmation and the move have nothing left to say; the cancellation still does.
        assert!(compose(&app.state, &confirmed[0]).await.expect("compose").is_none());
        assert!(compose(&app.state, &moved[0]).await.expect("compose").is_none());
        let gone = Outgoing { booking_id: Some(booking_id + 1_000_000), ..rows_cancelled[0].clone() };
        assert!(compose(&app.state, &gone).await.expect("compose").is_none(), "no such booking");
    }

    async fn an_offer_is_told_in_the_language_the_request_joined_the_list_in_until_its_hold_lapses(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let (service_id,): (i64,) = query_one!(app.db(), (i64,), "select id from services where code = '89.52'");
        let until = server::clock::start_of_day(today + Days::new(5));
        execute!(app.db(), "update slots set status = 'suspended' where service_id = $1 and starts_at < $2", service_id, until);

        let (waiting, _, nre) = english_browser(&app, "89.52", "U").await;
        assert_eq!(waiting.post("/prenota/lista-attesa", &[]).await.status, 303);
        let (waiting_id, lang): (i64, String) = query_one!(app.db(), (i64, String),
            "select w.id, w.lang from waiting_list w join prescriptions p on p.id = w.prescription_id where p.nre = $1", &nre);
        assert_eq!(lang, "en");

        // Someone booking in Italian frees a slot inside the deadline: it is offered to the list.
        let freed = new_slot(&app, "89.52", today + Days::new(2), 7).await;
        let other = Browser::new(&app);
        let (cf, other_nre) = new_prescription(&app, "89.52", "P").await;
        assert_eq!(other.post("/prenota", &[("codice_fiscale", &cf), ("nre", &other_nre)]).await.status, 303);
        assert_eq!(other.post("/prenota/scegli", &[("slot", &freed.to_string())]).await.status, 303);
        let done = other.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        let (booking_id,): (i64,) = query_one!(app.db(), (i64,), "select id from bookings where code = $1", &code_from(&done));
        let italian = rows(&app, "booking_confirmed", Some(booking_id), None).await;
        assert_eq!(italian[0].lang, Lang::It, "the Italian pages book in Italian");
        let mail = email(&app, &italian[0]).await;
        assert!(mail.subject.starts_with("Prenotazione confermata per "), "{}", mail.subject);
        assert!(mail.html.starts_with("<!DOCTYPE html><html lang=\"it\" dir=\"ltr\">"));
        let reason = booking::rules::CancelReason::from_text("test").expect("a reason");
        booking::change::cancel(app.db(), booking_id, &reason, Actor::Staff { id: 1 }, app.clock.now(), today)
            .await
            .expect("cancel");

        let offers = rows(&app, "slot_offered", None, Some(waiting_id)).await;
        assert_eq!(offers.len(), 1);
        assert_eq!(offers[0].lang, Lang::En, "the offer copies the waiting entry's language");
        let mail = email(&app, &offers[0]).await;
        assert!(mail.subject.starts_with("A slot has opened up for you"), "{}", mail.subject);
        assert!(mail.text.contains(&format!("Accept the offered slot: {}/r/a{waiting_id}.", app.state.links.base_url())), "{}", mail.text);
        assert!(mail.text.contains("Held for you until"), "{}", mail.text);
        assert!(mail.calendar.is_none(), "nothing is booked yet");
        let text = sms(&app, &offers[0]).await;
        assert!(text.starts_with("A slot for you: "), "{text}");
        assert!(gsm7::len(&text).is_some_and(|n| n <= 160), "{text}");
        let token = text.rsplit("/r/").next().expect("a link");
        let grant = app.state.links.verify(token, app.clock.now()).expect("a valid token");
        assert_eq!(grant.id, waiting_id);

        // Once the hold lapses there is nothing to offer.
        app.clock.advance(booking::offer::OFFER_SECONDS + 1);
        assert!(compose(&app.state, &offers[0]).await.expect("compose").is_none());
    }
}
