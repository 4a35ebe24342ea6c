//! The citizen's booking journey: prescription → slots → hold → confirmation → receipt, and
//! later lookup, move and cancel. These types are what the server hands to the pages.

mod cancel;
mod confirm;
mod lookup;
mod one_tap;
mod prescription;
mod receipt;
mod slots;
mod waitlist;

pub use cancel::{CancelData, CancelPage};
pub use confirm::{ConfirmData, ConfirmPage};
pub use lookup::{LookupData, LookupPage, LostCodePage};
pub use one_tap::{
    OneTapAction, OneTapData, OneTapPage, OneTapRefusal, OneTapRefusedData, OneTapRefusedPage,
};
pub use prescription::{PrescriptionData, PrescriptionPage};
pub use receipt::{
    Earlier, EarlierLine, PrintButton, PrintPage, ReceiptBody, ReceiptData, ReceiptNotice,
    ReceiptPage, SuccessNotice, page_description, print_heading, receipt_heading, status_name,
};
pub use slots::{Notice, OfferedSlot, SlotFilters, SlotsData, SlotsPage, WaitingState, with_query};
pub use waitlist::{WaitlistData, WaitlistPage};

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::domain::PriorityClass;
use crate::i18n::Lang;

/// The prescription being booked, as a summary.
#[derive(Clone, Debug)]
pub struct PrescriptionView {
    pub service_name: String,
    pub service_code: String,
    pub priority: PriorityClass,
    pub deadline: NaiveDate,
}

/// A slot with where and when (local Italian time).
#[derive(Clone, Debug)]
pub struct SlotView {
    pub id: i64,
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    pub address: String,
    pub access_notes: String,
    pub within_deadline: bool,
}

/// What a choice of slot is for: a new booking, or moving an existing one.
#[derive(Clone, Debug)]
pub enum Journey {
    Book,
    Move {
        /// The booking code, canonical (10 characters).
        code: String,
        current: SlotView,
    },
}

pub fn priority_name(lang: Lang, priority: PriorityClass) -> &'static str {
    let names = lang.t().priority_names;
    match priority {
        PriorityClass::U => names[0],
        PriorityClass::B => names[1],
        PriorityClass::D => names[2],
        PriorityClass::P => names[3],
    }
}

/// The prescription's service, class and deadline.
#[component]
pub fn PrescriptionSummary(lang: Lang, prescription: PrescriptionView) -> impl IntoView {
    let t = lang.t();
    view! {
        <dl class="summary">
            <div>
                <dt>{t.rx_for}</dt>
                <dd>{prescription.service_name} " (" {prescription.service_code} ")"</dd>
            </div>
            <div>
                <dt>{t.priority_label}</dt>
                <dd>{priority_name(lang, prescription.priority)}</dd>
            </div>
            <div>
                <dt>{t.deadline_label}</dt>
                <dd>{lang.long_date(prescription.deadline)}</dd>
            </div>
        </dl>
    }
}

/// Where and when of one slot, as a description list.
#[component]
pub fn AppointmentDetails(
    lang: Lang,
    appointment: SlotView,
    #[prop(default = true)] with_notes: bool,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <dl class="summary">
            <div>
                <dt>{t.when_label}</dt>
                <dd>{lang.date_time(appointment.starts)}</dd>
            </div>
            <div>
                <dt>{t.where_label}</dt>
                <dd>{appointment.facility}</dd>
            </div>
            <div>
                <dt>{t.address_label}</dt>
                <dd>{appointment.address} ", " {appointment.town}</dd>
            </div>
            {(with_notes && !appointment.access_notes.is_empty())
                .then(|| {
                    view! {
                        <div>
                            <dt>{t.access_label}</dt>
                            <dd>{appointment.access_notes}</dd>
                        </div>
                    }
                })}
        </dl>
    }
}
