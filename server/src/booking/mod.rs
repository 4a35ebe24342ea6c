//! Where a booking is made, moved and cancelled. Every write is one short transaction whose
//! correctness the database guards: a slot is held by at most one person (the hold's key is the
//! slot), booked at most once and a prescription books at most once (partial unique indexes).
//! Nothing here checks-then-inserts; a lost race comes back as a unique violation or zero rows.

pub mod details;
pub mod pages;

use app::domain::{BookingCode, Channel, Email, Phone, calendar};
use chrono::NaiveDate;

use crate::availability;
use crate::clock::local;
use crate::db::{Conn, Db, Unique, on_conn, on_read, unique_violation};
use crate::journal::{self, Actor, Message};
use crate::prescriptions::Prescription;
use crate::waitlist;

/// How long a chosen slot stays held while the person confirms.
pub const HOLD_SECONDS: i64 = 8 * 60;
/// The most a citizen pays for one prescription in Tuscany (the "ticket"), whatever the tariff.
pub const TICKET_CAP_CENTS: i64 = 3_800;

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("the slot was just taken by someone else")]
    SlotTaken,
    #[error("the slot cannot be booked through this channel or with this prescription")]
    SlotUnavailable,
    #[error("the hold expired or was already used")]
    HoldExpired,
    #[error("the prescription already has an active booking")]
    AlreadyBooked,
    #[error("no such booking")]
    NotFound,
    #[error("the booking is not active")]
    NotActive,
    #[error("too late to change the booking online (last day was {last_day})")]
    TooLateToChange { last_day: NaiveDate },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A slot held for a person while they confirm.
#[derive(Clone, Debug)]
pub struct Hold {
    pub token: String,
    pub slot_id: i64,
    pub expires_at: i64,
}

/// Optional contacts for reminders.
#[derive(Clone, Debug, Default)]
pub struct Contacts {
    pub phone: Option<Phone>,
    pub email: Option<Email>,
}

#[derive(Clone, Debug)]
pub struct Confirmed {
    pub booking_id: i64,
    pub code: BookingCode,
}

/// A random token of 128 bits, as hex, naming a hold.
pub(crate) fn new_token() -> String {
    use std::fmt::Write;
    rand::random::<[u8; 16]>()
        .iter()
        .fold(String::with_capacity(32), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Holds `slot_id` for the prescription for `seconds`, releasing any other slot it held. Fails
/// with `SlotTaken` when someone else holds or booked it first. Asking again for a slot the
/// prescription already holds keeps the same hold (and extends it), so identical requests sent
/// at once share one hold instead of taking it from each other.
pub async fn hold(
    db: &Db,
    prescription: &Prescription,
    slot_id: i64,
    channel: Channel,
    now: i64,
    seconds: i64,
) -> Result<Hold, BookingError> {
    let token = new_token();
    let expires_at = now + seconds;
    let reservations = availability::usable_reservations(Some(prescription.priority));
    let (prescription_id, service_id) = (prescription.id, prescription.service_id);
    let taken: Result<Option<String>, BookingError> = db.transact(move |conn| Box::pin(async move { on_conn!(conn, tx => {
        sqlx::query("delete from holds where prescription_id = $1 and slot_id <> $2")
            .bind(prescription_id)
            .bind(slot_id)
            .execute(&mut *tx)
            .await?;
        // The slot's key decides: a live hold of someone else keeps its row, an expired one (or
        // our own) is replaced. Eligibility is checked in the same statement.
        let token: Option<String> = sqlx::query_scalar(
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at)
             select s.id, $2, $3, $4, $5, $6 from slots s
             where s.id = $1 and s.service_id = $7 and s.starts_at >= $8 and s.status = 'open'
               and (s.reserved_channel is null or s.reserved_channel = $4 or $4 = 'operator')
               and (s.reserved_priority is null or s.reserved_priority in ($9, $10, $11, $12))
               and not exists (select 1 from bookings b
                               where b.slot_id = s.id and b.status <> 'cancelled')
             on conflict (slot_id) do update set
               token = case when holds.prescription_id = excluded.prescription_id
                             and holds.expires_at > excluded.created_at
                            then holds.token else excluded.token end,
               prescription_id = excluded.prescription_id,
               channel = excluded.channel, created_at = excluded.created_at,
               expires_at = excluded.expires_at
             where holds.expires_at <= excluded.created_at
                or holds.prescription_id = excluded.prescription_id
             returning token",
        )
        .bind(slot_id)
        .bind(prescription_id)
        .bind(&token)
        .bind(channel.as_str())
        .bind(now)
        .bind(expires_at)
        .bind(service_id)
        .bind(now + availability::MIN_LEAD_SECONDS)
        .bind(reservations[0])
        .bind(reservations[1])
        .bind(reservations[2])
        .bind(reservations[3])
        .fetch_optional(&mut *tx)
        .await?;
        Ok(token)
    })})).await;
    if let Some(token) = taken? {
        db.changes().publish(service_id);
        return Ok(Hold {
            token,
            slot_id,
            expires_at,
        });
    }
    Err(refusal(db, slot_id, service_id, now).await?)
}

/// Why a slot was refused: a lost race (someone else holds or booked it) or a slot this person
/// may not take at all. A lost race is a change this instance's caches may not know of yet:
/// they learn it here, before the alternatives are read, so that the slot just taken is never
/// offered again to the one who lost it.
async fn refusal(
    db: &Db,
    slot_id: i64,
    service_id: i64,
    now: i64,
) -> Result<BookingError, sqlx::Error> {
    if slot_is_taken(db, slot_id, now).await? {
        db.changes().observed(service_id);
        Ok(BookingError::SlotTaken)
    } else {
        Ok(BookingError::SlotUnavailable)
    }
}

async fn slot_is_taken(db: &Db, slot_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let taken: i64 = on_read!(db, pool => {
        sqlx::query_scalar(
            "select cast(case when exists (select 1 from bookings b where b.slot_id = $1 \
             and b.status <> 'cancelled') or exists (select 1 from holds h where h.slot_id = $1 \
             and h.expires_at > $2) then 1 else 0 end as bigint)",
        )
        .bind(slot_id)
        .bind(now)
        .fetch_one(pool)
        .await?
    });
    Ok(taken != 0)
}

/// The live hold of a prescription, if any (for instance a slot the waiting list offered it).
pub async fn live_hold_of(
    db: &Db,
    prescription_id: i64,
    now: i64,
) -> Result<Option<Hold>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as::<_, (String, i64, i64)>(
            "select token, slot_id, expires_at from holds \
             where prescription_id = $1 and expires_at > $2 order by expires_at desc limit 1",
        )
        .bind(prescription_id)
        .bind(now)
        .fetch_optional(pool)
        .await
    })
    .map(|row| {
        row.map(|(token, slot_id, expires_at)| Hold {
            token,
            slot_id,
            expires_at,
        })
    })
}

