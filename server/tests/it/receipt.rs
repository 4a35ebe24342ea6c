//! The receipt as issue 14 asks for it: a cancelled booking never looks valid (page, print,
//! calendar file), the receipt names its patient and puts the date, time and place first, the
//! print pages have a print button, and the English wording explains its Italian terms.

use chrono::Days;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot};
use crate::{on_both_backends, query_one};

/// A browser that has booked `slot` with a new prescription; returns it with the booking code
/// and the patient's fiscal code.
async fn booked(app: &TestApp, slot: i64) -> (Browser, String, String) {
    let browser = Browser::new(app);
    let (cf, nre) = new_prescription(app, "89.7A.3", "P").await;
    let page = browser
        .post("/prenota", &[("codice_fiscale", &cf), ("nre", &nre)])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let chosen = browser
        .post("/prenota/scegli", &[("slot", &slot.to_string())])
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let done = browser
        .post("/prenota/conferma", &[("telefono", ""), ("email", "")])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let code = code_of(&done);
    (browser, code, cf)
}

fn code_of(page: &Page) -> String {
    let location = page.location.as_deref().expect("a redirect");
    location
        .trim_start_matches("/prenotazioni/")
        .split(['?', '/'])
        .next()
        .expect("a code")
        .to_owned()
}

/// The text of the `<title>`.
fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap_or_default()
}

on_both_backends! {
    async fn a_cancelled_booking_reads_as_cancelled_on_screen_in_print_and_in_the_calendar(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(20), 7).await;
        let (browser, code, _) = booked(&app, slot).await;
        let done = browser
            .post(&format!("/prenotazioni/{code}/annulla"), &[("motivo", "1"), ("dettagli", "al lavoro")])
            .await;
        assert_eq!(done.status, 303);

        let receipt = browser.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(receipt.status, 200);
        assert_strict_page(&receipt.body);
        assert!(title(&receipt.body).starts_with("Prenotazione annullata"), "{}", title(&receipt.body));
        assert!(receipt.body.contains("<h1>Prenotazione annullata</h1>"));
        assert!(receipt.body.contains("Annullata il "), "when");
        assert!(receipt.body.contains("Ho un impedimento in quella data: al lavoro"), "why");
        assert!(receipt.body.contains("non è più valido"));
        for gone in ["La tua prenotazione", "qr.svg", "Conservalo", "Preparazione", "/annulla\"", "/sposta\"", "calendario.ics"] {
            assert!(!receipt.body.contains(gone), "a cancelled receipt still shows {gone}");
        }

        let print = browser.get(&format!("/prenotazioni/{code}/stampa")).await;
        assert_eq!(print.status, 200);
        assert_strict_page(&print.body);
        assert!(print.body.contains("<h1>Attestazione di annullamento</h1>"));
        assert!(title(&print.body).starts_with("Attestazione di annullamento"));
        assert!(!print.body.contains("Ricevuta di prenotazione"));
        assert!(!print.body.contains("qr.svg"));

        let ics = browser.get(&format!("/prenotazioni/{code}/calendario.ics")).await;
        assert_eq!(ics.status, 200);
        assert!(ics.body.contains("METHOD:CANCEL\r\n"), "{}", ics.body);
        assert!(ics.body.contains("STATUS:CANCELLED\r\n"), "{}", ics.body);
        assert!(!ics.body.contains("STATUS:CONFIRMED"));
    }

    async fn a_receipt_names_its_patient_and_puts_date_time_and_place_first(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(20), 7).await;
        let (browser, code, cf) = booked(&app, slot).await;
        let (given, family): (String, String) = query_one!(app.db(), (String, String),
            "select given_name, family_name from citizens where fiscal_code = $1", &cf);
        let masked = format!("{}{}{}", &cf[..3], "•".repeat(12), &cf[15..]);
        let name = format!("{given} {family}").replace('\'', "&#x27;");

        for path in [format!("/prenotazioni/{code}?confermata"), format!("/prenotazioni/{code}/stampa")] {
            let page = browser.get(&path).await;
            assert_eq!(page.status, 200);
            let body = page.body.replace("&#39;", "&#x27;");
            assert!(body.contains("Paziente"), "{path}");
            assert!(body.contains(&name), "{path}: no patient name {name}");
            assert!(body.contains(&masked), "{path}: no masked fiscal code {masked}");
            assert!(!body.contains(&cf), "{path}: the whole fiscal code is shown");
            // The confirmation panel: heading, then date and time, then place, before the code.
            let panel = body.find("class=\"panel confirmation\"").expect("a confirmation panel");
            let when = body.find("class=\"panel-when\"").expect("the date and time");
            let place = body.find("class=\"panel-where\"").expect("the place");
            let booking_code = body.find("class=\"booking-code\"").expect("the code box");
            assert!(panel < when && when < place && place < booking_code, "{path}: order");
        }
    }

    async fn print_pages_have_a_print_button_instead_of_a_hint_at_the_browser_menu(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(20), 7).await;
        let (browser, code, _) = booked(&app, slot).await;
        let print = browser.get(&format!("/prenotazioni/{code}/stampa")).await;
        assert!(print.body.contains("<h1>Ricevuta di prenotazione</h1>"));
        assert!(!print.body.contains("comando Stampa del browser"));
        assert!(print.body.contains("data-print"), "a print button");
        assert!(print.body.contains(">Stampa</button>"));
        // Without the script the button stays hidden: printing needs it.
        assert!(print.body.contains("hidden"));
        // The receipt itself has one print control, a link to this page.
        let receipt = browser.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(receipt.body.matches("Stampa la ricevuta").count(), 1);
    }

    async fn english_pages_explain_ticket_and_cup_and_mark_italian_data(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", app.clock.today() + Days::new(20), 7).await;
        let (browser, code, _) = booked(&app, slot).await;
        assert_eq!(browser.get("/lingua/en?torna=/").await.status, 303);

        let receipt = browser.get(&format!("/prenotazioni/{code}")).await;
        assert!(receipt.body.contains("share of the cost)"), "ticket explained");

        let catalog = browser.get("/prestazioni?q=cuore").await;
        assert!(catalog.body.contains("<span lang=\"it\">Cardiologia</span>"), "the specialty is marked Italian");
        let italian = Browser::new(&app).get("/prestazioni?q=cuore").await;
        assert!(!italian.body.to_lowercase().contains("tariffa tariffa"));

        let kiosk = Browser::new(&app);
        assert_eq!(kiosk.get("/chiosco").await.status, 200);
        assert_eq!(kiosk.get("/lingua/en?torna=/chiosco").await.status, 303);
        let start = kiosk.get("/chiosco").await;
        assert!(start.body.contains("tax code") && !start.body.contains("fiscal code"));
    }
}
