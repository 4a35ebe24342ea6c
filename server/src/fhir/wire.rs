//! FHIR's rules on the wire: answers in `application/fhir+json` (`_format` and `Accept` that ask
//! for something else are 406), every error an `OperationOutcome` whose text is in the
//! request's language (`Accept-Language`) and whose `diagnostics` say what to fix, in English;
//! reads with an `ETag` that `If-None-Match` turns into 304.

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use app::i18n::Lang;

use crate::api::lang::lang_of;
use crate::error::AppError;

/// The media type of every answer.
pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// An error answered as an `OperationOutcome`.
#[derive(Debug)]
pub enum FhirError {
    /// An answer for the client: status, the issue's code (FHIR `IssueType`), what a person
    /// reads (in the request's language) and what a developer needs (English).
    Outcome {
        status: StatusCode,
        code: &'static str,
        text: String,
        diagnostics: String,
    },
    /// Logged, never shown: the middleware writes the outcome (500, or 503 when the database
    /// cannot answer).
    Db(sqlx::Error),
}

pub type FhirResult<T> = Result<T, FhirError>;

impl From<sqlx::Error> for FhirError {
    fn from(err: sqlx::Error) -> Self {
        FhirError::Db(err)
    }
}

impl FhirError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        text: impl Into<String>,
        diagnostics: impl Into<String>,
    ) -> FhirError {
        FhirError::Outcome {
            status,
            code,
            text: text.into(),
            diagnostics: diagnostics.into(),
        }
    }

    /// A request that cannot be understood as sent (a parameter that does not parse).
    pub fn invalid(lang: Lang, diagnostics: impl Into<String>) -> FhirError {
        FhirError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            lang.t().error_summary_title,
            diagnostics,
        )
    }

    /// A search that would be too broad to answer (say, every slot of the region).
    pub fn too_costly(lang: Lang, diagnostics: impl Into<String>) -> FhirError {
        FhirError::new(
            StatusCode::BAD_REQUEST,
            "too-costly",
            lang.t().error_summary_title,
            diagnostics,
        )
    }

    pub fn not_found(lang: Lang, diagnostics: impl Into<String>) -> FhirError {
        FhirError::new(
            StatusCode::NOT_FOUND,
            "not-found",
            lang.t().not_found_body,
            diagnostics,
        )
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        match self {
            FhirError::Outcome {
                status,
                code,
                text,
                diagnostics,
            } => outcome_response(status, code, &text, &diagnostics),
            FhirError::Db(err) => {
                let err = AppError::from(err);
                err.log();
                // The body is written by `outcomes`, which knows the language.
                err.status_code().into_response()
            }
        }
    }
}

/// One `OperationOutcome` with one error issue.
pub fn outcome(severity: &str, code: &str, text: &str, diagnostics: &str) -> Value {
    let mut issue = json!({
        "severity": severity,
        "code": code,
        "details": { "text": text },
    });
    if !diagnostics.is_empty() {
        issue["diagnostics"] = Value::from(diagnostics);
    }
    json!({ "resourceType": "OperationOutcome", "issue": [issue] })
}

fn outcome_response(status: StatusCode, code: &str, text: &str, diagnostics: &str) -> Response {
    let severity = if status.is_server_error() {
        "fatal"
    } else {
        "error"
    };
    let mut response = json_response(status, &outcome(severity, code, text, diagnostics));
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS {
        headers
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from_static("5"));
    }
    response
}

/// A resource or Bundle as the answer.
pub fn json_response(status: StatusCode, value: &Value) -> Response {
    bytes_response(status, Bytes::from(value.to_string()))
}

pub fn bytes_response(status: StatusCode, body: Bytes) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON))],
        body,
    )
        .into_response()
}

