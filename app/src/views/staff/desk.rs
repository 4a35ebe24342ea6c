//! The facility desk: the visits of one day at one facility, each confirmed one marked
//! attended or not attended with one button (a form per button: no script).

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::{StaffBar, StaffView};
use crate::domain::BookingStatus;
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, SelectField, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// What the desk can do with a visit now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskAction {
    /// Confirmed, its day has come: both buttons.
    Mark,
    /// Marked today: the other button, to correct it.
    Correct,
    /// Confirmed, its day has not come.
    NotYet,
    /// Marked on an earlier day: nothing.
    None,
}

/// One visit of the day, as the desk sees it.
#[derive(Clone, Debug)]
pub struct DeskVisit {
    pub starts: NaiveDateTime,
    pub code: String,
    /// The code as people read it.
    pub code_grouped: String,
    pub patient: String,
    pub service: String,
    pub status: BookingStatus,
    pub ticket_due: bool,
    pub action: DeskAction,
}

#[derive(Clone, Debug, Default)]
pub struct DeskData {
    /// (id, name) of the facilities a supervisor may choose from; empty for a desk operator.
    pub facilities: Vec<(i64, String)>,
    /// The facility shown, (id, name).
    pub facility: Option<(i64, String)>,
    pub day: Option<NaiveDate>,
    /// The day as typed.
    pub day_typed: String,
    pub visits: Vec<DeskVisit>,
    pub errors: FormErrors,
    /// Shown after a visit was marked.
    pub marked: bool,
}

fn status_name(lang: Lang, status: BookingStatus) -> &'static str {
    let i = BookingStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0);
    lang.t().status_names[i]
}

#[component]
pub fn DeskPage(ctx: PageContext, staff: StaffView, data: DeskData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.desk_title, &data.errors);
    let csrf = staff.csrf.clone();
    let choose_facility = !data.facilities.is_empty();
    let facility_choices = data
        .facilities
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect::<Vec<_>>();
    let selected_facility = data
        .facility
        .as_ref()
        .map(|(id, _)| id.to_string())
        .unwrap_or_default();
    let day_text = data.day.map(|d| d.to_string()).unwrap_or_default();
    let facility_id = data.facility.as_ref().map(|(id, _)| id.to_string());
    let list = match (&data.facility, data.day) {
        (Some((_, name)), Some(day)) => {
            let caption = (t.desk_caption)(&lang.long_date(day), name);
            let body = if data.visits.is_empty() {
                view! { <p>{t.desk_no_visits}</p> }.into_any()
            } else {
                let rows = data
                    .visits
                    .into_iter()
                    .map(|v| {
                        let form = |attendance: &'static str, label: &'static str| {
                            let action = routes::staff_desk_mark(&v.code);
                            let facility_id = facility_id.clone();
                            let day_text = day_text.clone();
                            let csrf = csrf.clone();
                            let code = v.code_grouped.clone();
                            view! {
                                <form method="post" action=action class="inline">
                                    <input type="hidden" name="csrf" value=csrf />
                                    <input type="hidden" name="esito" value=attendance />
                                    <input type="hidden" name="giorno" value=day_text />
                                    {facility_id
                                        .map(|id| {
                                            view! { <input type="hidden" name="struttura" value=id /> }
                                        })}
                                    <button type="submit" class="secondary">
                                        {label}
                                        <span class="vh">" " {code}</span>
                                    </button>
                                </form>
                            }
                        };
                        let actions = match (v.action, v.status) {
                            (DeskAction::Mark, _) => view! {
                                {form("presente", t.desk_attended_button)}
                                {form("assente", t.desk_no_show_button)}
                            }
                            .into_any(),
                            (DeskAction::Correct, BookingStatus::Attended) => {
                                form("assente", t.desk_no_show_button).into_any()
                            }
                            (DeskAction::Correct, _) => {
                                form("presente", t.desk_attended_button).into_any()
                            }
                            (DeskAction::NotYet, _) => t.desk_not_yet.into_any(),
                            (DeskAction::None, _) => "".into_any(),
                        };
                        let status = status_name(lang, v.status);
                        view! {
                            <tr>
                                <th scope="row">{lang.time(v.starts)}</th>
                                <td class="code">{v.code_grouped.clone()}</td>
                                <td>{v.patient}</td>
                                <td>{v.service}</td>
                                <td>
                                    {status}
                                    {v.ticket_due.then(|| view! { " · " {t.desk_ticket_due} })}
                                </td>
                                <td>{actions}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="times">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.desk_time_column}</th>
                                <th scope="col">{t.desk_code_column}</th>
                                <th scope="col">{t.desk_patient_column}</th>
                                <th scope="col">{t.desk_service_column}</th>
                                <th scope="col">{t.desk_status_column}</th>
                                <th scope="col">{t.desk_action_column}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            };
            Some(body)
        }
        _ => None,
    };
    view! {
        <Layout ctx=ctx.clone() title=title description=t.desk_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.desk_title}</h1>
            <p class="lead">{t.desk_intro}</p>
            <p class="notice">{t.desk_ticket_note}</p>
            {data.marked.then(|| view! { <p class="notice" role="status">{t.desk_marked_notice}</p> })}
            <form method="get" action=routes::STAFF_DESK class="filters">
                {choose_facility
                    .then(|| {
                        view! {
                            <SelectField
                                lang=lang
                                id="struttura"
                                label=t.desk_facility_label.to_owned()
                                empty=t.bo_choose.to_owned()
                                choices=facility_choices
                                selected=selected_facility
                                error=data.errors.get("struttura")
                            />
                        }
                    })}
                <TextField
                    lang=lang
                    id="giorno"
                    label=t.desk_day_label.to_owned()
                    hint=t.audit_date_hint.to_owned()
                    value=data.day_typed
                    error=data.errors.get("giorno")
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength=10
                />
                <button type="submit" class="secondary">{t.desk_show_button}</button>
            </form>
            {list}
        </Layout>
    }
}
