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
    /// Too many wrong tries: the next one in so many minutes.
    TooMany {
        minutes: u64,
    },
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
    let fixed = |title: &'static str, body: &'static str| (title, body, body.to_owned());
    // (title, the page's description, what it says); the 429 says when to come back.
    let (title, description, body) = match kind {
        ErrorKind::NotFound => fixed(t.not_found_title, t.not_found_body),
        ErrorKind::Forbidden => fixed(t.forbidden_title, t.forbidden_body),
        ErrorKind::Conflict => fixed(t.conflict_title, t.conflict_body),
        ErrorKind::Unprocessable => fixed(t.unprocessable_title, t.unprocessable_body),
        ErrorKind::TooMany { minutes } => (
            t.too_many_title,
            t.too_many_title,
            (t.too_many_body)(minutes),
        ),
        ErrorKind::Internal => fixed(t.error_title, t.error_body),
        ErrorKind::Unavailable => fixed(t.unavailable_title, t.unavailable_body),
        ErrorKind::TooLarge => fixed(t.too_large_title, t.too_large_body),
        ErrorKind::SlowRequest => fixed(t.slow_request_title, t.slow_request_body),
    };
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=description>
            <h1>{title}</h1>
            <p>{body}</p>
            <p>
                <a href=routes::HOME>{t.back_home}</a>
            </p>
        </Layout>
    }
}
