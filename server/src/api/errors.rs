//! Every API error is JSON: `{"error": code, "message": text in the request's language, …}`.
//! Codes are for programs, messages for people. Database failures are logged here and never
//! shown: the client gets `internal` (500) or, when the pool is exhausted, `unavailable` (503
//! with Retry-After).

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use app::domain::{BookingCodeError, EmailError, FiscalCodeError, NreError, PhoneError};
use app::i18n::{ErrorCode, Lang, Texts};

use super::lang::lang_of;
use super::types::{Slot, date};
use crate::error::AppError;
use crate::throttle::TooMany;

/// A problem with one field of the request.
#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// The request field, e.g. `fiscal_code`.
    #[schema(example = "fiscal_code")]
    pub field: &'static str,
    /// What is wrong, e.g. `wrong_length`, `wrong_check_character`, `no_match` (this fiscal
    /// code and this NRE are not a prescription, whoever the NRE belongs to).
    #[schema(example = "wrong_length")]
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// invalid, bad_request, not_found, slot_taken, slot_unavailable, already_booked, too_late,
    /// not_active, hold_expired, too_large, unsupported_media_type, method_not_allowed,
    /// too_many_requests, internal, unavailable.
    #[schema(example = "slot_taken")]
    pub error: &'static str,
    pub message: String,
    /// With `invalid`: each field that is wrong.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// With `slot_taken`: the next free slots for the same prescription.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<Slot>>,
    /// With `too_late`: the last day the booking could be changed online (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_day: Option<String>,
    /// With `bad_request`: what a developer needs to fix the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// With `too_many_requests`: seconds until the next try is allowed (as `Retry-After`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ErrorBody {
    fn new(error: &'static str, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            error,
            message: message.into(),
            errors: Vec::new(),
            alternatives: None,
            last_day: None,
            detail: None,
            retry_after: None,
        }
    }
}

pub enum ApiError {
    /// An answer for the client.
    Answer(StatusCode, Box<ErrorBody>),
    /// Logged, never shown.
    Db(sqlx::Error),
    /// A state the code does not expect (say, a booked service missing from the catalogue).
    Bug(&'static str),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Db(err)
    }
}

impl ApiError {
    fn answer(status: StatusCode, body: ErrorBody) -> ApiError {
        ApiError::Answer(status, Box::new(body))
    }

    pub fn invalid(t: &Texts, errors: Vec<FieldError>) -> ApiError {
        let mut body = ErrorBody::new("invalid", t.error_summary_title);
        body.errors = errors;
        ApiError::answer(StatusCode::UNPROCESSABLE_ENTITY, body)
    }

    pub fn field(
        t: &Texts,
        field: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError::invalid(
            t,
            vec![FieldError {
                field,
                code,
                message: message.into(),
            }],
        )
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::answer(StatusCode::NOT_FOUND, ErrorBody::new("not_found", message))
    }

    pub fn conflict(error: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::answer(StatusCode::CONFLICT, ErrorBody::new(error, message))
    }

    pub fn unprocessable(error: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorBody::new(error, message),
        )
    }

    pub fn slot_taken(t: &Texts, alternatives: Vec<Slot>) -> ApiError {
        let mut body = ErrorBody::new("slot_taken", t.slot_taken);
        body.alternatives = Some(alternatives);
        ApiError::answer(StatusCode::CONFLICT, body)
    }

    pub fn too_late(lang: Lang, last_day: NaiveDate) -> ApiError {
        let mut body = ErrorBody::new("too_late", (lang.t().too_late)(&lang.long_date(last_day)));
        body.last_day = Some(date(last_day));
        ApiError::answer(StatusCode::CONFLICT, body)
    }

    /// Too many wrong guesses at this fiscal code or from this client: 429 with `Retry-After`.
    pub fn too_many(t: &Texts, too_many: TooMany) -> ApiError {
        let mut body = ErrorBody::new("too_many_requests", (t.too_many_body)(too_many.minutes()));
        body.retry_after = Some(too_many.seconds());
        ApiError::answer(StatusCode::TOO_MANY_REQUESTS, body)
    }

    pub fn bad_request(t: &Texts, status: StatusCode, detail: String) -> ApiError {
        let error = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            _ => "bad_request",
        };
        let mut body = ErrorBody::new(error, t.error_summary_title);
        body.detail = Some(detail);
        ApiError::answer(status, body)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Answer(status, body) => {
                let retry_after = body.retry_after;
                let mut response = (status, Json(body)).into_response();
                if let Some(seconds) = retry_after {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
            // The body is written by `json_errors`, which knows the language.
            ApiError::Db(err) => {
                let err = AppError::from(err);
                err.log();
                err.status_code().into_response()
            }
            ApiError::Bug(what) => {
                tracing::error!(what, "api invariant broken");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// Gives every error response of the API a JSON body: the ones written above without one, and
/// axum's own (405, 413…). A 503 also says when to retry.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let lang = lang_of(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Bookings are personal: never in a shared cache.
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let t = lang.t();
    let body = match status {
        StatusCode::NOT_FOUND => ErrorBody::new("not_found", t.not_found_body),
        StatusCode::METHOD_NOT_ALLOWED => {
            ErrorBody::new("method_not_allowed", t.error_summary_title)
        }
        StatusCode::PAYLOAD_TOO_LARGE => ErrorBody::new("too_large", t.error_summary_title),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ErrorBody::new("unsupported_media_type", t.error_summary_title)
        }
        StatusCode::SERVICE_UNAVAILABLE => ErrorBody::new("unavailable", t.unavailable_body),
        s if s.is_server_error() => ErrorBody::new("internal", t.error_body),
        _ => ErrorBody::new("bad_request", t.error_summary_title),
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        parts
            .headers
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from_static("5"));
    }
    let (json_parts, json) = Json(body).into_response().into_parts();
    for (name, value) in &json_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, json)
}

// ---------------------------------------------------------------------------------------------
// What people type: the codes, and the same messages as the HTML forms

pub fn fiscal_code_error(t: &Texts, err: FiscalCodeError) -> FieldError {
    field_error("fiscal_code", err.code(), t.fiscal_code_error(err))
}

pub fn nre_error(t: &Texts, err: NreError) -> FieldError {
    field_error("nre", err.code(), t.nre_error(err))
}

pub fn booking_code_error(t: &Texts, err: BookingCodeError) -> FieldError {
    field_error("booking_code", err.code(), t.booking_code_error(err))
}

pub fn phone_error(t: &Texts, err: PhoneError) -> FieldError {
    field_error("phone", err.code(), t.phone_error(err))
}

pub fn email_error(t: &Texts, err: EmailError) -> FieldError {
    field_error("email", err.code(), t.email_error(err))
}

fn field_error(field: &'static str, code: &'static str, message: String) -> FieldError {
    FieldError {
        field,
        code,
        message,
    }
}
