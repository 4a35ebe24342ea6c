//! The operator console: the menu, finding a citizen (with the reason, which is audited), their
//! record, and booking, reprinting, moving and cancelling for them. The citizen being served is
//! kept in the staff session: no fiscal code ever appears in these pages' URLs.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::{StaffBar, StaffView};
use crate::domain::{PriorityClass, Role};
use crate::i18n::Lang;
use crate::routes;
use crate::views::booking::{
    AppointmentDetails, CancelData, Notice, PrescriptionSummary, PrescriptionView, ReceiptBody,
    ReceiptData, ReceiptNotice, SlotView, priority_name, status_name,
};
use crate::views::form::{ErrorSummary, FiscalCodeField, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// The most characters of free text an operator may add to the reason for an access.
pub const ACCESS_NOTE_MAX: usize = 200;

// ---------------------------------------------------------------------------------------------
// The menu

/// The console's functions that the signed-in role may use.
#[component]
pub fn ConsoleHomePage(
    ctx: PageContext,
    staff: StaffView,
    /// Whether a citizen's record is open in this session.
    has_citizen: bool,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let supervisor = staff.role.allows(Role::Supervisor);
    let item = |href: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li>
                <a href=href>{title}</a>
                <p>{text}</p>
            </li>
        }
    };
    view! {
        <Layout ctx=ctx.clone() title=t.console_title.to_owned() description=t.console_home_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{t.console_title}</h1>
            <p class="lead">{t.console_home_intro}</p>
            <nav aria-label=t.console_nav_label>
                <ul class="entries">
                    {has_citizen
                        .then(|| {
                            item(
                                routes::STAFF_CITIZEN,
                                t.menu_current_citizen,
                                t.menu_current_citizen_text,
                            )
                        })}
                    {item(routes::STAFF_CITIZEN_SEARCH, t.menu_find_citizen, t.menu_find_citizen_text)}
                    {item(routes::STAFF_SLOTS, t.console_slots_title, t.menu_slots_text)}
                    {supervisor.then(|| item(routes::STAFF_AUDIT, t.audit_title, t.menu_audit_text))}
                    {supervisor.then(|| item(routes::STAFF_AGENDAS, t.menu_agendas, t.menu_agendas_text))}
                </ul>
            </nav>
        </Layout>
    }
}

// ---------------------------------------------------------------------------------------------
// Finding a citizen

#[derive(Clone, Debug, Default)]
pub struct CitizenSearchData {
    pub fiscal_code: String,
    /// The reason chosen (index into the texts' `access_reasons`).
    pub reason: Option<usize>,
    pub note: String,
    pub errors: FormErrors,
}

