//! A citizen's record: their prescriptions (with a way to book each), their bookings (open,
//! reprint, move, cancel) and their requests on the waiting list.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::citizen_banner::{CitizenBanner, CitizenSummary};
use crate::domain::{BookingStatus, PriorityClass, WaitingStatus};
use crate::i18n::Lang;
use crate::routes;
use crate::views::booking::{priority_name, status_name};
use crate::views::citizen::DelegateFields;
use crate::views::form::{ErrorSummary, FormErrors, TextField};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// Where a prescription stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RxStatus {
    ToBook,
    Booked,
    Expired,
    Revoked,
    Used,
    Waiting,
}

impl RxStatus {
    pub fn name(self, lang: Lang) -> &'static str {
        let names = lang.t().rx_status_names;
        names[match self {
            RxStatus::ToBook => 0,
            RxStatus::Booked => 1,
            RxStatus::Expired => 2,
            RxStatus::Revoked => 3,
            RxStatus::Used => 4,
            RxStatus::Waiting => 5,
        }]
    }

    /// Whether an operator can book it now (a request on the waiting list can still be booked).
    pub fn bookable(self) -> bool {
        matches!(self, RxStatus::ToBook | RxStatus::Waiting)
    }
}

#[derive(Clone, Debug)]
pub struct RxLine {
    pub id: i64,
    pub nre: String,
    pub service: String,
    pub priority: PriorityClass,
    pub prescribed_on: NaiveDate,
    pub deadline: NaiveDate,
    pub status: RxStatus,
}

#[derive(Clone, Debug)]
pub struct BookingLine {
    /// Canonical code, for links.
    pub code: String,
    pub code_grouped: String,
    pub service: String,
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    pub status: BookingStatus,
    /// Whether staff may still move or cancel it.
    pub changeable: bool,
    pub recall: RecallLine,
    /// The messages sent (or to send) about it, oldest first.
    pub messages: Vec<MessageLine>,
}

/// The citizen's answer to a recall reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecallAnswer {
    Confirmed,
    NoReply,
}

/// Where a booking stands in the recall: the reminders queued and the answer.
#[derive(Clone, Debug, Default)]
pub struct RecallLine {
    /// (working days before the visit, the day it was queued).
    pub reminders: Vec<(i64, NaiveDate)>,
    pub answer: Option<(RecallAnswer, NaiveDate)>,
}

/// One message about a booking, its recipient masked.
#[derive(Clone, Debug)]
pub struct MessageLine {
    /// Index into the recall texts' `message_kinds`.
    pub kind: usize,
    /// Index into `channel_names` (2: no contact).
    pub channel: usize,
    /// Index into `delivery_states`.
    pub state: usize,
    pub to: Option<String>,
    pub at: NaiveDateTime,
}

