use chrono::NaiveDate;
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
    pub prescription: PrescriptionView,
    pub prep_notes: String,
    pub slot: SlotView,
    /// The patient's share: the tariff up to the regional cap, when the tariff is known.
    pub ticket_cents: Option<i64>,
    pub booked_on: NaiveDate,
    /// Some(last day) while the booking can still be moved or cancelled online.
    pub change_until: Option<NaiveDate>,
    pub notice: Option<ReceiptNotice>,
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

/// The facts of the booking: shared by the receipt, its printable version and the operators'
/// copies of both. `qr_src` is where the QR code of the booking code is served to this reader.
#[component]
pub fn ReceiptBody(lang: Lang, data: ReceiptData, qr_src: String) -> impl IntoView {
    let t = lang.t();
    let amount = data.ticket_cents.map_or_else(
        || t.amount_unknown.to_owned(),
        |c| (t.amount_text)(&lang.money(c)),
    );
    let qr_alt = (t.qr_alt)(&data.code_grouped);
    view! {
        <div class="booking-code">
            <p>
                {t.code_label_booking} ": " <strong class="code big">{data.code_grouped}</strong>
            </p>
            <img src=qr_src alt=qr_alt width="160" height="160" />
            <p class="hint">{t.code_keep}</p>
        </div>
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
        <AppointmentDetails lang=lang appointment=data.slot />
        {(!data.prep_notes.is_empty())
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
    let title = match data.notice {
        Some(ReceiptNotice::Confirmed) => t.receipt_new_title,
        _ => t.receipt_title,
    };
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
        <Layout ctx=ctx.clone() title=title.to_owned() description=t.code_keep>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{title}</h1>
            <ReceiptBody lang=lang data=data.clone() qr_src=routes::receipt_qr(&data.code) />
            {kiosk
                .then(|| {
                    view! {
                        <p>
                            <button type="button" class="print" data-print=true hidden=true>
                                {t.print_now}
                            </button>
                        </p>
                    }
                })}
            <ul class="actions">
                <li>
                    <a href=routes::receipt_print(&data.code)>{t.print_link}</a>
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
        </Layout>
    }
}

/// The receipt alone, for paper.
#[component]
pub fn PrintPage(ctx: PageContext, data: ReceiptData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let code = data.code.clone();
    view! {
        <Layout ctx=ctx.clone() title=t.print_title.to_owned() description=t.code_keep>
            <p class="no-print">
                {t.print_hint} " " <a href=routes::receipt(&code)>{t.back_to_booking}</a>
            </p>
            <h1>{t.print_title}</h1>
            <ReceiptBody lang=lang qr_src=routes::receipt_qr(&code) data=data />
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
