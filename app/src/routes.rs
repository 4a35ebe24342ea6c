//! Stable Italian URLs. They are printed on receipts and linked from other public sites:
//! add new ones freely, never change an existing one.

use crate::i18n::Lang;

pub const HOME: &str = "/";
pub const CATALOG: &str = "/prestazioni";
/// `/lingua/{code}?torna={path}` remembers the language and goes back to the page.
pub const LANGUAGE: &str = "/lingua/{code}";
pub const HEALTHZ: &str = "/healthz";
pub const READYZ: &str = "/readyz";
pub const MANIFEST: &str = "/manifest.webmanifest";
pub const ICON_SVG: &str = "/icons/icon.svg";
pub const SOURCES: &str = "/fonti";
/// The data sources document in parts (each first visit within 14 KB): overview and caveats,
/// facilities, services.
pub const SOURCES_PARTS: [&str; 3] = [SOURCES, "/fonti/strutture", "/fonti/prestazioni"];
/// The optional script: registers the service worker; on kiosks, the inactivity reset.
pub const APP_JS: &str = "/app.js";
pub const OFFLINE: &str = "/offline.html";

/// Pharmacy kiosk terminals start here (it marks the browser as a kiosk).
pub const KIOSK: &str = "/chiosco";
/// Ends a kiosk session: forgets the pass, clears the browser's storage and caches.
pub const KIOSK_END: &str = "/chiosco/fine";

pub const BOOK: &str = "/prenota";
pub const BOOK_SLOTS: &str = "/prenota/disponibilita";
pub const BOOK_CHOOSE: &str = "/prenota/scegli";
pub const BOOK_CONFIRM: &str = "/prenota/conferma";
pub const BOOK_RELEASE: &str = "/prenota/rilascia";
/// "Give me more time": extends the hold of the slot being confirmed (a limited number of times).
pub const BOOK_EXTEND: &str = "/prenota/conferma/tempo";
pub const BOOK_WAITLIST: &str = "/prenota/lista-attesa";
pub const MY_BOOKINGS: &str = "/le-mie-prenotazioni";
/// Signing in with SPID or CIE (OpenID Connect): the choice of identity provider. Optional:
/// booking with the fiscal code and the NRE works for everyone.
pub const SIGN_IN: &str = "/accedi";
/// Starts signing in with one identity provider (a link; `{provider}` is its configured id):
/// nothing is written, the browser leaves for the provider with a sealed cookie of what to check.
pub const SIGN_IN_START: &str = "/accedi/con/{provider}";
/// Where the identity provider sends the citizen back (the authorization code and `state`).
pub const SIGN_IN_RETURN: &str = "/accedi/ritorno";
/// Ends this browser's citizen session (POST).
pub const SIGN_OUT: &str = "/esci";
/// Ends every session of the signed-in citizen, on every device (POST).
pub const SIGN_OUT_EVERYWHERE: &str = "/esci/ovunque";
/// A signed-in citizen names a delegate (POST).
pub const DELEGATIONS: &str = "/le-mie-prenotazioni/deleghe";
/// A signed-in parent or guardian declares they act for a minor (POST).
pub const DELEGATIONS_MINOR: &str = "/le-mie-prenotazioni/deleghe/minore";
/// A party to a delegation ends it (POST).
pub const DELEGATION_REVOKE: &str = "/le-mie-prenotazioni/deleghe/{id}/revoca";
/// An operator registers a paper delegation of the citizen being served (POST).
pub const STAFF_CITIZEN_DELEGATION: &str = "/operatore/cittadino/delega";
/// An operator revokes a delegation of the citizen being served (on paper; POST).
pub const STAFF_CITIZEN_DELEGATION_REVOKE: &str = "/operatore/cittadino/delega/{id}/revoca";
/// A signed-in citizen starts booking one of their prescriptions without typing codes (POST).
pub const BOOK_MINE: &str = "/prenota/ricetta/{id}";

pub fn sign_in_start(provider: &str) -> String {
    SIGN_IN_START.replace("{provider}", provider)
}

pub fn staff_delegation_revoke(id: i64) -> String {
    STAFF_CITIZEN_DELEGATION_REVOKE.replace("{id}", &id.to_string())
}

pub fn delegation_revoke(id: i64) -> String {
    DELEGATION_REVOKE.replace("{id}", &id.to_string())
}

pub fn book_mine(prescription_id: i64) -> String {
    BOOK_MINE.replace("{id}", &prescription_id.to_string())
}

/// Lost the booking code: the fiscal code and the prescription's NRE find its active booking.
pub const LOST_CODE: &str = "/le-mie-prenotazioni/codice-perso";
pub const WAITING_TIMES: &str = "/tempi-di-attesa";

