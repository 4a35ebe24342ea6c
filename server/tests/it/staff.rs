//! Staff sign-in and the operators' lane.

use server::admission::AdmissionConfig;

use crate::common::{Browser, Page, TestApp};
use crate::on_both_backends;

pub fn csrf_of(page: &Page) -> String {
    page.body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned()
}

/// Signs in and returns the browser.
pub async fn signed_in(app: &TestApp, username: &str, password: &str) -> Browser {
    let browser = Browser::new(app);
    let form = browser.get("/operatore/accesso").await;
    let csrf = csrf_of(&form);
    let done = browser
        .post(
            "/operatore/accesso",
            &[
                ("username", username),
                ("password", password),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    browser
}

on_both_backends! {
    async fn operators_sign_in_and_see_every_free_slot_including_reserved_ones(backend) {
        let app = TestApp::spawn(backend).await;
        let anonymous = Browser::new(&app);
        let page = anonymous.get("/operatore/disponibilita?servizio=89.7A.3").await;
        assert_eq!(page.status, 303, "no console without signing in");
        assert!(page.location.as_deref().is_some_and(|l| l.starts_with("/operatore/accesso?torna=")));

        let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        let page = operator.get("/operatore/disponibilita?servizio=89.7A.3").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Anna Neri"));
        assert!(page.body.contains("Riservato: operatori"), "operator-reserved slots are shown");
        let unknown = operator.get("/operatore/disponibilita?servizio=zzzzzz").await;
        assert_eq!(unknown.status, 422);
    }

    async fn a_wrong_password_is_refused_and_five_lock_the_account(backend) {
        let app = TestApp::spawn(backend).await;
        let browser = Browser::new(&app);
        for attempt in 1..=5 {
            let form = browser.get("/operatore/accesso").await;
            let page = browser
                .post("/operatore/accesso", &[("username", "operatore2"), ("password", "wrong"), ("csrf", &csrf_of(&form))])
                .await;
            assert_eq!(page.status, 422);
            // The same words before and after the lock: nobody learns which accounts exist.
            assert!(page.body.contains("Nome utente o password non corretti, oppure account bloccato"), "attempt {attempt}");
        }
        // Even the right password is refused while locked, with the same words.
        let form = browser.get("/operatore/accesso").await;
        let page = browser
            .post("/operatore/accesso", &[("username", "operatore2"), ("password", "cupola-operatore-2"), ("csrf", &csrf_of(&form))])
            .await;
        assert_eq!(page.status, 422);
        assert!(page.body.contains("Nome utente o password non corretti, oppure account bloccato"));
        // A form without the session's token is refused too.
        let forged = Browser::new(&app)
            .post("/operatore/accesso", &[("username", "operatore1"), ("password", "cupola-operatore-1"), ("csrf", "x")])
            .await;
        assert_eq!(forged.status, 422);
    }

    async fn operators_keep_working_when_the_citizens_lane_is_full(backend) {
        let app = TestApp::spawn_with(backend, AdmissionConfig { booking_capacity: 0, ..AdmissionConfig::default() }).await;
        let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        assert_eq!(app.get("/prenota").await.status(), 503, "citizens are shed");
        let page = operator.get("/operatore/disponibilita?servizio=95.02").await;
        assert_eq!(page.status, 200, "operators are not");
    }

    async fn signing_in_rotates_the_session_and_signing_out_ends_it(backend) {
        let app = TestApp::spawn(backend).await;
        let base = app.url("");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let session_of = |response: &reqwest::Response| {
            response
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("cupola_staff="))
                .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        };
        let form = client.get(app.url("/operatore/accesso")).send().await.expect("answer");
        let before = session_of(&form).expect("a session for the sign-in form's token");
        let csrf = csrf_of(&Page { status: 200, location: None, body: form.text().await.expect("body") });
        let signed = client
            .post(app.url("/operatore/accesso"))
            .header("cookie", &before)
            .header("origin", &base)
            .form(&[("username", "operatore1"), ("password", "cupola-operatore-1"), ("csrf", csrf.as_str())])
            .send()
            .await
            .expect("answer");
        assert_eq!(signed.status(), 303);
        let after = session_of(&signed).expect("a new session cookie at sign-in");
        assert_ne!(before, after, "signing in gives a new session id");
        let get = |cookie: String, path: &'static str| {
            let request = client.get(app.url(path)).header("cookie", cookie);
            async move { request.send().await.expect("answer") }
        };
        let old = get(before.clone(), "/operatore/disponibilita?servizio=95.02").await;
        assert_eq!(old.status(), 303, "the id from before signing in is not signed in");
        let menu = get(after.clone(), "/operatore").await;
        assert_eq!(menu.status(), 200);
        let csrf = csrf_of(&Page { status: 200, location: None, body: menu.text().await.expect("body") });
        let out = client
            .post(app.url("/operatore/uscita"))
            .header("cookie", &after)
            .header("origin", &base)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("answer");
        assert_eq!(out.status(), 303);
        let gone = get(after, "/operatore/disponibilita?servizio=95.02").await;
        assert_eq!(gone.status(), 303, "signed out: back to the sign-in page");
        assert!(gone.headers()["location"].to_str().unwrap_or_default().starts_with("/operatore/accesso"));
    }
}