/// The recall column of a booking: each reminder, then the answer.
fn recall_cell(lang: Lang, recall: RecallLine, messages: Vec<MessageLine>) -> impl IntoView {
    let r = lang.recall();
    let reminders = recall
        .reminders
        .into_iter()
        .map(|(days, on)| view! { <li>{(r.reminded_on)(&lang.short_date(on), days)}</li> })
        .collect_view();
    let answer = recall.answer.map(|(answer, on)| {
        let on = lang.short_date(on);
        let text = match answer {
            RecallAnswer::Confirmed => (r.confirmed_on)(&on),
            RecallAnswer::NoReply => (r.no_reply_on)(&on),
        };
        view! { <li class="recall-answer">{text}</li> }
    });
    let messages = if messages.is_empty() {
        view! { <p>{r.no_messages}</p> }.into_any()
    } else {
        view! {
            <ul class="messages">
                {messages
                    .into_iter()
                    .map(|m| {
                        let kind = r.message_kinds.get(m.kind).copied().unwrap_or_default();
                        let channel = r.channel_names.get(m.channel).copied().unwrap_or_default();
                        let state = r.delivery_states.get(m.state).copied().unwrap_or_default();
                        let to = m.to.map(|to| format!(" {to}"));
                        view! {
                            <li>
                                {lang.short_date(m.at.date())} " " {kind} ", " {channel} {to} ": "
                                {state}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <ul class="recall">{reminders} {answer}</ul>
        <details>
            <summary>{r.messages_label}</summary>
            {messages}
        </details>
    }
}

#[derive(Clone, Debug)]
pub struct WaitingLine {
    pub service: String,
    pub priority: PriorityClass,
    pub deadline: NaiveDate,
    pub since: NaiveDate,
    pub status: WaitingStatus,
}

pub fn waiting_status_name(lang: Lang, status: WaitingStatus) -> &'static str {
    let names = lang.t().waiting_status_names;
    match status {
        WaitingStatus::Waiting => names[0],
        WaitingStatus::Offered => names[1],
        WaitingStatus::Booked => names[2],
        WaitingStatus::Expired => names[3],
        WaitingStatus::Withdrawn => names[4],
    }
}

#[derive(Clone, Debug)]
pub struct CitizenRecordData {
    pub citizen: CitizenSummary,
    pub prescriptions: Vec<RxLine>,
    pub bookings: Vec<BookingLine>,
    pub waiting: Vec<WaitingLine>,
    /// The citizen's live delegations (given, then held): id and the line already written.
    pub delegations: Vec<(i64, String)>,
    /// The paper delegation form as typed, with its errors (or the notice it was recorded).
    pub paper: PaperDelegationForm,
}

/// An operator's form for a delegation the citizen presents on paper.
#[derive(Clone, Debug, Default)]
pub struct PaperDelegationForm {
    pub delegate: String,
    pub until: String,
    pub document: String,
    pub errors: FormErrors,
    pub recorded: bool,
}

#[component]
pub fn CitizenRecordPage(
    ctx: PageContext,
    staff: StaffView,
    data: CitizenRecordData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let csrf = staff.csrf.clone();
    let first_bookable = data
        .prescriptions
        .iter()
        .find(|rx| rx.status.bookable())
        .map(|rx| rx.id);
    let prescriptions = (!data.prescriptions.is_empty()).then(|| {
        view! {
            <table class="times">
                <caption class="vh">{t.prescriptions_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.service_label}</th>
                        <th scope="col">{t.nre_column}</th>
                        <th scope="col">{t.priority_label}</th>
                        <th scope="col">{t.prescribed_on_column}</th>
                        <th scope="col">{t.deadline_label}</th>
                        <th scope="col">{t.status_label}</th>
                        <th scope="col">{t.actions_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .prescriptions
                        .into_iter()
                        .map(|rx| {
                            let book = rx.status.bookable().then(|| {
                                let href = format!("{}?ricetta={}", routes::STAFF_CITIZEN_BOOK, rx.id);
                                let context = format!(" {}", rx.service);
                                // The call's next step: the first prescription to book.
                                let focus = Some(rx.id) == first_bookable;
                                let guarantee = format!(
                                    "{}?ricetta={}",
                                    routes::STAFF_CITIZEN_GUARANTEE,
                                    rx.id,
                                );
                                view! {
                                    <ul class="link-list">
                                        <li>
                                            <a href=href autofocus=focus>
                                                {t.book_for_link}
                                                <span class="vh">{context.clone()}</span>
                                            </a>
                                        </li>
                                        <li>
                                            <a href=guarantee>
                                                {t.guarantee.gt_console_link}
                                                <span class="vh">{context}</span>
                                            </a>
                                        </li>
                                    </ul>
                                }
                            });
                            view! {
                                <tr>
                                    <th scope="row">{rx.service}</th>
                                    <td class="code">{rx.nre}</td>
                                    <td>{priority_name(lang, rx.priority)}</td>
                                    <td>{lang.short_date(rx.prescribed_on)}</td>
                                    <td>{lang.short_date(rx.deadline)}</td>
                                    <td>{rx.status.name(lang)}</td>
                                    <td>{book}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let bookings = (!data.bookings.is_empty()).then(|| {
        view! {
            <table class="times">
                <caption class="vh">{t.bookings_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.code_label_booking}</th>
                        <th scope="col">{t.service_label}</th>
                        <th scope="col">{t.when_label}</th>
                        <th scope="col">{t.where_label}</th>
                        <th scope="col">{t.status_label}</th>
                        <th scope="col">{lang.recall().recall_column}</th>
                        <th scope="col">{t.actions_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .bookings
                        .into_iter()
                        .map(|b| {
                            let context = format!(" {}", b.code_grouped);
                            let changes = b.changeable.then(|| {
                                view! {
                                    <li>
                                        <a href=routes::staff_booking_move(&b.code)>
                                            {t.move_short_link}
                                            <span class="vh">{context.clone()}</span>
                                        </a>
                                    </li>
                                    <li>
                                        <a href=routes::staff_booking_cancel(&b.code)>
                                            {t.cancel_short_link}
                                            <span class="vh">{context.clone()}</span>
                                        </a>
                                    </li>
                                }
                            });
                            view! {
                                <tr>
                                    <th scope="row" class="code">{b.code_grouped.clone()}</th>
                                    <td>{b.service}</td>
                                    <td>{lang.date_time(b.starts)}</td>
                                    <td>{b.facility} ", " {b.town}</td>
                                    <td>{status_name(lang, b.status)}</td>
                                    <td>{recall_cell(lang, b.recall, b.messages)}</td>
                                    <td>
                                        <ul class="link-list">
                                            <li>
                                                <a href=routes::staff_booking(&b.code)>
                                                    {t.open_link}
                                                    <span class="vh">{context.clone()}</span>
                                                </a>
                                            </li>
                                            <li>
                                                <a href=routes::staff_booking_print(&b.code)>
                                                    {t.print_short_link}
                                                    <span class="vh">{context.clone()}</span>
                                                </a>
                                            </li>
                                            {changes}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let waiting = (!data.waiting.is_empty()).then(|| {
        view! {
            <table class="times">
                <caption class="vh">{t.waiting_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.service_label}</th>
                        <th scope="col">{t.priority_label}</th>
                        <th scope="col">{t.deadline_label}</th>
                        <th scope="col">{t.waiting_since_column}</th>
                        <th scope="col">{t.status_label}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .waiting
                        .into_iter()
                        .map(|w| {
                            view! {
                                <tr>
                                    <th scope="row">{w.service}</th>
                                    <td>{priority_name(lang, w.priority)}</td>
                                    <td>{lang.short_date(w.deadline)}</td>
                                    <td>{lang.short_date(w.since)}</td>
                                    <td>{waiting_status_name(lang, w.status)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=t.citizen_record_title.to_owned() description=t.citizen_search_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{t.citizen_record_title}</h1>
            <CitizenBanner lang=lang citizen=data.citizen />
            <section aria-labelledby="rx-title">
                <h2 id="rx-title">{t.prescriptions_heading}</h2>
                {prescriptions.map_or_else(|| view! { <p>{t.no_prescriptions}</p> }.into_any(), IntoAny::into_any)}
            </section>
            <section aria-labelledby="bookings-title">
                <h2 id="bookings-title">{t.bookings_heading}</h2>
                {bookings.map_or_else(|| view! { <p>{t.no_bookings}</p> }.into_any(), IntoAny::into_any)}
            </section>
            <section aria-labelledby="waiting-title">
                <h2 id="waiting-title">{t.waiting_heading}</h2>
                {waiting.map_or_else(|| view! { <p>{t.no_waiting}</p> }.into_any(), IntoAny::into_any)}
            </section>
            {paper_delegation(lang, csrf.clone(), data.delegations, data.paper)}
            <form method="post" action=routes::STAFF_CITIZEN>
                <input type="hidden" name="csrf" value=csrf />
                <button type="submit" class="secondary">{t.close_record_button}</button>
            </form>
            <p>
                <a href=routes::STAFF_CITIZEN_SEARCH>{t.another_citizen_link}</a>
            </p>
        </Layout>
    }
}

/// The citizen's delegations and the form that records one presented on paper.
fn paper_delegation(
    lang: Lang,
    csrf: String,
    delegations: Vec<(i64, String)>,
    form: PaperDelegationForm,
) -> impl IntoView {
    let c = &lang.t().citizen;
    let list = if delegations.is_empty() {
        view! { <p>{c.ci_none}</p> }.into_any()
    } else {
        view! {
            <ul class="records">
                {delegations
                    .into_iter()
                    .map(|(id, line)| {
                        let context = format!(" {line}");
                        view! {
                            <li>
                                {line}
                                <form method="post" action=routes::staff_delegation_revoke(id)>
                                    <input type="hidden" name="csrf" value=csrf.clone() />
                                    <button type="submit" class="secondary">
                                        {c.ci_revoke_button}
                                        <span class="vh">{context}</span>
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let recorded = form
        .recorded
        .then(|| view! { <p class="notice" role="status">{c.ci_granted_notice}</p> });
    view! {
        <section aria-labelledby="delegations-title">
            <h2 id="delegations-title">{c.ci_delegations_heading}</h2>
            {recorded}
            {list}
            <h3>{c.ci_paper_heading}</h3>
            <p>{c.ci_paper_intro}</p>
            <ErrorSummary lang=lang errors=form.errors.clone() />
            <form method="post" action=routes::STAFF_CITIZEN_DELEGATION novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <DelegateFields
                    lang=lang
                    delegate=form.delegate
                    until=form.until
                    errors=form.errors.clone()
                />
                <TextField
                    lang=lang
                    id="documento"
                    label=c.ci_document_label.to_owned()
                    value=form.document
                    error=form.errors.get("documento")
                    autocomplete="off"
                    maxlength=100
                />
                <button type="submit">{c.ci_paper_button}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_waiting_status_reads_as_its_own_word_in_each_language() {
        for lang in Lang::ALL {
            let words = WaitingStatus::ALL.map(|s| waiting_status_name(lang, s));
            assert_eq!(words, lang.t().waiting_status_names);
        }
    }
}
