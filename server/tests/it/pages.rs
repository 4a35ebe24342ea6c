//! Public pages: language, accessibility basics, strict CSP, search, errors, static files.

use crate::common::{TestApp, assert_strict_page};
use crate::on_both_backends;

on_both_backends! {
    async fn the_home_page_is_italian_strict_and_labelled(backend) {
        let app = TestApp::spawn(backend).await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 200);
        let csp = response.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
        assert!(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(response.headers()["content-language"], "it");
        let html = response.text().await.expect("body");
        assert_strict_page(&html);
        assert!(html.contains("<html lang=\"it\" dir=\"ltr\">"));
        assert!(html.contains("<label for=\"q\">Cerca una prestazione</label>"));
        assert!(html.contains("aria-describedby=\"q-hint\""));
        assert!(html.contains("href=\"#main\""), "skip link");
    }

    async fn a_page_made_per_request_is_sent_in_gzip_and_a_prepared_one_in_brotli(backend) {
        let app = TestApp::spawn(backend).await;
        let get = |path: &'static str, encodings: &'static str| {
            app.client.get(app.url(path)).header("accept-encoding", encodings).send()
        };
        // The booking form is made per request: gzip, although brotli is preferred.
        let form = get("/prenota", "br, gzip").await.expect("request");
        assert_eq!(form.status(), 200);
        assert_eq!(form.headers()["content-encoding"], "gzip");
        let mut html = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&form.bytes().await.expect("body")[..]),
            &mut html,
        )
        .expect("gzip");
        assert!(html.contains("<html lang=\"it\""));
        // A client that takes brotli alone gets the page uncompressed, whole.
        let plain = get("/prenota", "br").await.expect("request");
        assert!(plain.headers().get("content-encoding").is_none());
        assert!(plain.text().await.expect("body").contains("<html lang=\"it\""));
        // The home page is prepared bytes, compressed in brotli once.
        let home = get("/", "br, gzip").await.expect("request");
        assert_eq!(home.headers()["content-encoding"], "br");
    }

    async fn the_language_switch_is_remembered(backend) {
        let app = TestApp::spawn(backend).await;
        let switch = app.get("/lingua/en?torna=%2Fprestazioni%3Fq%3Decografia").await;
        assert_eq!(switch.status(), 303);
        assert_eq!(switch.headers()["location"], "/prestazioni?q=ecografia");
        let cookie = switch.headers()["set-cookie"].to_str().expect("ascii").to_owned();
        assert!(cookie.starts_with("lang=en;") && cookie.contains("Max-Age="));
        let english = app
            .client
            .get(app.url("/prestazioni?q=ecografia"))
            .header("cookie", "lang=en")
            .send()
            .await
            .expect("request");
        let html = english.text().await.expect("body");
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
        assert!(html.contains("Search for a service"));
        // The switch never sends anyone to another site.
        let away = app.get("/lingua/it?torna=https%3A%2F%2Fevil.example").await;
        assert_eq!(away.headers()["location"], "/");
        assert_eq!(app.get("/lingua/fr").await.status(), 404);
    }

    async fn a_first_visit_follows_accept_language_and_a_form_is_resent_in_the_new_language(backend) {
        let app = TestApp::spawn(backend).await;
        let romanian = app
            .client
            .get(app.url("/"))
            .header("accept-language", "ro-RO,ro;q=0.9,en;q=0.8")
            .send()
            .await
            .expect("request");
        assert_eq!(romanian.headers()["content-language"], "ro");
        assert!(romanian.headers()["vary"].to_str().expect("ascii").contains("Accept-Language"));
        let html = romanian.text().await.expect("body");
        assert!(html.contains("<html lang=\"ro\" dir=\"ltr\">"));
        // Every language is offered, each named in itself.
        for name in ["Italiano", "English", "Română", "العربية"] {
            assert!(html.contains(name), "{name}");
        }
        // The switch on a form with errors sends the same POST body back to the form (finding
        // 12): a 307 keeps the method and the body, so what was typed is not lost.
        let resend = app.client.post(app.url("/lingua/en?torna=%2Fprenota"))
            .header("origin", app.url("").trim_end_matches('/'))
            .form(&[("codice_fiscale", "RSSMRA"), ("nre", "123")])
            .send().await.expect("request");
        assert_eq!(resend.status(), 307);
        assert_eq!(resend.headers()["location"], "/prenota");
        assert!(resend.headers()["set-cookie"].to_str().expect("ascii").starts_with("lang=en;"));
    }

    async fn the_catalogue_forgives_accents_case_and_typos(backend) {
        let app = TestApp::spawn(backend).await;
        for query in ["ecografia%20addome", "ECOGRAFIA", "ecogafia%20adome", "Ecografìa"] {
            let html = app.get(&format!("/prestazioni?q={query}")).await.text().await.expect("body");
            assert!(html.contains("Ecografia dell&#x27;addome completo") || html.contains("Ecografia dell'addome completo"),
                "query {query} did not find the abdominal ultrasound");
        }
        let code = app.get("/prestazioni?q=89.7A.3").await.text().await.expect("body");
        assert!(code.contains("Prima visita cardiologica"));
        let none = app.get("/prestazioni?q=zzzzzz").await.text().await.expect("body");
        assert!(none.contains("Nessuna prestazione trovata"));
        assert_strict_page(&none);
    }

    async fn unknown_pages_get_a_404_page_in_the_chosen_language(backend) {
        let app = TestApp::spawn(backend).await;
        let response = app.get("/non-esiste").await;
        assert_eq!(response.status(), 404);
        let html = response.text().await.expect("body");
        assert!(html.contains("Pagina non trovata"));
        assert_strict_page(&html);
        let english = app
            .client
            .get(app.url("/does-not-exist"))
            .header("cookie", "lang=en")
            .send()
            .await
            .expect("request");
        assert_eq!(english.status(), 404);
        assert!(english.text().await.expect("body").contains("Page not found"));
    }

    async fn static_files_come_from_memory_compressed_and_cacheable(backend) {
        let app = TestApp::spawn(backend).await;
        let home = app.get("/").await.text().await.expect("body");
        let href = home
            .split("rel=\"stylesheet\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("stylesheet link")
            .to_owned();
        let css = app
            .client
            .get(app.url(&href))
            .header("accept-encoding", "br, gzip")
            .send()
            .await
            .expect("request");
        assert_eq!(css.status(), 200);
        assert_eq!(css.headers()["content-encoding"], "br");
        assert_eq!(css.headers()["cache-control"], "public, max-age=31536000, immutable");
        // A stylesheet carries no document policies (they would only weigh on the first visit).
        assert_eq!(css.headers()["x-content-type-options"], "nosniff");
        assert!(css.headers().get("content-security-policy").is_none());
        let etag = css.headers()["etag"].clone();
        let again = app
            .client
            .get(app.url(&href))
            .header("accept-encoding", "br, gzip")
            .header("if-none-match", etag)
            .send()
            .await
            .expect("request");
        assert_eq!(again.status(), 304);
        for path in ["/sw.js", "/app.js", "/manifest.webmanifest", "/robots.txt", "/offline.html", "/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png"] {
            assert_eq!(app.get(path).await.status(), 200, "{path}");
        }
        // Every icon the manifest names is there.
        let manifest: serde_json::Value = app.get("/manifest.webmanifest").await.json().await.expect("json");
        for icon in manifest["icons"].as_array().expect("icons") {
            let src = icon["src"].as_str().expect("src");
            let response = app.get(src).await;
            assert_eq!(response.status(), 200, "{src}");
            assert_eq!(response.headers()["content-type"], icon["type"].as_str().expect("type"));
        }
        // The scripts update with the release: revalidated on every use.
        for path in ["/sw.js", "/app.js"] {
            let script = app.get(path).await;
            assert_eq!(script.headers()["cache-control"], "no-cache", "{path}");
            assert_eq!(script.headers()["content-type"], "text/javascript; charset=utf-8");
        }
        // The data sources are a page like the others, compressed once at the highest level.
        let sources = app
            .client
            .get(app.url("/fonti"))
            .header("accept-encoding", "br")
            .send()
            .await
            .expect("request");
        assert_eq!(sources.headers()["content-encoding"], "br");
        assert_eq!(sources.headers()["vary"], "Accept-Encoding, Cookie, Accept-Language");
        // In three parts, each listing the three with the current one marked; every section of
        // the document is in exactly one part.
        let mut sections = Vec::new();
        for (path, h1, current) in [
            ("/fonti", "<h1>Fonti dei dati</h1>", r#"<a href="/fonti" aria-current="page">"#),
            (
                "/fonti/strutture",
                "<h1>Fonti dei dati: Strutture</h1>",
                r#"<a href="/fonti/strutture" aria-current="page">"#,
            ),
            (
                "/fonti/prestazioni",
                "<h1>Fonti dei dati: Prestazioni</h1>",
                r#"<a href="/fonti/prestazioni" aria-current="page">"#,
            ),
        ] {
            let page = app.get(path).await.text().await.expect("body");
            crate::common::assert_strict_page(&page);
            assert!(page.contains(h1), "{path}");
            assert!(page.contains(current), "{path}");
            assert_eq!(page.matches("aria-current=\"page\"").count(), 1, "{path}");
            for heading in ["<h3>1. facilities.csv", "<h3>2. services.csv", "<h3>3. What could not"] {
                if page.contains(heading) {
                    sections.push(heading);
                }
            }
        }
        sections.sort_unstable();
        assert_eq!(
            sections,
            ["<h3>1. facilities.csv", "<h3>2. services.csv", "<h3>3. What could not"]
        );
        // Pages are compressed on the way out.
        let page = app
            .client
            .get(app.url("/prestazioni"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("request");
        assert_eq!(page.headers()["content-encoding"], "gzip");
    }
}
