//! `CsrfForm<T>`: a staff form that carries the session's token in its `csrf` field. A form
//! without it, or with another, is refused before the handler runs (403, "this form has
//! expired"), so a page of another site cannot make a member of staff act. The role guard has
//! already run: someone not allowed the page is refused before the token matters.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::session::SignedIn;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::Page;

/// A form body bigger than this is refused unread (no staff form comes near it).
const MAX_FORM_BYTES: usize = 16 * 1024;

pub struct CsrfForm<T>(pub T);

/// A form with nothing but its token (sign out, close the record).
#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenOnly {}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let signed_in = SignedIn::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Page(ctx) = Page::from_request_parts(&mut parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let token = submitted_token(&bytes);
        if !signed_in.token_matches(token.as_deref().unwrap_or_default()) {
            return Err(signed_in.form_expired(ctx));
        }
        serde_urlencoded::from_bytes::<T>(&bytes)
            .map(CsrfForm)
            .map_err(|_| {
                // Not the error's text: it may quote what was typed.
                tracing::warn!("a staff form that does not parse");
                AppError::Unprocessable.into_response()
            })
    }
}

fn submitted_token(body: &Bytes) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.into_owned())
}
