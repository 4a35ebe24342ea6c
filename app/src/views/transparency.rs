//! Public waiting times for transparency (D.Lgs 33/2013, art. 41): per service and priority
//! class, the first available date, the median wait of recent bookings and the share booked
//! inside the guaranteed time, for the whole region or one area. The server renders every
//! variant in the background; this page is never computed for a visitor.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::domain::PriorityClass;
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::AreaField;
use crate::views::guarantee::{GuaranteeCounts, GuaranteeFigures};
use crate::views::help::BackLink;
use crate::views::layout::{Layout, PageContext};

/// The figures of one priority class of one service in one place.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassFigures {
    pub class: PriorityClass,
    /// The guaranteed maximum wait of the class for this service, in days.
    pub max_wait_days: u32,
    /// The first day with a free slot this class can book online.
    pub first_available: Option<NaiveDate>,
    /// Median days from prescription to appointment of the bookings of the window.
    pub median_days: Option<f64>,
    pub bookings: u64,
    /// Share of those bookings inside the guaranteed wait, in percent.
    pub within_percent: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct ServiceFigures {
    pub code: String,
    pub name: String,
    pub classes: Vec<ClassFigures>,
}

/// The visits of one service the desk marked in the window, all classes together.
#[derive(Clone, Debug, PartialEq)]
pub struct NoShowLine {
    pub service: String,
    pub attended: u64,
    pub no_show: u64,
}

/// The share missed, in percent: no_show / (attended + no_show).
fn no_show_rate(attended: u64, no_show: u64) -> Option<f64> {
    let marked = attended + no_show;
    (marked > 0).then(|| no_show as f64 * 100.0 / marked as f64)
}

#[derive(Clone, Debug)]
pub struct TransparencyData {
    pub areas: Vec<(i64, String)>,
    /// The area shown; None: the whole region.
    pub area: Option<i64>,
    pub services: Vec<ServiceFigures>,
    /// Days of bookings the medians look back over.
    pub window_days: i64,
    pub updated: NaiveDateTime,
    /// Services with visits marked by the desk in the window.
    pub no_shows: Vec<NoShowLine>,
    /// The guarantee route's requests (the region's page only).
    pub guarantee: Option<GuaranteeCounts>,
}

/// A figure with at most one decimal, written the way the language writes decimals.
pub fn decimal(lang: Lang, value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang.decimal_separator() {
        ',' => text.replace('.', ","),
        _ => text,
    }
}

