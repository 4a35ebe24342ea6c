//! The legal pages (issue 16): the privacy notice, the accessibility statement, the cookies and
//! the source code answer in Italian and English (and in English, marked, to the other
//! languages) with what each must say; every footer links them; the statement's feedback form
//! ties its errors to its fields, stores a report due in 30 days and is throttled per client;
//! supervisors (only) see the reports against their due date and record answers, audited.
//! Both backends.

use app::i18n::Lang;
use app::routes;
use app::views::legal::{COOKIES, LegalSettings, VERSION, set_legal};
use chrono::NaiveDate;
use server::throttle::ThrottleConfig;

use crate::common::{Browser, TestApp, assert_strict_page};
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one};

const CONTROLLER: &str =
    "Azienda USL di Prova, Piazza Prova 1, 50100 Firenze, pec: asl@pec.prova.it";
const DPO: &str = "rpd@prova.it";
const SOURCE: &str = "https://code.prova.it/cupola";
/// The demo supervisor's staff id (README order).
const SUPERVISOR_ID: i64 = 3;

/// The deployment's settings, the same for every test of this file (they are set once per
/// process, like the help line; rendered pages are kept per settings).
fn configure() {
    set_legal(LegalSettings {
        controller: CONTROLLER.to_owned(),
        dpo_contact: DPO.to_owned(),
        source_url: SOURCE.to_owned(),
        source_revision: Some("v0.1.0-prova".to_owned()),
        statement_date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
    });
}

/// A page in a language (the language cookie, as the switch sets it): status, headers, body.
async fn get_in(
    app: &TestApp,
    path: &str,
    lang: Lang,
) -> (u16, reqwest::header::HeaderMap, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("cookie", format!("lang={}", lang.code()))
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    query_one!(app.db(), (i64,), sql).0
}

/// Whether the database refuses this statement.
async fn refused(db: &server::db::Db, sql: &str) -> bool {
    match db {
        server::db::Db::Sqlite(d) => sqlx::query(sql).execute(&d.write).await.is_err(),
        server::db::Db::Postgres(d) => sqlx::query(sql).execute(&d.citizens).await.is_err(),
    }
}

