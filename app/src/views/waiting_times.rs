//! Public availability without a prescription: per service, the first free date at each facility
//! and in each area. This is the page the crowds hit; the server serves it from a cache.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::catalog::{SearchForm, ServiceItem};
use super::layout::{Layout, PageContext};
use crate::i18n::Lang;
use crate::routes;

#[derive(Clone, Debug)]
pub struct FacilityTime {
    pub facility: String,
    pub town: String,
    pub area: String,
    pub first: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct ServiceTimesData {
    pub service: ServiceItem,
    /// Area name and its first free date.
    pub by_area: Vec<(String, Option<NaiveDate>)>,
    pub by_facility: Vec<FacilityTime>,
    pub updated: NaiveDateTime,
}

#[component]
pub fn WaitingTimesIndexPage(ctx: PageContext, services: Vec<ServiceItem>) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.times_title.to_owned() description=t.times_intro>
            <h1>{t.times_title}</h1>
            <p class="lead">{t.times_intro}</p>
            <SearchForm lang=lang query=String::new() />
            <ul class="link-list">
                {services
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li>
                                <a href=routes::waiting_times(&s.code)>{s.name}</a>
                                " "
                                <span class="code">{s.code}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Layout>
    }
}

fn first_date(lang: Lang, first: Option<NaiveDate>) -> String {
    first.map_or_else(|| lang.t().no_date.to_owned(), |d| lang.long_date(d))
}

#[component]
pub fn ServiceTimesPage(ctx: PageContext, data: ServiceTimesData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = format!("{}: {}", t.times_title, data.service.name);
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.times_intro>
            <h1>{title}</h1>
            <p class="lead">{t.times_intro}</p>
            <p>
                <a class="button" href=routes::BOOK>{t.book_cta}</a>
            </p>
            <table class="times">
                <caption>{t.first_by_area}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.area_label}</th>
                        <th scope="col">{t.first_date_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .by_area
                        .into_iter()
                        .map(|(area, first)| {
                            view! {
                                <tr>
                                    <th scope="row">{area}</th>
                                    <td>{first_date(lang, first)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <table class="times">
                <caption>{t.first_by_facility}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.where_label}</th>
                        <th scope="col">{t.town_label}</th>
                        <th scope="col">{t.first_date_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .by_facility
                        .into_iter()
                        .map(|f| {
                            view! {
                                <tr>
                                    <th scope="row">{f.facility}</th>
                                    <td>{f.town}</td>
                                    <td>{first_date(lang, f.first)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="hint">{(t.updated_at)(&lang.date_time(data.updated))}</p>
        </Layout>
    }
}
