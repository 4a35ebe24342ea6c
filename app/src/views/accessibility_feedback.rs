//! The supervisors' pages of accessibility feedback (issue 16): the reports sent from the
//! accessibility statement against their due date (30 days from receipt; overdue ones marked
//! in words, not only in colour), and one report with the form that records its answer.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::{FEEDBACK_ANSWER_DAYS, Lang};
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextAreaField, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::legal::{ANSWER_NOTE_MAX, feedback_reference};
use crate::views::staff::{StaffBar, StaffView};

/// One report, as a supervisor sees it.
#[derive(Clone, Debug)]
pub struct FeedbackLine {
    pub id: i64,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The page the reader named, if any.
    pub page: Option<String>,
    pub text: String,
    pub email: Option<String>,
    /// The language the reader wrote in.
    pub lang: Lang,
    /// Who answered, when, and the note.
    pub answered: Option<(String, NaiveDate, String)>,
}

/// "Mancano 3 giorni", "Scade oggi", "SCADUTA da 2 giorni".
fn time_left(lang: Lang, due: NaiveDate, today: NaiveDate) -> String {
    let t = &lang.t().legal;
    match (due - today).num_days() {
        0 => t.af_due_today.to_owned(),
        d if d > 0 => (t.af_days_left)(d),
        d => (t.af_overdue)(-d),
    }
}

fn state(lang: Lang, line: &FeedbackLine, today: NaiveDate) -> String {
    match &line.answered {
        Some((who, on, _)) => (lang.t().legal.af_answered_on)(who, &lang.short_date(*on)),
        None => time_left(lang, line.due_on, today),
    }
}

#[derive(Clone, Debug)]
pub struct FeedbackListData {
    /// Open reports (by due date) or answered ones (latest first).
    pub open: bool,
    pub lines: Vec<FeedbackLine>,
    pub today: NaiveDate,
    /// The one-time notice after an answer was recorded.
    pub notice: Option<String>,
}

