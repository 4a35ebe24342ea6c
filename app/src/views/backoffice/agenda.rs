//! One agenda: what it is, its weekly template, its slots day by day, and the forms that change
//! them (in `agenda_forms`).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::agenda_forms::{slot_forms, template_form};
use super::notice_view;
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{Choice, ErrorSummary, FormErrors, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// One row of an agenda's weekly template.
#[derive(Clone, Debug)]
pub struct TemplateRow {
    /// ISO weekday, 1 = Monday.
    pub weekday: u32,
    pub start_minute: i64,
    pub end_minute: i64,
    /// What its slots are kept for, in words, if anything.
    pub reserved: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// Slots of one day of an agenda.
#[derive(Clone, Debug)]
pub struct DayCount {
    pub day: NaiveDate,
    pub free: i64,
    pub booked: i64,
    pub suspended: i64,
}

/// What was typed in the forms of an agenda's page (the one sent back with errors keeps it).
#[derive(Clone, Debug, Default)]
pub struct AgendaForms {
    pub template_weekday: String,
    pub template_start: String,
    pub template_end: String,
    pub template_reservation: String,
    pub template_from: String,
    pub template_to: String,
    pub generate_from: String,
    pub generate_to: String,
    pub extra_day: String,
    pub extra_time: String,
    pub extra_count: String,
    pub suspend_from: String,
    pub suspend_to: String,
    /// One of `SuspensionReason::as_str`, or empty.
    pub suspend_category: String,
    pub suspend_reason: String,
}

#[derive(Clone, Debug)]
pub struct AgendaData {
    pub id: i64,
    pub facility: String,
    pub town: String,
    pub service: String,
    pub service_code: String,
    pub label: String,
    pub slot_minutes: i64,
    pub active: bool,
    pub templates: Vec<TemplateRow>,
    pub days: Vec<DayCount>,
    /// The reservations a template row may have: (value, label).
    pub reservations: Vec<Choice>,
    /// Only administrators change templates.
    pub can_edit_template: bool,
    pub forms: AgendaForms,
    pub errors: FormErrors,
    pub notice: Option<String>,
}

/// "8:30" from minutes after midnight.
pub fn clock_time(minute: i64) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

#[component]
pub fn AgendaPage(ctx: PageContext, staff: StaffView, data: AgendaData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let heading = (t.bo_agenda_title)(&data.label, &data.facility);
    let title = title_with_errors(lang, &heading, &data.errors);
    let csrf = staff.csrf.clone();
    let errors = data.errors;
    let forms = data.forms;
    let id = data.id;
    let yes_no = if data.active { t.bo_yes } else { t.bo_no };
    // Each section is type-erased: one concrete type for the whole page is too deep to build.
    let summary = view! {
        <dl class="summary">
            <div>
                <dt>{t.bo_facility_label}</dt>
                <dd>{format!("{}, {}", data.facility, data.town)}</dd>
            </div>
            <div>
                <dt>{t.service_label}</dt>
                <dd>
                    {data.service}
                    " "
                    <span class="code">{data.service_code}</span>
                </dd>
            </div>
            <div>
                <dt>{t.bo_slot_minutes_column}</dt>
                <dd>{data.slot_minutes}</dd>
            </div>
            <div>
                <dt>{t.bo_active_column}</dt>
                <dd>{yes_no}</dd>
            </div>
        </dl>
    }
    .into_any();
    let templates = templates_table(lang, data.templates);
    let template_form = data
        .can_edit_template
        .then(|| template_form(lang, id, &csrf, &errors, &forms, data.reservations));
    let days = days_table(lang, data.days);
    let slot_forms = slot_forms(lang, id, &csrf, &errors, &forms);
    view! {
        <Layout ctx=ctx.clone() title=title description=t.bo_agendas_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=errors.clone() />
            {notice_view(data.notice)}
            <h1>{heading}</h1>
            {summary}
            <h2>{t.bo_templates_heading}</h2>
            {templates}
            {template_form}
            <h2>{t.bo_days_heading}</h2>
            {days}
            <h2>{t.bo_slots_heading}</h2>
            {slot_forms}
            <p>
                <a href=routes::STAFF_AGENDAS>{t.bo_back_to_agendas}</a>
            </p>
        </Layout>
    }
}

fn templates_table(lang: Lang, rows: Vec<TemplateRow>) -> AnyView {
    let t = lang.t();
    if rows.is_empty() {
        return view! { <p>{t.bo_no_templates}</p> }.into_any();
    }
    view! {
        <table class="times">
            <caption>{t.bo_templates_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.bo_weekday_label}</th>
                    <th scope="col">{t.bo_hours_column}</th>
                    <th scope="col">{t.bo_reservation_column}</th>
                    <th scope="col">{t.bo_validity_column}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let weekday = capitalised(t.weekdays[(row.weekday.clamp(1, 7) - 1) as usize]);
                        let hours = format!(
                            "{}–{}",
                            clock_time(row.start_minute),
                            clock_time(row.end_minute),
                        );
                        let validity = (t.bo_validity)(
                            &lang.short_date(row.valid_from),
                            row.valid_to.map(|d| lang.short_date(d)).as_deref(),
                        );
                        let reserved = row
                            .reserved
                            .unwrap_or_else(|| t.bo_no_reservation.to_owned());
                        view! {
                            <tr>
                                <th scope="row">{weekday}</th>
                                <td>{hours}</td>
                                <td>{reserved}</td>
                                <td>{validity}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn days_table(lang: Lang, days: Vec<DayCount>) -> AnyView {
    let t = lang.t();
    if days.is_empty() {
        return view! { <p>{t.bo_no_days}</p> }.into_any();
    }
    view! {
        <table class="times">
            <caption>{t.bo_days_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.bo_day_column}</th>
                    <th scope="col">{t.bo_free_column}</th>
                    <th scope="col">{t.bo_booked_column}</th>
                    <th scope="col">{t.bo_suspended_column}</th>
                </tr>
            </thead>
            <tbody>
                {days
                    .into_iter()
                    .map(|d| {
                        view! {
                            <tr>
                                <th scope="row">{lang.long_date(d.day)}</th>
                                <td>{d.free}</td>
                                <td>{d.booked}</td>
                                <td>{d.suspended}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "Lunedì" from "lunedì": weekday names start a table cell.
pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::views::render_document;

    fn staff() -> StaffView {
        StaffView {
            name: "Paola Galli".to_owned(),
            role: Role::Supervisor,
            csrf: "tok".to_owned(),
            outage: false,
        }
    }

    fn ctx() -> PageContext {
        PageContext {
            lang: Lang::It,
            css_href: "/static/style.test.css",
            path: "/operatore/agende/1".to_owned(),
            kiosk: None,
        }
    }

    #[test]
    fn times_of_day_are_written_as_people_read_them() {
        assert_eq!(clock_time(8 * 60 + 5), "8:05");
        assert_eq!(clock_time(24 * 60), "24:00");
        assert_eq!(capitalised("lunedì"), "Lunedì");
    }

    #[test]
    fn an_agenda_page_ties_errors_to_fields_and_every_form_carries_the_token() {
        let mut errors = FormErrors::default();
        errors.push("sospendi_motivo", "Scrivi il motivo");
        errors.push("sospendi_categoria", "Scegli il tipo di motivo");
        let data = AgendaData {
            id: 1,
            facility: "Ospedale".to_owned(),
            town: "Firenze".to_owned(),
            service: "Visita".to_owned(),
            service_code: "89.7".to_owned(),
            label: "Ambulatorio 1".to_owned(),
            slot_minutes: 30,
            active: true,
            templates: vec![TemplateRow {
                weekday: 1,
                start_minute: 8 * 60,
                end_minute: 12 * 60,
                reserved: None,
                valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                valid_to: None,
            }],
            days: vec![],
            reservations: vec![(String::new(), "Nessuna".to_owned())],
            can_edit_template: false,
            forms: AgendaForms::default(),
            errors,
            notice: None,
        };
        let html = render_document(view! { <AgendaPage ctx=ctx() staff=staff() data=data /> });
        assert!(html.contains("href=\"#sospendi_motivo\""));
        assert!(html.contains("aria-describedby=\"sospendi_motivo-hint sospendi_motivo-error\""));
        assert!(html.contains("href=\"#sospendi_categoria\""));
        assert!(html.contains("aria-describedby=\"sospendi_categoria-error\""));
        assert!(html.contains("<option value=\"staff_absence\">"));
        assert_eq!(
            html.matches("name=\"csrf\"").count(),
            4,
            "logout, generate, extra, suspend"
        );
        assert!(
            !html.contains("modello_giorno"),
            "supervisors do not edit templates"
        );
        assert!(html.contains("<th scope=\"row\">Lunedì</th>"));
        assert!(!html.contains("style="));
    }
}
