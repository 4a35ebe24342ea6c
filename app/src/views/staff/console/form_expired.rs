//! The answer to a staff form whose token did not match (an old tab, a session that ended).

use leptos::prelude::*;

use crate::routes;
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// A form whose token did not match: nothing was done.
#[component]
pub fn FormExpiredPage(ctx: PageContext, staff: StaffView) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.form_expired.to_owned() description=t.form_expired_body>
            <StaffBar lang=lang staff=staff />
            <h1>{t.form_expired}</h1>
            <p>{t.form_expired_body}</p>
            <p>
                <a href=routes::STAFF_HOME>{t.console_home_link}</a>
            </p>
        </Layout>
    }
}
