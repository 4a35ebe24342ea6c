//! The operator console: finding a citizen (audited, with a reason), their record, booking,
//! reprinting, moving and cancelling for them, CSRF, roles, the audit search and its retention.

use chrono::Days;
use server::audit::{purge_audit, retention_cutoff};

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{active_bookings_on, new_prescription, new_slot};
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one};

const MARIA: &str = "RSSMRA48C55D612S";
const GIUSEPPE: &str = "BNCGPP51L02G999S";

/// actor, staff_id, channel, fiscal_code, reason, booking_id
type AuditRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

async fn operator(app: &TestApp) -> Browser {
    signed_in(app, "operatore1", "cupola-operatore-1").await
}

async fn staff_id(app: &TestApp, username: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select id from staff where username = $1",
        username
    )
    .0
}

async fn prescription_id(app: &TestApp, nre: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select id from prescriptions where nre = $1",
        nre
    )
    .0
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from audit_log where action = $1",
        action
    )
    .0
}

/// The search form's token, then the search.
async fn search(browser: &Browser, fiscal_code: &str, reason: &str, note: &str) -> Page {
    let form = browser.get("/operatore/cittadino").await;
    assert_eq!(form.status, 200, "{}", form.body);
    browser
        .post(
            "/operatore/cittadino",
            &[
                ("csrf", &csrf_of(&form)),
                ("codice_fiscale", fiscal_code),
                ("motivo", reason),
                ("note", note),
            ],
        )
        .await
}

/// Opens the citizen's record (a phone call) and returns the record page.
async fn open_record(browser: &Browser, fiscal_code: &str) -> Page {
    let done = search(browser, fiscal_code, "0", "").await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some("/operatore/cittadino/scheda")
    );
    let record = browser.get("/operatore/cittadino/scheda").await;
    assert_eq!(record.status, 200, "{}", record.body);
    record
}

