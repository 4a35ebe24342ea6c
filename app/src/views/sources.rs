//! Where the demo region's data comes from: the project's SOURCES.md, rendered once at start.

use leptos::prelude::*;

use super::layout::{Layout, PageContext};
use crate::routes::SOURCES_PARTS;

/// One part of the data sources document, with the list of its parts.
#[component]
pub fn SourcesPage(
    ctx: PageContext,
    /// Which part (an index of `SOURCES_PARTS`).
    part: usize,
    /// That part of SOURCES.md as HTML (headings from level 2; the document is in English).
    html: &'static str,
) -> impl IntoView {
    let t = ctx.lang.t();
    let name = t.sources_part_names.get(part).copied().unwrap_or_default();
    let title = if part == 0 {
        t.footer_sources.to_owned()
    } else {
        format!("{}: {name}", t.footer_sources)
    };
    let parts = SOURCES_PARTS
        .iter()
        .zip(t.sources_part_names.iter())
        .enumerate()
        .map(|(i, (href, label))| {
            let current = (i == part).then_some("page");
            view! {
                <li>
                    <a href=*href aria-current=current>
                        {*label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.sources_intro>
            <h1>{title}</h1>
            <p class="lead">{t.sources_intro}</p>
            <nav aria-label=t.sources_parts>
                <ul class="actions">{parts}</ul>
            </nav>
            <article class="prose" lang="en" inner_html=html></article>
        </Layout>
    }
}
