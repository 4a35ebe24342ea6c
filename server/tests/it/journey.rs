//! The citizen's journey in plain HTML, as a browser without JavaScript goes through it:
//! prescription → slots → hold → confirmation → receipt; lookup, move, cancel; the waiting list;
//! and many people racing for the same slot.

use chrono::Days;
use server::booking;

use server::audit::Actor;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{active_bookings_on, new_prescription, new_slot};
use crate::{execute, on_both_backends, query_one};

fn slot_ids(html: &str) -> Vec<String> {
    html.split("name=\"slot\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

fn code_from_location(page: &Page) -> String {
    let location = page.location.clone().expect("a redirect");
    location
        .trim_start_matches("/prenotazioni/")
        .split(['?', '/'])
        .next()
        .expect("code")
        .to_owned()
}

async fn verified(app: &TestApp, service: &str, priority: &str) -> (Browser, String, String) {
    let browser = Browser::new(app);
    let (cf, nre) = new_prescription(app, service, priority).await;
    let page = browser
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/prenota/disponibilita"));
    (browser, cf, nre)
}

async fn book(browser: &Browser, slot: &str) -> String {
    let chosen = browser.post("/prenota/scegli", &[("slot", slot)]).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let confirmed = browser
        .post("/prenota/conferma", &[("telefono", ""), ("email", "")])
        .await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    code_from_location(&confirmed)
}

on_both_backends! {
    async fn a_citizen_books_the_earliest_slot_and_gets_a_complete_receipt(backend) {
        let app = TestApp::spawn(backend).await;
        let (browser, _, _) = verified(&app, "89.7A.3", "P").await;
        let slots = browser.get("/prenota/disponibilita").await;
        assert_eq!(slots.status, 200);
        assert_strict_page(&slots.body);
        assert!(slots.body.contains("Entro i tempi della tua priorità"));
        let first = slot_ids(&slots.body).first().cloned().expect("a free slot");

        let chosen = browser.post("/prenota/scegli", &[("slot", &first)]).await;
        assert_eq!(chosen.location.as_deref(), Some("/prenota/conferma"));
        let confirm = browser.get("/prenota/conferma").await;
        assert!(confirm.body.contains("tenuto per te fino alle"), "the page says until when");
        assert_strict_page(&confirm.body);

        let done = browser
            .post("/prenota/conferma", &[("telefono", "333 123 4567"), ("email", "anna@example.org")])
            .await;
        assert_eq!(done.status, 303);
        let code = code_from_location(&done);
        let receipt = browser.get(&format!("/prenotazioni/{code}?confermata")).await;
        assert_eq!(receipt.status, 200);
        assert_strict_page(&receipt.body);
        let grouped = format!("{}-{}", &code[..5], &code[5..]);
        for expected in ["Prenotazione confermata", grouped.as_str(), "Preparazione", "Ticket", "25,00 €",
                         "Come arrivare", "Stampa la ricevuta", "calendario.ics", "qr.svg", "Annulla la prenotazione"] {
            assert!(receipt.body.contains(expected), "receipt lacks {expected}");
        }
        let ics = browser.get(&format!("/prenotazioni/{code}/calendario.ics")).await;
        assert!(ics.body.contains("BEGIN:VEVENT") && ics.body.contains("DTSTART"));
        let qr = browser.get(&format!("/prenotazioni/{code}/qr.svg")).await;
        assert!(qr.body.contains("<svg"));
        let print = browser.get(&format!("/prenotazioni/{code}/stampa")).await;
        assert!(print.body.contains("Ricevuta di prenotazione"));

        // The database has the booking, its messages and its audit entry.
        let (channel, phone): (String, Option<String>) = query_one!(app.db(), (String, Option<String>),
            "select channel, contact_phone from bookings where code = $1", &code);
        assert_eq!(channel, "web");
        assert_eq!(phone.as_deref(), Some("+393331234567"));
        let (messages,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox o join bookings b on b.id = o.booking_id \
             where b.code = $1 and o.kind = 'booking_confirmed'", &code);
        assert_eq!(messages, 2, "one SMS and one e-mail");
        let (audits,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log a join bookings b on b.id = a.booking_id \
             where b.code = $1 and a.action = 'booking.created' and a.actor = 'citizen'", &code);
        assert_eq!(audits, 1);
    }

    async fn bad_input_gets_an_error_summary_and_a_plain_message_on_the_field(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = Browser::new(&app);
        let cases: [(&str, &str, &str, &str); 7] = [
            ("RSSMRA48C55D612", "090A00000000105", "codice_fiscale", "ne hai inseriti 15"),
            ("RSSMRA48C55D612X", "090A00000000105", "codice_fiscale", "L&#x27;ultimo carattere del codice fiscale"),
            ("RSSMRA48C55D612S", "090A0000000010", "nre", "ne hai inseriti 14"),
            // Unknown, and someone else's: one answer (see throttle.rs).
            ("RSSMRA48C55D612S", "090A00000009999", "nre", "non corrispondono a una ricetta"),
            ("RSSMRA48C55D612S", "090A00000000201", "nre", "non corrispondono a una ricetta"),
            ("RSSMRA48C55D612S", "090A00000000106", "nre", "già stata usata"),
            ("BNCGPP51L02G999S", "090A00000000204", "nre", "è scaduta"),
        ];
        for (cf, nre, field, message) in cases {
            let page = browser.post("/prenota", &[("codice_fiscale", cf), ("nre", nre)]).await;
            assert_eq!(page.status, 422, "{cf} {nre}");
            assert_strict_page(&page.body);
            let body = page.body.replace("&#39;", "&#x27;").replace('\'', "&#x27;");
            assert!(body.contains(message), "{cf} {nre}: no «{message}»");
            assert!(page.body.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
            assert!(page.body.contains(&format!("id=\"{field}-error\"")), "message on {field}");
            assert!(page.body.contains("aria-invalid=\"true\""));
            assert!(page.body.contains("<title>Errore: "));
            // What was typed is kept.
            assert!(page.body.contains(&format!("value=\"{cf}\"")));
        }
        // The same in English.
        let english = browser.client
            .post(app.url("/prenota"))
            .header("cookie", "lang=en")
            .form(&[("codice_fiscale", "RSSMRA48C55D612"), ("nre", "090A00000000105")])
            .send().await.expect("post").text().await.expect("body");
        assert!(english.contains("A tax code has 16 characters: you entered 15"));
    }

    async fn fifty_people_choosing_the_same_slot_get_one_hold_and_a_clear_just_taken(backend) {
        let app = TestApp::spawn(backend).await;
        let mut browsers = Vec::new();
        for _ in 0..50 {
            browsers.push(verified(&app, "89.7A.3", "P").await.0);
        }
        // The whole region (the default is the area of the citizen's town of birth).
        let slots = browsers[0].get("/prenota/disponibilita?zona=").await;
        let slot = slot_ids(&slots.body).into_iter().nth(3).expect("a free slot");
        let mut tasks = tokio::task::JoinSet::new();
        for browser in browsers {
            let slot = slot.clone();
            tasks.spawn(async move {
                let page = browser.post("/prenota/scegli", &[("slot", &slot)]).await;
                (browser, page)
            });
        }
        let mut winners = Vec::new();
        let mut taken = 0;
        while let Some(joined) = tasks.join_next().await {
            let (browser, page) = joined.expect("task");
            match page.status {
                303 => winners.push(browser),
                409 => {
                    assert!(page.body.contains("appena stato preso da un&#x27;altra persona")
                        || page.body.contains("appena stato preso da un'altra persona"));
                    assert!(!slot_ids(&page.body).contains(&slot), "the taken slot is not offered again");
                    taken += 1;
                }
                other => panic!("unexpected status {other}"),
            }
        }
        assert_eq!(winners.len(), 1, "exactly one hold");
        assert_eq!(taken, 49);

        // The winner submits the confirmation twenty times at once: one booking.
        let winner = std::sync::Arc::new(winners.remove(0));
        let mut confirms = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let browser = winner.clone();
            confirms.spawn(async move { browser.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await });
        }
        let mut receipts = std::collections::HashSet::new();
        while let Some(joined) = confirms.join_next().await {
            let page = joined.expect("task");
            assert_eq!(page.status, 303, "{}", page.body);
            receipts.insert(code_from_location(&page));
        }
        assert_eq!(receipts.len(), 1, "every submission leads to the same booking");
        let slot: i64 = slot.parse().expect("id");
        assert_eq!(active_bookings_on(&app, slot).await, 1);
    }

    async fn a_lost_race_is_never_answered_with_the_slot_just_taken(backend) {
        // The winner's change is committed but its publication has not reached this instance
        // yet (another instance whose NOTIFY is still on its way): the caches still list the
        // slot. The one who loses the race must not be offered it again.
        let app = TestApp::spawn(backend).await;
        let (browser, _, _) = verified(&app, "89.7A.3", "P").await;
        let slots = browser.get("/prenota/disponibilita?zona=").await;
        let slot = slot_ids(&slots.body).into_iter().nth(1).expect("a free slot");
        let (rx_id,): (i64,) = query_one!(app.db(), (i64,),
            "select p.id from prescriptions p join services s on s.id = p.service_id \
             where s.code = '89.7A.3' and p.status = 'valid' order by p.id limit 1");
        execute!(app.db(),
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at) \
             values ($1, $2, 'elsewhere', 'web', $3, $4)",
            slot.parse::<i64>().expect("id"), rx_id, app.clock.now(), app.clock.now() + 600);
        let still_cached = browser.get("/prenota/disponibilita?zona=").await;
        assert!(slot_ids(&still_cached.body).contains(&slot), "the cache has not heard of it yet");
        let lost = browser.post("/prenota/scegli", &[("slot", &slot)]).await;
        assert_eq!(lost.status, 409);
        assert!(!slot_ids(&lost.body).contains(&slot), "the taken slot is not offered again");
        let again = browser.get("/prenota/disponibilita?zona=").await;
        assert!(!slot_ids(&again.body).contains(&slot));
    }

    async fn an_expired_hold_frees_its_slot_for_the_next_person(backend) {
        let app = TestApp::spawn(backend).await;
        let (first, _, _) = verified(&app, "89.7A.3", "P").await;
        let slots = first.get("/prenota/disponibilita").await;
        let slot = slot_ids(&slots.body).into_iter().next().expect("a free slot");
        assert_eq!(first.post("/prenota/scegli", &[("slot", &slot)]).await.status, 303);

        let (second, _, _) = verified(&app, "89.7A.3", "P").await;
        assert_eq!(second.post("/prenota/scegli", &[("slot", &slot)]).await.status, 409, "held by the first");

        app.clock.advance(booking::rules::HOLD_SECONDS + 1);
        assert_eq!(second.post("/prenota/scegli", &[("slot", &slot)]).await.status, 303, "free again");
        let late = first.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(late.status, 409);
        assert!(late.body.contains("Il tempo per confermare è scaduto"));
        let confirmed = second.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(confirmed.status, 303);
        assert_eq!(active_bookings_on(&app, slot.parse().expect("id")).await, 1);
    }

    async fn a_booking_is_shown_only_to_whoever_gives_its_fiscal_code(backend) {
        let app = TestApp::spawn(backend).await;
        let (browser, cf, _) = verified(&app, "89.7A.3", "P").await;
        let slots = browser.get("/prenota/disponibilita").await;
        let code = book(&browser, &slot_ids(&slots.body)[0]).await;

        let stranger = Browser::new(&app);
        let page = stranger.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location.as_deref(), Some("/le-mie-prenotazioni"));
        for path in ["stampa", "calendario.ics", "annulla", "sposta"] {
            assert_ne!(stranger.get(&format!("/prenotazioni/{code}/{path}")).await.status, 200, "{path}");
        }
        let wrong = stranger
            .post("/le-mie-prenotazioni", &[("codice_fiscale", "RSSMRA48C55D612S"), ("codice_prenotazione", &code)])
            .await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.body.contains("Nessuna prenotazione corrisponde"));
        let right = stranger
            .post("/le-mie-prenotazioni", &[("codice_fiscale", &cf.to_lowercase()), ("codice_prenotazione", &format!("{}-{}", &code[..5], &code[5..]))])
            .await;
        assert_eq!(right.status, 303);
        assert_eq!(stranger.get(&format!("/prenotazioni/{code}")).await.status, 200);
    }

    async fn cancelling_frees_the_slot_until_two_working_days_before(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        let near = new_slot(&app, "89.7A.3", today + Days::new(1), 7).await;

        let (browser, _, _) = verified(&app, "89.7A.3", "P").await;
        let code = book(&browser, &far.to_string()).await;
        let form = browser.get(&format!("/prenotazioni/{code}/annulla")).await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        let missing = browser.post(&format!("/prenotazioni/{code}/annulla"), &[("dettagli", "")]).await;
        assert_eq!(missing.status, 422);
        assert!(missing.body.contains("Scegli il motivo"));
        let done = browser.post(&format!("/prenotazioni/{code}/annulla"), &[("motivo", "1"), ("dettagli", "al lavoro")]).await;
        assert_eq!(done.status, 303);
        let receipt = browser.get(done.location.as_deref().expect("redirect")).await;
        assert!(receipt.body.contains("è stata annullata"));
        assert!(receipt.body.contains("Annullata"));
        assert_eq!(active_bookings_on(&app, far).await, 0, "the slot is free again");
        let (reason,): (Option<String>,) = query_one!(app.db(), (Option<String>,),
            "select cancel_reason from bookings where code = $1", &code);
        assert_eq!(reason.as_deref(), Some("Ho un impedimento in quella data: al lavoro"));

        // Tomorrow's appointment can no longer be changed online.
        let (late_browser, _, _) = verified(&app, "89.7A.3", "P").await;
        let late = book(&late_browser, &near.to_string()).await;
        let receipt = late_browser.get(&format!("/prenotazioni/{late}")).await;
        assert!(receipt.body.contains("Non è più possibile spostarla o annullarla online"));
        let refused = late_browser.post(&format!("/prenotazioni/{late}/annulla"), &[("motivo", "0")]).await;
        assert_eq!(refused.status, 303);
        assert_eq!(active_bookings_on(&app, near).await, 1, "still booked");
    }

    async fn moving_keeps_the_old_slot_until_the_new_one_is_booked(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let old = new_slot(&app, "89.7A.3", today + Days::new(15), 7).await;
        let new = new_slot(&app, "89.7A.3", today + Days::new(16), 7).await;
        let (browser, _, _) = verified(&app, "89.7A.3", "P").await;
        let code = book(&browser, &old.to_string()).await;

        let slots = browser.get(&format!("/prenotazioni/{code}/sposta")).await;
        assert_eq!(slots.status, 200);
        assert!(slots.body.contains("quello attuale resta tuo"));
        let chosen = browser.post(&format!("/prenotazioni/{code}/sposta"), &[("slot", &new.to_string())]).await;
        assert_eq!(chosen.status, 303);
        // Held, not yet moved: the old slot is still booked.
        assert_eq!(active_bookings_on(&app, old).await, 1);
        let confirm = browser.get(&format!("/prenotazioni/{code}/sposta/conferma")).await;
        assert!(confirm.body.contains("Conferma lo spostamento"));
        let moved = browser.post(&format!("/prenotazioni/{code}/sposta/conferma"), &[]).await;
        assert_eq!(moved.status, 303);
        assert_eq!(active_bookings_on(&app, old).await, 0);
        assert_eq!(active_bookings_on(&app, new).await, 1);
        let receipt = browser.get(moved.location.as_deref().expect("redirect")).await;
        assert!(receipt.body.contains("è stata spostata"));

        // A move to a slot someone else holds never loses the booking.
        let third = new_slot(&app, "89.7A.3", today + Days::new(17), 7).await;
        let (other, _, _) = verified(&app, "89.7A.3", "P").await;
        assert_eq!(other.post("/prenota/scegli", &[("slot", &third.to_string())]).await.status, 303);
        let refused = browser.post(&format!("/prenotazioni/{code}/sposta"), &[("slot", &third.to_string())]).await;
        assert_eq!(refused.status, 409);
        assert_eq!(active_bookings_on(&app, new).await, 1, "the booking keeps its slot");
    }

    async fn no_slot_in_time_leads_to_the_waiting_list_which_gets_the_first_slot_that_frees_up(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let (service_id,): (i64,) = query_one!(app.db(), (i64,), "select id from services where code = '89.52'");
        // Nothing free for an urgent ECG in the next three days: every slot suspended.
        let until = server::clock::start_of_day(today + Days::new(5));
        execute!(app.db(), "update slots set status = 'suspended' where service_id = $1 and starts_at < $2", service_id, until);

        let (browser, cf, nre) = verified(&app, "89.52", "U").await;
        let slots = browser.get("/prenota/disponibilita").await;
        assert!(slots.body.contains("Nessun posto entro i tempi della tua priorità"));
        assert!(slots.body.contains("percorso di tutela"));
        let joined = browser.post("/prenota/lista-attesa", &[]).await;
        assert_eq!(joined.status, 303);
        let waiting = browser.get("/prenota/lista-attesa").await;
        assert!(waiting.body.contains("Sei in lista d&#x27;attesa") || waiting.body.contains("Sei in lista d'attesa"));
        let again = browser.get("/prenota/disponibilita").await;
        assert!(again.body.contains("Sei già in lista d"), "joining is shown, not offered twice");

        // Someone else books a slot inside the deadline, then cancels: it goes to the list.
        let freed = new_slot(&app, "89.52", today + Days::new(2), 7).await;
        let (other, _, _) = verified(&app, "89.52", "P").await;
        let code = book(&other, &freed.to_string()).await;
        let (booking_id,): (i64,) = query_one!(app.db(), (i64,), "select id from bookings where code = $1", &code);
        let reason = booking::rules::CancelReason::from_text("test").expect("a reason");
        booking::change::cancel(app.db(), booking_id, &reason, Actor::Staff { id: 1 }, app.clock.now(), today)
            .await
            .expect("cancel");
        let (status,): (String,) = query_one!(app.db(), (String,),
            "select w.status from waiting_list w join prescriptions p on p.id = w.prescription_id where p.nre = $1", &nre);
        assert_eq!(status, "offered");
        let (offers,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from notification_outbox where kind = 'slot_offered'");
        assert!(offers >= 1);

        // The person comes back with the same codes and lands on the offered slot.
        let back = Browser::new(&app);
        let entered = back.post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)]).await;
        assert_eq!(entered.location.as_deref(), Some("/prenota/conferma"));
        let offer = back.get("/prenota/conferma").await;
        assert!(offer.body.contains("Dalla lista d"));
        let done = back.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303);
        assert_eq!(active_bookings_on(&app, freed).await, 1);
        let (status,): (String,) = query_one!(app.db(), (String,),
            "select w.status from waiting_list w join prescriptions p on p.id = w.prescription_id where p.nre = $1", &nre);
        assert_eq!(status, "booked");
    }

    async fn a_slot_that_opens_later_is_offered_by_the_sweep_and_an_unanswered_offer_yields_its_turn(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let (service_id,): (i64,) = query_one!(app.db(), (i64,), "select id from services where code = '89.52'");
        let until = server::clock::start_of_day(today + Days::new(5));
        execute!(app.db(), "update slots set status = 'suspended' where service_id = $1 and starts_at < $2", service_id, until);
        let (first, _, first_nre) = verified(&app, "89.52", "U").await;
        assert_eq!(first.post("/prenota/lista-attesa", &[]).await.status, 303);
        let (second, _, second_nre) = verified(&app, "89.52", "U").await;
        assert_eq!(second.post("/prenota/lista-attesa", &[]).await.status, 303);

        let opened = new_slot(&app, "89.52", today + Days::new(2), 7).await;
        let offered = server::waitlist::sweep(app.db(), app.clock.now(), today).await.expect("sweep");
        assert!(offered >= 1, "the new slot was offered");
        let status_of = |nre: String| {
            let db = app.db().clone();
            async move {
                query_one!(&db, (String,),
                    "select w.status from waiting_list w join prescriptions p on p.id = w.prescription_id where p.nre = $1", &nre).0
            }
        };
        assert_eq!(status_of(first_nre.clone()).await, "offered", "first come, first offered");
        assert_eq!(status_of(second_nre.clone()).await, "waiting");

        // A day later the offer lapsed: the slot goes to the next in line.
        app.clock.advance(server::booking::offer::OFFER_SECONDS + 60);
        server::waitlist::sweep(app.db(), app.clock.now(), app.clock.today()).await.expect("sweep");
        assert_eq!(status_of(second_nre).await, "offered");
        assert_eq!(status_of(first_nre).await, "waiting", "still on the list, behind");
        assert_eq!(active_bookings_on(&app, opened).await, 0);
    }

    async fn cross_site_form_posts_are_refused(backend) {
        let app = TestApp::spawn(backend).await;
        let response = app.client
            .post(app.url("/prenota"))
            .header("origin", "https://evil.example")
            .form(&[("codice_fiscale", "RSSMRA48C55D612S"), ("nre", "090A00000000105")])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403);
    }

    async fn the_public_waiting_times_show_the_first_free_date_per_facility_and_area(backend) {
        let app = TestApp::spawn(backend).await;
        let index = app.get("/tempi-di-attesa").await.text().await.expect("body");
        assert_strict_page(&index);
        assert!(index.contains("/tempi-di-attesa/89.7A.3"));
        let page = app.get("/tempi-di-attesa/89.7A.3").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("body");
        assert_strict_page(&html);
        assert!(html.contains("Prima data disponibile per zona"));
        assert!(html.contains("<th scope=\"row\">"));
        assert_eq!(app.get("/tempi-di-attesa/00.00").await.status(), 404);
    }
}
