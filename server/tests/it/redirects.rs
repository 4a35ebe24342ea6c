//! Redirect targets a client sends (`?torna=` of the language switch, the staff login's `next`)
//! never leave the site and never fail, whatever characters they carry.

use crate::common::{Browser, TestApp};
use crate::on_both_backends;
use crate::staff::csrf_of;

/// Targets as they arrive in a query string or a form (percent-encoded).
const HOSTILE: &[&str] = &[
    "/%09/evil.example/",
    "/%0A/evil.example/",
    "/%0D%0A/evil.example/",
    "%2F%0A",
    "/%00",
    "/%7F",
    "/%0D",
    "/%5Cevil.example",
    "%5C%5Cevil.example",
    "//evil.example",
    "%2F%2Fevil.example",
    "https://evil.example/",
    "%09//evil.example",
    "/%2F/evil.example",
    "javascript:alert(1)",
];

/// Where a browser goes with this `Location`, from the app's own origin.
fn stays_on_site(app: &TestApp, location: &str) -> bool {
    let base = reqwest::Url::parse(&app.url("/")).expect("base");
    base.join(location)
        .is_ok_and(|to| to.origin() == base.origin())
        && !location.starts_with("//")
}

on_both_backends! {
    async fn the_language_switch_goes_back_only_to_this_site(backend) {
        let app = TestApp::spawn(backend).await;
        for target in HOSTILE {
            let response = app.get(&format!("/lingua/en?torna={target}")).await;
            assert_eq!(response.status().as_u16(), 303, "torna={target}");
            let location = response.headers()["location"].to_str().expect("ASCII location");
            assert!(stays_on_site(&app, location), "torna={target} → {location:?}");
        }
        // A local target is kept.
        let response = app.get("/lingua/en?torna=/prestazioni%3Fq%3Decg").await;
        assert_eq!(response.headers()["location"], "/prestazioni?q=ecg");
    }

    async fn after_signing_in_staff_go_only_to_staff_pages_of_this_site(backend) {
        let app = TestApp::spawn(backend).await;
        let mut targets: Vec<String> = HOSTILE.iter().map(|t| t.to_string()).collect();
        // Typed into the form, not percent-encoded.
        targets.extend(["/\t/evil.example/", "/operatore\n/x", "/operatore/\\\\evil.example", "/operatorex"].map(String::from));
        for target in &targets {
            let browser = Browser::new(&app);
            let form = browser.get("/operatore/accesso").await;
            let page = browser
                .post(
                    "/operatore/accesso",
                    &[
                        ("username", "operatore1"),
                        ("password", "cupola-operatore-1"),
                        ("csrf", &csrf_of(&form)),
                        ("next", target),
                    ],
                )
                .await;
            assert_eq!(page.status, 303, "next={target:?}: {}", page.body);
            let location = page.location.expect("a location");
            assert!(stays_on_site(&app, &location), "next={target:?} → {location:?}");
            assert!(location.starts_with("/operatore"), "next={target:?} → {location:?}");
        }
        // A staff page asked for before signing in is where the operator lands.
        let browser = Browser::new(&app);
        let form = browser.get("/operatore/accesso?torna=/operatore/disponibilita").await;
        let page = browser
            .post(
                "/operatore/accesso",
                &[
                    ("username", "operatore1"),
                    ("password", "cupola-operatore-1"),
                    ("csrf", &csrf_of(&form)),
                    ("next", "/operatore/disponibilita"),
                ],
            )
            .await;
        assert_eq!(page.location.as_deref(), Some("/operatore/disponibilita"));
    }
}