/// The confirmation step of `slot` for the prescription (a GET: it books nothing).
async fn confirmation(browser: &Browser, rx: i64, slot: i64) -> Page {
    let page = browser
        .get(&format!(
            "/operatore/cittadino/prenota/conferma?ricetta={rx}&slot={slot}"
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    page
}

/// The confirmation step's token (its hidden `conferma` field).
fn token_of(page: &Page) -> String {
    page.body
        .split("name=\"conferma\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a confirmation token")
        .to_owned()
}

/// Opens the confirmation step of `slot` and books it with `contacts` (telefono, email).
async fn confirm(browser: &Browser, rx: i64, slot: i64, contacts: &[(&str, &str)]) -> Page {
    let step = confirmation(browser, rx, slot).await;
    let (csrf, token, rx, slot) = (
        csrf_of(&step),
        token_of(&step),
        rx.to_string(),
        slot.to_string(),
    );
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("ricetta", rx.as_str()),
        ("slot", slot.as_str()),
        ("conferma", token.as_str()),
    ];
    form.extend_from_slice(contacts);
    browser
        .post("/operatore/cittadino/prenota/conferma", &form)
        .await
}

/// The booking code of a redirect to a fresh booking's receipt.
fn booked_code(done: Page) -> String {
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.location.expect("a redirect");
    assert!(location.ends_with("?confermata"), "{location}");
    location
        .trim_start_matches("/operatore/prenotazioni/")
        .trim_end_matches("?confermata")
        .to_owned()
}

/// Books `slot` for the prescription through the console; returns the booking code.
async fn console_book(browser: &Browser, rx: i64, slot: i64) -> String {
    let slots = browser
        .get(&format!("/operatore/cittadino/prenota?ricetta={rx}"))
        .await;
    assert_eq!(slots.status, 200, "{}", slots.body);
    booked_code(confirm(browser, rx, slot, &[]).await)
}

async fn maria_booking_code(app: &TestApp) -> String {
    query_one!(
        app.db(),
        (String,),
        "select b.code from bookings b join prescriptions p on p.id = b.prescription_id \
         where p.nre = '090A00000000106' and b.status = 'confirmed'"
    )
    .0
}

on_both_backends! {
    async fn the_console_menu_offers_what_the_role_allows(backend) {
        let app = TestApp::spawn(backend).await;
        let home = operator(&app).await.get("/operatore").await;
        assert_eq!(home.status, 200);
        assert_strict_page(&home.body);
        assert!(home.body.contains("href=\"/operatore/cittadino\""));
        assert!(home.body.contains("href=\"/operatore/disponibilita\""));
        assert!(!home.body.contains("href=\"/operatore/registro\""), "no audit for operators");
        assert!(!home.body.contains("href=\"/operatore/agende\""));

        let supervisor = signed_in(&app, "supervisore1", "cupola-supervisore-1").await;
        let home = supervisor.get("/operatore").await;
        assert!(home.body.contains("href=\"/operatore/registro\""));
        assert!(home.body.contains("href=\"/operatore/agende\""));
    }

    async fn a_bad_fiscal_code_is_refused_with_the_error_on_its_field(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = operator(&app).await;
        let form = browser.get("/operatore/cittadino").await;
        assert_strict_page(&form.body);
        assert!(form.body.contains("<label for=\"codice_fiscale\">"));
        assert!(form.body.contains("<label for=\"motivo\">"));
        assert!(form.body.contains("<label for=\"note\">"));

        let page = search(&browser, "RSSMRA48C55D612X", "0", "").await;
        assert_eq!(page.status, 422);
        assert_strict_page(&page.body);
        assert!(page.body.contains("href=\"#codice_fiscale\""), "in the error summary");
        assert!(page.body.contains("id=\"codice_fiscale-error\""));
        assert!(page.body.contains("aria-describedby=\"codice_fiscale-hint codice_fiscale-error\""));
        assert!(page.body.contains("aria-invalid=\"true\""));
        // A well-formed code nobody has is an error on the same field.
        let page = search(&browser, "XXXXXX80A01H501C", "0", "").await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("Nessun assistito con questo codice fiscale"));
        assert!(page.body.contains("id=\"codice_fiscale-error\""));
        assert_eq!(audit_count(&app, "citizen_viewed").await, 0);
        let record = browser.get("/operatore/cittadino/scheda").await;
        assert_eq!(record.location.as_deref(), Some("/operatore/cittadino"));
    }

    async fn a_search_without_a_reason_is_refused(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = operator(&app).await;
        let page = search(&browser, MARIA, "", "").await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("id=\"motivo-error\""));
        assert!(page.body.contains("aria-describedby=\"motivo-error\""));
        assert!(page.body.contains("href=\"#motivo\""), "in the error summary");
        let page = search(&browser, MARIA, "9", "").await;
        assert_eq!(page.status, 422, "not one of the reasons");
        let page = search(&browser, MARIA, "1", &"x".repeat(201)).await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("id=\"note-error\""));
        assert_eq!(audit_count(&app, "citizen_viewed").await, 0);
        let record = browser.get("/operatore/cittadino/scheda").await;
        assert_eq!(record.status, 303, "no record without a reason");
    }

    async fn opening_a_record_is_audited_with_the_member_of_staff_and_the_reason(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = operator(&app).await;
        let done = search(&browser, &MARIA.to_lowercase(), "0", "richiamare per la cardiologia").await;
        assert_eq!(done.status, 303, "{}", done.body);
        let location = done.location.clone().expect("redirect");
        assert!(!location.contains(MARIA) && !location.contains("RSSMRA"), "no fiscal code in URLs");

        let (actor, staff, channel, fiscal_code, reason, booking) = query_one!(
            app.db(),
            AuditRow,
            "select actor, staff_id, channel, fiscal_code, reason, booking_id from audit_log \
             where action = 'citizen_viewed'"
        );
        assert_eq!(actor, "staff");
        assert_eq!(staff, Some(staff_id(&app, "operatore1").await));
        assert_eq!(channel.as_deref(), Some("operator"));
        assert_eq!(fiscal_code.as_deref(), Some(MARIA));
        assert_eq!(reason.as_deref(), Some("Telefonata del cittadino: richiamare per la cardiologia"));
        assert_eq!(booking, None);

        let record = browser.get("/operatore/cittadino/scheda").await;
        assert_eq!(record.status, 200);
        assert_strict_page(&record.body);
        assert!(record.body.contains(MARIA));
        assert!(record.body.contains("090A00000000101"), "her prescriptions");
        let code = maria_booking_code(&app).await;
        assert!(record.body.contains(&format!("href=\"/operatore/prenotazioni/{code}\"")), "her booking");
        assert!(record.body.contains(&format!("href=\"/operatore/prenotazioni/{code}/stampa\"")));
        assert!(record.body.contains("?ricetta="), "something to book");
        assert!(record.body.contains("<h2 id=\"waiting-title\">"));

        // Closing the record forgets the citizen.
        let closed = browser.post("/operatore/cittadino/scheda", &[("csrf", &csrf_of(&record))]).await;
        assert_eq!(closed.status, 303);
        assert_eq!(browser.get("/operatore/cittadino/scheda").await.status, 303);
        assert_eq!(browser.get(&format!("/operatore/prenotazioni/{code}")).await.status, 303);
    }

    async fn an_operator_books_a_slot_kept_for_operators_for_a_citizen(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let rx = prescription_id(&app, &nre).await;
        let slot = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        execute!(app.db(), "update slots set reserved_channel = 'operator' where id = $1", slot);
        let (starts,): (i64,) = query_one!(app.db(), (i64,), "select starts_at from slots where id = $1", slot);

        let browser = operator(&app).await;
        open_record(&browser, &cf).await;
        let slots = browser
            .get(&format!("/operatore/cittadino/prenota?ricetta={rx}&dopo={}-0", starts - 1))
            .await;
        assert_eq!(slots.status, 200, "{}", slots.body);
        assert_strict_page(&slots.body);
        assert!(slots.body.contains(&format!("slot={slot}\"")), "the reserved slot is offered");
        assert!(slots.body.contains("Riservato: operatori"));
        assert!(slots.body.contains("class=\"badge ok\""), "inside the priority deadline");

        let code = console_book(&browser, rx, slot).await;
        let (channel, staff, status, booked_rx, booking_id): (String, Option<i64>, String, i64, i64) = query_one!(
            app.db(),
            (String, Option<i64>, String, i64, i64),
            "select channel, staff_id, status, prescription_id, id from bookings where code = $1",
            &code
        );
        let operator_id = staff_id(&app, "operatore1").await;
        assert_eq!((channel.as_str(), staff, status.as_str(), booked_rx), ("operator", Some(operator_id), "confirmed", rx));
        let (audited,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from audit_log where action = 'booking.created' and staff_id = $1 \
             and booking_id = $2 and fiscal_code = $3 and channel = 'operator'",
            operator_id,
            booking_id,
            &cf
        );
        assert_eq!(audited, 1);

        let receipt = browser.get(&format!("/operatore/prenotazioni/{code}?confermata")).await;
        assert_eq!(receipt.status, 200);
        assert_strict_page(&receipt.body);
        assert!(receipt.body.contains("role=\"status\""));
        assert!(receipt.body.contains(&format!("/operatore/prenotazioni/{code}/qr.svg")));

        // Booked already: the prescription cannot be booked twice; and a slot someone else just
        // took is a 409 with the other free slots.
        let again = browser.get(&format!("/operatore/cittadino/prenota?ricetta={rx}")).await;
        assert_eq!(again.status, 303, "a booked prescription goes back to the record");
        let (cf2, nre2) = new_prescription(&app, "89.7A.3", "P").await;
        let rx2 = prescription_id(&app, &nre2).await;
        open_record(&browser, &cf2).await;
        let taken = confirm(&browser, rx2, slot, &[]).await;
        assert_eq!(taken.status, 409);
        assert_strict_page(&taken.body);
        assert!(taken.body.contains("appena stato preso"));
        assert!(taken.body.contains("/operatore/cittadino/prenota/conferma?ricetta="), "alternatives are offered");
        assert_eq!(active_bookings_on(&app, slot).await, 1);
        // A prescription of another citizen is not reachable from this record.
        let other = browser.get(&format!("/operatore/cittadino/prenota?ricetta={rx}")).await;
        assert_eq!(other.status, 404);
    }

    async fn reprinting_a_receipt_is_audited_and_only_for_the_served_citizen(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = operator(&app).await;
        let code = maria_booking_code(&app).await;
        open_record(&browser, MARIA).await;
        let print = browser.get(&format!("/operatore/prenotazioni/{code}/stampa")).await;
        assert_eq!(print.status, 200, "{}", print.body);
        assert_strict_page(&print.body);
        assert!(print.body.contains(&format!("{}-{}", &code[..5], &code[5..])));
        let (staff, reason, fiscal_code): (Option<i64>, Option<String>, Option<String>) = query_one!(
            app.db(),
            (Option<i64>, Option<String>, Option<String>),
            "select a.staff_id, a.reason, a.fiscal_code from audit_log a \
             join bookings b on b.id = a.booking_id where a.action = 'booking_viewed' and b.code = $1",
            &code
        );
        assert_eq!(staff, Some(staff_id(&app, "operatore1").await));
        assert_eq!(reason.as_deref(), Some("Telefonata del cittadino"));
        assert_eq!(fiscal_code.as_deref(), Some(MARIA));
        let receipt = browser.get(&format!("/operatore/prenotazioni/{code}")).await;
        assert_eq!(receipt.status, 200);
        assert_eq!(audit_count(&app, "booking_viewed").await, 2, "every read is on record");
        let qr = browser
            .client
            .get(app.url(&format!("/operatore/prenotazioni/{code}/qr.svg")))
            .send()
            .await
            .expect("qr");
        assert_eq!(qr.status(), 200);
        assert!(qr.text().await.expect("svg").contains("<svg"));

        // Serving someone else, Maria's booking is out of reach.
        open_record(&browser, GIUSEPPE).await;
        let refused = browser.get(&format!("/operatore/prenotazioni/{code}")).await;
        assert_eq!(refused.status, 404);
        let refused = browser.get(&format!("/operatore/prenotazioni/{code}/stampa")).await;
        assert_eq!(refused.status, 404);
        assert_eq!(audit_count(&app, "booking_viewed").await, 2);
    }

    async fn an_operator_moves_and_cancels_a_booking_and_both_are_audited(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let old = new_slot(&app, "89.7A.3", today + Days::new(15), 7).await;
        let new = new_slot(&app, "89.7A.3", today + Days::new(16), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let rx = prescription_id(&app, &nre).await;
        let browser = operator(&app).await;
        open_record(&browser, &cf).await;
        let code = console_book(&browser, rx, old).await;
        let operator_id = staff_id(&app, "operatore1").await;

        let move_page = browser.get(&format!("/operatore/prenotazioni/{code}/sposta")).await;
        assert_eq!(move_page.status, 200, "{}", move_page.body);
        assert_strict_page(&move_page.body);
        let moved = browser
            .post(
                &format!("/operatore/prenotazioni/{code}/sposta"),
                &[("csrf", &csrf_of(&move_page)), ("slot", &new.to_string())],
            )
            .await;
        assert_eq!(moved.status, 303, "{}", moved.body);
        assert_eq!(moved.location, Some(format!("/operatore/prenotazioni/{code}?spostata")));
        assert_eq!(active_bookings_on(&app, old).await, 0, "the old slot is free again");
        assert_eq!(active_bookings_on(&app, new).await, 1);
        let (moves,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from audit_log a join bookings b on b.id = a.booking_id \
             where a.action = 'booking.moved' and a.staff_id = $1 and b.code = $2",
            operator_id,
            &code
        );
        assert_eq!(moves, 1);

        let form = browser.get(&format!("/operatore/prenotazioni/{code}/annulla")).await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        let csrf = csrf_of(&form);
        let no_reason = browser
            .post(&format!("/operatore/prenotazioni/{code}/annulla"), &[("csrf", &csrf)])
            .await;
        assert_eq!(no_reason.status, 422);
        assert!(no_reason.body.contains("id=\"motivo-error\""));
        let cancelled = browser
            .post(
                &format!("/operatore/prenotazioni/{code}/annulla"),
                &[("csrf", &csrf), ("motivo", "1"), ("dettagli", "ricoverato")],
            )
            .await;
        assert_eq!(cancelled.status, 303, "{}", cancelled.body);
        assert_eq!(cancelled.location, Some(format!("/operatore/prenotazioni/{code}?annullata")));
        let (status, reason): (String, Option<String>) = query_one!(
            app.db(),
            (String, Option<String>),
            "select status, cancel_reason from bookings where code = $1",
            &code
        );
        assert_eq!(status, "cancelled");
        assert_eq!(reason.as_deref(), Some("Ho un impedimento in quella data: ricoverato"));
        let (cancels,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from audit_log a join bookings b on b.id = a.booking_id \
             where a.action = 'booking.cancelled' and a.staff_id = $1 and b.code = $2 \
             and a.reason = 'Ho un impedimento in quella data: ricoverato'",
            operator_id,
            &code
        );
        assert_eq!(cancels, 1);
        assert_eq!(active_bookings_on(&app, new).await, 0);
        // Cancelled: nothing left to change.
        let again = browser.get(&format!("/operatore/prenotazioni/{code}/annulla")).await;
        assert_eq!(again.status, 303);
    }

    async fn forms_without_the_right_token_are_refused_and_change_nothing(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let slot = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        let other = new_slot(&app, "89.7A.3", today + Days::new(21), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let rx = prescription_id(&app, &nre).await;
        let browser = operator(&app).await;

        let forged = browser
            .post("/operatore/cittadino", &[("codice_fiscale", cf.as_str()), ("motivo", "0")])
            .await;
        assert_eq!(forged.status, 403);
        assert_eq!(audit_count(&app, "citizen_viewed").await, 0);
        assert_eq!(browser.get("/operatore/cittadino/scheda").await.status, 303);

        open_record(&browser, &cf).await;
        for csrf in ["", "wrong"] {
            let page = browser
                .post(
                    "/operatore/cittadino/prenota",
                    &[("csrf", csrf), ("ricetta", &rx.to_string()), ("slot", &slot.to_string())],
                )
                .await;
            assert_eq!(page.status, 403);
            assert_strict_page(&page.body);
        }
        assert_eq!(active_bookings_on(&app, slot).await, 0);

        let code = console_book(&browser, rx, slot).await;
        let cancel = browser
            .post(
                &format!("/operatore/prenotazioni/{code}/annulla"),
                &[("csrf", "wrong"), ("motivo", "0")],
            )
            .await;
        assert_eq!(cancel.status, 403);
        let moved = browser
            .post(&format!("/operatore/prenotazioni/{code}/sposta"), &[("slot", &other.to_string())])
            .await;
        assert_eq!(moved.status, 403);
        assert_eq!(active_bookings_on(&app, slot).await, 1, "still booked, not moved");
        assert_eq!(active_bookings_on(&app, other).await, 0);
        let closed = browser.post("/operatore/cittadino/scheda", &[("csrf", "wrong")]).await;
        assert_eq!(closed.status, 403);
        assert_eq!(browser.get("/operatore/cittadino/scheda").await.status, 200, "still open");
        let audit = browser.post("/operatore/registro", &[("csrf", "wrong")]).await;
        assert_eq!(audit.status, 403, "an operator is refused before the token matters");
    }

    async fn only_supervisors_search_the_audit_and_can_filter_by_fiscal_code(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = operator(&app).await;
        open_record(&browser, MARIA).await;
        open_record(&browser, GIUSEPPE).await;
        assert_eq!(browser.get("/operatore/registro").await.status, 403);
        let form = browser.get("/operatore").await;
        let refused = browser
            .post("/operatore/registro", &[("csrf", &csrf_of(&form)), ("codice_fiscale", MARIA)])
            .await;
        assert_eq!(refused.status, 403);
        assert_eq!(audit_count(&app, "audit_searched").await, 0);

        let supervisor = signed_in(&app, "supervisore1", "cupola-supervisore-1").await;
        let form = supervisor.get("/operatore/registro").await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        assert!(!form.body.contains(MARIA), "nothing shown before a search");
        let csrf = csrf_of(&form);

        let bad = supervisor
            .post("/operatore/registro", &[("csrf", &csrf), ("codice_fiscale", "RSSMRA48")])
            .await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("id=\"codice_fiscale-error\""));
        let unknown = supervisor
            .post("/operatore/registro", &[("csrf", &csrf), ("utente", "nessuno")])
            .await;
        assert_eq!(unknown.status, 422);
        assert!(unknown.body.contains("id=\"utente-error\""));
        let reversed = supervisor
            .post("/operatore/registro", &[("csrf", &csrf), ("dal", "10/01/2026"), ("al", "01/01/2026")])
            .await;
        assert_eq!(reversed.status, 422);
        assert!(reversed.body.contains("id=\"al-error\""));

        let searched = supervisor
            .post("/operatore/registro", &[("csrf", &csrf), ("codice_fiscale", MARIA), ("azione", "citizen_viewed")])
            .await;
        assert_eq!(searched.status, 303);
        assert_eq!(searched.location.as_deref(), Some("/operatore/registro"), "no fiscal code in the URL");
        let results = supervisor.get("/operatore/registro").await;
        assert_eq!(results.status, 200);
        assert_strict_page(&results.body);
        assert!(results.body.contains(MARIA));
        assert!(!results.body.contains(GIUSEPPE), "filtered by fiscal code");
        assert!(results.body.contains("Anna Neri (operatore1)"), "who");
        assert!(results.body.contains("Telefonata del cittadino"), "why");
        assert!(results.body.contains("<td>Scheda del cittadino consultata</td>"), "what");
        assert!(results.body.contains("<td>operatori</td>"), "through which channel");
        let (who, fiscal_code): (Option<i64>, Option<String>) = query_one!(
            app.db(),
            (Option<i64>, Option<String>),
            "select staff_id, fiscal_code from audit_log where action = 'audit_searched'"
        );
        assert_eq!(who, Some(staff_id(&app, "supervisore1").await));
        assert_eq!(fiscal_code.as_deref(), Some(MARIA));

        // The same results as FHIR AuditEvents (IHE BALP shapes), a download itself on record.
        assert!(results.body.contains("href=\"/operatore/registro/audit-event.json\""));
        let export = supervisor.client.get(app.url("/operatore/registro/audit-event.json")).send().await.expect("get");
        assert_eq!(export.status().as_u16(), 200);
        assert!(export.headers()["content-type"].to_str().expect("type").starts_with("application/fhir+json"));
        assert!(export.headers()["content-disposition"].to_str().expect("disposition").starts_with("attachment"));
        let bundle: serde_json::Value = export.json().await.expect("JSON");
        assert_eq!(bundle["type"], "collection");
        let events: Vec<serde_json::Value> = bundle["entry"].as_array().expect("entries")
            .iter().map(|e| e["resource"].clone()).collect();
        assert!(!events.is_empty());
        for event in &events {
            assert_eq!(event["resourceType"], "AuditEvent");
            assert_eq!(event["action"], "R");
            assert_eq!(event["subtype"][1]["code"], "citizen_viewed");
            assert_eq!(event["agent"][0]["who"]["identifier"]["value"], "operatore1");
            assert_eq!(event["agent"][0]["requestor"], true);
            assert_eq!(event["entity"][0]["what"]["identifier"]["value"], MARIA);
        }
        assert!(events.iter().any(|e| e["agent"][0]["purposeOfUse"][0]["text"]
            .as_str().is_some_and(|t| t.contains("Telefonata del cittadino"))));
        assert_eq!(audit_count(&app, "audit_searched").await, 2, "the export is on record");
        assert_eq!(browser.get("/operatore/registro/audit-event.json").await.status, 403, "not for operators");
        crate::fhir::assert_valid(&[bundle]).await;

        // By member of staff and by day: both citizens, newest first.
        let today = app.clock.today().format("%d/%m/%Y").to_string();
        supervisor
            .post("/operatore/registro", &[("csrf", &csrf), ("utente", "operatore1"), ("dal", &today), ("al", &today)])
            .await;
        let results = supervisor.get("/operatore/registro").await;
        let (maria, giuseppe) = (results.body.find(MARIA), results.body.find(GIUSEPPE));
        assert!(giuseppe.is_some() && maria.is_some());
        assert!(giuseppe < maria, "newest first");
        // An admin may search too.
        let admin = signed_in(&app, "admin1", "cupola-admin-1").await;
        assert_eq!(admin.get("/operatore/registro").await.status, 200);
    }

    async fn without_a_staff_session_no_console_page_reaches_citizen_data(backend) {
        let app = TestApp::spawn(backend).await;
        let code = maria_booking_code(&app).await;
        let anonymous = Browser::new(&app);
        for path in [
            "/operatore".to_owned(),
            "/operatore/cittadino".to_owned(),
            "/operatore/cittadino/scheda".to_owned(),
            "/operatore/cittadino/prenota?ricetta=1".to_owned(),
            format!("/operatore/prenotazioni/{code}"),
            format!("/operatore/prenotazioni/{code}/stampa"),
            format!("/operatore/prenotazioni/{code}/qr.svg"),
            format!("/operatore/prenotazioni/{code}/annulla"),
            format!("/operatore/prenotazioni/{code}/sposta"),
            "/operatore/registro".to_owned(),
        ] {
            let page = anonymous.get(&path).await;
            assert_eq!(page.status, 303, "{path}");
            let location = page.location.unwrap_or_default();
            assert!(location.starts_with("/operatore/accesso?torna="), "{path}: {location}");
            assert!(!page.body.contains(MARIA), "{path}");
        }
        for path in ["/operatore/cittadino".to_owned(), format!("/operatore/prenotazioni/{code}/annulla")] {
            let page = anonymous
                .post(&path, &[("codice_fiscale", MARIA), ("motivo", "0"), ("csrf", "x")])
                .await;
            assert_eq!(page.status, 303, "{path}");
            assert!(page.location.unwrap_or_default().starts_with("/operatore/accesso"));
        }
        let (audits,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from audit_log where actor = 'staff'");
        assert_eq!(audits, 0);
        let (status,): (String,) = query_one!(app.db(), (String,), "select status from bookings where code = $1", &code);
        assert_eq!(status, "confirmed");

        // Signed in, but without a citizen's record open: back to the search.
        let browser = operator(&app).await;
        let page = browser.get(&format!("/operatore/prenotazioni/{code}")).await;
        assert_eq!(page.location.as_deref(), Some("/operatore/cittadino"));
    }

    async fn the_retention_purge_removes_only_old_entries(backend) {
        let app = TestApp::spawn(backend).await;
        let now = app.clock.now();
        let cutoff = retention_cutoff(now, 24);
        let operator_id = staff_id(&app, "operatore1").await;
        for at in [cutoff - 86_400 * 40, cutoff - 1, cutoff, now - 86_400] {
            execute!(
                app.db(),
                "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, reason) \
                 values ($1, 'staff', $2, 'operator', 'citizen_viewed', $3, 'prova')",
                at,
                operator_id,
                MARIA
            );
        }
        let (old,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from audit_log where at < $1", cutoff);
        let (kept,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from audit_log where at >= $1", cutoff);
        assert!(old >= 2);

        let purged = purge_audit(app.db(), cutoff).await.expect("purge");
        assert_eq!(purged, old as u64);
        let (left_old,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from audit_log where at < $1", cutoff);
        let (left,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from audit_log where at >= $1", cutoff);
        assert_eq!((left_old, left), (0, kept));
        assert_eq!(purge_audit(app.db(), cutoff).await.expect("purge"), 0, "nothing twice");
    }

    async fn choosing_a_slot_books_nothing_until_the_confirmation_step_is_submitted(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let slot = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let rx = prescription_id(&app, &nre).await;
        let browser = operator(&app).await;
        open_record(&browser, &cf).await;
        let (rx_text, slot_text) = (rx.to_string(), slot.to_string());

        // The old one-step form, and the confirmation's form without its token or with another
        // one: nothing is booked, the step is shown (again).
        let slots = browser.get(&format!("/operatore/cittadino/prenota?ricetta={rx}")).await;
        let csrf = csrf_of(&slots);
        let old = browser
            .post(
                "/operatore/cittadino/prenota",
                &[("csrf", csrf.as_str()), ("ricetta", rx_text.as_str()), ("slot", slot_text.as_str())],
            )
            .await;
        assert_eq!(old.status, 303);
        let step_path = format!("/operatore/cittadino/prenota/conferma?ricetta={rx}&slot={slot}");
        assert_eq!(old.location.as_deref(), Some(step_path.as_str()));
        let step = confirmation(&browser, rx, slot).await;
        assert_strict_page(&step.body);
        assert!(step.body.contains("Controlla e prenota"));
        assert!(step.body.contains("Torna ai posti"));
        assert!(step.body.contains("online"), "whether it can still be changed online");
        for token in ["", "forged"] {
            let forged = browser
                .post(
                    "/operatore/cittadino/prenota/conferma",
                    &[("csrf", csrf.as_str()), ("ricetta", rx_text.as_str()), ("slot", slot_text.as_str()), ("conferma", token), ("prenota", "1")],
                )
                .await;
            assert_eq!(forged.status, 303, "{}", forged.body);
            assert_eq!(forged.location.as_deref(), Some(step_path.as_str()));
        }
        // A token shown for another slot does not book this one.
        let other = new_slot(&app, "89.7A.3", today + Days::new(21), 7).await;
        let other_step = confirmation(&browser, rx, other).await;
        let wrong_slot = browser
            .post(
                "/operatore/cittadino/prenota/conferma",
                &[("csrf", csrf.as_str()), ("ricetta", rx_text.as_str()), ("slot", slot_text.as_str()), ("conferma", token_of(&other_step).as_str())],
            )
            .await;
        assert_eq!(wrong_slot.status, 303);
        assert_eq!(active_bookings_on(&app, slot).await, 0);
        assert_eq!(active_bookings_on(&app, other).await, 0);
        assert_eq!(audit_count(&app, "booking.created").await, 0);

        // The step's own form books; the token is spent.
        let code = booked_code(confirm(&browser, rx, slot, &[]).await);
        assert_eq!(active_bookings_on(&app, slot).await, 1);
        assert!(!code.is_empty());
    }

    async fn the_reminder_contacts_are_prefilled_checked_and_saved_on_the_booking(backend) {
        let app = TestApp::spawn(backend).await;
        let today = app.clock.today();
        let slot = new_slot(&app, "89.7A.3", today + Days::new(20), 7).await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let rx = prescription_id(&app, &nre).await;
        execute!(app.db(), "update citizens set phone = '+393331112222', email = 'registry@example.org' where fiscal_code = $1", &cf);
        let browser = operator(&app).await;
        open_record(&browser, &cf).await;

        let step = confirmation(&browser, rx, slot).await;
        assert!(step.body.contains("value=\"+393331112222\""), "the phone from the registry");
        assert!(step.body.contains("value=\"registry@example.org\""), "the e-mail from the registry");
        assert!(step.body.contains("<label for=\"telefono\">") && step.body.contains("<label for=\"email\">"));

        // Wrong contacts: refused on their fields, as in the citizen's journey; nothing booked.
        let refused = confirm(&browser, rx, slot, &[("telefono", "12ab"), ("email", "maria.example.org")]).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert_strict_page(&refused.body);
        assert!(refused.body.contains("aria-describedby=\"telefono-error\""));
        assert!(refused.body.contains("aria-describedby=\"email-error\""));
        assert!(refused.body.contains("value=\"12ab\""), "what was typed is kept");
        assert_eq!(active_bookings_on(&app, slot).await, 0);

        let code = booked_code(
            confirm(&browser, rx, slot, &[("telefono", "333 444 5555"), ("email", " maria@example.org ")]).await,
        );
        let (phone, email, channel): (Option<String>, Option<String>, String) = query_one!(
            app.db(),
            (Option<String>, Option<String>, String),
            "select contact_phone, contact_email, channel from bookings where code = $1",
            &code
        );
        assert_eq!(phone.as_deref(), Some("+393334445555"));
        assert_eq!(email.as_deref(), Some("maria@example.org"));
        assert_eq!(channel, "operator");
        // The confirmation goes to both contacts.
        let (queued,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from notification_outbox o join bookings b on b.id = o.booking_id \
             where b.code = $1 and o.kind = 'booking_confirmed' and o.channel is not null",
            &code
        );
        assert_eq!(queued, 2, "an SMS and an e-mail");
        // The citizen's access stays audited, with the operator and the reason.
        let operator_id = staff_id(&app, "operatore1").await;
        let (viewed,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from audit_log where action = 'citizen_viewed' and staff_id = $1 and fiscal_code = $2 and reason like 'Telefonata%'",
            operator_id,
            &cf
        );
        assert_eq!(viewed, 1);
    }

    async fn the_console_home_has_the_search_with_the_reason_given_last(backend) {
        let app = TestApp::spawn(backend).await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let browser = operator(&app).await;
        let home = browser.get("/operatore").await;
        assert_eq!(home.status, 200);
        assert_strict_page(&home.body);
        assert!(home.body.contains("<body class=\"staff\""), "the staff layout");
        assert!(home.body.contains("action=\"/operatore/cittadino\""));
        assert!(home.body.contains("autofocus"), "the fiscal code has the focus");
        assert!(!home.body.contains("<option value=\"1\" selected"));
        let done = search(&browser, &cf, "1", "").await;
        assert_eq!(done.status, 303);
        let home = browser.get("/operatore").await;
        assert!(home.body.contains("<option value=\"1\" selected"), "the reason given last is chosen");
        let login = Browser::new(&app).get("/operatore/accesso").await;
        assert!(login.body.contains("autofocus"), "the username has the focus");
    }
}