pub const STAFF_HOME: &str = "/operatore";
pub const STAFF_LOGIN: &str = "/operatore/accesso";
pub const STAFF_LOGOUT: &str = "/operatore/uscita";
pub const STAFF_SLOTS: &str = "/operatore/disponibilita";

// Operator console (issue 5). The fiscal code never appears in these URLs: the citizen being
// served is kept in the staff session once found (with the reason, audited).
pub const STAFF_CITIZEN_SEARCH: &str = "/operatore/cittadino";
pub const STAFF_CITIZEN: &str = "/operatore/cittadino/scheda";
pub const STAFF_CITIZEN_BOOK: &str = "/operatore/cittadino/prenota";
/// The console's step between choosing a slot and booking it (GET shows, POST books).
pub const STAFF_CITIZEN_BOOK_CONFIRM: &str = "/operatore/cittadino/prenota/conferma";
pub const STAFF_BOOKING: &str = "/operatore/prenotazioni/{code}";
pub const STAFF_BOOKING_PRINT: &str = "/operatore/prenotazioni/{code}/stampa";
pub const STAFF_BOOKING_CANCEL: &str = "/operatore/prenotazioni/{code}/annulla";
pub const STAFF_BOOKING_MOVE: &str = "/operatore/prenotazioni/{code}/sposta";
pub const STAFF_AUDIT: &str = "/operatore/registro";
/// The audit search's results as FHIR `AuditEvent`s (a JSON download).
pub const STAFF_AUDIT_FHIR: &str = "/operatore/registro/audit-event.json";
/// The QR code on an operator's copy of a receipt.
pub const STAFF_BOOKING_QR: &str = "/operatore/prenotazioni/{code}/qr.svg";

// The facility desk and message delivery (issue 13).
/// The day's visits at a facility (`?giorno=`, `?struttura=` for supervisors).
pub const STAFF_DESK: &str = "/operatore/sportello";
/// Marks a visit attended or missed (POST).
pub const STAFF_DESK_MARK: &str = "/operatore/sportello/{code}";
/// Messages by state, kind and channel; failed and pending ones, with retry (supervisors).
pub const STAFF_DELIVERIES: &str = "/operatore/messaggi";
/// Puts a failed message back in the queue (POST).
pub const STAFF_DELIVERY_RETRY: &str = "/operatore/messaggi/{id}/riprova";

// Back office (issue 5).
pub const STAFF_AGENDAS: &str = "/operatore/agende";
pub const STAFF_AGENDA_NEW: &str = "/operatore/agende/nuova";
pub const STAFF_AGENDA: &str = "/operatore/agende/{id}";
pub const STAFF_AGENDA_TEMPLATE: &str = "/operatore/agende/{id}/modello";
pub const STAFF_AGENDA_GENERATE: &str = "/operatore/agende/{id}/genera";
pub const STAFF_AGENDA_EXTRA: &str = "/operatore/agende/{id}/extra";
pub const STAFF_AGENDA_SUSPEND: &str = "/operatore/agende/{id}/sospendi";

// Public waiting times (D.Lgs 33/2013 art. 41): a page and open data.
pub const TRANSPARENCY: &str = "/trasparenza/tempi-di-attesa";
pub const TRANSPARENCY_CSV: &str = "/trasparenza/tempi-di-attesa.csv";
pub const TRANSPARENCY_JSON: &str = "/trasparenza/tempi-di-attesa.json";
/// What each column of the open data holds.
pub const TRANSPARENCY_COLUMNS: &str = "/trasparenza/tempi-di-attesa/colonne";

// The guarantee route (percorso di tutela): the citizen's request, the operator's, and the
// supervisors' list with the outcome of each.
/// The citizen asks for it (GET: what it is and the form; POST: files it).
pub const BOOK_GUARANTEE: &str = "/prenota/percorso-di-tutela";
/// The citizen's confirmation: the request's reference and what happens next.
pub const BOOK_GUARANTEE_FILED: &str = "/prenota/percorso-di-tutela/richiesta";
/// The operator asks for it for the citizen being served (`?ricetta=ID`).
pub const STAFF_CITIZEN_GUARANTEE: &str = "/operatore/cittadino/tutela";
/// Supervisors: the requests, open (by deadline) or closed (`?stato=chiuse`).
pub const STAFF_GUARANTEES: &str = "/operatore/tutela";
/// Supervisors: one request (the citizen's contacts, audited) and its outcome (POST).
pub const STAFF_GUARANTEE: &str = "/operatore/tutela/{id}";

