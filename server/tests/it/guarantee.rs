//! The guarantee route (percorso di tutela) as a process: asked for online or by an operator
//! only when no slot meets the deadline, once per prescription, audited; supervisors record
//! the outcome; the transparency figures count the requests. On both backends.

use chrono::Days;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot};
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one};

/// Nothing free for an ECG in the next five days: an urgent prescription (72 hours) has no
/// slot in time.
async fn no_ecg_in_time(app: &TestApp) {
    let (service_id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from services where code = '89.52'"
    );
    let until = server::clock::start_of_day(app.clock.today() + Days::new(5));
    execute!(
        app.db(),
        "update slots set status = 'suspended' where service_id = $1 and starts_at < $2",
        service_id,
        until
    );
}

async fn verified(app: &TestApp, service: &str, priority: &str) -> (Browser, String, String) {
    let browser = Browser::new(app);
    let (cf, nre) = new_prescription(app, service, priority).await;
    let page = browser
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    (browser, cf, nre)
}

async fn requests_of(app: &TestApp, nre: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from guarantee_requests g join prescriptions p on p.id = g.prescription_id \
         where p.nre = $1",
        nre
    )
    .0
}

async fn audit_count(app: &TestApp, action: &str, actor: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from audit_log where action = $1 and actor = $2",
        action,
        actor
    )
    .0
}

