//! How a booking is shown: the one receipt builder (the citizen's receipt, the operator's copy,
//! the printable version and the API's `Booking` all start from `receipt_data`), the slots and
//! the prescription as pages show them, the cancel form, the QR code, and what a page says when
//! a slot was refused.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use app::i18n::Lang;
use app::views::booking::{
    CancelData, Notice, PrescriptionView, ReceiptData, ReceiptNotice, SlotView,
};
use app::views::form::FormErrors;

use super::details::BookingRow;
use super::error::BookingError;
use super::rules::{CancelReason, TICKET_CAP_CENTS, last_day_online};
use crate::clock::local;
use crate::db::on_read;
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::state::AppState;

/// The prescription as the journey's pages show it.
pub fn prescription_view(
    state: &AppState,
    lang: Lang,
    prescription: &Prescription,
) -> Option<PrescriptionView> {
    let service = state.catalog.by_id(prescription.service_id)?;
    Some(PrescriptionView {
        service_name: service.name(lang).to_owned(),
        service_code: service.row.code.clone(),
        priority: prescription.priority,
        deadline: prescription.deadline(service.kind),
    })
}

/// A slot as the pages show it: when, where, how to get there, and whether it is in time.
pub fn slot_view(
    state: &AppState,
    lang: Lang,
    id: i64,
    starts_at: i64,
    facility_id: i64,
    deadline: NaiveDate,
) -> SlotView {
    let starts = local(starts_at);
    let facility = state.directory.get(facility_id);
    SlotView {
        id,
        starts,
        facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
        town: facility.map(|f| f.town.clone()).unwrap_or_default(),
        address: facility.map(|f| f.address.clone()).unwrap_or_default(),
        access_notes: facility
            .map(|f| f.access_notes(lang).to_owned())
            .unwrap_or_default(),
        within_deadline: starts.date() <= deadline,
    }
}

/// The slot a booking is on now (shown when moving it).
pub fn current_slot(state: &AppState, lang: Lang, booking: &BookingRow) -> SlotView {
    slot_view(
        state,
        lang,
        booking.slot_id,
        booking.starts_at,
        booking.facility_id,
        NaiveDate::MAX,
    )
}

/// When and where a slot is: (start, facility).
pub async fn slot_place(state: &AppState, slot_id: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    on_read!(&state.db, pool => {
        sqlx::query_as("select starts_at, facility_id from slots where id = $1")
            .bind(slot_id)
            .fetch_optional(pool)
            .await
    })
}

/// Everything a receipt says about a booking. None when its service or codes are not what the
/// catalogue and the domain know (a bug, not an answer).
pub fn receipt_data(
    state: &AppState,
    lang: Lang,
    booking: &BookingRow,
    notice: Option<ReceiptNotice>,
) -> Option<ReceiptData> {
    let service = state.catalog.by_id(booking.service_id)?;
    let code = booking.booking_code()?;
    let deadline = booking
        .priority
        .deadline(booking.prescribed_on, service.kind);
    Some(ReceiptData {
        code: code.as_str().to_owned(),
        code_grouped: code.display_grouped(),
        status: booking.status,
        patient: format!("{} {}", booking.given_name, booking.family_name),
        fiscal_code_masked: booking.fiscal_code.masked(),
        prescription: PrescriptionView {
            service_name: service.name(lang).to_owned(),
            service_code: service.row.code.clone(),
            priority: booking.priority,
            deadline,
        },
        prep_notes: service.prep_notes(lang).to_owned(),
        slot: slot_view(
            state,
            lang,
            booking.slot_id,
            booking.starts_at,
            booking.facility_id,
            deadline,
        ),
        ticket_cents: service.row.ticket_cents.map(|c| c.min(TICKET_CAP_CENTS)),
        booked_on: local(booking.created_at).date(),
        change_until: last_day_online(booking.status, booking.starts_at, state.clock.today()),
        cancelled_on: booking.cancelled_at.map(|at| local(at).date()),
        cancel_reason: booking.cancel_reason.clone(),
        notice,
        earlier: None,
        acted_by: Vec::new(),
    })
}

/// What the receipt's address says just happened (`?confermata`, `?spostata`, `?annullata`,
/// `?presenza`: attendance confirmed from a reminder).
#[derive(Debug, Default, Deserialize)]
pub struct ReceiptQuery {
    confermata: Option<String>,
    spostata: Option<String>,
    annullata: Option<String>,
    presenza: Option<String>,
    /// The citizen just joined or left the waiting list for an earlier slot.
    prima: Option<String>,
}

impl ReceiptQuery {
    pub fn earlier_changed(&self) -> bool {
        self.prima.is_some()
    }

    pub fn notice(&self) -> Option<ReceiptNotice> {
        if self.confermata.is_some() {
            Some(ReceiptNotice::Confirmed)
        } else if self.spostata.is_some() {
            Some(ReceiptNotice::Moved)
        } else if self.annullata.is_some() {
            Some(ReceiptNotice::Cancelled)
        } else if self.presenza.is_some() {
            Some(ReceiptNotice::AttendanceConfirmed)
        } else {
            None
        }
    }
}

/// The cancel form (the citizen's and the operator's): the index of a listed reason and
/// optional details.
#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    motivo: Option<String>,
    #[serde(default)]
    dettagli: String,
}

impl CancelForm {
    /// The reason to record; None when no listed reason was chosen.
    pub fn reason(&self) -> Option<CancelReason> {
        CancelReason::from_choice(self.motivo.as_deref(), &self.dettagli)
    }
}

/// The cancel page's data, with what was submitted shown back.
pub fn cancel_data(
    state: &AppState,
    lang: Lang,
    booking: &BookingRow,
    form: &CancelForm,
    errors: FormErrors,
) -> CancelData {
    CancelData {
        code: booking.code.clone(),
        service_name: state
            .catalog
            .by_id(booking.service_id)
            .map(|s| s.name(lang).to_owned())
            .unwrap_or_default(),
        starts: local(booking.starts_at),
        facility: booking.facility_name.clone(),
        reason: form.motivo.as_deref().and_then(|m| m.parse().ok()),
        details: crate::text::one_line_cut(&form.dettagli, CancelReason::MAX_CHARS),
        errors,
    }
}

/// Why a hold, a booking or a move was refused, as a slots page tells it; None for what is not
/// about the slot.
pub fn refusal(err: &BookingError) -> Option<Notice> {
    match err {
        BookingError::SlotTaken => Some(Notice::SlotTaken),
        BookingError::SlotUnavailable => Some(Notice::SlotUnavailable),
        BookingError::HoldExpired => Some(Notice::HoldExpired),
        _ => None,
    }
}

/// A booking code as a QR code (SVG), for the desk's scanner.
pub fn qr_response(code: &str) -> Result<Response, AppError> {
    let qr = qrcode::QrCode::new(code.as_bytes()).map_err(AppError::internal)?;
    let svg = qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(160, 160)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}
