//! Citizens who sign in with SPID or CIE, against a real OpenID Connect provider started by the
//! test (`end2end/tools/oidc-op.mjs`: the npm package `oidc-provider`, with its own sign-in
//! pages), not a mock of the client crate: signing in, the citizen's own area, booking and
//! opening a booking without codes, signing out here and everywhere, idle and old sessions, a
//! tampered `state` or nonce, a wrong issuer, a fiscal-number claim that does not parse, and a
//! session id that changes at sign-in.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use reqwest::cookie::Jar;
use serde_json::{Value, json};
use server::citizen::oidc::ProviderConfig;
use server::state::AppState;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::common::{Backend, Page, TestApp};
use crate::fixtures::new_prescription;
use crate::{on_both_backends, query_one};

const CLIENT_ID: &str = "cupola-test";
const CLIENT_SECRET: &str = "a-test-secret-that-is-long-enough-for-hs256-000000";

/// The identity provider, as a child process (ended when dropped).
pub(crate) struct Provider {
    _child: tokio::process::Child,
    issuer: String,
    port: u16,
}

impl Provider {
    /// Starts the provider with Cupola at `app` registered; `host` is what its issuer names.
    async fn start(app: SocketAddr, host: &str) -> Provider {
        let end2end = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end");
        assert!(
            end2end.join("node_modules/oidc-provider").is_dir(),
            "the sign-in tests need the npm package oidc-provider: run `npm ci` in end2end/"
        );
        let config = json!({
            "host": host,
            "clients": [{
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [format!("http://{app}/accedi/ritorno")],
            }],
        });
        let mut child = tokio::process::Command::new("node")
            .arg(end2end.join("tools/oidc-op.mjs"))
            .arg(config.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node (20 or later) runs end2end/tools/oidc-op.mjs");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        tokio::time::timeout(Duration::from_secs(30), stdout.read_line(&mut line))
            .await
            .expect("the provider says its port within 30 s")
            .expect("read the provider's port");
        // Whatever else it prints is read and dropped (a closed pipe would stop it).
        tokio::spawn(async move {
            let mut rest = String::new();
            while stdout.read_line(&mut rest).await.is_ok_and(|n| n > 0) {
                rest.clear();
            }
        });
        let said: Value = serde_json::from_str(&line).expect("the first line is JSON");
        Provider {
            _child: child,
            issuer: said["issuer"].as_str().expect("issuer").to_owned(),
            port: u16::try_from(said["port"].as_u64().expect("port")).expect("port"),
        }
    }

    /// The provider's address as Cupola is told it (always 127.0.0.1).
    fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// Cupola with the provider registered as "prova" (its issuer given as 127.0.0.1), and the
/// provider, whose own issuer names `host`.
pub(crate) async fn start(backend: Backend, host: &str) -> (TestApp, Provider) {
    // The app's address is registered with the provider, and the provider's given to the app.
    let bound = TestApp::bind(backend).await;
    let addr = bound.addr;
    let provider = Provider::start(addr, host).await;
    let config = ProviderConfig {
        id: "prova".to_owned(),
        label: "SPID di prova".to_owned(),
        issuer: provider.address(),
        client_id: CLIENT_ID.to_owned(),
        client_secret: CLIENT_SECRET.to_owned(),
        fiscal_claim: "fiscalNumber".to_owned(),
        scopes: vec!["profile".to_owned()],
    };
    let app = TestApp::serve_bound(bound, move |state: AppState| {
        state
            .with_public_url(&format!("http://{addr}"))
            .with_sign_in(vec![config])
    })
    .await;
    (app, provider)
}

/// A browser that talks to Cupola and to the provider, with cookies it can also set by hand.
pub(crate) struct Citizen {
    client: reqwest::Client,
    jar: Arc<Jar>,
    base: String,
}

impl Citizen {
    pub(crate) fn new(app: &TestApp) -> Citizen {
        let jar = Arc::new(Jar::default());
        Citizen {
            client: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            jar,
            base: format!("http://{}", app.addr),
        }
    }

    fn url(&self, to: &str) -> String {
        if to.starts_with("http") {
            to.to_owned()
        } else {
            format!("{}{to}", self.base)
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        Page {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned),
            body: response.text().await.expect("body"),
        }
    }

    pub(crate) async fn get(&self, to: &str) -> Page {
        Self::page(self.client.get(self.url(to)).send().await.expect("get")).await
    }

    pub(crate) async fn post(&self, to: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(self.url(to))
                .header("origin", &self.base)
                .form(form)
                .send()
                .await
                .expect("post"),
        )
        .await
    }

    /// The citizen session cookie's value, as the browser holds it for Cupola.
    fn session_cookie(&self) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("url");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|c| c.strip_prefix("cupola_citizen=").map(str::to_owned))
    }

    fn set_session_cookie(&self, value: &str) {
        let url = self.base.parse().expect("url");
        self.jar
            .add_cookie_str(&format!("cupola_citizen={value}; Path=/"), &url);
    }

    /// Signs in as `login` at the provider, with `tamper` applied to the address of the
    /// provider's authorization page (its query) and `tamper_back` to the address it sends the
    /// browser back to. Returns Cupola's answer to that return.
    async fn sign_in_with(
        &self,
        provider: &Provider,
        login: &str,
        tamper: impl Fn(String) -> String,
        tamper_back: impl Fn(String) -> String,
    ) -> Page {
        let leave = self.get("/accedi/con/prova").await;
        assert_eq!(leave.status, 303, "{}", leave.body);
        let authorize = leave.location.expect("to the provider");
        assert!(
            authorize.starts_with(&provider.issuer),
            "to the provider: {authorize}"
        );
        for needed in [
            "code_challenge=",
            "code_challenge_method=S256",
            "state=",
            "nonce=",
        ] {
            assert!(
                authorize.contains(needed),
                "PKCE, state and nonce: {authorize}"
            );
        }
        let authorize = tamper(authorize).replace(&provider.issuer, &provider.address());
        let mut next = self.get(&authorize).await;
        // The provider's own pages: sign in, then consent if it asks.
        for _ in 0..6 {
            let location = next.location.clone().expect("a redirect");
            let absolute = if location.starts_with('/') {
                format!("{}{location}", provider.address())
            } else {
                location.replace(&provider.issuer, &provider.address())
            };
            if absolute.contains("/accedi/ritorno") {
                return self.get(&tamper_back(absolute)).await;
            }
            next = if absolute.contains("/interaction/") {
                let shown = self.get(&absolute).await;
                let prompt = if shown.body.contains("name=\"login\"") {
                    "login"
                } else {
                    "consent"
                };
                self.post(
                    &absolute,
                    &[("prompt", prompt), ("login", login), ("password", "x")],
                )
                .await
            } else {
                self.get(&absolute).await
            };
        }
        panic!("the provider never sent the browser back");
    }

    pub(crate) async fn sign_in(&self, provider: &Provider, login: &str) -> Page {
        self.sign_in_with(provider, login, |u| u, |u| u).await
    }
}

