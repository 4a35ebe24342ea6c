//! One error story for the HTML side. A handler returns `AppError`; internals are logged once,
//! here, and the person gets a page in their language (written by `web::middleware::error_pages`)
//! that says what happened and what to do next: 404 and 403 for what does not exist or is not
//! theirs, 409 when what they asked for clashed with someone else's change, 422 for a request
//! that cannot be met, 429 with `Retry-After` after too many wrong guesses (`throttle`), 503 with
//! `Retry-After` when the database cannot answer now, and 500 for the rest.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::views::ErrorKind;

use crate::booking::error::BookingError;
use crate::throttle::TooMany;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Signed in, but the role does not include this page.
    #[error("forbidden")]
    Forbidden,
    /// Someone else's change came first (a slot just taken, a booking already changed).
    #[error("conflict with the current state")]
    Conflict,
    /// Understood, but not something that can be done (a slot this person may not take).
    #[error("cannot be done")]
    Unprocessable,
    /// Too many wrong guesses from this client or at this fiscal code or username.
    #[error("too many wrong tries")]
    TooMany(TooMany),
    /// The database did not hand out a connection in time, or is gone.
    #[error("unavailable: {0}")]
    Unavailable(anyhow::Error),
    /// Anything else that went wrong: logged, never shown.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl AppError {
    /// An unexpected failure of something other than the database (a session store, a hash).
    pub fn internal(err: impl std::fmt::Display) -> AppError {
        AppError::Internal(anyhow::anyhow!("{err}"))
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotFound => ErrorKind::NotFound,
            AppError::Forbidden => ErrorKind::Forbidden,
            AppError::Conflict => ErrorKind::Conflict,
            AppError::Unprocessable => ErrorKind::Unprocessable,
            AppError::TooMany(too_many) => ErrorKind::TooMany {
                minutes: too_many.minutes(),
            },
            AppError::Unavailable(_) => ErrorKind::Unavailable,
            AppError::Internal(_) => ErrorKind::Internal,
        }
    }

    /// Logs the error once, at the level it deserves.
    pub fn log(&self) {
        match self {
            AppError::NotFound | AppError::Conflict | AppError::Unprocessable => {}
            AppError::Forbidden => tracing::warn!("a request was refused a page"),
            AppError::TooMany(_) => tracing::info!("too many wrong tries: throttled"),
            AppError::Unavailable(err) => tracing::warn!(error = %err, "database unavailable"),
            AppError::Internal(err) => {
                tracing::error!(error = format!("{err:#}"), "internal error")
            }
        }
    }
}

impl From<TooMany> for AppError {
    fn from(too_many: TooMany) -> Self {
        AppError::TooMany(too_many)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(err.into())
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<BookingError> for AppError {
    fn from(err: BookingError) -> Self {
        match err {
            BookingError::SlotTaken
            | BookingError::HoldExpired
            | BookingError::AlreadyBooked
            | BookingError::NotActive
            | BookingError::TooLateToChange { .. } => AppError::Conflict,
            BookingError::SlotUnavailable => AppError::Unprocessable,
            BookingError::NoFreeCode => AppError::internal(err),
            BookingError::Db(err) => AppError::from(err),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        match err.downcast::<sqlx::Error>() {
            Ok(db) => AppError::from(db),
            Err(other) => AppError::Internal(other),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let mut response = self.status_code().into_response();
        match &self {
            AppError::Unavailable(_) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            AppError::TooMany(too_many) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(too_many.seconds()));
            }
            _ => {}
        }
        // The page itself is rendered by the error-page middleware, which knows the language.
        response.extensions_mut().insert(self.kind());
        response
    }
}