on_both_backends! {
    async fn every_legal_page_says_what_it_must_in_italian_and_english(backend) {
        configure();
        let app = TestApp::spawn(backend).await;
        for lang in [Lang::It, Lang::En] {
            let (status, headers, privacy) = get_in(&app, routes::PRIVACY, lang).await;
            assert_eq!(status, 200);
            assert_strict_page(&privacy);
            assert_eq!(headers["content-language"], lang.code());
            assert!(headers["cache-control"].to_str().expect("ascii").contains("no-cache"));
            assert!(privacy.contains(&format!("<html lang=\"{}\"", lang.code())));
            assert!(!privacy.contains("lang=\"en\" dir=\"ltr\" class=\"prose\""));
            assert!(privacy.contains(CONTROLLER), "{privacy}");
            assert!(privacy.contains(DPO));
            let audit = match lang {
                Lang::It => "Il registro degli accessi del personale: 24 mesi",
                _ => "The log of staff access: 24 months",
            };
            assert!(privacy.contains(audit), "the audit's retention: {privacy}");
            assert!(privacy.contains("https://www.garanteprivacy.it/"));
            assert!(privacy.contains(&format!("href=\"{}\"", routes::COOKIES)));

            let (status, _, cookies) = get_in(&app, routes::COOKIES, lang).await;
            assert_eq!(status, 200);
            assert_strict_page(&cookies);
            for (name, secure) in COOKIES {
                assert!(cookies.contains(&format!("<code>{name}</code>")), "{name}");
                if let Some(secure) = secure {
                    assert!(cookies.contains(secure), "{secure}");
                }
            }

            let (status, _, statement) = get_in(&app, routes::ACCESSIBILITY, lang).await;
            assert_eq!(status, 200);
            assert_strict_page(&statement);
            assert!(statement.contains("<a href=\"https://form.agid.gov.it/\">"));
            assert!(statement.contains(&format!("href=\"{}\"", routes::ACCESSIBILITY_FEEDBACK)));
            assert!(statement.contains(CONTROLLER));
            assert!(statement.contains(match lang {
                Lang::It => "parzialmente conforme",
                _ => "partially compliant",
            }));
            assert!(statement.contains("EN 301 549") && statement.contains("WCAG 2.1"));
            assert!(statement.contains(&lang.long_date(NaiveDate::from_ymd_opt(2026, 12, 1).expect("d"))));

            let (status, _, source) = get_in(&app, routes::SOURCE_CODE, lang).await;
            assert_eq!(status, 200);
            assert_strict_page(&source);
            assert!(source.contains(&format!("<a href=\"{SOURCE}\"")));
            assert!(source.contains(&format!("Cupola {VERSION}")));
            assert_eq!(VERSION, env!("CARGO_PKG_VERSION"));
            assert!(source.contains("v0.1.0-prova"));
            assert!(source.contains("AGPL-3.0-or-later"));
        }
        // Another language: the English text, marked, after a notice in the reader's language.
        for lang in [Lang::Uk, Lang::Ar] {
            let (status, headers, privacy) = get_in(&app, routes::PRIVACY, lang).await;
            assert_eq!(status, 200);
            assert_eq!(headers["content-language"], lang.code());
            assert!(privacy.contains(&format!("<html lang=\"{}\" dir=\"{}\">", lang.code(), lang.dir())));
            assert!(privacy.contains("<div lang=\"en\" dir=\"ltr\" class=\"prose\">"));
            assert!(privacy.contains(lang.t().legal.lg_english_only));
            assert!(privacy.contains(&format!("<h1>{}</h1>", lang.t().legal.lg_privacy_title)));
            assert!(privacy.contains("The log of staff access: 24 months"));
        }
        // A second visit is answered from the rendered copy: the same bytes.
        let (_, _, again) = get_in(&app, routes::PRIVACY, Lang::Uk).await;
        assert!(again.contains("The log of staff access: 24 months"));
    }

    async fn every_footer_links_the_legal_pages(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = Browser::new(&app);
        let staff = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        for (who, path) in [(&browser, "/"), (&browser, "/prenota"), (&browser, "/tempi-di-attesa"), (&staff, "/operatore")] {
            let page = who.get(path).await;
            assert_eq!(page.status, 200, "{path}");
            let footer = page.body.split("<footer").nth(1).expect("a footer");
            for legal in routes::LEGAL_PAGES {
                assert!(footer.contains(&format!("href=\"{legal}\"")), "{path} links {legal}");
            }
            assert!(footer.contains(Lang::It.t().legal.lg_accessibility));
        }
        // A kiosk's footer: the privacy notice and the statement, one touch away; nothing kept.
        let kiosk = Browser::new(&app);
        assert_eq!(kiosk.get(routes::KIOSK).await.status, 200);
        let start = kiosk.get(routes::KIOSK).await;
        let footer = start.body.split("<footer").nth(1).expect("a footer");
        assert!(footer.contains("href=\"/privacy\"") && footer.contains("href=\"/accessibilita\""));
        let response = kiosk.client.get(app.url(routes::PRIVACY)).send().await.expect("get");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert!(response.text().await.expect("body").contains("class=\"kiosk\""));
    }

    async fn the_feedback_form_reaches_supervisors_who_answer_within_30_days(backend) {
        let app = TestApp::spawn(backend).await;
        let reader = Browser::new(&app);
        let form = reader.get(routes::ACCESSIBILITY_FEEDBACK).await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        assert!(form.body.contains("<textarea id=\"descrizione\" name=\"descrizione\""));

        // Nothing written, a wrong address: 422, each error tied to its field, what was typed kept.
        let wrong = reader
            .post(routes::ACCESSIBILITY_FEEDBACK, &[("pagina", "/prenota"), ("descrizione", "  "), ("email", "nessuno")])
            .await;
        assert_eq!(wrong.status, 422);
        assert_strict_page(&wrong.body);
        assert!(wrong.body.contains("aria-describedby=\"descrizione-hint descrizione-error\""));
        assert!(wrong.body.contains("id=\"descrizione-error\""));
        assert!(wrong.body.contains("aria-describedby=\"email-hint email-error\""));
        assert!(wrong.body.contains("href=\"#descrizione\"") && wrong.body.contains("href=\"#email\""));
        assert!(wrong.body.contains("value=\"/prenota\""));
        assert!(wrong.body.contains(Lang::It.t().legal.fb_text_missing));
        let too_long = reader
            .post(routes::ACCESSIBILITY_FEEDBACK, &[("descrizione", &"x".repeat(1001))])
            .await;
        assert_eq!(too_long.status, 422);
        assert_eq!(count(&app, "select count(*) from accessibility_feedback").await, 0);

        // A good one: stored, due 30 days later, and its receipt.
        let sent = reader
            .post(routes::ACCESSIBILITY_FEEDBACK, &[
                ("pagina", "/prenota/disponibilita"),
                ("descrizione", "Con il lettore di schermo il pulsante Scegli non dice quale orario."),
                ("email", "lettore@example.it"),
            ])
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let location = sent.location.expect("a receipt");
        let id: i64 = location.rsplit('=').next().expect("id").parse().expect("an id");
        let receipt = reader.get(&location).await;
        assert_eq!(receipt.status, 200);
        assert!(receipt.body.contains(&format!("AC-{id:06}")));
        let (received, due, lang): (i64, i64, String) = query_one!(
            app.db(),
            (i64, i64, String),
            "select received_at, due_at, lang from accessibility_feedback where id = $1",
            id
        );
        assert_eq!(due - received, 30 * 86_400);
        assert_eq!(lang, "it");
        // The database keeps the due date honest and the lengths within bounds.
        assert!(refused(app.db(), "insert into accessibility_feedback (received_at, due_at, description, lang) values (0, 86400, 'x', 'it')").await);
        assert!(refused(app.db(), &format!("insert into accessibility_feedback (received_at, due_at, description, lang) values (0, 2592000, '{}', 'it')", "x".repeat(1001))).await);
        assert!(refused(app.db(), "insert into accessibility_feedback (received_at, due_at, description, lang) values (0, 2592000, ' ', 'it')").await);
        // One received 40 days ago, unanswered: overdue by 10 days.
        let old = app.clock.now() - 40 * 86_400;
        execute!(
            app.db(),
            "insert into accessibility_feedback (received_at, due_at, description, lang) values ($1, $2, 'Il contrasto del piè di pagina', 'en')",
            old,
            old + 30 * 86_400
        );

        // Operators are not supervisors.
        let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        assert_eq!(operator.get(routes::STAFF_ACCESSIBILITY_FEEDBACKS).await.status, 403);
        assert_eq!(operator.get(&routes::staff_accessibility_feedback(id)).await.status, 403);

        let supervisor = signed_in(&app, "supervisore1", "cupola-supervisore-1").await;
        let home = supervisor.get(routes::STAFF_HOME).await;
        assert!(home.body.contains(&format!("href=\"{}\"", routes::STAFF_ACCESSIBILITY_FEEDBACKS)));
        let list = supervisor.get(routes::STAFF_ACCESSIBILITY_FEEDBACKS).await;
        assert_eq!(list.status, 200);
        assert_strict_page(&list.body);
        assert!(list.body.contains(&format!("AC-{id:06}")));
        let due_on = server::clock::local(due).date();
        assert!(list.body.contains(&Lang::It.short_date(due_on)));
        assert!(list.body.contains("<strong>SCADUTA da 10 giorni</strong>"), "{}", list.body);
        assert!(list.body.find("SCADUTA").expect("overdue") < list.body.find(&format!("AC-{id:06}")).expect("new"), "due first, first");
        assert!(!list.body.contains("lettore@example.it"), "no address on the list");

        let detail = supervisor.get(&routes::staff_accessibility_feedback(id)).await;
        assert_eq!(detail.status, 200);
        assert_strict_page(&detail.body);
        assert!(detail.body.contains("lettore@example.it"));
        assert!(detail.body.contains("il pulsante Scegli non dice quale orario"));
        let csrf = csrf_of(&detail);
        let path = routes::staff_accessibility_feedback(id);
        assert_eq!(supervisor.post(&path, &[("csrf", "forged"), ("risposta", "x")]).await.status, 403);
        let empty = supervisor.post(&path, &[("csrf", &csrf), ("risposta", " ")]).await;
        assert_eq!(empty.status, 422);
        assert!(empty.body.contains("aria-describedby=\"risposta-hint risposta-error\""));
        let answered = supervisor
            .post(&path, &[("csrf", &csrf), ("risposta", "Risposto via e-mail: corretto l'etichetta del pulsante.")])
            .await;
        assert_eq!(answered.status, 303);
        assert_eq!(answered.location.as_deref(), Some(routes::STAFF_ACCESSIBILITY_FEEDBACKS));
        let after = supervisor.get(routes::STAFF_ACCESSIBILITY_FEEDBACKS).await;
        assert!(after.body.contains(&format!("Risposta alla segnalazione AC-{id:06} registrata.")));
        assert!(!after.body.contains(&format!("AC-{id:06}</th>")), "no longer to answer");
        let answered_list = supervisor.get(&format!("{}?stato=risposte", routes::STAFF_ACCESSIBILITY_FEEDBACKS)).await;
        assert!(answered_list.body.contains(&format!("AC-{id:06}")));
        assert!(answered_list.body.contains("Risposta registrata da"));
        assert_eq!(
            count(&app, &format!("select count(*) from accessibility_feedback where id = {id} and answered_by = {SUPERVISOR_ID} and answered_at is not null")).await,
            1
        );
        assert_eq!(
            count(&app, &format!("select count(*) from audit_log where action = 'accessibility_feedback.answered' and staff_id = {SUPERVISOR_ID} and detail = 'accessibility feedback AC-{id:06}'")).await,
            1
        );
        // Twice: nothing more (409), one audit entry.
        let twice = supervisor.post(&path, &[("csrf", &csrf), ("risposta", "Di nuovo")]).await;
        assert_eq!(twice.status, 409);
        assert_eq!(count(&app, "select count(*) from audit_log where action = 'accessibility_feedback.answered'").await, 1);
    }

    async fn a_flood_of_reports_from_one_client_is_refused(backend) {
        let app = TestApp::spawn_configured(backend, |s| {
            s.with_throttle(ThrottleConfig { reports_per_client: 3, ..ThrottleConfig::default() })
        })
        .await;
        let reader = Browser::new(&app);
        // Forms with errors store nothing and count nothing.
        for _ in 0..5 {
            assert_eq!(reader.post(routes::ACCESSIBILITY_FEEDBACK, &[("descrizione", "")]).await.status, 422);
        }
        for i in 0..3 {
            let text = format!("Segnalazione numero {i}");
            let sent = reader.post(routes::ACCESSIBILITY_FEEDBACK, &[("descrizione", &text)]).await;
            assert_eq!(sent.status, 303);
        }
        let refused = reader
            .client
            .post(app.url(routes::ACCESSIBILITY_FEEDBACK))
            .header("origin", format!("http://{}", app.addr))
            .form(&[("descrizione", "Ancora una")])
            .send()
            .await
            .expect("post");
        assert_eq!(refused.status(), 429);
        assert!(refused.headers().contains_key("retry-after"));
        assert_eq!(count(&app, "select count(*) from accessibility_feedback").await, 3);
    }
}
