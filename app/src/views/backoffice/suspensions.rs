//! The supervisors' report of suspensions: the list (newest first, by area), and one
//! suspension with what became of each booking it found — moved where and when, or on the
//! waiting list and what happened since — the message each person was sent, and the audit
//! entries behind it. Booking references only: no names, no fiscal codes.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::domain::{BookingStatus, SuspensionReason, WaitingStatus};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::AreaField;
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView, action_name};

/// One suspension as the report lists it.
#[derive(Clone, Debug)]
pub struct SuspensionRow {
    pub id: i64,
    pub agenda: String,
    pub facility: String,
    pub area: String,
    pub service: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: SuspensionReason,
    pub public_reason: String,
    /// Who suspended it: their name and username.
    pub by: String,
    pub at: NaiveDateTime,
    pub slots: i64,
    pub moved: i64,
    pub waitlisted: i64,
    pub rebooked: i64,
}

#[derive(Clone, Debug, Default)]
pub struct SuspensionsData {
    pub areas: Vec<(i64, String)>,
    pub area: Option<i64>,
    pub rows: Vec<SuspensionRow>,
    /// The query string of the next (older) page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
}

/// What became of a booking.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Moved to this time and place; the booking's status now.
    Moved {
        at: NaiveDateTime,
        place: String,
        now: Option<BookingStatus>,
    },
    /// Cancelled and put on the waiting list; whether it was booked again since, and the
    /// waiting entry's state now.
    Waitlisted {
        rebooked: bool,
        waiting: Option<WaitingStatus>,
    },
}

/// A booking the suspension found.
#[derive(Clone, Debug)]
pub struct AffectedView {
    /// The booking reference, grouped for reading.
    pub code: String,
    pub previous: NaiveDateTime,
    pub outcome: Outcome,
    /// The `agenda_suspended` messages: (channel, state), in the words of `dl_*_names`.
    pub messages: Vec<(String, String)>,
    /// The audit entries written with it: (entry number, action).
    pub audit: Vec<(i64, String)>,
}

#[derive(Clone, Debug)]
pub struct SuspensionDetailData {
    pub row: SuspensionRow,
    pub bookings: Vec<AffectedView>,
    /// The suspension's own audit entry (the number), if still kept.
    pub audit: Vec<i64>,
    /// What the audit search is given to find these entries: the username, the day.
    pub audit_username: String,
    pub audit_day: String,
}

fn when(lang: Lang, at: NaiveDateTime) -> String {
    format!("{} {}", lang.short_date(at.date()), lang.time(at))
}

fn period(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        lang.short_date(from)
    } else {
        (lang.t().su_period)(&lang.short_date(from), &lang.short_date(to))
    }
}

fn reason_text(lang: Lang, row: &SuspensionRow) -> String {
    format!(
        "{}: {}",
        lang.t().su_reason_names[row.reason.index()],
        row.public_reason
    )
}

