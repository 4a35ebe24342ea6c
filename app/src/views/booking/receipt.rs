use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::{AppointmentDetails, PrescriptionView, SlotView, priority_name};
use crate::domain::BookingStatus;
use crate::i18n::Lang;
use crate::routes;
use crate::views::layout::{Layout, PageContext};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptNotice {
    Confirmed,
    Moved,
    Cancelled,
    /// The citizen confirmed that they will come (a recall reminder's link).
    AttendanceConfirmed,
}

/// Everything a receipt shows.
#[derive(Clone, Debug)]
pub struct ReceiptData {
    /// Canonical booking code (10 characters), for links.
    pub code: String,
    /// The code as people read it (XXXXX-XXXXX).
    pub code_grouped: String,
    pub status: BookingStatus,
    /// The patient's name, so that a family's or a desk's receipts can be told apart.
    pub patient: String,
    /// The patient's fiscal code, masked (`RSS••••••••••••Z`).
    pub fiscal_code_masked: String,
    pub prescription: PrescriptionView,
    pub prep_notes: String,
    pub slot: SlotView,
    /// The patient's share: the tariff up to the regional cap, when the tariff is known.
    pub ticket_cents: Option<i64>,
    pub booked_on: NaiveDate,
    /// Some(last day) while the booking can still be moved or cancelled online.
    pub change_until: Option<NaiveDate>,
    /// When and why a cancelled booking was cancelled (the reason as recorded, in Italian).
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: Option<String>,
    pub notice: Option<ReceiptNotice>,
    /// The citizen's own receipt: the line for an earlier slot (None: not offered here).
    pub earlier: Option<Earlier>,
    /// What delegates did to this booking, oldest first (who acted for whom).
    pub acted_by: Vec<crate::views::citizen::DoneLine>,
}

/// Where a booking stands on the waiting list for an earlier slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EarlierLine {
    /// It may wait for an earlier slot, and does not.
    CanJoin,
    /// It waits for an earlier slot, since this day.
    Waiting { since: NaiveDate },
    /// An earlier slot is held for it until `until`: when it starts, and the page that accepts it.
    Offered {
        starts: NaiveDateTime,
        until: NaiveDateTime,
        accept_href: String,
    },
}

/// The receipt's "earlier slot" section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earlier {
    pub line: EarlierLine,
    /// The citizen just joined or left (the state is announced).
    pub just_changed: bool,
}

/// `text` with its first letter in capitals (for a name used at the start of a sentence).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The status of a booking in words.
pub fn status_name(lang: Lang, status: BookingStatus) -> &'static str {
    let names = lang.t().status_names;
    match status {
        BookingStatus::Confirmed => names[0],
        BookingStatus::Cancelled => names[1],
        BookingStatus::Attended => names[2],
        BookingStatus::NoShow => names[3],
    }
}

/// A receipt's heading: `active` while the booking holds; a cancelled or finished booking says
/// so first, so that it never looks valid.
pub fn receipt_heading(lang: Lang, status: BookingStatus, active: &'static str) -> &'static str {
    let t = lang.t();
    match status {
        BookingStatus::Confirmed => active,
        BookingStatus::Cancelled => t.receipt_cancelled_title,
        BookingStatus::Attended | BookingStatus::NoShow => t.receipt_closed_title,
    }
}

/// The printable version's heading: a cancelled booking prints as a cancellation record.
pub fn print_heading(lang: Lang, status: BookingStatus) -> &'static str {
    let t = lang.t();
    match status {
        BookingStatus::Cancelled => t.print_cancelled_title,
        _ => receipt_heading(lang, status, t.print_title),
    }
}