/// The hold behind a token, if it is still live.
pub async fn hold_by_token(
    db: &Db,
    token: &str,
    now: i64,
) -> Result<Option<(Hold, i64)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as::<_, (String, i64, i64, i64)>(
            "select token, slot_id, expires_at, prescription_id from holds \
             where token = $1 and expires_at > $2",
        )
        .bind(token)
        .bind(now)
        .fetch_optional(pool)
        .await
    })
    .map(|row| {
        row.map(|(token, slot_id, expires_at, prescription_id)| {
            (
                Hold {
                    token,
                    slot_id,
                    expires_at,
                },
                prescription_id,
            )
        })
    })
}

/// Gives a held slot back (the person chose another one, or went away).
pub async fn release(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let token = token.to_owned();
    let service: Option<i64> = db
        .transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    let slot: Option<i64> =
                        sqlx::query_scalar("delete from holds where token = $1 returning slot_id")
                            .bind(&token)
                            .fetch_optional(&mut *c)
                            .await?;
                    let Some(slot) = slot else { return Ok(None) };
                    sqlx::query_scalar("select service_id from slots where id = $1")
                        .bind(slot)
                        .fetch_optional(&mut *c)
                        .await
                })
            })
        })
        .await?;
    if let Some(service_id) = service {
        db.changes().publish(service_id);
    }
    Ok(())
}

