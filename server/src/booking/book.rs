//! Making a booking: from a hold (the HTML journey: choose, then confirm) or in one step (the
//! API, operators). Either way one transaction inserts the booking, settles the waiting-list
//! entry it answers (and, when the citizen asks, opens one linked to the booking, to keep waiting
//! for an earlier slot: `earlier`), queues the confirmation and records the audit entry. The partial unique
//! indexes stop a second active booking of the slot or of the prescription, whatever races.

use app::domain::{BookingCode, Email, Phone};
use app::i18n::Lang;
use chrono::NaiveDate;

use crate::audit::{self, Actor};
use crate::availability::rule::{self, MIN_LEAD_SECONDS};
use crate::db::{Changed, Conn, Db, Unique, on_conn, unique_violation};
use crate::outbox::{self, Message};
use crate::prescriptions::Prescription;

use super::earlier;
use super::error::BookingError;
use super::hold::{lock_held_slot, lock_slot, refusal};

/// Optional contacts for reminders, and the language the messages are written in (the one the
/// citizen used to book; Italian when an operator books for them).
#[derive(Clone, Debug, Default)]
pub struct Contacts {
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub lang: Lang,
}

#[derive(Clone, Debug)]
pub struct Confirmed {
    pub booking_id: i64,
    pub code: BookingCode,
}

/// A fresh code collides with an existing one about once in 10^8 bookings: draw again, a few
/// times at most.
const CODE_DRAWS: usize = 3;

/// Turns a live hold into a booking. Submitting twice cannot book twice: the hold is consumed
/// by the first confirmation, and a prescription books at most once. With `keep_waiting` (the
/// prescription's deadline), the booking keeps a place on the waiting list for an earlier slot.
pub async fn confirm(
    db: &Db,
    token: &str,
    contacts: &Contacts,
    keep_waiting: Option<NaiveDate>,
    actor: Actor,
    now: i64,
) -> Result<Confirmed, BookingError> {
    for _ in 0..CODE_DRAWS {
        let code = BookingCode::generate(&mut rand::rng());
        let (token, contacts, code_text) =
            (token.to_owned(), contacts.clone(), code.as_str().to_owned());
        let result: Result<i64, BookingError> = db
            .change_slots(move |conn, changed| {
                Box::pin(async move {
                    on_conn!(conn, tx => {
                        lock_held_slot(Conn::from(&mut *tx), &token).await?;
                        let held: Option<(i64, i64, i64)> = sqlx::query_as(
                            "delete from holds where token = $1 and expires_at > $2 \
                             returning slot_id, prescription_id, \
                             (select service_id from slots where id = holds.slot_id)",
                        )
                        .bind(&token)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some((slot_id, prescription_id, service_id)) = held else {
                            return Err(BookingError::HoldExpired);
                        };
                        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                            "insert into bookings (code, slot_id, prescription_id, channel, status, \
                             contact_phone, contact_email, staff_id, created_at, updated_at, lang) \
                             values ($1, $2, $3, $4, 'confirmed', $5, $6, $7, $8, $8, $9) returning id",
                        )
                        .bind(&code_text)
                        .bind(slot_id)
                        .bind(prescription_id)
                        .bind(actor.booking_channel().as_str())
                        .bind(contacts.phone.as_ref().map(Phone::as_str))
                        .bind(contacts.email.as_ref().map(Email::as_str))
                        .bind(actor.staff_id())
                        .bind(now)
                        .bind(contacts.lang.code())
                        .fetch_one(&mut *tx)
                        .await;
                        let booking_id = inserted.map_err(|e| insert_error(e, service_id, changed))?;
                        booked(Conn::from(&mut *tx), actor, booking_id, prescription_id, now).await?;
                        if let Some(deadline) = keep_waiting {
                            earlier::link(Conn::from(&mut *tx), booking_id, deadline, now).await?;
                        }
                        changed.service(service_id);
                        Ok(booking_id)
                    })
                })
            })
            .await;
        match result {
            Ok(booking_id) => return Ok(Confirmed { booking_id, code }),
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::NoFreeCode)
}

