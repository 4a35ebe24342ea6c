//! Everything a receipt shows about a booking, read in one query.

use app::domain::{BookingCode, BookingStatus, FiscalCode, PriorityClass};
use chrono::NaiveDate;

use crate::db::{Db, on_read};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub code: String,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub channel: String,
    pub created_at: i64,
    pub cancelled_at: Option<i64>,
    pub cancel_reason: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub slot_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub town: String,
    pub address: String,
    pub access_notes_it: String,
    pub access_notes_en: String,
    pub service_id: i64,
    pub prescription_id: i64,
    #[sqlx(try_from = "String")]
    pub fiscal_code: FiscalCode,
    /// The patient's names, as the registry holds them.
    pub given_name: String,
    pub family_name: String,
    #[sqlx(try_from = "String")]
    pub priority: PriorityClass,
    pub prescribed_on: NaiveDate,
    /// The iCalendar SEQUENCE of the appointment: how many times it was moved.
    pub sequence: i64,
    /// The language the booking was made in (its messages are written in it).
    pub lang: String,
}

impl BookingRow {
    pub fn booking_code(&self) -> Option<BookingCode> {
        BookingCode::parse(&self.code).ok()
    }
}

const SELECT: &str = "select b.id, b.code, b.status, b.channel, b.created_at, b.cancelled_at, \
     b.cancel_reason, b.contact_phone, b.contact_email, s.id as slot_id, s.starts_at, s.ends_at, \
     f.id as facility_id, f.name as facility_name, f.town, f.address, f.access_notes_it, \
     f.access_notes_en, s.service_id, p.id as prescription_id, p.fiscal_code, p.priority, \
     p.prescribed_on, b.sequence, b.lang, c.given_name, c.family_name \
     from bookings b join slots s on s.id = b.slot_id join facilities f on f.id = s.facility_id \
     join prescriptions p on p.id = b.prescription_id \
     join citizens c on c.fiscal_code = p.fiscal_code";

/// The active booking of a prescription, if any: (id, code). A confirmation submitted twice,
/// or an offer accepted twice, answers with it.
pub async fn active_of(
    db: &Db,
    prescription_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select id, code from bookings where prescription_id = $1 and status <> 'cancelled'",
        )
        .bind(prescription_id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<BookingRow>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where b.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

/// The booking with this code, if it belongs to this fiscal code. A wrong code and someone
/// else's code are the same answer: nothing.
pub async fn by_code_for(
    db: &Db,
    code: &BookingCode,
    fiscal_code: &FiscalCode,
) -> Result<Option<BookingRow>, sqlx::Error> {
    let row: Option<BookingRow> = on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where b.code = $1"))
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?
    });
    Ok(row.filter(|b| b.fiscal_code == *fiscal_code))
}

/// The booking with this code (callers check who may see it).
pub async fn by_code(db: &Db, code: &BookingCode) -> Result<Option<BookingRow>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where b.code = $1"))
            .bind(code.as_str())
            .fetch_optional(pool)
            .await
    })
}