/// Turns a live hold into a booking. Submitting twice cannot book twice: the hold is consumed
/// by the first confirmation, and a prescription books at most once.
pub async fn confirm(
    db: &Db,
    token: &str,
    contacts: &Contacts,
    actor: Actor,
    now: i64,
) -> Result<Confirmed, BookingError> {
    let channel = match actor {
        Actor::Citizen(channel) => channel,
        Actor::Staff { .. } | Actor::System => Channel::Operator,
    };
    let staff_id = match actor {
        Actor::Staff { id } => Some(id),
        _ => None,
    };
    // A fresh code collides with an existing one about once in 10^8 bookings: draw again.
    for _ in 0..3 {
        let code = BookingCode::generate(&mut rand::rng());
        let (token, contacts, code_text) =
            (token.to_owned(), contacts.clone(), code.as_str().to_owned());
        let result: Result<(i64, i64), BookingError> = db.transact(move |conn| Box::pin(async move { on_conn!(conn, tx => {
            let held: Option<(i64, i64)> = sqlx::query_as(
                "delete from holds where token = $1 and expires_at > $2 \
                 returning slot_id, prescription_id",
            )
            .bind(&token)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((slot_id, prescription_id)) = held else {
                return Err(BookingError::HoldExpired);
            };
            let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                "insert into bookings (code, slot_id, prescription_id, channel, status, \
                 contact_phone, contact_email, staff_id, created_at, updated_at) \
                 values ($1, $2, $3, $4, 'confirmed', $5, $6, $7, $8, $8) returning id",
            )
            .bind(&code_text)
            .bind(slot_id)
            .bind(prescription_id)
            .bind(channel.as_str())
            .bind(contacts.phone.as_ref().map(Phone::as_str))
            .bind(contacts.email.as_ref().map(Email::as_str))
            .bind(staff_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await;
            let booking_id = inserted.map_err(booking_insert_error)?;
            booked(Conn::from(&mut *tx), actor, booking_id, prescription_id, now).await?;
            let service_id: i64 = sqlx::query_scalar("select service_id from slots where id = $1")
                .bind(slot_id)
                .fetch_one(&mut *tx)
                .await?;
            Ok((booking_id, service_id))
        })})).await;
        match result {
            Ok((booking_id, service_id)) => {
                db.changes().publish(service_id);
                return Ok(Confirmed { booking_id, code });
            }
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::Db(sqlx::Error::Protocol(
        "could not draw an unused booking code".into(),
    )))
}

fn booking_insert_error(err: sqlx::Error) -> BookingError {
    match unique_violation(&err) {
        Some(Unique::BookingSlot) => BookingError::SlotTaken,
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
        journal::notify_booking(Conn::from(&mut *tx), Message::BookingConfirmed, booking_id, now).await?;
        journal::audit_booking(Conn::from(&mut *tx), actor, "booking.created", booking_id, None, now).await
    })
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
    channel: Channel,
    now: i64,
) -> Result<Confirmed, BookingError> {
    let staff_id = match actor {
        Actor::Staff { id } => Some(id),
        _ => None,
    };
    let booking_channel = match actor {
        Actor::Citizen(channel) => channel,
        Actor::Staff { .. } | Actor::System => Channel::Operator,
    };
    let reservations = availability::usable_reservations(Some(prescription.priority));
    let (prescription_id, service_id) = (prescription.id, prescription.service_id);
    for _ in 0..3 {
        let code = BookingCode::generate(&mut rand::rng());
        let (contacts, code_text) = (contacts.clone(), code.as_str().to_owned());
        let result: Result<Option<i64>, BookingError> = db.transact(move |conn| Box::pin(async move { on_conn!(conn, tx => {
            // A hold of this prescription (on this slot or another) is used up or given back.
            sqlx::query("delete from holds where prescription_id = $1")
                .bind(prescription_id)
                .execute(&mut *tx)
                .await?;
            let inserted: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
                "insert into bookings (code, slot_id, prescription_id, channel, status, \
                 contact_phone, contact_email, staff_id, created_at, updated_at) \
                 select $1, s.id, $2, $3, 'confirmed', $4, $5, $6, $7, $7 from slots s \
                 where s.id = $8 and s.service_id = $9 and s.starts_at >= $10 and s.status = 'open' \
                   and (s.reserved_channel is null or s.reserved_channel = $11 or $11 = 'operator') \
                   and (s.reserved_priority is null or s.reserved_priority in ($12, $13, $14, $15)) \
                   and not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > $7) \
                 returning id",
            )
            .bind(&code_text)
            .bind(prescription_id)
            .bind(booking_channel.as_str())
            .bind(contacts.phone.as_ref().map(Phone::as_str))
            .bind(contacts.email.as_ref().map(Email::as_str))
            .bind(staff_id)
            .bind(now)
            .bind(slot_id)
            .bind(service_id)
            .bind(now + availability::MIN_LEAD_SECONDS)
            .bind(channel.as_str())
            .bind(reservations[0])
            .bind(reservations[1])
            .bind(reservations[2])
            .bind(reservations[3])
            .fetch_optional(&mut *tx)
            .await;
            let Some(booking_id) = inserted.map_err(booking_insert_error)? else {
                return Ok(None);
            };
            booked(Conn::from(&mut *tx), actor, booking_id, prescription_id, now).await?;
            Ok(Some(booking_id))
        })})).await;
        match result {
            Ok(Some(booking_id)) => {
                db.changes().publish(service_id);
                return Ok(Confirmed { booking_id, code });
            }
            // Refused: tell a lost race from a slot this person may not take at all.
            Ok(None) => return Err(refusal(db, slot_id, service_id, now).await?),
            Err(BookingError::SlotTaken) => {
                db.changes().observed(service_id);
                return Err(BookingError::SlotTaken);
            }
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::Db(sqlx::Error::Protocol(
        "could not draw an unused booking code".into(),
    )))
}