/// The operator opens the citizen's record (a phone call, audited with its reason).
async fn open_record(browser: &Browser, fiscal_code: &str) -> Page {
    let form = browser.get("/operatore/cittadino").await;
    let done = browser
        .post(
            "/operatore/cittadino",
            &[
                ("csrf", &csrf_of(&form)),
                ("codice_fiscale", fiscal_code),
                ("motivo", "0"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    browser.get("/operatore/cittadino/scheda").await
}

async fn counts(app: &TestApp) -> [u64; 7] {
    let state = &app.state;
    state
        .transparency
        .refresh(app.db(), &state.catalog, &state.directory, &app.clock)
        .await
        .expect("figures")
        .guarantee
        .0
}

on_both_backends! {
    async fn the_guarantee_route_is_refused_while_a_slot_meets_the_deadline(backend) {
        let app = TestApp::spawn(backend).await;
        let (browser, _, nre) = verified(&app, "89.7A.3", "P").await;
        let page = browser.get("/prenota/percorso-di-tutela").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("C&#x27;è ancora un posto entro la scadenza") || page.body.contains("C'è ancora un posto entro la scadenza"), "{}", page.body);
        assert!(!page.body.contains("Invia la richiesta"), "no form");
        let posted = browser.post("/prenota/percorso-di-tutela", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(posted.status, 409, "checked on the server");
        assert_eq!(requests_of(&app, &nre).await, 0);
    }

    async fn a_citizen_files_the_request_online_once_and_gets_a_reference(backend) {
        let app = TestApp::spawn(backend).await;
        no_ecg_in_time(&app).await;
        let before = counts(&app).await;
        let (browser, _, nre) = verified(&app, "89.52", "U").await;
        let slots = browser.get("/prenota/disponibilita").await;
        assert!(slots.body.contains("href=\"/prenota/percorso-di-tutela\""), "offered where no slot is in time");

        let form = browser.get("/prenota/percorso-di-tutela").await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        assert!(form.body.contains("Paghi solo il ticket"));
        let bad = browser.post("/prenota/percorso-di-tutela", &[("telefono", "12"), ("email", "")]).await;
        assert_eq!(bad.status, 422, "a wrong phone is an error on its field");
        assert!(bad.body.contains("aria-invalid"));
        assert_eq!(requests_of(&app, &nre).await, 0);

        let done = browser.post("/prenota/percorso-di-tutela", &[("telefono", "333 123 4567"), ("email", ""), ("zona", ""), ("comune", "")]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(done.location.as_deref(), Some("/prenota/percorso-di-tutela/richiesta"));
        let filed = browser.get("/prenota/percorso-di-tutela/richiesta").await;
        assert_eq!(filed.status, 200);
        assert_strict_page(&filed.body);
        assert!(filed.body.contains("Richiesta inviata"));
        assert!(filed.body.contains("PT-0"), "a reference");
        assert!(filed.body.contains("entro 2 giorni lavorativi"));
        assert!(filed.body.contains("+39 055 000 0000"), "the CUP's number");

        // Posting again (a reload, a second tab) files nothing more.
        let again = browser.post("/prenota/percorso-di-tutela", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(again.status, 303);
        assert_eq!(requests_of(&app, &nre).await, 1);
        assert_eq!(audit_count(&app, "guarantee.filed", "citizen").await, 1);
        let (via, phone): (String, Option<String>) = query_one!(app.db(), (String, Option<String>),
            "select g.filed_via, g.contact_phone from guarantee_requests g join prescriptions p on p.id = g.prescription_id where p.nre = $1", &nre);
        assert_eq!(via, "web");
        assert!(phone.is_some());

        let after = counts(&app).await;
        assert_eq!(after[0], before[0] + 1, "filed");
        assert_eq!(after[5], before[5] + 1, "open");
        let page = Browser::new(&app).get("/trasparenza/tempi-di-attesa").await;
        assert!(page.body.contains("Percorsi di tutela"));
    }

    async fn an_operator_files_it_for_the_citizen_and_a_supervisor_records_the_outcome(backend) {
        let app = TestApp::spawn(backend).await;
        no_ecg_in_time(&app).await;
        let (cf, nre) = new_prescription(&app, "89.52", "U").await;
        let (rx,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        let record = open_record(&operator, &cf).await;
        let path = format!("/operatore/cittadino/tutela?ricetta={rx}");
        assert!(record.body.contains(&path.replace('&', "&amp;")) || record.body.contains(&path));
        let form = operator.get(&path).await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert_strict_page(&form.body);
        let forged = operator.post(&path, &[("csrf", "x"), ("telefono", "")]).await;
        assert_eq!(forged.status, 403);
        let done = operator.post(&path, &[("csrf", &csrf_of(&form)), ("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let shown = operator.get(&path).await;
        assert!(shown.body.contains("Percorso di tutela chiesto: riferimento PT-"));
        let again = operator.post(&path, &[("csrf", &csrf_of(&form)), ("telefono", ""), ("email", "")]).await;
        assert_eq!(again.status, 303);
        assert_eq!(requests_of(&app, &nre).await, 1);
        let operator_id: (i64,) = query_one!(app.db(), (i64,), "select id from staff where username = 'operatore1'");
        let (via, by): (String, Option<i64>) = query_one!(app.db(), (String, Option<i64>),
            "select filed_via, filed_by from guarantee_requests where prescription_id = $1", rx);
        assert_eq!((via.as_str(), by), ("operator", Some(operator_id.0)));
        assert_eq!(audit_count(&app, "guarantee.filed", "staff").await, 1, "audited with the operator");

        // Operators do not see the supervisors' list.
        assert_eq!(operator.get("/operatore/tutela").await.status, 403);

        // The supervisor sees it against its deadline, without personal data on the list.
        let supervisor = signed_in(&app, "supervisore1", "cupola-supervisore-1").await;
        let list = supervisor.get("/operatore/tutela").await;
        assert_eq!(list.status, 200);
        assert_strict_page(&list.body);
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from guarantee_requests where prescription_id = $1", rx);
        let reference = format!("PT-{id:06}");
        assert!(list.body.contains(&reference));
        assert!(list.body.contains("mancano") || list.body.contains("manca") || list.body.contains("scade oggi"), "days left in words");
        assert!(!list.body.contains(&cf), "no fiscal code on the list");

        let views_before = audit_count(&app, "guarantee.viewed", "staff").await;
        let detail = supervisor.get(&format!("/operatore/tutela/{id}")).await;
        assert_eq!(detail.status, 200);
        assert!(detail.body.contains(&cf), "the citizen, for the call");
        assert_eq!(audit_count(&app, "guarantee.viewed", "staff").await, views_before + 1, "the read is audited");

        // A slot found needs the code of a booking of this prescription.
        let csrf = csrf_of(&detail);
        let missing = supervisor.post(&format!("/operatore/tutela/{id}"), &[("csrf", &csrf), ("esito", "slot_found"), ("codice", ""), ("nota", "")]).await;
        assert_eq!(missing.status, 422);
        assert!(missing.body.contains("Scrivi il codice della prenotazione trovata"));
        let long = "x".repeat(501);
        let too_long = supervisor.post(&format!("/operatore/tutela/{id}"), &[("csrf", &csrf), ("esito", "intramoenia"), ("codice", ""), ("nota", &long)]).await;
        assert_eq!(too_long.status, 422);
        let before = counts(&app).await;
        let recorded = supervisor.post(&format!("/operatore/tutela/{id}"), &[("csrf", &csrf), ("esito", "intramoenia"), ("codice", ""), ("nota", "Dr. Rossi, 3 giorni")]).await;
        assert_eq!(recorded.status, 303, "{}", recorded.body);
        let list = supervisor.get("/operatore/tutela").await;
        assert!(list.body.contains(&format!("Esito registrato per la richiesta {reference}")));
        let closed = supervisor.get("/operatore/tutela?stato=chiuse").await;
        assert!(closed.body.contains(&reference));
        assert!(closed.body.contains("In libera professione (intramoenia)"));
        let (status, outcome, decided_by): (String, Option<String>, Option<i64>) = query_one!(app.db(), (String, Option<String>, Option<i64>),
            "select status, outcome, decided_by from guarantee_requests where id = $1", id);
        assert_eq!((status.as_str(), outcome.as_deref()), ("resolved", Some("intramoenia")));
        assert!(decided_by.is_some());
        assert_eq!(audit_count(&app, "guarantee.decided", "staff").await, 1);
        let twice = supervisor.post(&format!("/operatore/tutela/{id}"), &[("csrf", &csrf), ("esito", "withdrawn"), ("codice", ""), ("nota", "")]).await;
        assert_eq!(twice.status, 409, "a closed request stays as it was");

        let after = counts(&app).await;
        assert_eq!(after[2], before[2] + 1, "resolved in intramoenia");
        assert_eq!(after[5] + 1, before[5], "one open fewer");

        // Once a slot meets the deadline again, an operator may not file a new one.
        new_slot(&app, "89.52", app.clock.today() + Days::new(1), 7).await;
        let refused = operator.post(&path, &[("csrf", &csrf_of(&form)), ("telefono", ""), ("email", "")]).await;
        assert_eq!(refused.status, 409);
        assert_eq!(requests_of(&app, &nre).await, 1);
    }

    async fn the_database_keeps_one_open_request_per_prescription_and_outcomes_consistent(backend) {
        let app = TestApp::spawn(backend).await;
        let (_, nre) = new_prescription(&app, "89.52", "U").await;
        let (rx, service): (i64, i64) = query_one!(app.db(), (i64, i64), "select id, service_id from prescriptions where nre = $1", &nre);
        let insert = |status: &str, outcome: &str, decided: &str| format!(
            "insert into guarantee_requests (prescription_id, service_id, priority, deadline, filed_at, filed_via, status, outcome, decided_by, decided_at) \
             values ({rx}, {service}, 'U', '2030-01-01', 1, 'web', '{status}', {outcome}, {decided}, {decided})"
        );
        let accepts = |sql: String| {
            let db = app.db().clone();
            async move {
                match &db {
                    server::db::Db::Sqlite(s) => sqlx::query(&sql).execute(&s.write).await.is_ok(),
                    server::db::Db::Postgres(p) => sqlx::query(&sql).execute(&p.citizens).await.is_ok(),
                }
            }
        };
        assert!(accepts(insert("open", "null", "null")).await);
        assert!(!accepts(insert("open", "null", "null")).await, "one open request per prescription");
        assert!(!accepts(insert("resolved", "null", "1")).await, "resolved needs an outcome");
        assert!(!accepts(insert("withdrawn", "'intramoenia'", "1")).await, "an outcome only when resolved");
        assert!(!accepts(insert("resolved", "'slot_found'", "1")).await, "a slot found names its booking");
        assert!(accepts(insert("resolved", "'other_provider'", "1")).await);
    }
}
