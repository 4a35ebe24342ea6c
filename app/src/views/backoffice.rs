//! The back office: agendas of every facility, their weekly templates, slot generation, extra
//! slots and suspensions. Same rules as every page: no script, every field labelled, errors in a
//! summary that links to the fields they belong to.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// Shared with every form now; still reachable from here.
pub use crate::views::form::{Choice, SelectField};

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

fn notice_view(notice: Option<String>) -> impl IntoView {
    notice.map(|n| view! { <p class="notice" role="status">{n}</p> })
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

/// What was typed in the new-agenda form.
#[derive(Clone, Debug, Default)]
pub struct NewAgendaForm {
    pub facility: String,
    pub service: String,
    pub label: String,
    pub slot_minutes: String,
}

#[derive(Clone, Debug, Default)]
pub struct NewAgendaData {
    pub facilities: Vec<Choice>,
    pub services: Vec<Choice>,
    pub form: NewAgendaForm,
    pub errors: FormErrors,
}

#[component]
pub fn NewAgendaPage(ctx: PageContext, staff: StaffView, data: NewAgendaData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.bo_new_agenda_title, &data.errors);
    let csrf = staff.csrf.clone();
    let errors = data.errors;
    view! {
        <Layout ctx=ctx.clone() title=title description=t.bo_new_agenda_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=errors.clone() />
            <h1>{t.bo_new_agenda_title}</h1>
            <p class="lead">{t.bo_new_agenda_intro}</p>
            <form method="post" action=routes::STAFF_AGENDA_NEW novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <SelectField
                    lang=lang
                    id="struttura"
                    label=t.bo_facility_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=data.facilities
                    selected=data.form.facility
                    error=errors.get("struttura")
                />
                <SelectField
                    lang=lang
                    id="servizio"
                    label=t.service_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=data.services
                    selected=data.form.service
                    error=errors.get("servizio")
                />
                <TextField
                    lang=lang
                    id="nome"
                    label=t.bo_label_label.to_owned()
                    hint=t.bo_label_hint.to_owned()
                    value=data.form.label
                    error=errors.get("nome")
                    autocomplete="off"
                    maxlength=80
                />
                <TextField
                    lang=lang
                    id="minuti"
                    label=t.bo_slot_minutes_label.to_owned()
                    hint=t.bo_slot_minutes_hint.to_owned()
                    value=data.form.slot_minutes
                    error=errors.get("minuti")
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength=3
                />
                <button type="submit">{t.bo_create_button}</button>
            </form>
            <p>
                <a href=routes::STAFF_AGENDAS>{t.bo_back_to_agendas}</a>
            </p>
        </Layout>
    }
}

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

/// A text field of the agenda's forms: numbers and dates typed on a numeric keyboard.
#[expect(
    clippy::too_many_arguments,
    reason = "one field, one value per attribute"
)]
fn field(
    lang: Lang,
    id: &'static str,
    label: String,
    hint: &'static str,
    value: &str,
    errors: &FormErrors,
    maxlength: u32,
    numeric: bool,
) -> AnyView {
    view! {
        <TextField
            lang=lang
            id=id
            label=label
            hint=hint.to_owned()
            value=value.to_owned()
            error=errors.get(id)
            inputmode=if numeric { "numeric" } else { "text" }
            autocomplete="off"
            maxlength=maxlength
        />
    }
    .into_any()
}

fn template_form(
    lang: Lang,
    id: i64,
    csrf: &str,
    errors: &FormErrors,
    forms: &AgendaForms,
    reservations: Vec<Choice>,
) -> AnyView {
    let t = lang.t();
    let weekdays: Vec<Choice> = (1..=7u32)
        .map(|d| (d.to_string(), capitalised(t.weekdays[d as usize - 1])))
        .collect();
    let optional = |label: &str| format!("{label} {}", t.optional);
    view! {
        <form method="post" action=routes::staff_agenda_template(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_template_legend}</legend>
                <SelectField
                    lang=lang
                    id="modello_giorno"
                    label=t.bo_weekday_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=weekdays
                    selected=forms.template_weekday.clone()
                    error=errors.get("modello_giorno")
                />
                {field(lang, "modello_inizio", t.bo_start_label.to_owned(), t.bo_time_hint, &forms.template_start, errors, 5, true)}
                {field(lang, "modello_fine", t.bo_end_label.to_owned(), t.bo_time_hint, &forms.template_end, errors, 5, true)}
                <SelectField
                    lang=lang
                    id="modello_riserva"
                    label=t.bo_reservation_label.to_owned()
                    choices=reservations
                    selected=forms.template_reservation.clone()
                    error=errors.get("modello_riserva")
                />
                {field(lang, "modello_dal", t.bo_valid_from_label.to_owned(), t.bo_date_hint, &forms.template_from, errors, 10, true)}
                {field(lang, "modello_al", optional(t.bo_valid_to_label), t.bo_valid_to_hint, &forms.template_to, errors, 10, true)}
                <button type="submit">{t.bo_add_template_button}</button>
            </fieldset>
        </form>
    }
    .into_any()
}

fn slot_forms(
    lang: Lang,
    id: i64,
    csrf: &str,
    errors: &FormErrors,
    forms: &AgendaForms,
) -> AnyView {
    let t = lang.t();
    let optional = |label: &str| format!("{label} {}", t.optional);
    let generate = view! {
        <form method="post" action=routes::staff_agenda_generate(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_generate_legend}</legend>
                <p class="hint">{t.bo_generate_hint}</p>
                {field(lang, "genera_dal", t.bo_from_label.to_owned(), t.bo_date_hint, &forms.generate_from, errors, 10, true)}
                {field(lang, "genera_al", t.bo_to_label.to_owned(), t.bo_date_hint, &forms.generate_to, errors, 10, true)}
                <button type="submit">{t.bo_generate_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    let extra = view! {
        <form method="post" action=routes::staff_agenda_extra(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_extra_legend}</legend>
                <p class="hint">{t.bo_extra_hint}</p>
                {field(lang, "extra_giorno", t.bo_day_column.to_owned(), t.bo_date_hint, &forms.extra_day, errors, 10, true)}
                {field(lang, "extra_ora", t.bo_start_label.to_owned(), t.bo_time_hint, &forms.extra_time, errors, 5, true)}
                {field(lang, "extra_numero", optional(t.bo_count_label), t.bo_count_hint, &forms.extra_count, errors, 2, true)}
                <button type="submit">{t.bo_extra_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    let suspend = view! {
        <form method="post" action=routes::staff_agenda_suspend(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_suspend_legend}</legend>
                <p class="hint">{t.bo_suspend_hint}</p>
                {field(lang, "sospendi_dal", t.bo_from_label.to_owned(), t.bo_date_hint, &forms.suspend_from, errors, 10, true)}
                {field(lang, "sospendi_al", optional(t.bo_to_label), t.bo_suspend_to_hint, &forms.suspend_to, errors, 10, true)}
                {field(lang, "sospendi_motivo", t.bo_reason_label.to_owned(), t.bo_reason_hint, &forms.suspend_reason, errors, 300, false)}
                <button type="submit" class="danger">{t.bo_suspend_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    view! { {generate} {extra} {suspend} }.into_any()
}

/// "Lunedì" from "lunedì": weekday names start a table cell.
fn capitalised(word: &str) -> String {
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