#[component]
pub fn CitizenSearchPage(
    ctx: PageContext,
    staff: StaffView,
    data: CitizenSearchData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.citizen_search_title, &data.errors);
    let csrf = staff.csrf.clone();
    let reason_error = data.errors.get("motivo");
    let first_visit = data.errors.is_empty() && data.fiscal_code.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title description=t.citizen_search_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.citizen_search_title}</h1>
            <p class="lead">{t.citizen_search_intro}</p>
            <form method="post" action=routes::STAFF_CITIZEN_SEARCH novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <FiscalCodeField
                    lang=lang
                    value=data.fiscal_code
                    error=data.errors.get("codice_fiscale")
                    autofocus=first_visit
                />
                <div class=if reason_error.is_some() { "field field-error" } else { "field" }>
                    <label for="motivo">{t.access_reason_label}</label>
                    {reason_error
                        .clone()
                        .map(|e| {
                            view! {
                                <p id="motivo-error" class="error-message">
                                    <span class="vh">{t.error_title_prefix}</span>
                                    {e}
                                </p>
                            }
                        })}
                    <select
                        id="motivo"
                        name="motivo"
                        required=true
                        aria-describedby=reason_error.as_ref().map(|_| "motivo-error")
                        aria-invalid=reason_error.as_ref().map(|_| "true")
                    >
                        <option value="" selected=data.reason.is_none()>
                            {t.access_reason_choose}
                        </option>
                        {t
                            .access_reasons
                            .iter()
                            .enumerate()
                            .map(|(i, label)| {
                                view! {
                                    <option value=i.to_string() selected=data.reason == Some(i)>
                                        {*label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <TextField
                    lang=lang
                    id="note"
                    label=format!("{} {}", t.access_note_label, t.optional)
                    hint=t.access_note_hint.to_owned()
                    value=data.note
                    error=data.errors.get("note")
                    autocomplete="off"
                    maxlength={ACCESS_NOTE_MAX as u32}
                />
                <button type="submit">{t.citizen_search_button}</button>
            </form>
        </Layout>
    }
}

// ---------------------------------------------------------------------------------------------
// The citizen's record

/// Who is being served, shown at the top of their pages so that nobody books for the wrong
/// person.
#[derive(Clone, Debug)]
pub struct CitizenSummary {
    pub fiscal_code: String,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    /// The reason given for opening the record.
    pub reason: String,
}

#[component]
fn CitizenBanner(lang: Lang, citizen: CitizenSummary) -> impl IntoView {
    let t = lang.t();
    view! {
        <dl class="summary">
            <div>
                <dt>{t.citizen_name_label}</dt>
                <dd>{citizen.name}</dd>
            </div>
            <div>
                <dt>{t.fc_label}</dt>
                <dd class="code">{citizen.fiscal_code}</dd>
            </div>
            {citizen
                .birth_date
                .map(|d| {
                    view! {
                        <div>
                            <dt>{t.citizen_born_label}</dt>
                            <dd>{lang.short_date(d)}</dd>
                        </div>
                    }
                })}
        </dl>
        <p class="hint">{(t.citizen_record_reason)(&citizen.reason)}</p>
    }
}

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
    fn name(self, lang: Lang) -> &'static str {
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
    /// confirmed, cancelled, attended or no_show.
    pub status: String,
    /// Whether staff may still move or cancel it.
    pub changeable: bool,
}

#[derive(Clone, Debug)]
pub struct WaitingLine {
    pub service: String,
    pub priority: PriorityClass,
    pub deadline: NaiveDate,
    pub since: NaiveDate,
    /// waiting, offered, booked, expired or withdrawn.
    pub status: String,
}

fn waiting_status_name(lang: Lang, status: &str) -> &'static str {
    let names = lang.t().waiting_status_names;
    match status {
        "offered" => names[1],
        "booked" => names[2],
        "expired" => names[3],
        "withdrawn" => names[4],
        _ => names[0],
    }
}

#[derive(Clone, Debug)]
pub struct CitizenRecordData {
    pub citizen: CitizenSummary,
    pub prescriptions: Vec<RxLine>,
    pub bookings: Vec<BookingLine>,
    pub waiting: Vec<WaitingLine>,
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
                                view! {
                                    <a href=href>
                                        {t.book_for_link}
                                        <span class="vh">{context}</span>
                                    </a>
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
                                    <td>{status_name(lang, &b.status)}</td>
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
                                    <td>{waiting_status_name(lang, &w.status)}</td>
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

// ---------------------------------------------------------------------------------------------
// Choosing a slot: to book a prescription, or to move a booking

/// What the chosen slot is for.
#[derive(Clone, Debug)]
pub enum ConsoleJourney {
    Book { prescription_id: i64 },
    Move { code: String, current: SlotView },
}

/// A free slot as operators choose it: reservations shown, deadline marked.
#[derive(Clone, Debug)]
pub struct ConsoleSlotChoice {
    pub id: i64,
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    pub address: String,
    pub within_deadline: bool,
    /// What the slot is kept for, in words, if anything.
    pub reserved: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ConsoleChooseData {
    pub journey: ConsoleJourney,
    pub citizen: CitizenSummary,
    pub prescription: PrescriptionView,
    pub areas: Vec<(i64, String)>,
    pub area: Option<i64>,
    pub slots: Vec<ConsoleSlotChoice>,
    /// The query string of the next page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
    pub notice: Option<Notice>,
}

#[component]
pub fn ConsoleChoosePage(
    ctx: PageContext,
    staff: StaffView,
    data: ConsoleChooseData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let csrf = staff.csrf.clone();
    let (title, intro, base, button, prescription_id) = match &data.journey {
        ConsoleJourney::Book { prescription_id } => (
            t.console_book_title,
            t.console_book_intro.to_owned(),
            routes::STAFF_CITIZEN_BOOK.to_owned(),
            t.book_slot_button,
            Some(*prescription_id),
        ),
        ConsoleJourney::Move { code, current } => (
            t.move_title,
            (t.console_move_intro)(&lang.date_time(current.starts)),
            routes::staff_booking_move(code),
            t.move_slot_button,
            None,
        ),
    };
    let notice = data.notice.map(|n| match n {
        Notice::SlotTaken => t.slot_taken,
        Notice::SlotUnavailable => t.slot_unavailable,
        Notice::HoldExpired => t.hold_expired,
    });
    let current = match &data.journey {
        ConsoleJourney::Move { current, .. } => Some(current.clone()),
        ConsoleJourney::Book { .. } => None,
    };
    // The filter and pager keep the prescription in the query (an id, not personal data).
    let with_rx = |query: &str| match prescription_id {
        Some(id) if query.is_empty() => format!("{base}?ricetta={id}"),
        Some(id) => format!("{base}?ricetta={id}&{query}"),
        None if query.is_empty() => base.clone(),
        None => format!("{base}?{query}"),
    };
    let first = with_rx("");
    let next = data.next_page.as_deref().map(with_rx);
    let empty = data.slots.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=t.console_book_intro>
            <StaffBar lang=lang staff=staff />
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            <CitizenBanner lang=lang citizen=data.citizen />
            <PrescriptionSummary lang=lang prescription=data.prescription />
            {current.map(|c| view! { <AppointmentDetails lang=lang appointment=c with_notes=false /> })}
            <form method="get" action=base.clone() class="filters">
                {prescription_id
                    .map(|id| view! { <input type="hidden" name="ricetta" value=id.to_string() /> })}
                <div class="field">
                    <label for="zona">{t.area_label}</label>
                    <select id="zona" name="zona">
                        <option value="" selected=data.area.is_none()>{t.any_area}</option>
                        {data
                            .areas
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option value=id.to_string() selected=data.area == Some(id)>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary">{t.filter_button}</button>
            </form>
            <h2 id="slots-title">{t.slots_heading}</h2>
            {empty.then(|| view! { <p>{t.no_slots}</p> })}
            <ol class="slots" aria-labelledby="slots-title">
                {data
                    .slots
                    .into_iter()
                    .map(|slot| {
                        let when = lang.date_time(slot.starts);
                        let context = format!(" {when}, {}", slot.facility);
                        let (badge_class, badge) = if slot.within_deadline {
                            ("badge ok", t.console_within_deadline)
                        } else {
                            ("badge", t.console_beyond_deadline)
                        };
                        view! {
                            <li class="slot">
                                <p class="slot-when">{when}</p>
                                <p class="slot-where">
                                    <strong>{slot.facility}</strong>
                                    ", "
                                    {slot.address}
                                    ", "
                                    {slot.town}
                                </p>
                                <p class=badge_class>{badge}</p>
                                {slot.reserved.map(|r| view! { <p class="badge">{(t.reserved_for)(&r)}</p> })}
                                <form method="post" action=base.clone()>
                                    <input type="hidden" name="csrf" value=csrf.clone() />
                                    {prescription_id
                                        .map(|id| {
                                            view! {
                                                <input type="hidden" name="ricetta" value=id.to_string() />
                                            }
                                        })}
                                    <input type="hidden" name="slot" value=slot.id.to_string() />
                                    <button type="submit">
                                        {button}
                                        <span class="vh">{context}</span>
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <nav class="pager" aria-label=t.slots_heading>
                {(!data.first_page).then(|| view! { <a href=first.clone()>{t.first_page}</a> })}
                {next.map(|href| view! { <a href=href rel="next">{t.next_page}</a> })}
            </nav>
            <p>
                <a href=routes::STAFF_CITIZEN>{t.back_to_record}</a>
            </p>
        </Layout>
    }
}

// ---------------------------------------------------------------------------------------------
// Receipt, reprint, cancel

#[derive(Clone, Debug)]
pub struct StaffReceiptData {
    pub receipt: ReceiptData,
    /// Whether staff may still move or cancel it.
    pub changeable: bool,
}

#[component]
pub fn StaffReceiptPage(
    ctx: PageContext,
    staff: StaffView,
    data: StaffReceiptData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let receipt = data.receipt;
    let code = receipt.code.clone();
    let notice = receipt.notice.map(|n| match n {
        ReceiptNotice::Confirmed => t.console_booked_notice,
        ReceiptNotice::Moved => t.moved_notice,
        ReceiptNotice::Cancelled => t.cancelled_notice,
    });
    let change = if data.changeable {
        view! {
            <p>{t.console_change_until_start}</p>
            <ul class="actions">
                <li>
                    <a href=routes::staff_booking_move(&code)>{t.move_link}</a>
                </li>
                <li>
                    <a href=routes::staff_booking_cancel(&code)>{t.cancel_link}</a>
                </li>
            </ul>
        }
        .into_any()
    } else {
        view! { <p>{t.console_change_closed}</p> }.into_any()
    };
    view! {
        <Layout ctx=ctx.clone() title=t.console_receipt_title.to_owned() description=t.code_keep>
            <StaffBar lang=lang staff=staff />
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{t.console_receipt_title}</h1>
            <ReceiptBody lang=lang qr_src=routes::staff_booking_qr(&code) data=receipt />
            <ul class="actions">
                <li>
                    <a href=routes::staff_booking_print(&code)>{t.print_link}</a>
                </li>
            </ul>
            {change}
            <p>
                <a href=routes::STAFF_CITIZEN>{t.back_to_record}</a>
            </p>
        </Layout>
    }
}

/// The receipt alone, for paper, printed at the desk.
#[component]
pub fn StaffPrintPage(ctx: PageContext, staff: StaffView, data: ReceiptData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let code = data.code.clone();
    view! {
        <Layout ctx=ctx.clone() title=t.print_title.to_owned() description=t.code_keep>
            <div class="no-print">
                <StaffBar lang=lang staff=staff />
                <p>
                    {t.print_hint} " " <a href=routes::staff_booking(&code)>{t.back_to_booking}</a>
                </p>
            </div>
            <h1>{t.print_title}</h1>
            <ReceiptBody lang=lang qr_src=routes::staff_booking_qr(&code) data=data />
        </Layout>
    }
}

#[component]
pub fn StaffCancelPage(ctx: PageContext, staff: StaffView, data: CancelData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.cancel_title, &data.errors);
    let csrf = staff.csrf.clone();
    let reason_error = data.errors.get("motivo");
    let group_class = if reason_error.is_some() {
        "field field-error"
    } else {
        "field"
    };
    let what = format!(
        "{} — {}, {}",
        data.service_name,
        lang.date_time(data.starts),
        data.facility
    );
    view! {
        <Layout ctx=ctx.clone() title=title description=t.cancel_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.cancel_title}</h1>
            <p class="lead">{what}</p>
            <form method="post" action=routes::staff_booking_cancel(&data.code) novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <div class=group_class>
                    <fieldset aria-describedby=reason_error.as_ref().map(|_| "motivo-error")>
                        <legend>{t.console_cancel_legend}</legend>
                        {reason_error
                            .clone()
                            .map(|e| {
                                view! {
                                    <p id="motivo-error" class="error-message">
                                        <span class="vh">{t.error_title_prefix}</span>
                                        {e}
                                    </p>
                                }
                            })}
                        {t
                            .reasons
                            .iter()
                            .enumerate()
                            .map(|(i, label)| {
                                let id = if i == 0 { "motivo".to_owned() } else { format!("motivo-{i}") };
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name="motivo"
                                            value=i.to_string()
                                            checked=data.reason == Some(i)
                                        />
                                        <label for=id>{*label}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </div>
                <TextField
                    lang=lang
                    id="dettagli"
                    label=format!("{} {}", t.reason_details_label, t.optional)
                    value=data.details
                    error=data.errors.get("dettagli")
                    autocomplete="off"
                    maxlength=500
                />
                <button type="submit" class="danger">{t.cancel_button}</button>
            </form>
            <p>
                <a href=routes::staff_booking(&data.code)>{t.keep_booking_console}</a>
            </p>
        </Layout>
    }
}

/// A form whose token did not match: nothing was done.
#[component]
pub fn FormExpiredPage(ctx: PageContext, staff: StaffView) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.form_expired.to_owned() description=t.form_expired_body>
            <StaffBar lang=lang staff=staff />
            <h1>{t.form_expired}</h1>
            <p>{t.form_expired_body}</p>
            <p>
                <a href=routes::STAFF_HOME>{t.console_home_link}</a>
            </p>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    fn ctx(lang: Lang) -> PageContext {
        PageContext {
            lang,
            css_href: "/static/style.test.css",
            path: routes::STAFF_CITIZEN_SEARCH.to_owned(),
            kiosk: None,
        }
    }

    fn staff(role: Role) -> StaffView {
        StaffView {
            name: "Anna Neri".to_owned(),
            role,
            csrf: "token".to_owned(),
        }
    }

    #[test]
    fn the_menu_shows_the_audit_and_agendas_to_supervisors_only() {
        let operator = render_document(view! {
            <ConsoleHomePage ctx=ctx(Lang::It) staff=staff(Role::Operator) has_citizen=false />
        });
        assert!(operator.contains(routes::STAFF_CITIZEN_SEARCH));
        assert!(!operator.contains(routes::STAFF_AUDIT));
        assert!(!operator.contains(routes::STAFF_AGENDAS));
        let admin = render_document(view! {
            <ConsoleHomePage ctx=ctx(Lang::En) staff=staff(Role::Admin) has_citizen=true />
        });
        assert!(admin.contains(routes::STAFF_AUDIT));
        assert!(admin.contains(routes::STAFF_AGENDAS));
        assert!(admin.contains("Back to the open record"));
    }

    #[test]
    fn the_search_form_ties_each_error_to_its_field_and_carries_the_token() {
        let mut errors = FormErrors::default();
        errors.push("motivo", "Scegli il motivo dell'accesso");
        let data = CitizenSearchData {
            fiscal_code: "RSSMRA48C55D612S".to_owned(),
            errors,
            ..CitizenSearchData::default()
        };
        let html = render_document(view! {
            <CitizenSearchPage ctx=ctx(Lang::It) staff=staff(Role::Operator) data=data />
        });
        assert!(html.contains("name=\"csrf\" value=\"token\""));
        assert!(html.contains("<label for=\"motivo\">"));
        assert!(html.contains("aria-describedby=\"motivo-error\""));
        assert!(html.contains("href=\"#motivo\""));
        assert_eq!(
            html.matches("autofocus").count(),
            1,
            "only the error summary takes the focus"
        );
        assert!(!html.contains("<script>") && !html.contains("style="));
    }
}