pub(crate) fn spid(fiscal_code: &str) -> String {
    format!("TINIT-{fiscal_code}")
}

/// The value of query parameter `name` in `url` replaced by `value`.
fn with_param(url: &str, name: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').expect("a query");
    let query = query
        .split('&')
        .map(|pair| {
            if pair.starts_with(&format!("{name}=")) {
                format!("{name}={value}")
            } else {
                pair.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{base}?{query}")
}

pub(crate) fn slot_ids(html: &str) -> Vec<String> {
    html.split("name=\"slot\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Whether the page is the signed-in area (not the page that asks for codes).
pub(crate) fn is_area(page: &Page) -> bool {
    page.status == 200 && page.body.contains("Hai effettuato l'accesso come")
}

on_both_backends! {
    async fn a_signed_in_citizen_sees_their_own_and_books_without_codes(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let citizen = Citizen::new(&app);

        // The page that asks for codes offers signing in.
        let ask = citizen.get("/le-mie-prenotazioni").await;
        assert!(ask.body.contains("href=\"/accedi\""), "{}", ask.body);
        let choose = citizen.get("/accedi").await;
        assert!(choose.body.contains("Entra con SPID di prova"));

        let back = citizen.sign_in(&provider, &spid(&cf)).await;
        assert_eq!(back.status, 303, "{}", back.body);
        assert_eq!(back.location.as_deref(), Some("/le-mie-prenotazioni"));
        let area = citizen.get("/le-mie-prenotazioni").await;
        assert!(is_area(&area), "{}", area.body);
        assert!(area.body.contains("Prova Cittadino"));
        assert!(area.body.contains(&nre), "their prescription is listed");
        assert!(area.body.contains("/esci/ovunque"));

        // Book it from there: the journey, with no code typed.
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        let book = citizen.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        assert_eq!(book.status, 303, "{}", book.body);
        assert_eq!(book.location.as_deref(), Some("/prenota/disponibilita"));
        let slots = citizen.get("/prenota/disponibilita?zona=").await;
        let slot = slot_ids(&slots.body).first().cloned().expect("a free slot");
        let chosen = citizen.post("/prenota/scegli", &[("slot", &slot)]).await;
        assert_eq!(chosen.status, 303, "{}", chosen.body);
        let done = citizen.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let (code,): (String,) = query_one!(app.db(), (String,),
            "select b.code from bookings b join prescriptions p on p.id = b.prescription_id \
             where p.nre = $1 and b.status = 'confirmed'", &nre);

        // The area lists the booking; its receipt opens for its holder, signed in.
        let area = citizen.get("/le-mie-prenotazioni").await;
        assert!(area.body.contains(&format!("/prenotazioni/{code}")), "{}", area.body);
        let receipt = citizen.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(receipt.status, 200, "{:?}", receipt.location);

        // Someone else's prescription cannot be booked from here.
        let (_, other_nre) = loop {
            let other = new_prescription(&app, "89.7A.3", "P").await;
            if other.0 != cf {
                break other;
            }
        };
        let (other_id,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &other_nre);
        let refused = citizen.post(&format!("/prenota/ricetta/{other_id}"), &[]).await;
        assert_eq!(refused.status, 404);
        assert!(refused.body.contains("non risulta a tuo nome"));

        // Signing in is audited (with no code in any log line: the log has none of this).
        let (audits,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where action = 'citizen.signed_in' and fiscal_code = $1", &cf);
        assert_eq!(audits, 1);
    }

    async fn signing_out_ends_the_session_and_what_it_chose(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let citizen = Citizen::new(&app);
        citizen.sign_in(&provider, &spid(&cf)).await;
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        citizen.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        assert_eq!(citizen.get("/prenota/disponibilita").await.status, 200);

        let out = citizen.post("/esci", &[]).await;
        assert_eq!(out.status, 303);
        assert_eq!(out.location.as_deref(), Some("/accedi?uscito=1"));
        let notice = citizen.get("/accedi?uscito=1").await;
        assert!(notice.body.contains("Sei uscito"));
        let ask = citizen.get("/le-mie-prenotazioni").await;
        assert!(!is_area(&ask), "the codes are asked for again");
        let slots = citizen.get("/prenota/disponibilita").await;
        assert_eq!(slots.location.as_deref(), Some("/prenota"), "the chosen prescription is gone");
    }

    async fn signing_out_everywhere_ends_every_session_of_the_citizen(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, nre) = new_prescription(&app, "89.7A.3", "P").await;
        let phone = Citizen::new(&app);
        let laptop = Citizen::new(&app);
        phone.sign_in(&provider, &spid(&cf)).await;
        laptop.sign_in(&provider, &spid(&cf)).await;
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        laptop.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        assert!(is_area(&laptop.get("/le-mie-prenotazioni").await));

        let out = phone.post("/esci/ovunque", &[]).await;
        assert_eq!(out.location.as_deref(), Some("/accedi?uscito=1"), "{} {}", out.status, out.body);
        let ended = laptop.get("/le-mie-prenotazioni").await;
        assert_eq!(ended.location.as_deref(), Some("/accedi?scaduta=1"), "{}", ended.body);
        let slots = laptop.get("/prenota/disponibilita").await;
        assert_eq!(slots.location.as_deref(), Some("/prenota"), "what the session chose goes with it");
        let (audits,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where action = 'citizen.signed_out_everywhere' and fiscal_code = $1", &cf);
        assert_eq!(audits, 1);

        // Signing in again afterwards works.
        laptop.sign_in(&provider, &spid(&cf)).await;
        assert!(is_area(&laptop.get("/le-mie-prenotazioni").await));
    }

    async fn a_session_ends_after_15_idle_minutes_or_8_hours(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let idle = Citizen::new(&app);
        idle.sign_in(&provider, &spid(&cf)).await;
        app.clock.advance(14 * 60);
        assert!(is_area(&idle.get("/le-mie-prenotazioni").await), "14 minutes: still signed in");
        app.clock.advance(16 * 60);
        let ended = idle.get("/le-mie-prenotazioni").await;
        assert_eq!(ended.location.as_deref(), Some("/accedi?scaduta=1"));
        let expired = idle.get("/accedi?scaduta=1").await;
        assert!(expired.body.contains("La sessione è scaduta"));

        let busy = Citizen::new(&app);
        busy.sign_in(&provider, &spid(&cf)).await;
        // Active every 10 minutes: still signed in at 7 h 50 min, ended past 8 hours.
        for _ in 0..47 {
            app.clock.advance(10 * 60);
            assert!(is_area(&busy.get("/le-mie-prenotazioni").await));
        }
        app.clock.advance(11 * 60);
        let ended = busy.get("/le-mie-prenotazioni").await;
        assert_eq!(ended.location.as_deref(), Some("/accedi?scaduta=1"));
    }

    async fn a_tampered_state_or_nonce_signs_no_one_in(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;

        let forged_state = Citizen::new(&app);
        let back = forged_state
            .sign_in_with(&provider, &spid(&cf), |u| u, |u| with_param(&u, "state", "forged"))
            .await;
        assert_eq!(back.status, 400, "{}", back.body);
        assert!(back.body.contains("Accesso non riuscito"));
        assert!(!is_area(&forged_state.get("/le-mie-prenotazioni").await));

        let forged_nonce = Citizen::new(&app);
        let back = forged_nonce
            .sign_in_with(&provider, &spid(&cf), |u| with_param(&u, "nonce", "forged-nonce"), |u| u)
            .await;
        assert_eq!(back.status, 400, "{}", back.body);
        assert!(!is_area(&forged_nonce.get("/le-mie-prenotazioni").await));

        // A return with no sign-in begun (no sealed request in the browser).
        let stranger = Citizen::new(&app);
        let back = stranger.get("/accedi/ritorno?code=abc&state=def").await;
        assert_eq!(back.status, 400);
        // Cancelled at the provider.
        let back = stranger.get("/accedi/ritorno?error=access_denied&state=def").await;
        assert!(back.body.contains("Hai annullato l'accesso"), "{}", back.body);

        // The provider's answer used twice: the second time signs no one in.
        let once = Citizen::new(&app);
        let first_return = std::cell::RefCell::new(String::new());
        let back = once
            .sign_in_with(&provider, &spid(&cf), |u| u, |u| {
                first_return.borrow_mut().clone_from(&u);
                u
            })
            .await;
        assert_eq!(back.status, 303);
        once.post("/esci", &[]).await;
        let replay = first_return.borrow().clone();
        let replayed = once.get(&replay).await;
        assert_eq!(replayed.status, 400, "{}", replayed.body);
        assert!(!is_area(&once.get("/le-mie-prenotazioni").await));
    }

    async fn a_provider_naming_another_issuer_is_refused(backend) {
        // The provider says its issuer is http://localhost:PORT; Cupola was told 127.0.0.1.
        let (app, _provider) = start(backend, "localhost").await;
        let citizen = Citizen::new(&app);
        let leave = citizen.get("/accedi/con/prova").await;
        assert_eq!(leave.status, 400, "{}", leave.body);
        assert!(leave.location.is_none(), "nobody is sent to a provider that is not the one configured");
        assert!(leave.body.contains("Accesso non riuscito"));
    }

    async fn a_fiscal_number_that_does_not_parse_signs_no_one_in(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        for login in ["TINIT-RSSMRA80A01H501X", "TINIT-NOTAFISCALCODE", "no-fiscal-number"] {
            let citizen = Citizen::new(&app);
            let back = citizen.sign_in(&provider, login).await;
            assert_eq!(back.status, 403, "{login}: {}", back.body);
            assert!(back.body.contains("non ha fornito un codice fiscale valido"), "{login}");
            assert!(!is_area(&citizen.get("/le-mie-prenotazioni").await), "{login}");
        }
        let unknown = Citizen::new(&app).get("/accedi/con/nessuno").await;
        assert_eq!(unknown.status, 404);
    }

    async fn kiosk_terminals_never_sign_in(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let kiosk = Citizen::new(&app);
        assert_eq!(kiosk.get("/chiosco").await.status, 200, "the terminal is marked a kiosk");
        let page = kiosk.get("/accedi").await;
        assert!(page.body.contains("Alle postazioni self-service non si accede"), "{}", page.body);
        assert!(!page.body.contains("/accedi/con/"), "no provider is offered");
        let leave = kiosk.get("/accedi/con/prova").await;
        assert_eq!(leave.status, 403);
        assert!(leave.location.is_none(), "nobody leaves for a provider from a kiosk");
        // A session signed in elsewhere is not honoured on the kiosk.
        let elsewhere = Citizen::new(&app);
        elsewhere.sign_in(&provider, &spid(&cf)).await;
        let session = elsewhere.session_cookie().expect("a session");
        kiosk.set_session_cookie(&session);
        assert!(!is_area(&kiosk.get("/le-mie-prenotazioni").await));
        assert!(is_area(&elsewhere.get("/le-mie-prenotazioni").await), "the session itself lives on");
    }

    async fn the_session_id_changes_at_sign_in(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (cf, _) = new_prescription(&app, "89.7A.3", "P").await;
        let citizen = Citizen::new(&app);
        citizen.sign_in(&provider, &spid(&cf)).await;
        let first = citizen.session_cookie().expect("a session cookie");
        citizen.post("/esci", &[]).await;
        // A session id someone planted (here: one that was valid) is not kept at sign-in.
        citizen.set_session_cookie(&first);
        citizen.sign_in(&provider, &spid(&cf)).await;
        let second = citizen.session_cookie().expect("a session cookie");
        assert_ne!(first, second);
        assert!(is_area(&citizen.get("/le-mie-prenotazioni").await));
    }
}
