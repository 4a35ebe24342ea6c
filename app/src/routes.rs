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

pub const BOOK: &str = "/prenota";
pub const BOOK_SLOTS: &str = "/prenota/disponibilita";
pub const BOOK_CHOOSE: &str = "/prenota/scegli";
pub const BOOK_CONFIRM: &str = "/prenota/conferma";
pub const BOOK_RELEASE: &str = "/prenota/rilascia";
pub const BOOK_WAITLIST: &str = "/prenota/lista-attesa";
pub const MY_BOOKINGS: &str = "/le-mie-prenotazioni";
pub const WAITING_TIMES: &str = "/tempi-di-attesa";

pub const STAFF_HOME: &str = "/operatore";
pub const STAFF_LOGIN: &str = "/operatore/accesso";
pub const STAFF_LOGOUT: &str = "/operatore/uscita";
pub const STAFF_SLOTS: &str = "/operatore/disponibilita";

/// Route patterns with a booking code or service code (axum syntax).
pub const RECEIPT: &str = "/prenotazioni/{code}";
pub const RECEIPT_PRINT: &str = "/prenotazioni/{code}/stampa";
pub const RECEIPT_ICS: &str = "/prenotazioni/{code}/calendario.ics";
pub const RECEIPT_QR: &str = "/prenotazioni/{code}/qr.svg";
pub const CANCEL: &str = "/prenotazioni/{code}/annulla";
pub const MOVE: &str = "/prenotazioni/{code}/sposta";
pub const MOVE_CONFIRM: &str = "/prenotazioni/{code}/sposta/conferma";
pub const WAITING_TIMES_SERVICE: &str = "/tempi-di-attesa/{code}";
pub const WAITING_TIMES_SERVICE_JSON: &str = "/tempi-di-attesa/{code}/dati.json";
pub const WAITING_TIMES_AREA: &str = "/tempi-di-attesa/{code}/zona/{area}";
pub const WAITING_TIMES_AREA_JSON: &str = "/tempi-di-attesa/{code}/zona/{area}/dati.json";

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

/// Service codes contain dots (89.7A.3): they are safe in a path segment as they are.
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

/// A path taken from a query string (`?torna=`) that is safe to redirect to: local only, so the
/// switch cannot be used to send people to another site.
pub fn safe_local_path(path: &str) -> &str {
    let local = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\');
    if local { path } else { HOME }
}

fn encode_query(pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
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
        assert_eq!(safe_local_path("//evil.example"), "/");
        assert_eq!(safe_local_path("https://evil.example"), "/");
        assert_eq!(safe_local_path("/\\evil.example"), "/");
    }
}
