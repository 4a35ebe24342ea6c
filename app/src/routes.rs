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