/// `/operatore/segnalazioni-accessibilita[?stato=risposte]`.
#[component]
pub fn FeedbackListPage(
    ctx: PageContext,
    staff: StaffView,
    data: FeedbackListData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = &lang.t().legal;
    let open = data.open;
    let today = data.today;
    let current = move |is: bool| (is == open).then_some("page");
    let intro = (t.af_intro)(FEEDBACK_ANSWER_DAYS);
    let lines = data.lines;
    let table = (!lines.is_empty()).then(|| {
        let rows = lines
            .into_iter()
            .map(|l| {
                let reference = feedback_reference(l.id);
                let overdue = l.answered.is_none() && l.due_on < today;
                let state = state(lang, &l, today);
                view! {
                    <tr>
                        <th scope="row" class="code">{reference.clone()}</th>
                        <td>{lang.short_date(l.received_on)}</td>
                        <td>{lang.short_date(l.due_on)}</td>
                        <td>
                            {if overdue {
                                view! { <strong>{state}</strong> }.into_any()
                            } else {
                                state.into_any()
                            }}
                        </td>
                        <td>{l.page.unwrap_or_else(|| t.af_no_page.to_owned())}</td>
                        <td>
                            <a href=routes::staff_accessibility_feedback(l.id)>
                                {t.af_open_link}
                                <span class="vh">{format!(" {reference}")}</span>
                            </a>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="times">
                <caption class="vh">{t.af_states[usize::from(!open)]}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.af_reference_column}</th>
                        <th scope="col">{t.af_received_column}</th>
                        <th scope="col">{t.af_due_column}</th>
                        <th scope="col">{t.af_state_column}</th>
                        <th scope="col">{t.af_page_column}</th>
                        <th scope="col">{lang.t().actions_column}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let empty = if open {
        t.af_none_open
    } else {
        t.af_none_answered
    };
    view! {
        <Layout ctx=ctx.clone() title=t.af_title.to_owned() description=t.af_menu_text>
            <StaffBar lang=lang staff=staff />
            {data.notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{t.af_title}</h1>
            <p class="lead">{intro}</p>
            <nav aria-label=t.af_title>
                <ul class="link-list">
                    <li>
                        <a href=routes::STAFF_ACCESSIBILITY_FEEDBACKS aria-current=current(true)>
                            {t.af_states[0]}
                        </a>
                    </li>
                    <li>
                        <a
                            href=format!("{}?stato=risposte", routes::STAFF_ACCESSIBILITY_FEEDBACKS)
                            aria-current=current(false)
                        >
                            {t.af_states[1]}
                        </a>
                    </li>
                </ul>
            </nav>
            {table.map_or_else(|| view! { <p>{empty}</p> }.into_any(), IntoAny::into_any)}
        </Layout>
    }
}

/// The answer form as typed.
#[derive(Clone, Debug, Default)]
pub struct AnswerForm {
    pub note: String,
    pub errors: FormErrors,
}

#[derive(Clone, Debug)]
pub struct FeedbackDetailData {
    pub line: FeedbackLine,
    pub today: NaiveDate,
    pub form: AnswerForm,
}

/// `/operatore/segnalazioni-accessibilita/{id}`: the report, and the answer form while it has
/// none.
#[component]
pub fn FeedbackDetailPage(
    ctx: PageContext,
    staff: StaffView,
    data: FeedbackDetailData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = &lang.t().legal;
    let csrf = staff.csrf.clone();
    let line = data.line;
    let heading = (t.af_detail_title)(&feedback_reference(line.id));
    let title = title_with_errors(lang, &heading, &data.form.errors);
    let state = state(lang, &line, data.today);
    let form = data.form;
    let answer_form = line.answered.is_none().then(|| {
        view! {
            <form method="post" action=routes::staff_accessibility_feedback(line.id) novalidate>
                <input type="hidden" name="csrf" value=csrf />
                <TextAreaField
                    lang=lang
                    id="risposta"
                    label=t.af_answer_label.to_owned()
                    hint=(t.af_answer_hint)(ANSWER_NOTE_MAX)
                    value=form.note
                    error=form.errors.get("risposta")
                    rows=4
                    maxlength=ANSWER_NOTE_MAX as u32
                />
                <button type="submit">{t.af_record_button}</button>
            </form>
        }
    });
    let answer = line.answered.as_ref().map(|(_, _, note)| {
        view! {
            <div>
                <dt>{t.af_answer_label}</dt>
                <dd>{note.clone()}</dd>
            </div>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=title description=t.af_menu_text>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=form.errors.clone() />
            <h1>{heading}</h1>
            <dl class="summary">
                <div>
                    <dt>{t.af_received_column}</dt>
                    <dd>{lang.short_date(line.received_on)}</dd>
                </div>
                <div>
                    <dt>{t.af_due_column}</dt>
                    <dd>{lang.short_date(line.due_on)} " (" {state} ")"</dd>
                </div>
                <div>
                    <dt>{t.af_page_column}</dt>
                    <dd>{line.page.clone().unwrap_or_else(|| t.af_no_page.to_owned())}</dd>
                </div>
                <div>
                    <dt>{t.fb_text_label}</dt>
                    <dd>{line.text.clone()}</dd>
                </div>
                <div>
                    <dt>{t.af_email_label}</dt>
                    <dd>{line.email.clone().unwrap_or_else(|| t.af_no_email.to_owned())}</dd>
                </div>
                <div>
                    <dt>{t.af_lang_label}</dt>
                    <dd lang=line.lang.code() dir=line.lang.dir()>{line.lang.name()}</dd>
                </div>
                {answer}
            </dl>
            {answer_form}
            <p>
                <a href=routes::STAFF_ACCESSIBILITY_FEEDBACKS>{t.af_back}</a>
            </p>
        </Layout>
    }
}
