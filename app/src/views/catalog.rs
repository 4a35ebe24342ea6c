use leptos::prelude::*;

use super::layout::{Layout, PageContext};
use crate::domain::ServiceKind;
use crate::i18n::Lang;
use crate::routes;

/// One service of the catalogue as the list shows it.
#[derive(Clone, Debug)]
pub struct ServiceItem {
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    pub discipline: String,
    /// None when the tariff is not known (never shown as zero).
    pub ticket_cents: Option<i64>,
}

/// What the catalogue page shows: everything, or the results of a search.
#[derive(Clone, Debug)]
pub enum CatalogQuery {
    All,
    Search(String),
}

/// The search box, labelled and with its hint tied to it.
#[component]
pub fn SearchForm(lang: Lang, query: String) -> impl IntoView {
    let t = lang.t();
    view! {
        <form class="search" role="search" method="get" action=routes::CATALOG>
            <label for="q">{t.search_label}</label>
            <p id="q-hint" class="hint">{t.search_hint}</p>
            <div class="search-row">
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=query
                    aria-describedby="q-hint"
                    autocomplete="off"
                    maxlength="100"
                />
                <button type="submit">{t.search_button}</button>
            </div>
        </form>
    }
}

#[component]
pub fn CatalogPage(
    ctx: PageContext,
    query: CatalogQuery,
    services: Vec<ServiceItem>,
) -> impl IntoView {
    let t = ctx.lang.t();
    let lang = ctx.lang;
    let (summary, typed) = match &query {
        CatalogQuery::All => (None, String::new()),
        CatalogQuery::Search(q) if services.is_empty() => {
            (Some((t.catalog_no_results)(q)), q.clone())
        }
        CatalogQuery::Search(q) => (Some((t.catalog_results)(services.len(), q)), q.clone()),
    };
    let searching = matches!(query, CatalogQuery::Search(_));
    view! {
        <Layout ctx=ctx.clone() title=t.catalog_title.to_owned() description=t.catalog_intro>
            <h1>{t.catalog_title}</h1>
            <p class="lead">{t.catalog_intro}</p>
            <SearchForm lang=lang query=typed />
            {summary.map(|s| view! { <p class="results-summary" role="status">{s}</p> })}
            <ul class="services">
                {services
                    .into_iter()
                    .map(|s| view! { <ServiceRow lang=lang service=s /> })
                    .collect_view()}
            </ul>
            {searching.then(|| view! { <p><a href=routes::CATALOG>{t.catalog_all_link}</a></p> })}
        </Layout>
    }
}

#[component]
fn ServiceRow(lang: Lang, service: ServiceItem) -> impl IntoView {
    let t = lang.t();
    let kind = match service.kind {
        ServiceKind::Visit => t.kind_visit,
        ServiceKind::Exam => t.kind_exam,
    };
    let tariff = service
        .ticket_cents
        .map_or_else(|| t.tariff_unknown.to_owned(), |c| lang.money(c));
    let times = routes::waiting_times(&service.code);
    view! {
        <li class="service">
            <h2 class="service-name">
                <a href=times>{service.name}</a>
            </h2>
            <p class="meta">
                <span class="tag">{kind}</span>
                " · "
                // The specialty is the region's data, in Italian whatever the page's language.
                <span lang="it">{service.discipline}</span>
                " · "
                {t.code_label}
                " "
                <span class="code">{service.code}</span>
                " · "
                {t.tariff_label}
                " "
                {tariff}
            </p>
        </li>
    }
}
