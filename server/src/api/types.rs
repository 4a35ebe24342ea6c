//! What the API reads and writes, and how the server's rows become those shapes. Requests
//! derive no `Debug`: they carry fiscal codes, which must never reach a log.

use app::i18n::Lang;
use chrono::{DateTime, NaiveDate, SecondsFormat};
use chrono_tz::Europe::Rome;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::availability::FreeSlot;
use crate::booking::details::BookingRow;
use crate::booking::receipt::receipt_data;
use crate::catalog::Service;
use crate::state::AppState;

/// An instant as Italian wall-clock time with its offset, e.g. 2026-05-04T08:30:00+02:00.
pub fn rfc3339(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&Rome)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

// ---------------------------------------------------------------------------------------------
// Catalogue and availability

#[derive(Serialize, ToSchema)]
pub struct Names {
    pub it: String,
    pub en: String,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceItem {
    /// National catalogue code, e.g. 89.7A.3.
    #[schema(example = "89.7A.3")]
    pub code: String,
    pub name: Names,
    /// `visit` or `exam`.
    #[schema(example = "visit")]
    pub kind: &'static str,
    pub discipline: String,
    /// The regional tariff in euro cents; null when unknown.
    pub ticket_cents: Option<i64>,
}

impl From<&Service> for ServiceItem {
    fn from(s: &Service) -> Self {
        ServiceItem {
            code: s.row.code.clone(),
            name: Names {
                it: s.row.name_it.clone(),
                en: s.row.name_en.clone(),
            },
            kind: s.kind.as_str(),
            discipline: s.row.discipline.clone(),
            ticket_cents: s.row.ticket_cents,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ServiceList {
    pub services: Vec<ServiceItem>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceQuery {
    /// What the person typed: words, a misspelling, or a catalogue code. Empty: all services.
    pub q: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// Catalogue code of the service.
    pub service: String,
    /// Only facilities of this area (see the facility's `area.id`).
    pub area: Option<i64>,
    /// Only facilities in this town.
    pub town: Option<String>,
    /// The earliest day, YYYY-MM-DD (Italian time). Default: now.
    pub from: Option<String>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Slots per page, 1 to 50 (default 20).
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Area {
    pub id: i64,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct Facility {
    pub id: i64,
    pub name: String,
    pub town: String,
    pub address: String,
    pub area: Option<Area>,
    /// How to get there, in the request's language.
    pub access_notes: String,
}

impl Facility {
    pub fn of(state: &AppState, lang: Lang, id: i64) -> Facility {
        let facility = state.directory.get(id);
        Facility {
            id,
            name: facility.map(|f| f.name.clone()).unwrap_or_default(),
            town: facility.map(|f| f.town.clone()).unwrap_or_default(),
            address: facility.map(|f| f.address.clone()).unwrap_or_default(),
            area: facility.and_then(|f| {
                let name = state.directory.area_name(f.area_id)?;
                Some(Area {
                    id: f.area_id,
                    name: name.to_owned(),
                })
            }),
            access_notes: facility
                .map(|f| f.access_notes(lang).to_owned())
                .unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Slot {
    pub slot_id: i64,
    #[schema(example = "2026-05-04T08:30:00+02:00")]
    pub starts_at: String,
    #[schema(example = "2026-05-04T08:50:00+02:00")]
    pub ends_at: String,
    pub facility: Facility,
}

impl Slot {
    pub fn of(state: &AppState, lang: Lang, slot: &FreeSlot) -> Slot {
        Slot {
            slot_id: slot.id,
            starts_at: rfc3339(slot.starts_at),
            ends_at: rfc3339(slot.ends_at),
            facility: Facility::of(state, lang, slot.facility_id),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SlotPage {
    /// The service's catalogue code.
    pub service: String,
    /// Earliest first.
    pub slots: Vec<Slot>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// True when the database cannot answer now and this is the last good answer (its age is
    /// in the `Age` header).
    pub stale: bool,
}

// ---------------------------------------------------------------------------------------------
// Bookings

#[derive(Deserialize, ToSchema)]
pub struct NewBooking {
    /// The tax code of the person named on the prescription (STP/ENI codes too).
    #[serde(default)]
    #[schema(required = true, example = "RSSMRA48C55D612S")]
    pub fiscal_code: String,
    /// The electronic prescription number, 15 characters.
    #[serde(default)]
    #[schema(required = true, example = "090A00000000105")]
    pub nre: String,
    pub slot_id: i64,
    /// Mobile number for reminders.
    pub phone: Option<String>,
    /// E-mail address for reminders.
    pub email: Option<String>,
}

/// Proves the right to see a booking: its code and the fiscal code it belongs to.
#[derive(Deserialize, ToSchema)]
pub struct BookingKey {
    /// With or without the dash, any case.
    #[serde(default)]
    #[schema(required = true, example = "K7M2P-QX4TA")]
    pub booking_code: String,
    #[serde(default)]
    #[schema(required = true)]
    pub fiscal_code: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    #[serde(default)]
    #[schema(required = true)]
    pub booking_code: String,
    #[serde(default)]
    #[schema(required = true)]
    pub fiscal_code: String,
    /// Why, 1 to 500 characters (kept for the staff's audit).
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MoveRequest {
    #[serde(default)]
    #[schema(required = true)]
    pub booking_code: String,
    #[serde(default)]
    #[schema(required = true)]
    pub fiscal_code: String,
    /// The new slot.
    pub slot_id: i64,
}

#[derive(Serialize, ToSchema)]
pub struct BookedService {
    pub code: String,
    /// In the request's language.
    pub name: String,
    #[schema(example = "visit")]
    pub kind: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Booking {
    /// The canonical code: 10 characters, no dash.
    #[schema(example = "K7M2PQX4TA")]
    pub booking_code: String,
    /// The same code as people read it.
    #[schema(example = "K7M2P-QX4TA")]
    pub booking_code_grouped: String,
    /// confirmed, cancelled, attended or no_show.
    #[schema(example = "confirmed")]
    pub status: String,
    pub service: BookedService,
    pub slot_id: i64,
    pub starts_at: String,
    pub ends_at: String,
    pub facility: Facility,
    /// In the request's language; may be empty.
    pub preparation_notes: String,
    /// The most the citizen pays (tariff capped per prescription); null when unknown.
    pub ticket_cents: Option<i64>,
    /// The prescription's class: U, B, D or P.
    #[schema(example = "P")]
    pub priority: &'static str,
    /// The last day within the guaranteed wait of the priority (YYYY-MM-DD).
    #[schema(example = "2026-09-01")]
    pub deadline: String,
    /// Whether the appointment falls within that deadline.
    pub within_deadline: bool,
    /// YYYY-MM-DD.
    pub booked_on: String,
    /// The last day to move or cancel online; null when it no longer can be.
    pub change_until: Option<String>,
}

impl Booking {
    /// The receipt of a booking (`booking::receipt::receipt_data`, as the HTML receipt shows
    /// it) in the API's shape. None if its service or codes are not what the catalogue and the
    /// domain know (a bug, not an answer).
    pub fn of(state: &AppState, lang: Lang, row: &BookingRow) -> Option<Booking> {
        let receipt = receipt_data(state, lang, row, None)?;
        let service = state.catalog.by_id(row.service_id)?;
        Some(Booking {
            booking_code: receipt.code,
            booking_code_grouped: receipt.code_grouped,
            status: receipt.status.as_str().to_owned(),
            service: BookedService {
                code: receipt.prescription.service_code,
                name: receipt.prescription.service_name,
                kind: service.kind.as_str(),
            },
            slot_id: row.slot_id,
            starts_at: rfc3339(row.starts_at),
            ends_at: rfc3339(row.ends_at),
            facility: Facility::of(state, lang, row.facility_id),
            preparation_notes: receipt.prep_notes,
            ticket_cents: receipt.ticket_cents,
            priority: receipt.prescription.priority.as_str(),
            deadline: date(receipt.prescription.deadline),
            within_deadline: receipt.slot.within_deadline,
            booked_on: date(receipt.booked_on),
            change_until: receipt.change_until.map(date),
        })
    }
}

pub fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}
