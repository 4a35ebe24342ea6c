//! The staff sign-in page.

use leptos::prelude::*;

use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

#[component]
pub fn LoginPage(
    ctx: PageContext,
    username: String,
    csrf: String,
    errors: FormErrors,
    /// Where to go once signed in (a local path).
    next: String,
    /// A notice above the form (the service is temporarily unavailable).
    #[prop(default = None)]
    notice: Option<&'static str>,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.login_title, &errors);
    view! {
        <Layout ctx=ctx.clone() title=title description=t.login_intro>
            <ErrorSummary lang=lang errors=errors.clone() />
            <h1>{t.login_title}</h1>
            <p class="lead">{t.login_intro}</p>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <form method="post" action=routes::STAFF_LOGIN novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <input type="hidden" name="next" value=next />
                <TextField
                    lang=lang
                    id="username"
                    label=t.username_label.to_owned()
                    value=username
                    error=errors.get("username")
                    autocomplete="username"
                    maxlength=64
                    autofocus=errors.is_empty()
                />
                <div class=if errors.get("password").is_some() { "field field-error" } else { "field" }>
                    <label for="password">{t.password_label}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        maxlength="256"
                        aria-invalid=errors.get("password").map(|_| "true")
                    />
                </div>
                <button type="submit">{t.login_button}</button>
            </form>
        </Layout>
    }
}
