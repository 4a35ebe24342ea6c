//! The list of agendas: an overview of the facilities, or the agendas of one facility or one
//! service once filtered.

use leptos::prelude::*;

use super::notice_view;
use crate::routes;
use crate::views::form::{Choice, SelectField};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// A facility and how many agendas it runs (the overview, before any filter).
#[derive(Clone, Debug)]
pub struct FacilityOverview {
    pub id: i64,
    pub name: String,
    pub town: String,
    pub area: String,
    pub agendas: i64,
}

#[derive(Clone, Debug)]
pub struct AgendaRow {
    pub id: i64,
    pub service: String,
    pub service_code: String,
    pub label: String,
    pub slot_minutes: i64,
    pub active: bool,
}

/// The agendas of one facility.
#[derive(Clone, Debug)]
pub struct FacilityAgendas {
    pub facility: String,
    pub town: String,
    pub agendas: Vec<AgendaRow>,
}

#[derive(Clone, Debug, Default)]
pub struct AgendasData {
    pub facilities: Vec<Choice>,
    pub services: Vec<Choice>,
    pub facility: String,
    pub service: String,
    /// Shown when no filter is chosen.
    pub overview: Vec<FacilityOverview>,
    /// Shown when a filter is chosen.
    pub groups: Vec<FacilityAgendas>,
    pub filtered: bool,
    pub can_create: bool,
    pub notice: Option<String>,
}

#[component]
pub fn AgendasPage(ctx: PageContext, staff: StaffView, data: AgendasData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let yes_no = move |b: bool| if b { t.bo_yes } else { t.bo_no };
    let empty = data.filtered && data.groups.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=t.bo_agendas_title.to_owned() description=t.bo_agendas_intro>
            <StaffBar lang=lang staff=staff />
            {notice_view(data.notice)}
            <h1>{t.bo_agendas_title}</h1>
            <p class="lead">{t.bo_agendas_intro}</p>
            {data
                .can_create
                .then(|| {
                    view! {
                        <p>
                            <a class="button" href=routes::STAFF_AGENDA_NEW>
                                {t.bo_new_agenda_link}
                            </a>
                        </p>
                    }
                })}
            <form method="get" action=routes::STAFF_AGENDAS class="filters">
                <fieldset>
                    <legend>{t.bo_filters_legend}</legend>
                    <SelectField
                        lang=lang
                        id="struttura"
                        label=t.bo_facility_label.to_owned()
                        empty=t.bo_any_facility.to_owned()
                        choices=data.facilities
                        selected=data.facility
                        error=None
                    />
                    <SelectField
                        lang=lang
                        id="servizio"
                        label=t.service_label.to_owned()
                        empty=t.bo_any_service.to_owned()
                        choices=data.services
                        selected=data.service
                        error=None
                    />
                    <button type="submit" class="secondary">
                        {t.bo_filter_button}
                    </button>
                </fieldset>
            </form>
            {(!data.filtered)
                .then(|| {
                    view! {
                        <table class="times">
                            <caption>{t.bo_facilities_caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.bo_facility_label}</th>
                                    <th scope="col">{t.town_label}</th>
                                    <th scope="col">{t.area_label}</th>
                                    <th scope="col">{t.bo_agendas_count_column}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {data
                                    .overview
                                    .into_iter()
                                    .map(|f| {
                                        let href = format!("{}?struttura={}", routes::STAFF_AGENDAS, f.id);
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=href>{f.name}</a>
                                                </th>
                                                <td>{f.town}</td>
                                                <td>{f.area}</td>
                                                <td>{f.agendas}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            {empty.then(|| view! { <p>{t.bo_no_agendas}</p> })}
            {data
                .groups
                .into_iter()
                .map(|group| {
                    let caption = format!("{}, {}", group.facility, group.town);
                    view! {
                        <table class="times">
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.bo_label_label}</th>
                                    <th scope="col">{t.service_label}</th>
                                    <th scope="col">{t.bo_slot_minutes_column}</th>
                                    <th scope="col">{t.bo_active_column}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {group
                                    .agendas
                                    .into_iter()
                                    .map(|a| {
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=routes::staff_agenda(a.id)>{a.label}</a>
                                                </th>
                                                <td>
                                                    {a.service}
                                                    " "
                                                    <span class="code">{a.service_code}</span>
                                                </td>
                                                <td>{a.slot_minutes}</td>
                                                <td>{yes_no(a.active)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })
                .collect_view()}
        </Layout>
    }
}
