//! The language of an API answer: English when `Accept-Language` starts with `en`, else
//! Italian. Apps send the device's language; the portal's language cookie plays no part here.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use app::i18n::Lang;

/// English when `Accept-Language` starts with `en`, else Italian. Apps send the device's
/// language; the portal's language cookie plays no part here.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    let english = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("en"));
    if english { Lang::En } else { Lang::It }
}

pub struct ApiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiLang(lang_of(&parts.headers)))
    }
}
