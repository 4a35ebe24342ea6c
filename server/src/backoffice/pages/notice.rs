//! The one-time confirmation of a change (Post/Redirect/Get): remembered in the staff session
//! with the redirect, shown once by the page redirected to.

use axum::response::{IntoResponse, Redirect, Response};

use crate::error::AppError;
use crate::staff::session::SignedIn;

/// The session key of the one-time confirmation shown after a redirect.
const NOTICE_KEY: &str = "backoffice_notice";

/// The confirmation of what was just done, shown once.
pub(super) async fn take_notice(signed_in: &SignedIn) -> Option<String> {
    signed_in.remove::<String>(NOTICE_KEY).await.ok().flatten()
}

/// Remembers the confirmation and sends the browser to `to` (303 See Other).
pub(super) async fn done(
    signed_in: &SignedIn,
    to: &str,
    notice: String,
) -> Result<Response, AppError> {
    signed_in.insert(NOTICE_KEY, &notice).await?;
    Ok(Redirect::to(to).into_response())
}