/// Books a slot in one step (the API, operators): the same rules as hold then confirm — the
/// slot must suit the prescription and the channel, nobody else may hold it, the unique
/// indexes stop a second booking of the slot or of the prescription — in one transaction.
pub async fn book_now(
    db: &Db,
    prescription: &Prescription,
    slot_id: i64,
    contacts: &Contacts,
    actor: Actor,
    now: i64,
) -> Result<Confirmed, BookingError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "insert into bookings (code, slot_id, prescription_id, channel, status, \
             contact_phone, contact_email, staff_id, created_at, updated_at, lang) \
             select $1, s.id, $2, $3, 'confirmed', $4, $5, $6, $7, $7, $16 from slots s \
             where s.id = $8 and s.service_id = $9 and s.starts_at >= $10 and {} and {} \
             returning id",
            rule::free(7),
            rule::usable(11, 12)
        )
    });
    let asker = prescription.asker(actor.booking_channel());
    let [r1, r2, r3, r4] = asker.reservations();
    let (prescription_id, service_id) = (prescription.id, prescription.service_id);
    for _ in 0..CODE_DRAWS {
        let code = BookingCode::generate(&mut rand::rng());
        let (contacts, code_text) = (contacts.clone(), code.as_str().to_owned());
        let result: Result<Option<i64>, BookingError> = db
            .change_slots(move |conn, changed| {
                Box::pin(async move {
                    on_conn!(conn, tx => {
                        lock_slot(Conn::from(&mut *tx), slot_id).await?;
                        // A hold of this prescription (on this slot or another) is used up or
                        // given back.
                        sqlx::query("delete from holds where prescription_id = $1")
                            .bind(prescription_id)
                            .execute(&mut *tx)
                            .await?;
                        let inserted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(&SQL)
                            .bind(&code_text)
                            .bind(prescription_id)
                            .bind(asker.channel.as_str())
                            .bind(contacts.phone.as_ref().map(Phone::as_str))
                            .bind(contacts.email.as_ref().map(Email::as_str))
                            .bind(actor.staff_id())
                            .bind(now)
                            .bind(slot_id)
                            .bind(service_id)
                            .bind(now + MIN_LEAD_SECONDS)
                            .bind(asker.channel.as_str())
                            .bind(r1)
                            .bind(r2)
                            .bind(r3)
                            .bind(r4)
                            .bind(contacts.lang.code())
                            .fetch_optional(&mut *tx)
                            .await;
                        let Some(booking_id) =
                            inserted.map_err(|e| insert_error(e, service_id, changed))?
                        else {
                            return Ok(None);
                        };
                        booked(Conn::from(&mut *tx), actor, booking_id, prescription_id, now).await?;
                        changed.service(service_id);
                        Ok(Some(booking_id))
                    })
                })
            })
            .await;
        match result {
            Ok(Some(booking_id)) => return Ok(Confirmed { booking_id, code }),
            // Refused: tell a lost race from a slot this person may not take at all.
            Ok(None) => return Err(refusal(db, slot_id, service_id, now).await?),
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::NoFreeCode)
}

/// A failed insert of a booking (or update of its slot) as an answer: the unique indexes
/// speak for a lost race (on a slot of `service_id`) or a prescription already booked.
pub(super) fn insert_error(
    err: sqlx::Error,
    service_id: i64,
    changed: &mut Changed,
) -> BookingError {
    match unique_violation(&err) {
        Some(Unique::BookingSlot) => {
            changed.lost_race(service_id);
            BookingError::SlotTaken
        }
        Some(Unique::BookingPrescription) => BookingError::AlreadyBooked,
        _ => BookingError::Db(err),
    }
}

/// What every new booking leaves behind in its transaction: the waiting-list entry it settles,
/// the confirmation message and the audit entry.
async fn booked(
    conn: Conn<'_>,
    actor: Actor,
    booking_id: i64,
    prescription_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, tx => {
        sqlx::query(
            "update waiting_list set status = 'booked', updated_at = $2 \
             where prescription_id = $1 and status in ('waiting', 'offered')",
        )
        .bind(prescription_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        outbox::about_booking(Conn::from(&mut *tx), Message::BookingConfirmed, booking_id, None, "{}", now).await?;
        audit::booking(Conn::from(&mut *tx), actor, "booking.created", booking_id, None, now).await
    })
}
