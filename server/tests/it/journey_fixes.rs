//! Issue 14, the citizen's journey: slots that cannot be changed online come last (first only
//! for urgent prescriptions) and are marked; the citizen's area first and dependent filters;
//! help and back links, and a lost booking code found again; dates as people type them; the
//! booking code's error; a lapsed hold that keeps what was typed, and "give me more time"; the
//! answers checked before confirming.

use chrono::{Days, NaiveDate};
use server::booking;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot, new_slot_in};
use crate::{execute, on_both_backends, query_one};

const SERVICE: &str = "89.7A.3";

async fn verified(app: &TestApp, priority: &str) -> (Browser, String, String) {
    let (cf, nre) = new_prescription(app, SERVICE, priority).await;
    (prove(app, &cf, &nre).await, cf, nre)
}

async fn prove(app: &TestApp, cf: &str, nre: &str) -> Browser {
    let browser = Browser::new(app);
    let page = browser
        .post("/prenota", &[("codice_fiscale", cf), ("nre", nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    browser
}

/// A prescription for someone born in `belfiore` (a seeded citizen).
async fn prescription_born_in(app: &TestApp, belfiore: &str) -> (String, String) {
    let (cf,): (String,) = query_one!(
        app.db(),
        (String,),
        "select fiscal_code from citizens where substr(fiscal_code, 12, 4) = $1 order by id limit 1",
        belfiore
    );
    let (_, nre) = new_prescription(app, SERVICE, "P").await;
    execute!(
        app.db(),
        "update prescriptions set fiscal_code = $1 where nre = $2",
        &cf,
        &nre
    );
    (cf, nre)
}

async fn town_of_slot(app: &TestApp, slot: i64) -> String {
    let (town,): (String,) = query_one!(
        app.db(),
        (String,),
        "select f.town from slots s join facilities f on f.id = s.facility_id where s.id = $1",
        slot
    );
    town
}

async fn area_of_town(app: &TestApp, town: &str) -> i64 {
    let (id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select area_id from facilities where town = $1 limit 1",
        town
    );
    id
}

fn encoded(town: &str) -> String {
    form_urlencoded::byte_serialize(town.as_bytes()).collect()
}

fn list_url(town: &str, extra: &str) -> String {
    format!(
        "/prenota/disponibilita?zona=&comune={}{extra}",
        encoded(town)
    )
}

fn position(page: &Page, needle: &str) -> usize {
    page.body
        .find(needle)
        .unwrap_or_else(|| panic!("the page lacks {needle}: {}", page.body))
}

fn slot_marker(slot: i64) -> String {
    format!("name=\"slot\" value=\"{slot}\"")
}

fn typed(day: NaiveDate, format: &str) -> String {
    day.format(format).to_string()
}

on_both_backends! {
    async fn finding_1_slots_that_cannot_be_changed_online_come_last_and_marked_unless_urgent(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let near = new_slot(&app, SERVICE, today + Days::new(1), 9).await;
        let town = town_of_slot(&app, near).await;

        let (routine, _, _) = verified(&app, "P").await;
        let page = routine.get(&list_url(&town, "")).await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        let late_heading = position(&page, "Posti entro due giorni lavorativi");
        let near_at = position(&page, &slot_marker(near));
        assert!(near_at > late_heading, "tomorrow's slot comes after the others");
        let before = &page.body[..late_heading];
        assert!(!before.contains("non potrai spostarlo né annullarlo online"),
            "the main list holds only slots that can still be changed online");
        assert!(page.body[late_heading..].contains("non potrai spostarlo né annullarlo online"));

        let (urgent, _, _) = verified(&app, "U").await;
        let page = urgent.get(&list_url(&town, "")).await;
        assert!(!page.body.contains("Posti entro due giorni lavorativi"), "urgent: in time order");
        let near_at = position(&page, &slot_marker(near));
        let start = page.body[..near_at].rfind("<li").expect("the slot's item");
        let end = near_at + page.body[near_at..].find("</li>").expect("the slot's item");
        assert!(page.body[start..end].contains("non potrai spostarlo né annullarlo online"), "marked");
    }

    async fn finding_2_the_citizens_area_first_nearest_order_and_dependent_filters(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, nre) = prescription_born_in(&app, "D612").await;
        let browser = prove(&app, &cf, &nre).await;
        let firenze = area_of_town(&app, "Firenze").await;
        // A town outside Firenze's area offering the service, and free slots of the test's own
        // there and in Firenze: which towns and free slots the seed makes depends on the day.
        let (elsewhere,): (String,) = query_one!(
            app.db(),
            (String,),
            "select f.town from agendas a join services s on s.id = a.service_id \
             join facilities f on f.id = a.facility_id where s.code = $1 and f.area_id <> $2 \
             order by a.id limit 1",
            SERVICE,
            firenze
        );
        new_slot_in(&app, SERVICE, &elsewhere, app.clock.today() + Days::new(20), 7).await;
        new_slot_in(&app, SERVICE, "Firenze", app.clock.today() + Days::new(21), 7).await;

        let page = browser.get("/prenota/disponibilita").await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        assert!(page.body.contains(&format!("<option value=\"{firenze}\" selected")),
            "the area of the town of birth is chosen: {}", page.body);
        assert!(page.body.contains("Posti disponibili, dal primo disponibile"));
        let towns = &page.body[position(&page, "<select id=\"comune\"")..];
        let towns = &towns[..towns.find("</select>").expect("the town select")];
        assert!(towns.contains(">Firenze</option>")
            && !towns.contains(&format!(">{elsewhere}</option>")),
            "towns outside the area are not offered");

        let nearest = browser.get("/prenota/disponibilita?zona=&ordine=vicino").await;
        assert!(nearest.body.contains("Posti disponibili, dal più vicino al tuo comune"));
        assert!(nearest.body.contains("km da Firenze"), "distances are shown");

        let contradiction = browser
            .get(&format!("/prenota/disponibilita?zona={firenze}&comune={}", encoded(&elsewhere)))
            .await;
        assert_eq!(contradiction.status, 200);
        assert!(contradiction.body.contains(&format!("{elsewhere} non è nella zona Firenze")),
            "{}", contradiction.body);
        assert!(contradiction.body.contains("aria-invalid=\"true\""));
        assert!(contradiction.body.contains("name=\"slot\""), "the town's slots, not an empty list");
    }

    async fn finding_3_help_back_links_and_a_lost_booking_code(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, SERVICE, today + Days::new(20), 11).await;
        let (browser, cf, nre) = verified(&app, "P").await;
        let form = Browser::new(&app).get("/prenota").await;
        assert!(form.body.contains("href=\"tel:+390550000000\""), "the CUP's number");
        let slots = browser.get("/prenota/disponibilita?dal=1/1/2099").await;
        assert!(slots.body.contains("class=\"back-link\""));
        assert!(slots.body.contains("href=\"/prenota\""));
        assert_eq!(browser.post("/prenota/scegli", &[("slot", &far.to_string())]).await.status, 303);
        let done = browser.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303);
        let code = done.location.clone().expect("receipt")
            .trim_start_matches("/prenotazioni/").split('?').next().expect("code").to_owned();

        let lookup = Browser::new(&app).get("/le-mie-prenotazioni").await;
        assert!(lookup.body.contains("href=\"/le-mie-prenotazioni/codice-perso\""));
        let stranger = Browser::new(&app);
        let page = stranger.get("/le-mie-prenotazioni/codice-perso").await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        let wrong = stranger
            .post("/le-mie-prenotazioni/codice-perso", &[("codice_fiscale", &cf), ("nre", "090A00000009999")])
            .await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.body.contains("Nessuna prenotazione attiva corrisponde"));
        let found = stranger
            .post("/le-mie-prenotazioni/codice-perso", &[("codice_fiscale", &cf), ("nre", &nre)])
            .await;
        assert_eq!(found.status, 303, "{}", found.body);
        assert_eq!(found.location.as_deref(), Some(format!("/prenotazioni/{code}").as_str()));
        assert_eq!(stranger.get(&format!("/prenotazioni/{code}")).await.status, 200);
    }

    async fn finding_6_dates_with_two_digit_years_spaces_and_past_dates(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let (browser, _, _) = verified(&app, "P").await;
        let ahead = today + Days::new(30);
        for written in [typed(ahead, "%d/%m/%y"), typed(ahead, "%d %m %Y")] {
            let query: String = form_urlencoded::byte_serialize(written.as_bytes()).collect();
            let page = browser.get(&format!("/prenota/disponibilita?zona=&dal={query}")).await;
            assert_eq!(page.status, 200);
            assert!(!page.body.contains("aria-invalid=\"true\""), "{written} is a date");
        }
        let past = typed(today - Days::new(3), "%d/%m/%Y");
        let page = browser.get(&format!("/prenota/disponibilita?zona=&dal={past}")).await;
        assert!(page.body.contains("La data è già passata"));
        assert!(page.body.contains("id=\"dal-error\""));
        assert!(page.body.contains("aria-invalid=\"true\""));
    }

    async fn finding_7_the_booking_code_error_names_the_position_unambiguously(backend) {
        let app = TestApp::spawn(backend).await;
        let page = Browser::new(&app)
            .post("/le-mie-prenotazioni", &[("codice_fiscale", "RSSMRA48C55D612S"), ("codice_prenotazione", "1CDEF-GHJKM")])
            .await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("Il 1° carattere"), "{}", page.body);
        assert!(!page.body.contains("carattere numero 1"));
    }

    async fn finding_11_a_lapsed_hold_keeps_the_filters_and_what_was_typed(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, SERVICE, today + Days::new(20), 13).await;
        let (browser, _, _) = verified(&app, "P").await;
        let chosen = browser.post("/prenota/scegli?dal=1%2F1%2F2099", &[("slot", &far.to_string())]).await;
        assert_eq!(chosen.status, 303);
        assert_eq!(chosen.location.as_deref(), Some("/prenota/conferma?dal=1%2F1%2F2099"));
        let confirm = browser.get("/prenota/conferma?dal=1%2F1%2F2099").await;
        assert!(confirm.body.contains("href=\"/prenota/disponibilita?dal=1%2F1%2F2099\""), "back with the filters");
        assert!(confirm.body.contains("Mi serve più tempo"));

        app.clock.advance(booking::rules::HOLD_SECONDS + 1);
        let form = [("telefono", "333 123 4567"), ("email", ""), ("posto", &far.to_string())];
        let again = browser.post("/prenota/conferma?dal=1%2F1%2F2099", &form).await;
        assert_eq!(again.status, 409);
        assert!(again.body.contains("te lo teniamo di nuovo"), "{}", again.body);
        assert!(again.body.contains("value=\"333 123 4567\""), "the phone typed is kept");
        let done = browser.post("/prenota/conferma", &form).await;
        assert_eq!(done.status, 303, "{}", done.body);

        // Taken meanwhile: the list again, with the same filters.
        let other = new_slot(&app, SERVICE, today + Days::new(21), 13).await;
        let (late, _, _) = verified(&app, "P").await;
        assert_eq!(late.post("/prenota/scegli?dal=1%2F1%2F2099", &[("slot", &other.to_string())]).await.status, 303);
        app.clock.advance(booking::rules::HOLD_SECONDS + 1);
        let (quick, _, _) = verified(&app, "P").await;
        assert_eq!(quick.post("/prenota/scegli", &[("slot", &other.to_string())]).await.status, 303);
        let lost = late.post("/prenota/conferma?dal=1%2F1%2F2099", &[("telefono", ""), ("posto", &other.to_string())]).await;
        assert_eq!(lost.status, 409);
        assert!(lost.body.contains("Il tempo per confermare è scaduto"));
        assert!(lost.body.contains("value=\"1/1/2099\""), "the date filter is kept");
    }

    async fn finding_11_give_me_more_time_extends_the_hold_a_few_times(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, SERVICE, today + Days::new(20), 15).await;
        let (browser, _, _) = verified(&app, "P").await;
        assert_eq!(browser.post("/prenota/scegli", &[("slot", &far.to_string())]).await.status, 303);
        app.clock.advance(booking::rules::HOLD_SECONDS - 30);
        let more = browser.post("/prenota/conferma/tempo", &[("posto", &far.to_string())]).await;
        assert_eq!(more.status, 303);
        app.clock.advance(120);
        let page = browser.get("/prenota/conferma").await;
        assert!(page.body.contains("tenuto per te fino alle"), "still held after the original end");
        assert_eq!(browser.post("/prenota/conferma/tempo", &[]).await.status, 303);
        let refused = browser.post("/prenota/conferma/tempo", &[]).await;
        assert_eq!(refused.status, 409);
        assert!(refused.body.contains("Non è possibile avere altro tempo"));
        assert!(!refused.body.contains("Mi serve più tempo"));
    }

    async fn the_answers_are_checked_before_confirming(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, SERVICE, today + Days::new(20), 17).await;
        let (browser, cf, _) = verified(&app, "P").await;
        let (given, family): (String, String) = query_one!(app.db(), (String, String),
            "select given_name, family_name from citizens where fiscal_code = $1", &cf);
        assert_eq!(browser.post("/prenota/scegli", &[("slot", &far.to_string())]).await.status, 303);
        let page = browser.get("/prenota/conferma").await;
        assert_strict_page(&page.body);
        for expected in ["Controlla i dati prima di confermare", "Paziente", "Spostare o annullare online",
                         "Sì, fino a", "Cambia", &format!("{given} {family}")] {
            assert!(page.body.contains(expected), "the page lacks {expected}");
        }
    }

    async fn finding_12_the_language_switch_on_the_confirm_form_keeps_what_was_typed_and_books_nothing(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let far = new_slot(&app, SERVICE, today + Days::new(20), 16).await;
        let (browser, _, _) = verified(&app, "P").await;
        assert_eq!(browser.post("/prenota/scegli?dal=1%2F1%2F2099", &[("slot", &far.to_string())]).await.status, 303);
        let form = [("telefono", "12"), ("email", "not-an-address"), ("posto", &far.to_string())];
        let wrong = browser.post("/prenota/conferma?dal=1%2F1%2F2099", &form).await;
        assert_eq!(wrong.status, 422);
        // The switch is a button of the form, sending it to a marked address of the same step.
        let to_english = "formaction=\"/lingua/en?torna=%2Fprenota%2Fconferma%3Fdal%3D1%252F1%252F2099%26rivedi%3D1\"";
        assert!(wrong.body.contains(to_english), "{}", wrong.body);
        assert!(wrong.body.contains("form=\"confirm\"") && wrong.body.contains("<form id=\"confirm\""));
        let switched = browser.post("/lingua/en?torna=%2Fprenota%2Fconferma%3Fdal%3D1%252F1%252F2099%26rivedi%3D1", &form).await;
        assert_eq!(switched.status, 307);
        let again = browser.post(switched.location.as_deref().expect("location"), &form).await;
        assert_eq!(again.status, 422);
        assert!(again.body.contains("<html lang=\"en\""), "in English now");
        assert!(again.body.contains("value=\"12\"") && again.body.contains("value=\"not-an-address\""), "what was typed is kept");
        // Even a valid form sent to the marked address books nothing: it is shown again.
        let valid = [("telefono", "333 123 4567"), ("email", ""), ("posto", &far.to_string())];
        let shown = browser.post("/prenota/conferma?rivedi=1", &valid).await;
        assert_eq!(shown.status, 200);
        let (booked,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from bookings where slot_id = $1", far);
        assert_eq!(booked, 0, "the language switch booked nothing");
        assert_eq!(browser.post("/prenota/conferma", &valid).await.status, 303);
        let (booked,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from bookings where slot_id = $1", far);
        assert_eq!(booked, 1);
    }
}