// Agendas never closed, shown (issue 14): suspensions and what became of each booking.
/// The public page: every area with its counts; one area's suspensions.
pub const SUSPENSIONS: &str = "/sospensioni";
pub const SUSPENSIONS_AREA: &str = "/sospensioni/{area}";
/// The supervisors' report (`?zona=`, `?dopo=`), and one suspension with its bookings.
pub const STAFF_SUSPENSIONS: &str = "/operatore/sospensioni";
pub const STAFF_SUSPENSION: &str = "/operatore/sospensioni/{id}";

// Legal pages (issue 16): the privacy notice, the accessibility statement with its feedback
// form, the cookies, and where the source code of the running version is (AGPL-3.0).
pub const PRIVACY: &str = "/privacy";
pub const ACCESSIBILITY: &str = "/accessibilita";
/// The accessibility feedback form (GET), sent here (POST); `?inviata=ID` once received.
pub const ACCESSIBILITY_FEEDBACK: &str = "/accessibilita/segnalazione";
pub const COOKIES: &str = "/cookie";
pub const SOURCE_CODE: &str = "/codice-sorgente";
/// Every legal page, in the order of the footer.
pub const LEGAL_PAGES: [&str; 4] = [PRIVACY, ACCESSIBILITY, COOKIES, SOURCE_CODE];
/// Supervisors: the accessibility feedback received, by due date, and one of them with the
/// form that records the answer (POST).
pub const STAFF_ACCESSIBILITY_FEEDBACKS: &str = "/operatore/segnalazioni-accessibilita";
pub const STAFF_ACCESSIBILITY_FEEDBACK: &str = "/operatore/segnalazioni-accessibilita/{id}";

/// Route patterns with a booking code or service code (axum syntax).
pub const RECEIPT: &str = "/prenotazioni/{code}";
pub const RECEIPT_PRINT: &str = "/prenotazioni/{code}/stampa";
pub const RECEIPT_ICS: &str = "/prenotazioni/{code}/calendario.ics";
pub const RECEIPT_QR: &str = "/prenotazioni/{code}/qr.svg";
pub const CANCEL: &str = "/prenotazioni/{code}/annulla";
pub const MOVE: &str = "/prenotazioni/{code}/sposta";
pub const MOVE_CONFIRM: &str = "/prenotazioni/{code}/sposta/conferma";
/// Joins or leaves the waiting list for an earlier slot than the booking's (POST).
pub const EARLIER: &str = "/prenotazioni/{code}/posto-prima";
pub const WAITING_TIMES_SERVICE: &str = "/tempi-di-attesa/{code}";
pub const WAITING_TIMES_SERVICE_JSON: &str = "/tempi-di-attesa/{code}/dati.json";
pub const WAITING_TIMES_AREA: &str = "/tempi-di-attesa/{code}/zona/{area}";
pub const WAITING_TIMES_AREA_JSON: &str = "/tempi-di-attesa/{code}/zona/{area}/dati.json";

pub fn suspensions_area(area: i64) -> String {
    format!("/sospensioni/{area}")
}

pub fn staff_accessibility_feedback(id: i64) -> String {
    format!("/operatore/segnalazioni-accessibilita/{id}")
}

pub fn staff_suspension(id: i64) -> String {
    format!("/operatore/sospensioni/{id}")
}

pub fn receipt(code: &str) -> String {
    format!("/prenotazioni/{code}")
}

pub fn receipt_print(code: &str) -> String {
    format!("/prenotazioni/{code}/stampa")
}

pub fn receipt_ics(code: &str) -> String {
    format!("/prenotazioni/{code}/calendario.ics")
}

pub fn receipt_qr(code: &str) -> String {
    format!("/prenotazioni/{code}/qr.svg")
}

pub fn cancel(code: &str) -> String {
    format!("/prenotazioni/{code}/annulla")
}

pub fn move_slots(code: &str) -> String {
    format!("/prenotazioni/{code}/sposta")
}

pub fn move_confirm(code: &str) -> String {
    format!("/prenotazioni/{code}/sposta/conferma")
}

pub fn earlier(code: &str) -> String {
    format!("/prenotazioni/{code}/posto-prima")
}

pub fn staff_booking(code: &str) -> String {
    format!("/operatore/prenotazioni/{code}")
}

pub fn staff_booking_print(code: &str) -> String {
    format!("/operatore/prenotazioni/{code}/stampa")
}

pub fn staff_booking_cancel(code: &str) -> String {
    format!("/operatore/prenotazioni/{code}/annulla")
}

pub fn staff_booking_move(code: &str) -> String {
    format!("/operatore/prenotazioni/{code}/sposta")
}

pub fn staff_booking_qr(code: &str) -> String {
    format!("/operatore/prenotazioni/{code}/qr.svg")
}

pub fn staff_desk_mark(code: &str) -> String {
    format!("/operatore/sportello/{code}")
}

pub fn staff_delivery_retry(id: i64) -> String {
    format!("/operatore/messaggi/{id}/riprova")
}

