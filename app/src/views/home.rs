use leptos::prelude::*;

use super::catalog::SearchForm;
use super::layout::{Layout, PageContext};

#[component]
pub fn HomePage(ctx: PageContext) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.home_title.to_owned() description=t.home_intro>
            <h1>{t.home_heading}</h1>
            <p class="lead">{t.home_intro}</p>
            <SearchForm lang=ctx.lang query=String::new() />
        </Layout>
    }
}
