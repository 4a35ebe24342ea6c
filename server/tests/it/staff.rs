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
            let expected = if attempt < 5 { "Nome utente o password non corretti" } else { "account è bloccato" };
            assert!(page.body.contains(expected), "attempt {attempt}");
        }
        // Even the right password is refused while locked.
        let form = browser.get("/operatore/accesso").await;
        let page = browser
            .post("/operatore/accesso", &[("username", "operatore2"), ("password", "cupola-operatore-2"), ("csrf", &csrf_of(&form))])
            .await;
        assert_eq!(page.status, 422);
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
}
