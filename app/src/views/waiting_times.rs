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
    /// Area id, name and its first free date.
    pub by_area: Vec<(i64, String, Option<NaiveDate>)>,
    pub by_facility: Vec<FacilityTime>,
    pub updated: NaiveDateTime,
    /// The database could not be reached when these figures were due for an update.
    pub stale: bool,
}

/// A free slot as the public sees it.
#[derive(Clone, Debug)]
pub struct PublicSlot {
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    pub address: String,
}

#[derive(Clone, Debug)]
pub struct AreaTimesData {
    pub service: ServiceItem,
    pub area: String,
    pub slots: Vec<PublicSlot>,
    pub updated: NaiveDateTime,
    pub stale: bool,
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
            <p>
                <a href=routes::TRANSPARENCY>{t.tr_link}</a>
            </p>
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
    let code = data.service.code.clone();
    let stale = data
        .stale
        .then(|| (t.stale_notice)(&lang.date_time(data.updated)));
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.times_intro>
            {stale.map(|s| view! { <p class="notice" role="status">{s}</p> })}
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
                        <th scope="col">
                            <span class="vh">{t.first_slots_heading}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .by_area
                        .into_iter()
                        .map(|(id, area, first)| {
                            view! {
                                <tr>
                                    <th scope="row">{area}</th>
                                    <td>{first_date(lang, first)}</td>
                                    <td>
                                        <a href=routes::waiting_times_area(&code, id)>
                                            {t.area_details}
                                        </a>
                                    </td>
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

#[component]
pub fn AreaTimesPage(ctx: PageContext, data: AreaTimesData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = (t.area_times_title)(&data.service.name, &data.area);
    let stale = data
        .stale
        .then(|| (t.stale_notice)(&lang.date_time(data.updated)));
    let empty = data.slots.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.times_intro>
            {stale.map(|s| view! { <p class="notice" role="status">{s}</p> })}
            <h1>{title}</h1>
            <p class="lead">{t.times_intro}</p>
            <p>
                <a class="button" href=routes::BOOK>{t.book_cta}</a>
            </p>
            <h2>{t.first_slots_heading}</h2>
            {empty.then(|| view! { <p>{t.no_free_slots}</p> })}
            <ol class="slots">
                {data
                    .slots
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li class="slot">
                                <p class="slot-when">{lang.date_time(s.starts)}</p>
                                <p class="slot-where">
                                    <strong>{s.facility}</strong>
                                    ", "
                                    {s.address}
                                    ", "
                                    {s.town}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p>
                <a href=routes::waiting_times(&data.service.code)>{t.times_title}</a>
            </p>
            <p class="hint">{(t.updated_at)(&lang.date_time(data.updated))}</p>
        </Layout>
    }
}
