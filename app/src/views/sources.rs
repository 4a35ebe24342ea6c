//! Where the demo region's data comes from: the project's SOURCES.md, rendered once at start.

use leptos::prelude::*;

use super::layout::{Layout, PageContext};

#[component]
pub fn SourcesPage(
    ctx: PageContext,
    /// SOURCES.md as HTML (headings from level 2; the document is in English).
    html: &'static str,
) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.footer_sources.to_owned() description=t.sources_intro>
            <h1>{t.footer_sources}</h1>
            <p class="lead">{t.sources_intro}</p>
            <article class="prose" lang="en" inner_html=html></article>
        </Layout>
    }
}
