//! The operator's copy of a receipt, with the ways to change the booking, and its printable
//! version for the desk.

use leptos::prelude::*;

use crate::routes;
use crate::views::booking::{
    PrintButton, ReceiptBody, ReceiptData, ReceiptNotice, SuccessNotice, page_description,
    print_heading, receipt_heading,
};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

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
    // Just booked: printing is the call's next step.
    let just_booked = receipt.notice == Some(ReceiptNotice::Confirmed);
    let notice = receipt.notice.map(|n| match n {
        ReceiptNotice::Confirmed => t.console_booked_notice,
        ReceiptNotice::Moved => t.moved_notice,
        ReceiptNotice::Cancelled => t.cancelled_notice,
        ReceiptNotice::AttendanceConfirmed => lang.recall().attendance_confirmed_notice,
    });
    let title = receipt_heading(lang, receipt.status, t.console_receipt_title);
    let description = page_description(lang, receipt.status, title);
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
        <Layout ctx=ctx.clone() title=title.to_owned() description=description>
            <StaffBar lang=lang staff=staff />
            {notice.map(|n| view! { <SuccessNotice text=n /> })}
            <ReceiptBody
                lang=lang
                qr_src=routes::staff_booking_qr(&code)
                data=receipt
                title=title
            />
            <ul class="actions">
                <li>
                    <a href=routes::staff_booking_print(&code) autofocus=just_booked>
                        {t.print_link}
                    </a>
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
    let title = print_heading(lang, data.status);
    let description = page_description(lang, data.status, title);
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=description>
            <div class="no-print">
                <StaffBar lang=lang staff=staff />
                <p>
                    <a href=routes::staff_booking(&code)>{t.back_to_booking}</a>
                </p>
            </div>
            <PrintButton lang=lang />
            <ReceiptBody lang=lang qr_src=routes::staff_booking_qr(&code) data=data title=title />
        </Layout>
    }
}