/// The state of an active booking that decides whether it can still change.
struct Active {
    slot_id: i64,
    service_id: i64,
    prescription_id: i64,
    starts_at: i64,
}

async fn active(conn: Conn<'_>, booking_id: i64) -> Result<Active, BookingError> {
    let row: Option<(String, i64, i64, i64, i64)> = crate::db::on_conn!(conn, c => {
        sqlx::query_as(
            "select b.status, b.slot_id, s.service_id, b.prescription_id, s.starts_at \
             from bookings b join slots s on s.id = b.slot_id where b.id = $1",
        )
        .bind(booking_id)
        .fetch_optional(&mut *c)
        .await?
    });
    let Some((status, slot_id, service_id, prescription_id, starts_at)) = row else {
        return Err(BookingError::NotFound);
    };
    if status != "confirmed" {
        return Err(BookingError::NotActive);
    }
    Ok(Active {
        slot_id,
        service_id,
        prescription_id,
        starts_at,
    })
}

/// Whether `actor` may still move or cancel a booking starting at `starts_at` (the rule the
/// changes themselves enforce, for pages that offer them).
pub fn may_change(actor: Actor, starts_at: i64, today: NaiveDate, now: i64) -> bool {
    check_changeable(actor, starts_at, today, now).is_ok()
}

/// Citizens may change a booking online until two working days before; staff until it starts.
fn check_changeable(
    actor: Actor,
    starts_at: i64,
    today: NaiveDate,
    now: i64,
) -> Result<(), BookingError> {
    match actor {
        Actor::Citizen(_) => {
            let day = local(starts_at).date();
            if calendar::can_change_online(today, day) {
                Ok(())
            } else {
                Err(BookingError::TooLateToChange {
                    last_day: calendar::last_day_to_change(day),
                })
            }
        }
        Actor::Staff { .. } | Actor::System if starts_at > now => Ok(()),
        _ => Err(BookingError::NotActive),
    }
}

/// Cancels an active booking. The freed slot goes straight to the first request on the waiting
/// list whose deadline it meets.
pub async fn cancel(
    db: &Db,
    booking_id: i64,
    reason: &str,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    let reason = reason.to_owned();
    db.transact(move |conn| Box::pin(async move { on_conn!(conn, tx => {
        let booking = active(Conn::from(&mut *tx), booking_id).await?;
        check_changeable(actor, booking.starts_at, today, now)?;
        let updated = sqlx::query(
            "update bookings set status = 'cancelled', cancelled_at = $2, cancel_reason = $3, \
             updated_at = $2 where id = $1 and status = 'confirmed'",
        )
        .bind(booking_id)
        .bind(now)
        .bind(&reason)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(BookingError::NotActive);
        }
        journal::notify_booking(Conn::from(&mut *tx), Message::BookingCancelled, booking_id, now).await?;
        journal::audit_booking(Conn::from(&mut *tx), actor, "booking.cancelled", booking_id, Some(&reason), now).await?;
        waitlist::offer_slot(Conn::from(&mut *tx), booking.slot_id, now).await?;
        Ok(booking.service_id)
    })})).await
    .map(|service_id| db.changes().publish(service_id))
}

/// Moves an active booking to the slot held by `token`. One update changes the booking's slot:
/// the old slot is free only once the new one is booked, never before and never both.
pub async fn move_to_held(
    db: &Db,
    booking_id: i64,
    token: &str,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    let token = token.to_owned();
    db.transact(move |conn| Box::pin(async move { on_conn!(conn, tx => {
        let booking = active(Conn::from(&mut *tx), booking_id).await?;
        check_changeable(actor, booking.starts_at, today, now)?;
        let new_slot: Option<i64> = sqlx::query_scalar(
            "delete from holds where token = $1 and expires_at > $2 and prescription_id = $3 \
             returning slot_id",
        )
        .bind(&token)
        .bind(now)
        .bind(booking.prescription_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(new_slot) = new_slot else {
            return Err(BookingError::HoldExpired);
        };
        sqlx::query(
            "update bookings set slot_id = $2, updated_at = $3 where id = $1 and status = 'confirmed'",
        )
        .bind(booking_id)
        .bind(new_slot)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(booking_insert_error)?;
        journal::notify_booking(Conn::from(&mut *tx), Message::BookingMoved, booking_id, now).await?;
        journal::audit_booking(Conn::from(&mut *tx), actor, "booking.moved", booking_id, None, now).await?;
        waitlist::offer_slot(Conn::from(&mut *tx), booking.slot_id, now).await?;
        Ok(booking.service_id)
    })})).await
    .map(|service_id| db.changes().publish(service_id))
}
