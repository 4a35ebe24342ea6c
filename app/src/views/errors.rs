use leptos::prelude::*;

use super::layout::{Layout, PageContext};
use crate::routes;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Forbidden,
    /// Someone else's change came first.
    Conflict,
    /// A request that cannot be met.
    Unprocessable,
    Internal,
    Unavailable,
    /// A request body over the route's limit (413).
    TooLarge,
    /// A request body that did not arrive in time (408).
    SlowRequest,
}

/// A plain-language error page with a way forward.
#[component]
pub fn ErrorPage(ctx: PageContext, kind: ErrorKind) -> impl IntoView {
    let t = ctx.lang.t();
    let (title, body) = match kind {
        ErrorKind::NotFound => (t.not_found_title, t.not_found_body),
        ErrorKind::Forbidden => (t.forbidden_title, t.forbidden_body),
        ErrorKind::Conflict => (t.conflict_title, t.conflict_body),
        ErrorKind::Unprocessable => (t.unprocessable_title, t.unprocessable_body),
        ErrorKind::Internal => (t.error_title, t.error_body),
        ErrorKind::Unavailable => (t.unavailable_title, t.unavailable_body),
        ErrorKind::TooLarge => (t.too_large_title, t.too_large_body),
        ErrorKind::SlowRequest => (t.slow_request_title, t.slow_request_body),
    };
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=body>
            <h1>{title}</h1>
            <p>{body}</p>
            <p>
                <a href=routes::HOME>{t.back_home}</a>
            </p>
        </Layout>
    }
}
