//! Extractors whose rejections are API errors (JSON in the request's language), not axum's
//! plain-text ones.

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::errors::ApiError;
use super::lang::lang_of;

/// A JSON body. Malformed JSON is 400, a missing or mistyped field 422, a body over the limit
/// 413, another content type 415; each with a `detail` for the developer.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.headers());
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiError::bad_request(
                lang.t(),
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}

/// Query parameters; ones that do not parse are a 400 with a `detail`.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(ApiError::bad_request(
                lang_of(&parts.headers).t(),
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}
