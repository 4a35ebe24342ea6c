//! Agendas never closed, shown: the public page of suspensions (`/sospensioni`, one line per
//! area with its counts; `/sospensioni/{area}`, each suspension of the area). For the last
//! days of the window: where, what, when, why (a category and a few words), how many slots,
//! how many bookings were moved, how many put on the waiting list and how many of those have
//! been booked again since. No personal data. Rendered by the server for every area and
//! language at once and served as prepared bytes.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::domain::SuspensionReason;
use crate::i18n::Lang;
use crate::routes;
use crate::views::layout::{Layout, PageContext};

/// Counts of one area (or of the region) over the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuspensionCounts {
    pub suspensions: i64,
    pub slots: i64,
    pub moved: i64,
    pub waitlisted: i64,
    pub rebooked: i64,
}

#[derive(Clone, Debug)]
pub struct AreaSuspensions {
    pub id: i64,
    pub name: String,
    pub counts: SuspensionCounts,
}

/// One suspension as the public sees it.
#[derive(Clone, Debug)]
pub struct PublicSuspension {
    pub facility: String,
    pub town: String,
    pub service: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: SuspensionReason,
    pub public_reason: String,
    pub counts: SuspensionCounts,
}

#[derive(Clone, Debug)]
pub struct PublicSuspensionsData {
    /// Every area, with its counts (the index page lists them all).
    pub areas: Vec<AreaSuspensions>,
    /// The area shown; None: the index of areas.
    pub area: Option<(i64, String)>,
    pub suspensions: Vec<PublicSuspension>,
    pub window_days: i64,
    pub updated: NaiveDateTime,
}

fn period(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        lang.short_date(from)
    } else {
        (lang.t().su_period)(&lang.short_date(from), &lang.short_date(to))
    }
}

#[component]
pub fn PublicSuspensionsPage(ctx: PageContext, data: PublicSuspensionsData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = match &data.area {
        Some((_, name)) => (t.su_public_area_title)(name),
        None => t.su_public_title.to_owned(),
    };
    let updated = format!(
        "{} {}",
        lang.short_date(data.updated.date()),
        lang.time(data.updated)
    );
    let counts_head = move || {
        view! {
            <th scope="col">{t.su_slots_column}</th>
            <th scope="col">{t.su_moved_column}</th>
            <th scope="col">{t.su_waitlisted_column}</th>
            <th scope="col">{t.su_rebooked_column}</th>
        }
    };
    let counts_cells = |c: &SuspensionCounts| {
        view! {
            <td>{c.slots}</td>
            <td>{c.moved}</td>
            <td>{c.waitlisted}</td>
            <td>{c.rebooked}</td>
        }
    };
    let body = match data.area {
        None => view! {
            <table class="times">
                <caption>{(t.su_public_areas_caption)(data.window_days)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.area_label}</th>
                        <th scope="col">{t.su_count_column}</th>
                        {counts_head()}
                    </tr>
                </thead>
                <tbody>
                    {data
                        .areas
                        .iter()
                        .map(|a| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=routes::suspensions_area(a.id)>{a.name.clone()}</a>
                                    </th>
                                    <td>{a.counts.suspensions}</td>
                                    {counts_cells(&a.counts)}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Some(_) if data.suspensions.is_empty() => {
            view! { <p>{(t.su_public_none)(data.window_days)}</p> }.into_any()
        }
        Some(_) => view! {
            <table class="times">
                <caption>{(t.su_public_list_caption)(data.window_days)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.bo_facility_label}</th>
                        <th scope="col">{t.service_label}</th>
                        <th scope="col">{t.su_period_column}</th>
                        <th scope="col">{t.su_reason_column}</th>
                        {counts_head()}
                    </tr>
                </thead>
                <tbody>
                    {data
                        .suspensions
                        .iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("{}, {}", s.facility, s.town)}</th>
                                    <td>{s.service.clone()}</td>
                                    <td>{period(lang, s.from, s.to)}</td>
                                    <td>
                                        {format!("{}: {}", t.su_reason_names[s.reason.index()], s.public_reason)}
                                    </td>
                                    {counts_cells(&s.counts)}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p>
                <a href=routes::SUSPENSIONS>{t.su_public_all_areas}</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.su_public_intro>
            <h1>{title}</h1>
            <p class="lead">{t.su_public_intro}</p>
            {body}
            <p>{(t.su_public_updated)(&updated)}</p>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    #[test]
    fn an_area_page_lists_each_suspension_with_its_counts_and_no_one() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let counts = SuspensionCounts {
            suspensions: 1,
            slots: 12,
            moved: 5,
            waitlisted: 2,
            rebooked: 1,
        };
        let data = PublicSuspensionsData {
            areas: vec![AreaSuspensions {
                id: 3,
                name: "Firenze".to_owned(),
                counts: counts.clone(),
            }],
            area: Some((3, "Firenze".to_owned())),
            suspensions: vec![PublicSuspension {
                facility: "Ospedale".to_owned(),
                town: "Firenze".to_owned(),
                service: "Ecografia".to_owned(),
                from: day,
                to: day,
                reason: SuspensionReason::Equipment,
                public_reason: "Ecografo guasto".to_owned(),
                counts,
            }],
            window_days: 90,
            updated: day.and_hms_opt(8, 0, 0).expect("time"),
        };
        for lang in Lang::ALL {
            let ctx = PageContext {
                lang,
                css_href: "/static/style.test.css",
                path: routes::suspensions_area(3),
                kiosk: None,
            };
            let html =
                render_document(view! { <PublicSuspensionsPage ctx=ctx data=data.clone() /> });
            assert!(html.contains("Ecografo guasto"), "{html}");
            assert!(
                html.contains("<td>12</td><td>5</td><td>2</td><td>1</td>"),
                "{html}"
            );
            assert!(html.contains(lang.t().su_reason_names[0]));
            assert!(!html.contains("style="));
        }
    }
}