/// The page's description: "keep the code" only while the code is worth keeping.
pub fn page_description(lang: Lang, status: BookingStatus, title: &'static str) -> &'static str {
    if status.is_active() {
        lang.t().code_keep
    } else {
        title
    }
}

/// A success notice above the heading; the script moves the focus to it.
#[component]
pub fn SuccessNotice(text: &'static str) -> impl IntoView {
    view! {
        <p class="notice" role="status" tabindex="-1">
            {text}
        </p>
    }
}

/// The print page's button: hidden until the script shows it (printing needs the script).
#[component]
pub fn PrintButton(lang: Lang) -> impl IntoView {
    view! {
        <p class="no-print">
            <button type="button" class="print" data-print=true hidden=true>
                {lang.t().print_button}
            </button>
        </p>
    }
}

/// The facts of the booking: shared by the receipt, its printable version and the operators'
/// copies of both. First a panel with the heading and, while the booking holds, the date, time
/// and place; for a booking that no longer holds, when and why it ended, and no QR code.
/// `qr_src` is where the QR code of the booking code is served to this reader.
#[component]
pub fn ReceiptBody(
    lang: Lang,
    data: ReceiptData,
    qr_src: String,
    title: &'static str,
) -> impl IntoView {
    let t = lang.t();
    let active = data.status.is_active();
    let amount = data.ticket_cents.map_or_else(
        || t.amount_unknown.to_owned(),
        |c| (t.amount_text)(&lang.money(c)),
    );
    let qr_alt = (t.qr_alt)(&data.code_grouped);
    let panel = if active {
        let slot = data.slot.clone();
        view! {
            <div class="panel confirmation">
                <h1>{title}</h1>
                <p class="panel-when">{lang.date_time(slot.starts)}</p>
                <p class="panel-where">
                    <strong>{slot.facility}</strong>
                    ", "
                    {slot.address}
                    ", "
                    {slot.town}
                </p>
            </div>
        }
        .into_any()
    } else {
        let cancelled = data.status == BookingStatus::Cancelled;
        // The reason is recorded in Italian.
        let recorded_in = (lang != Lang::It).then_some("it");
        view! {
            <div class="panel ended">
                <h1>{title}</h1>
                {data.cancelled_on.map(|d| view! { <p>{(t.receipt_cancelled_on)(&lang.long_date(d))}</p> })}
                {data
                    .cancel_reason
                    .clone()
                    .map(|r| {
                        view! {
                            <p>
                                {t.receipt_cancel_reason_label} ": "
                                <span lang=recorded_in>{r}</span>
                            </p>
                        }
                    })}
                {cancelled.then(|| view! { <p>{t.receipt_cancelled_body}</p> })}
            </div>
        }
        .into_any()
    };
    let code = if active {
        view! {
            <div class="booking-code">
                <p>
                    {t.code_label_booking} ": " <strong class="code big">{data.code_grouped}</strong>
                </p>
                <img src=qr_src alt=qr_alt width="160" height="160" />
                <p class="hint">{t.code_keep}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p>
                {t.code_label_booking} ": " <strong class="code">{data.code_grouped}</strong>
            </p>
        }
        .into_any()
    };
    view! {
        {panel}
        <dl class="summary">
            <div>
                <dt>{t.patient_label}</dt>
                <dd>
                    {data.patient} " (" {t.fc_label} " " <span class="code">{data.fiscal_code_masked}</span> ")"
                </dd>
            </div>
        </dl>
        {code}
        <dl class="summary">
            <div>
                <dt>{t.status_label}</dt>
                <dd>{status_name(lang, data.status)}</dd>
            </div>
            <div>
                <dt>{t.service_label}</dt>
                <dd>
                    {data.prescription.service_name} " (" {data.prescription.service_code} ")"
                </dd>
            </div>
            <div>
                <dt>{t.priority_label}</dt>
                <dd>{priority_name(lang, data.prescription.priority)}</dd>
            </div>
            <div>
                <dt>{t.amount_label}</dt>
                <dd>{amount}</dd>
            </div>
            <div>
                <dt>{t.booked_on_label}</dt>
                <dd>{lang.long_date(data.booked_on)}</dd>
            </div>
        </dl>
        {(!data.acted_by.is_empty())
            .then(|| {
                let c = &t.citizen;
                view! {
                    <ul class="acted-by">
                        {data
                            .acted_by
                            .into_iter()
                            .map(|d| {
                                let what = c.ci_action_names.get(d.action).copied().unwrap_or_default();
                                let what = capitalized(what);
                                view! { <li>{(c.ci_acted_by)(&what, &d.who, &lang.date_time(d.at))}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <AppointmentDetails lang=lang appointment=data.slot with_notes=active />
        {(active && !data.prep_notes.is_empty())
            .then(|| {
                view! {
                    <h2>{t.prep_label}</h2>
                    <p>{data.prep_notes}</p>
                }
            })}
    }
}

#[component]
pub fn ReceiptPage(ctx: PageContext, data: ReceiptData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let active_title = match data.notice {
        Some(ReceiptNotice::Confirmed) => t.receipt_new_title,
        _ => t.receipt_title,
    };
    let title = receipt_heading(lang, data.status, active_title);
    let description = page_description(lang, data.status, title);
    let notice = data.notice.and_then(|n| match n {
        ReceiptNotice::Confirmed => None,
        ReceiptNotice::Moved => Some(t.moved_notice),
        ReceiptNotice::Cancelled => Some(t.cancelled_notice),
        ReceiptNotice::AttendanceConfirmed => Some(lang.recall().attendance_confirmed_notice),
    });
    let code = data.code.clone();
    let active = data.status.is_active();
    let kiosk = ctx.kiosk.is_some();
    let change = active.then(|| match data.change_until {
        Some(day) => view! {
            <p>{(t.change_until)(&lang.long_date(day))}</p>
            <ul class="actions">
                <li>
                    <a href=routes::move_slots(&code)>{t.move_link}</a>
                </li>
                <li>
                    <a href=routes::cancel(&code)>{t.cancel_link}</a>
                </li>
            </ul>
        }
        .into_any(),
        None => view! { <p>{t.change_too_late}</p> }.into_any(),
    });
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=description>
            {notice.map(|n| view! { <SuccessNotice text=n /> })}
            <ReceiptBody
                lang=lang
                data=data.clone()
                qr_src=routes::receipt_qr(&data.code)
                title=title
            />
            <ul class="actions">
                <li>
                    // On a kiosk the one print control prints this page when the script runs
                    // (the printable version needs the browser's menu, which a kiosk hides).
                    <a href=routes::receipt_print(&data.code) data-print=kiosk.then_some("")>
                        {t.print_link}
                    </a>
                </li>
                // No calendar file on a kiosk: it would stay on the shared terminal.
                {(active && !kiosk)
                    .then(|| {
                        view! {
                            <li>
                                <a href=routes::receipt_ics(&data.code) download="prenotazione.ics">
                                    {t.ics_link}
                                </a>
                            </li>
                        }
                    })}
            </ul>
            {change}
            {data
                .earlier
                .filter(|_| active)
                .map(|earlier| view! { <EarlierSection lang=lang code=code.clone() earlier=earlier /> })}
        </Layout>
    }
}

/// Joining or leaving the waiting list for an earlier slot, from the receipt (a POST form: no
/// script needed), with what it means.
#[component]
fn EarlierSection(lang: Lang, code: String, earlier: Earlier) -> impl IntoView {
    let t = lang.t();
    let status = earlier.just_changed.then_some("status");
    let (state, action, button) = match earlier.line {
        EarlierLine::CanJoin => (
            earlier
                .just_changed
                .then(|| view! { <p role=status>{t.earlier_left_notice}</p> }.into_any()),
            "entra",
            t.earlier_join_button,
        ),
        EarlierLine::Waiting { since } => (
            Some(
                view! { <p role=status>{(t.earlier_waiting)(&lang.long_date(since))}</p> }
                    .into_any(),
            ),
            "esci",
            t.earlier_leave_button,
        ),
        EarlierLine::Offered {
            starts,
            until,
            accept_href,
        } => (
            Some(
                view! {
                    <p>{(t.earlier_offered)(&lang.date_time(starts), &lang.date_time(until))}</p>
                    <p>
                        <a href=accept_href>{t.earlier_offer_link}</a>
                    </p>
                }
                .into_any(),
            ),
            "esci",
            t.earlier_leave_button,
        ),
    };
    view! {
        <section aria-labelledby="posto-prima">
            <h2 id="posto-prima">{t.earlier_heading}</h2>
            {state}
            <p class="hint">{t.keep_waiting_hint}</p>
            <form method="post" action=routes::earlier(&code)>
                <input type="hidden" name="azione" value=action />
                <button type="submit" class="secondary">{button}</button>
            </form>
        </section>
    }
}

/// The receipt alone, for paper.
#[component]
pub fn PrintPage(ctx: PageContext, data: ReceiptData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let code = data.code.clone();
    let title = print_heading(lang, data.status);
    let description = page_description(lang, data.status, title);
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=description>
            <p class="no-print">
                <a href=routes::receipt(&code)>{t.back_to_booking}</a>
            </p>
            <PrintButton lang=lang />
            <ReceiptBody lang=lang qr_src=routes::receipt_qr(&code) data=data title=title />
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_booking_status_reads_as_its_own_word_in_each_language() {
        for lang in Lang::ALL {
            let words = BookingStatus::ALL.map(|s| status_name(lang, s));
            assert_eq!(words, lang.t().status_names);
        }
        assert_eq!(
            status_name(Lang::It, BookingStatus::NoShow),
            "Non presentato"
        );
    }
}