#[component]
pub fn TransparencyPage(ctx: PageContext, data: TransparencyData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let place = data
        .area
        .and_then(|id| data.areas.iter().find(|(a, _)| *a == id))
        .map_or_else(|| t.any_area.to_owned(), |(_, name)| name.clone());
    let title = (t.tr_title)(&place);
    let empty = data.services.is_empty();
    let selected = data.area;
    let window = data.window_days;
    let none = || t.tr_none.to_owned();
    let rate = move |attended: u64, no_show: u64| {
        no_show_rate(attended, no_show).map_or_else(none, |p| format!("{} %", decimal(lang, p)))
    };
    let (all_attended, all_no_show) = data
        .no_shows
        .iter()
        .fold((0, 0), |(a, n), l| (a + l.attended, n + l.no_show));
    let no_shows = (!data.no_shows.is_empty()).then(|| {
        view! {
            <table class="times">
                <caption>{t.tr_no_show_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.tr_service_column}</th>
                        <th scope="col">{t.tr_attended_column}</th>
                        <th scope="col">{t.tr_no_show_column}</th>
                        <th scope="col">{t.tr_no_show_rate_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .no_shows
                        .into_iter()
                        .map(|l| {
                            view! {
                                <tr>
                                    <th scope="row">{l.service}</th>
                                    <td>{l.attended}</td>
                                    <td>{l.no_show}</td>
                                    <td>{rate(l.attended, l.no_show)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.tr_total_row}</th>
                        <td>{all_attended}</td>
                        <td>{all_no_show}</td>
                        <td>{rate(all_attended, all_no_show)}</td>
                    </tr>
                </tfoot>
            </table>
        }
        .into_any()
    });
    view! {
        <Layout ctx=ctx.clone() title=title.clone() description=t.tr_intro>
            <h1>{title}</h1>
            <p class="lead">{t.tr_intro}</p>
            <p>
                {t.tr_law}
                " "
                <a href=routes::SUSPENSIONS>{t.su_public_title}</a>
            </p>
            <form method="get" action=routes::TRANSPARENCY class="filters">
                <AreaField lang=lang areas=data.areas selected=selected />
                <button type="submit" class="secondary">
                    {t.tr_show_button}
                </button>
            </form>
            {empty.then(|| view! { <p>{t.tr_no_data}</p> })}
            {data
                .services
                .into_iter()
                .map(|service| {
                    let caption = format!("{} ({})", service.name, service.code);
                    view! {
                        <table class="times">
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.tr_class_column}</th>
                                    <th scope="col">{t.tr_max_wait_column}</th>
                                    <th scope="col">{t.tr_first_column}</th>
                                    <th scope="col">{t.tr_median_column}</th>
                                    <th scope="col">{(t.tr_bookings_column)(window)}</th>
                                    <th scope="col">{t.tr_within_column}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {service
                                    .classes
                                    .into_iter()
                                    .map(|c| view! { <ClassRow lang=lang figures=c /> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })
                .collect_view()}
            <section aria-labelledby="no-shows">
                <h2 id="no-shows">{t.tr_no_show_heading}</h2>
                <p>{(t.tr_no_show_intro)(window)}</p>
                {no_shows.unwrap_or_else(|| view! { <p>{t.tr_no_data}</p> }.into_any())}
            </section>
            {data
                .guarantee
                .map(|counts| view! { <GuaranteeFigures lang=lang counts=counts window_days=window /> })}
            <section aria-labelledby="open-data">
                <h2 id="open-data">{t.tr_open_data_heading}</h2>
                <p>{t.tr_open_data_short}</p>
                <OpenDataLinks lang=lang columns=true />
            </section>
            <p class="hint">{(t.updated_at)(&lang.date_time(data.updated))}</p>
            <p>
                <a href=routes::WAITING_TIMES>{t.times_title}</a>
            </p>
        </Layout>
    }
}

/// What each column of the open data holds (its own page: the transparency page stays within
/// 14 KB on a first visit in every language).
#[component]
pub fn TransparencyColumnsPage(ctx: PageContext) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.tr_columns_title.to_owned() description=t.tr_open_data_short>
            <BackLink lang=ctx.lang href=routes::TRANSPARENCY.to_owned() />
            <h1>{t.tr_columns_title}</h1>
            <p>{t.tr_open_data_intro}</p>
            <dl class="summary">
                {COLUMNS
                    .iter()
                    .zip(t.tr_column_docs.iter())
                    .map(|(name, doc)| {
                        view! {
                            <div>
                                <dt>
                                    <code>{*name}</code>
                                </dt>
                                <dd>{*doc}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <OpenDataLinks lang=ctx.lang columns=false />
        </Layout>
    }
}

/// The open data's downloads, and the link to what their columns hold (`columns`).
#[component]
fn OpenDataLinks(lang: Lang, columns: bool) -> impl IntoView {
    let t = lang.t();
    view! {
        <ul class="actions">
            <li>
                <a href=routes::TRANSPARENCY_CSV>{t.tr_csv_link}</a>
            </li>
            <li>
                <a href=routes::TRANSPARENCY_JSON>{t.tr_json_link}</a>
            </li>
            {columns
                .then(|| {
                    view! {
                        <li>
                            <a href=routes::TRANSPARENCY_COLUMNS>{t.tr_columns_link}</a>
                        </li>
                    }
                })}
        </ul>
    }
}

/// The columns of the open data (CSV header, JSON fields), in order; `Texts::tr_column_docs`
/// describes each in the reader's language.
pub const COLUMNS: [&str; 14] = [
    "service_code",
    "service_name",
    "service_kind",
    "area_id",
    "area_name",
    "priority",
    "max_wait_days",
    "first_available_date",
    "median_wait_days",
    "bookings_90_days",
    "within_deadline_percent",
    "visits_attended_90_days",
    "visits_no_show_90_days",
    "no_show_percent",
];

#[component]
fn ClassRow(lang: Lang, figures: ClassFigures) -> impl IntoView {
    let t = lang.t();
    let i = PriorityClass::ALL
        .iter()
        .position(|c| *c == figures.class)
        .unwrap_or(0);
    let none = || t.tr_none.to_owned();
    view! {
        <tr>
            <th scope="row">{t.tr_class_names[i]}</th>
            <td>{(t.tr_days)(figures.max_wait_days)}</td>
            <td>{figures.first_available.map_or_else(none, |d| lang.short_date(d))}</td>
            <td>{figures.median_days.map_or_else(none, |m| decimal(lang, m))}</td>
            <td>{figures.bookings}</td>
            <td>
                {figures
                    .within_percent
                    .map_or_else(none, |p| format!("{} %", decimal(lang, p)))}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    #[test]
    fn decimals_follow_the_language_and_drop_a_useless_zero() {
        assert_eq!(decimal(Lang::It, 12.0), "12");
        assert_eq!(decimal(Lang::It, 12.5), "12,5");
        assert_eq!(decimal(Lang::En, 66.666), "66.7");
    }

    #[test]
    fn the_page_has_a_captioned_table_per_service_with_scoped_headers() {
        let data = TransparencyData {
            areas: vec![(3, "Firenze".to_owned())],
            area: Some(3),
            services: vec![ServiceFigures {
                code: "89.7A.3".to_owned(),
                name: "Prima visita cardiologica".to_owned(),
                classes: vec![ClassFigures {
                    class: PriorityClass::B,
                    max_wait_days: 10,
                    first_available: NaiveDate::from_ymd_opt(2026, 3, 2),
                    median_days: Some(7.5),
                    bookings: 4,
                    within_percent: Some(75.0),
                }],
            }],
            window_days: 90,
            no_shows: vec![NoShowLine {
                service: "Prima visita cardiologica".to_owned(),
                attended: 7,
                no_show: 1,
            }],
            guarantee: Some(GuaranteeCounts([5, 1, 1, 0, 1, 2, 1])),
            updated: NaiveDate::from_ymd_opt(2026, 3, 1)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .expect("time"),
        };
        let ctx = PageContext {
            lang: Lang::It,
            css_href: "/static/style.test.css",
            path: routes::TRANSPARENCY.to_owned(),
            kiosk: None,
        };
        let html = render_document(view! { <TransparencyPage ctx=ctx data=data /> });
        assert!(html.contains("<caption>Prima visita cardiologica (89.7A.3)</caption>"));
        assert!(html.contains("<th scope=\"row\">B (breve)</th>"));
        assert!(html.contains("<td>2/3/2026</td>"));
        assert!(html.contains("<td>7,5</td>"));
        assert!(html.contains("<td>75 %</td>"));
        assert!(html.contains("<td>12,5 %</td>"), "the no-show rate");
        assert!(html.contains("<tfoot><tr><th scope=\"row\">Tutte le prestazioni</th>"));
        assert!(html.contains("<option value=\"3\" selected"));
        assert!(html.contains("<th scope=\"row\">Aperte oltre la scadenza</th><td>1</td>"));
        assert!(!html.contains("style="));
        assert!(!html.contains("<script>"));
    }
}