#[component]
pub fn SuspensionsPage(ctx: PageContext, staff: StaffView, data: SuspensionsData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let rows = if data.rows.is_empty() {
        view! { <p>{t.su_none_report}</p> }.into_any()
    } else {
        view! {
            <table class="times">
                <caption>{t.su_report_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.su_agenda_column}</th>
                        <th scope="col">{t.su_period_column}</th>
                        <th scope="col">{t.su_reason_column}</th>
                        <th scope="col">{t.su_by_column}</th>
                        <th scope="col">{t.su_slots_column}</th>
                        <th scope="col">{t.su_moved_column}</th>
                        <th scope="col">{t.su_waitlisted_column}</th>
                        <th scope="col">{t.su_rebooked_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .rows
                        .into_iter()
                        .map(|row| {
                            let reason = reason_text(lang, &row);
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=routes::staff_suspension(row.id)>{row.agenda}</a>
                                        <br />
                                        {format!("{} ({}), {}", row.facility, row.area, row.service)}
                                    </th>
                                    <td>{period(lang, row.from, row.to)}</td>
                                    <td>{reason}</td>
                                    <td>{format!("{}, {}", row.by, when(lang, row.at))}</td>
                                    <td>{row.slots}</td>
                                    <td>{row.moved}</td>
                                    <td>{row.waitlisted}</td>
                                    <td>{row.rebooked}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let area_query = data.area.map(|a| format!("zona={a}&")).unwrap_or_default();
    view! {
        <Layout ctx=ctx.clone() title=t.su_report_title.to_owned() description=t.su_report_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{t.su_report_title}</h1>
            <p class="lead">{t.su_report_intro}</p>
            <form method="get" action=routes::STAFF_SUSPENSIONS class="filters">
                <AreaField lang=lang areas=data.areas selected=data.area />
                <button type="submit" class="secondary">
                    {t.bo_filter_button}
                </button>
            </form>
            {rows}
            <nav class="pager" aria-label=t.su_report_caption>
                {(!data.first_page)
                    .then(|| {
                        let first = match data.area {
                            Some(a) => format!("{}?zona={a}", routes::STAFF_SUSPENSIONS),
                            None => routes::STAFF_SUSPENSIONS.to_owned(),
                        };
                        view! { <a href=first>{t.first_page}</a> }
                    })}
                {data
                    .next_page
                    .map(|query| {
                        view! {
                            <a href=format!("{}?{area_query}{query}", routes::STAFF_SUSPENSIONS) rel="next">
                                {t.next_page}
                            </a>
                        }
                    })}
            </nav>
        </Layout>
    }
}

/// A button that asks the audit search for these entries (posted: the search keeps its
/// filters in the session).
fn audit_search(
    lang: Lang,
    csrf: String,
    username: String,
    day: String,
    action: &'static str,
) -> AnyView {
    let t = lang.t();
    view! {
        <form method="post" action=routes::STAFF_AUDIT class="inline">
            <input type="hidden" name="csrf" value=csrf />
            <input type="hidden" name="utente" value=username />
            <input type="hidden" name="dal" value=day.clone() />
            <input type="hidden" name="al" value=day />
            <input type="hidden" name="azione" value=action />
            <button type="submit" class="secondary">
                {t.su_audit_button}
                <span class="vh">" " {action_name(lang, action)}</span>
            </button>
        </form>
    }
    .into_any()
}

#[component]
pub fn SuspensionDetailPage(
    ctx: PageContext,
    staff: StaffView,
    data: SuspensionDetailData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let csrf = staff.csrf.clone();
    let row = data.row;
    let heading = (t.su_detail_title)(&row.agenda, &row.facility);
    let entries = |list: Vec<(i64, String)>| {
        if list.is_empty() {
            return t.su_audit_gone.to_owned();
        }
        list.into_iter()
            .map(|(id, action)| format!("#{id} {}", action_name(lang, &action)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let summary = view! {
        <dl class="summary">
            <div>
                <dt>{t.bo_facility_label}</dt>
                <dd>{format!("{} ({})", row.facility, row.area)}</dd>
            </div>
            <div>
                <dt>{t.service_label}</dt>
                <dd>{row.service.clone()}</dd>
            </div>
            <div>
                <dt>{t.su_period_column}</dt>
                <dd>{period(lang, row.from, row.to)}</dd>
            </div>
            <div>
                <dt>{t.su_reason_column}</dt>
                <dd>{reason_text(lang, &row)}</dd>
            </div>
            <div>
                <dt>{t.su_by_column}</dt>
                <dd>{format!("{}, {}", row.by, when(lang, row.at))}</dd>
            </div>
            <div>
                <dt>{t.su_counts_label}</dt>
                <dd>{(t.su_counts)(row.slots, row.moved, row.waitlisted, row.rebooked)}</dd>
            </div>
            <div>
                <dt>{t.su_audit_column}</dt>
                <dd>
                    {entries(data.audit.into_iter().map(|id| (id, "agenda.suspended".to_owned())).collect())}
                    " "
                    {audit_search(lang, csrf.clone(), data.audit_username.clone(), data.audit_day.clone(), "agenda.suspended")}
                </dd>
            </div>
        </dl>
    }
    .into_any();
    let bookings = if data.bookings.is_empty() {
        view! { <p>{t.su_no_bookings}</p> }.into_any()
    } else {
        view! {
            <table class="times">
                <caption>{t.su_bookings_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.su_booking_column}</th>
                        <th scope="col">{t.su_previous_column}</th>
                        <th scope="col">{t.su_outcome_column}</th>
                        <th scope="col">{t.su_message_column}</th>
                        <th scope="col">{t.su_audit_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .bookings
                        .into_iter()
                        .map(|b| {
                            let outcome = match b.outcome {
                                Outcome::Moved { at, place, now } => {
                                    let moved = (t.su_outcome_moved)(&when(lang, at), &place);
                                    match now {
                                        Some(status) if status != BookingStatus::Confirmed => {
                                            format!("{moved} ({})", t.status_names[status as usize])
                                        }
                                        _ => moved,
                                    }
                                }
                                Outcome::Waitlisted { rebooked, waiting } => {
                                    let since = if rebooked {
                                        t.su_since_rebooked
                                    } else {
                                        waiting.map_or(t.su_since_unknown, |w| t.waiting_status_names[w as usize])
                                    };
                                    format!("{} ({since})", t.su_outcome_waitlisted)
                                }
                            };
                            let messages = if b.messages.is_empty() {
                                t.su_no_message.to_owned()
                            } else {
                                b.messages
                                    .into_iter()
                                    .map(|(channel, state)| format!("{channel}: {state}"))
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            };
                            view! {
                                <tr>
                                    <th scope="row" class="code">{b.code}</th>
                                    <td>{when(lang, b.previous)}</td>
                                    <td>{outcome}</td>
                                    <td>{messages}</td>
                                    <td>{entries(b.audit)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p>
                {audit_search(lang, csrf.clone(), data.audit_username.clone(), data.audit_day.clone(), "booking.moved")}
                " "
                {audit_search(lang, csrf, data.audit_username, data.audit_day, "booking.cancelled")}
            </p>
        }
        .into_any()
    };
    view! {
        <Layout ctx=ctx.clone() title=heading.clone() description=t.su_report_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{heading}</h1>
            <p class="lead">{t.su_detail_intro}</p>
            {summary}
            <section aria-labelledby="bookings-title">
                <h2 id="bookings-title">{t.su_bookings_heading}</h2>
                {bookings}
            </section>
            <p>
                <a href=routes::STAFF_SUSPENSIONS>{t.su_back_to_report}</a>
            </p>
        </Layout>
    }
}
