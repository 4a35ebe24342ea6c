//! Pharmacy kiosk terminals: kiosk quotas and channel, nothing kept, and the reset.

use chrono::Days;

use crate::common::{Browser, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot};
use crate::{execute, on_both_backends, query_one};

async fn header(browser: &Browser, app: &TestApp, path: &str, name: &str) -> String {
    browser
        .client
        .get(app.url(path))
        .send()
        .await
        .expect("get")
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A browser with the prescription typed in (a kiosk one when `kiosk`).
async fn verified(app: &TestApp, kiosk: bool) -> Browser {
    let browser = Browser::new(app);
    if kiosk {
        assert_eq!(browser.get("/chiosco").await.status, 200);
    }
    let (cf, nre) = new_prescription(app, "89.7A.3", "P").await;
    let response = browser
        .client
        .post(app.url("/prenota"))
        .header("origin", app.url("").trim_end_matches('/'))
        .form(&[("codice_fiscale", cf.as_str()), ("nre", nre.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 303);
    let pass_cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cupola_pass="))
        .expect("a pass")
        .to_owned();
    // A kiosk's pass is short-lived: what someone leaves behind soon becomes useless.
    let lifetime = if kiosk { "Max-Age=600" } else { "Max-Age=3600" };
    assert!(pass_cookie.contains(lifetime), "{pass_cookie}");
    browser
}

on_both_backends! {
    async fn a_kiosk_books_its_quota_as_a_kiosk_and_keeps_nothing(backend) {
        let app = TestApp::spawn(backend).await;
        let reserved = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(9), 5).await;
        execute!(app.db(), "update slots set reserved_channel = 'kiosk' where id = $1", reserved);

        // The portal may not take a slot kept for kiosks.
        let web = verified(&app, false).await;
        let refused = web.post("/prenota/scegli", &[("slot", &reserved.to_string())]).await;
        assert_eq!(refused.status, 409, "the portal took a kiosk slot");

        // The start screen marks the terminal; its pages are the kiosk's and never stored.
        let kiosk = Browser::new(&app);
        let start = kiosk.client.get(app.url("/chiosco")).send().await.expect("get");
        assert_eq!(start.headers()["cache-control"], "no-store");
        let marks = start
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.starts_with("cupola_chiosco="));
        assert!(marks, "/chiosco marks the terminal");
        let body = start.text().await.expect("body");
        assert_strict_page(&body);
        assert!(body.contains("class=\"kiosk\"") && body.contains("Termina e cancella i dati"));

        let kiosk = verified(&app, true).await;
        let chosen = kiosk.post("/prenota/scegli", &[("slot", &reserved.to_string())]).await;
        assert_eq!(chosen.status, 303, "a kiosk may take its quota: {}", chosen.body);
        let done = kiosk.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let (channel,): (String,) = query_one!(
            app.db(), (String,), "select channel from bookings where slot_id = $1 and status = 'confirmed'", reserved
        );
        assert_eq!(channel, "kiosk");

        let receipt_path = done.location.clone().expect("receipt");
        assert_eq!(header(&kiosk, &app, &receipt_path, "cache-control").await, "no-store");
        let receipt = kiosk.get(&receipt_path).await;
        assert_strict_page(&receipt.body);
        assert!(receipt.body.contains("data-print"), "a print button");
        assert!(!receipt.body.contains("calendario.ics"), "no file left on the terminal");
        // Elsewhere receipts may be kept by the citizen's own browser.
        assert_eq!(header(&web, &app, "/", "cache-control").await, "no-cache");
    }

    async fn ending_a_kiosk_session_forgets_the_pass_and_gives_the_slot_back(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(9), 6).await;
        let kiosk = verified(&app, true).await;
        assert_eq!(kiosk.post("/prenota/scegli", &[("slot", &slot.to_string())]).await.status, 303);
        assert_eq!(kiosk.get("/prenota/conferma").await.status, 200);

        let ended = kiosk
            .client
            .post(app.url("/chiosco/fine"))
            .header("origin", app.url("").trim_end_matches('/'))
            .send()
            .await
            .expect("post");
        assert_eq!(ended.status(), 303);
        assert_eq!(ended.headers()["location"], "/chiosco?chiusa");
        assert_eq!(ended.headers()["clear-site-data"], "\"cache\", \"storage\"");
        let forgotten = ended
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.starts_with("cupola_pass=;") && c.contains("Max-Age=0"));
        assert!(forgotten, "the pass is deleted");

        // The journey starts again, and the slot is free for the next person at once.
        let after = kiosk.get("/prenota/conferma").await;
        assert_eq!(after.location.as_deref(), Some("/prenota"));
        let next = verified(&app, false).await;
        assert_eq!(next.post("/prenota/scegli", &[("slot", &slot.to_string())]).await.status, 303);
        let start = kiosk.get("/chiosco?chiusa").await;
        assert!(start.body.contains("Sessione terminata"));
    }

    async fn only_enrolled_terminals_are_kiosks_when_a_key_is_set(backend) {
        let app = TestApp::spawn_configured(backend, |state| {
            state.with_kiosk_key(Some("farmacia-1234".to_owned()))
        })
        .await;
        let reserved = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(9), 7).await;
        execute!(app.db(), "update slots set reserved_channel = 'kiosk' where id = $1", reserved);

        // An ordinary browser is not let in, with the wrong key neither.
        let browser = Browser::new(&app);
        assert_eq!(browser.get("/chiosco").await.status, 403);
        assert_eq!(browser.get("/chiosco?chiave=farmacia-0000").await.status, 403);

        // A hand-made kiosk cookie makes no kiosk: the portal's rules apply.
        let forged = Browser::new(&app);
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let origin = app.url("");
        let post = |path: &str, form: Vec<(&'static str, String)>| {
            forged
                .client
                .post(app.url(path))
                .header("origin", origin.trim_end_matches('/'))
                .header("cookie", "cupola_chiosco=1")
                .form(&form)
                .send()
        };
        let typed = post("/prenota", vec![("codice_fiscale", cf), ("nre", nre)]).await.expect("post");
        assert_eq!(typed.status(), 303);
        let pass = typed.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned();
        let refused = forged
            .client
            .post(app.url("/prenota/scegli"))
            .header("origin", origin.trim_end_matches('/'))
            .header("cookie", format!("cupola_chiosco=1; {pass}"))
            .form(&[("slot", reserved.to_string())])
            .send()
            .await
            .expect("post");
        assert_eq!(refused.status(), 409, "a forged kiosk cookie took a kiosk slot");

        // The terminal opens the address with the key once; the key leaves the address bar.
        let terminal = Browser::new(&app);
        let enrolled = terminal.get("/chiosco?chiave=farmacia-1234").await;
        assert_eq!(enrolled.status, 303);
        assert_eq!(enrolled.location.as_deref(), Some("/chiosco"));
        let start = terminal.get("/chiosco").await;
        assert_eq!(start.status, 200);
        assert!(start.body.contains("class=\"kiosk\"") && !start.body.contains("farmacia-1234"));
    }
}