/// A prepared resource, read: 304 when the client's `If-None-Match` names its `ETag`.
pub fn read_response(headers: &HeaderMap, prepared: &Prepared) -> Response {
    let etag = HeaderValue::from_str(&prepared.etag).expect("an ETag is ASCII");
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == prepared.etag
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        bytes_response(StatusCode::OK, prepared.body.clone())
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    response
}

/// A resource serialised once, with the strong validator of its bytes.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub value: Value,
    pub body: Bytes,
    pub etag: String,
}

impl Prepared {
    pub fn of(value: Value) -> Prepared {
        let body = Bytes::from(value.to_string());
        let etag = etag_of(&body);
        Prepared { value, body, etag }
    }
}

/// A strong `ETag` of some bytes: a hash of them, quoted.
pub fn etag_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether a `_format` value or an `Accept` media range is one Cupola answers (JSON).
fn json_format(value: &str) -> bool {
    let media = value.split(';').next().unwrap_or_default().trim();
    matches!(
        media.to_ascii_lowercase().as_str(),
        "json" | "application/json" | "application/fhir+json" | "application/*" | "*/*"
    )
}

/// `_format` from the query, if given.
fn format_parameter(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == "_format")
        .map(|(_, value)| value.into_owned())
}

/// FHIR's wire rules for everything under `/fhir/r4`: the format asked for (406 unless JSON),
/// and an `OperationOutcome` in the request's language for every error that has none yet
/// (axum's own 404, 405, 413, and the database errors above).
pub async fn outcomes(request: Request, next: Next) -> Response {
    let lang = lang_of(request.headers());
    let t = lang.t();
    if let Some(format) = format_parameter(request.uri().query())
        && !json_format(&format)
    {
        return outcome_response(
            StatusCode::NOT_ACCEPTABLE,
            "not-supported",
            t.error_summary_title,
            &format!("_format={format}: only JSON (application/fhir+json) is served"),
        );
    }
    if let Some(accept) = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        && !accept.split(',').any(json_format)
    {
        return outcome_response(
            StatusCode::NOT_ACCEPTABLE,
            "not-supported",
            t.error_summary_title,
            &format!("Accept: {accept}: only JSON (application/fhir+json) is served"),
        );
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_fhir = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/fhir+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_fhir {
        return response;
    }
    let (code, text, diagnostics) = match status {
        StatusCode::NOT_FOUND => ("not-found", t.not_found_body, "no such resource or path"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "not-supported",
            t.error_summary_title,
            "this interaction is not supported here",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("too-long", t.error_summary_title, "the body is too large")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "not-supported",
            t.error_summary_title,
            "send application/fhir+json",
        ),
        StatusCode::TOO_MANY_REQUESTS => ("throttled", t.error_summary_title, ""),
        StatusCode::SERVICE_UNAVAILABLE => ("transient", t.unavailable_body, ""),
        s if s.is_server_error() => ("exception", t.error_body, ""),
        _ => ("invalid", t.error_summary_title, ""),
    };
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let mut replaced = outcome_response(status, code, text, diagnostics);
    if let Some(retry_after) = retry_after {
        replaced
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after);
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_formats_are_served_and_xml_is_not() {
        for ok in [
            "json",
            "application/json",
            "application/fhir+json",
            "application/fhir+json; fhirVersion=4.0",
            "*/*",
        ] {
            assert!(json_format(ok), "{ok}");
        }
        for no in ["xml", "application/fhir+xml", "text/turtle", "text/html"] {
            assert!(!json_format(no), "{no}");
        }
        assert_eq!(
            format_parameter(Some("a=1&_format=xml")).as_deref(),
            Some("xml")
        );
        assert_eq!(format_parameter(Some("a=1")), None);
    }

    #[test]
    fn an_etag_is_quoted_and_follows_the_bytes() {
        let a = etag_of(b"one");
        assert!(a.starts_with('"') && a.ends_with('"'));
        assert_ne!(a, etag_of(b"two"));
        assert_eq!(a, etag_of(b"one"));
    }
}