pub fn staff_agenda(id: i64) -> String {
    format!("/operatore/agende/{id}")
}

pub fn staff_agenda_template(id: i64) -> String {
    format!("/operatore/agende/{id}/modello")
}

pub fn staff_agenda_generate(id: i64) -> String {
    format!("/operatore/agende/{id}/genera")
}

pub fn staff_agenda_extra(id: i64) -> String {
    format!("/operatore/agende/{id}/extra")
}

pub fn staff_agenda_suspend(id: i64) -> String {
    format!("/operatore/agende/{id}/sospendi")
}

/// Service codes contain dots (89.7A.3): they are safe in a path segment as they are.
pub fn staff_guarantee(id: i64) -> String {
    format!("/operatore/tutela/{id}")
}

pub fn waiting_times(service_code: &str) -> String {
    format!("/tempi-di-attesa/{}", encode_segment(service_code))
}

pub fn waiting_times_area(service_code: &str, area_id: i64) -> String {
    format!("{}/zona/{area_id}", waiting_times(service_code))
}

fn encode_segment(segment: &str) -> String {
    form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

pub fn catalog_search(query: &str) -> String {
    format!("{CATALOG}?{}", encode_query(&[("q", query)]))
}

pub fn language_switch(lang: Lang, back_to: &str) -> String {
    format!(
        "/lingua/{}?{}",
        lang.code(),
        encode_query(&[("torna", back_to)])
    )
}

/// A redirect target taken from a client (`?torna=`, the staff login's `next`) made safe: it is
/// read as a browser would read it (the WHATWG URL parser drops tabs and newlines, turns `\\`
/// into `/`, percent-encodes control characters) and kept only when it stays on this site, as
/// a path and query. Anything else is the home page; nothing a client sends can make the
/// answer fail.
pub fn safe_local_path(target: &str) -> String {
    static BASE: std::sync::LazyLock<url::Url> = std::sync::LazyLock::new(|| {
        url::Url::parse("http://cupola.invalid/").expect("a valid base URL")
    });
    // Only what is written as an absolute path (`/…`): not `https:`, `//host`, ` /x`, `x`.
    if !target.starts_with('/') {
        return HOME.to_owned();
    }
    let local = match BASE.join(target) {
        Ok(url) if url.origin() == BASE.origin() => match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        },
        _ => return HOME.to_owned(),
    };
    // Dot segments can leave an empty first segment ("/.//host" is "//host"), which a browser
    // reads as another site; and no page of ours has a URL this long: a `Location` that big
    // would be refused by proxies (and browsers) in front of us.
    if local.starts_with("//") || local.len() > MAX_REDIRECT_TARGET {
        return HOME.to_owned();
    }
    local
}

/// The longest redirect target taken from a client, once cleaned (bytes).
pub const MAX_REDIRECT_TARGET: usize = 2048;

fn encode_query(pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
}

/// A one-tap link from a message (confirm or cancel a booking, accept an offered slot): the
/// signed token names the booking or waiting entry and the action; the page asks for one
/// confirming click. Short, because it must fit an SMS.
pub const ONE_TAP: &str = "/r/{token}";

pub fn one_tap(token: &str) -> String {
    format!("/r/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(
            catalog_search("visita & ecg"),
            "/prestazioni?q=visita+%26+ecg"
        );
    }

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_local_path("/prestazioni?q=x"), "/prestazioni?q=x");
        assert_eq!(safe_local_path("/prenota#passo"), "/prenota");
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "/\r\n/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/%2F/evil.example",
            "/.//evil.example",
            "/..//evil.example",
            "/%2e//evil.example",
            "javascript:alert(1)",
            "",
        ] {
            let safe = safe_local_path(hostile);
            // What a browser does with the answer's `Location`: it must stay on this site.
            let base = url::Url::parse("https://cupola.example/").expect("base");
            let followed = base.join(&safe).expect("a valid location");
            assert_eq!(
                followed.origin(),
                base.origin(),
                "{hostile:?} gave {safe:?}"
            );
            assert!(!safe.starts_with("//"), "{hostile:?} gave {safe:?}");
        }
        // Control characters are cleaned, never passed on into a header.
        assert_eq!(safe_local_path("/\n"), "/");
        assert_eq!(safe_local_path("/a\u{0}b\u{7f}"), "/a%00b%7F");
        assert_eq!(safe_local_path("/caf\u{e8}"), "/caf%C3%A8");
        // No `Location` longer than any page of ours: cleaning can triple a target's length.
        let long = format!("/prenota?q={}", "\u{e8}".repeat(400));
        assert!(safe_local_path(&long).len() <= MAX_REDIRECT_TARGET);
        assert_eq!(safe_local_path(&long), "/");
    }
}
