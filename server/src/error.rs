//! One error type for the HTML side. Internals are logged once, here; the person gets a clear
//! page in their language (rendered by `http::error_pages`) and, when the system is overloaded,
//! a 503 with `Retry-After` instead of a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::views::ErrorKind;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Signed in, but the role does not include this page.
    #[error("forbidden")]
    Forbidden,
    /// The database did not hand out a connection in time, or is gone.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(err)
            }
            other => AppError::Database(other),
        }
    }
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotFound => ErrorKind::NotFound,
            AppError::Forbidden => ErrorKind::Forbidden,
            AppError::Unavailable(_) => ErrorKind::Unavailable,
            AppError::Database(_) => ErrorKind::Internal,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::NotFound => {}
            AppError::Forbidden => tracing::warn!("a member of staff was refused a page"),
            AppError::Unavailable(err) => tracing::warn!(error = %err, "database unavailable"),
            AppError::Database(err) => tracing::error!(error = %err, "database error"),
        }
        let mut response = self.status_code().into_response();
        if matches!(self, AppError::Unavailable(_)) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        // The page itself is rendered by the error-page middleware, which knows the language.
        response.extensions_mut().insert(self.kind());
        response
    }
}
