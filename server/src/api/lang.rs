//! The language of an API answer: the best of ours for `Accept-Language`, else Italian. Apps send the device's language; the portal's language cookie plays no part here.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use app::i18n::Lang;

/// The best of our languages for `Accept-Language`, else Italian. Apps send the device's
/// language; the portal's language cookie plays no part here.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or_default()
}

pub struct ApiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiLang(lang_of(&parts.headers)))
    }
}
