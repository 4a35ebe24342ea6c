//! Changing a booking: cancelling it, moving it to another slot, and — when the back office
//! suspends an agenda — moving it for the person or cancelling it and putting the request back
//! on the waiting list. A move is one update of the booking's slot: the old slot is free only
//! once the new one is booked, never before and never both. Every freed slot is offered to the
//! waiting list in the same transaction. A cancel or a move closes the booking's "earlier slot"
//! entry (`earlier`), and accepting that entry's offer moves the booking (`accept_earlier`).

use app::domain::{BookingStatus, Channel, PriorityClass};
use chrono::NaiveDate;

use crate::audit::{self, Actor};
use crate::availability::rule::Asker;
use crate::db::{Changed, Conn, Db, on_conn};
use crate::outbox::{self, Message};
use crate::prescriptions::Prescription;

use super::book::insert_error;
use super::earlier;
use super::error::BookingError;
use super::hold::{hold, lock_held_slot, release};
use super::offer;
use super::rules::{CancelReason, INSTANT_HOLD_SECONDS, may_change};

/// The state of a booking that decides whether it can still change.
struct Active {
    slot_id: i64,
    service_id: i64,
    prescription_id: i64,
}

/// Reads the booking inside the transaction and checks that `actor` may still change it.
async fn changeable(
    conn: Conn<'_>,
    booking_id: i64,
    actor: Actor,
    today: NaiveDate,
    now: i64,
) -> Result<Active, BookingError> {
    let row: Option<(String, i64, i64, i64, i64)> = on_conn!(conn, c => {
        sqlx::query_as(
            "select b.status, b.slot_id, s.service_id, b.prescription_id, s.starts_at \
             from bookings b join slots s on s.id = b.slot_id where b.id = $1",
        )
        .bind(booking_id)
        .fetch_optional(&mut *c)
        .await?
    });
    let Some((status, slot_id, service_id, prescription_id, starts_at)) = row else {
        return Err(BookingError::NotActive);
    };
    let status = BookingStatus::parse(&status).ok_or(BookingError::NotActive)?;
    may_change(actor, status, starts_at, today, now)?;
    Ok(Active {
        slot_id,
        service_id,
        prescription_id,
    })
}

/// Cancels an active booking. The freed slot goes straight to the first request on the waiting
/// list whose deadline it meets.
pub async fn cancel(
    db: &Db,
    booking_id: i64,
    reason: &CancelReason,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    let reason = reason.as_str().to_owned();
    db.change_slots(move |conn, changed| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let booking = changeable(Conn::from(&mut *tx), booking_id, actor, today, now).await?;
                // The slot it is on now: an offer accepted meanwhile may have moved it.
                let freed: Option<i64> = sqlx::query_scalar(
                    "update bookings set status = 'cancelled', cancelled_at = $2, cancel_reason = $3, \
                     updated_at = $2 where id = $1 and status = 'confirmed' returning slot_id",
                )
                .bind(booking_id)
                .bind(now)
                .bind(&reason)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(freed) = freed else {
                    return Err(BookingError::NotActive);
                };
                outbox::about_booking(Conn::from(&mut *tx), Message::BookingCancelled, booking_id, None, "{}", now).await?;
                audit::booking(Conn::from(&mut *tx), actor, "booking.cancelled", booking_id, Some(&reason), now).await?;
                changed.service(booking.service_id);
                earlier::close_linked(Conn::from(&mut *tx), changed, booking_id, now).await?;
                offer::offer_slot(Conn::from(&mut *tx), changed, freed, now).await?;
                Ok(())
            })
        })
    })
    .await
}

/// Moves an active booking to the slot held by `token`.
pub async fn move_to_held(
    db: &Db,
    booking_id: i64,
    token: &str,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    let token = token.to_owned();
    db.change_slots(move |conn, changed| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                lock_held_slot(Conn::from(&mut *tx), &token).await?;
                let booking = changeable(Conn::from(&mut *tx), booking_id, actor, today, now).await?;
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
                let updated = sqlx::query(
                    "update bookings set slot_id = $2, sequence = sequence + 1, updated_at = $3 \
                     where id = $1 and status = 'confirmed'",
                )
                .bind(booking_id)
                .bind(new_slot)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| insert_error(e, booking.service_id, changed))?;
                if updated.rows_affected() != 1 {
                    return Err(BookingError::NotActive);
                }
                outbox::about_booking(Conn::from(&mut *tx), Message::BookingMoved, booking_id, None, "{}", now).await?;
                audit::booking(Conn::from(&mut *tx), actor, "booking.moved", booking_id, None, now).await?;
                changed.service(booking.service_id);
                // The line for an earlier slot was about the slot it leaves.
                earlier::close_linked(Conn::from(&mut *tx), changed, booking_id, now).await?;
                offer::offer_slot(Conn::from(&mut *tx), changed, booking.slot_id, now).await?;
                Ok(())
            })
        })
    })
    .await
}

/// Moves a booking to `slot_id` in one step (the API, operators): the slot is held for a moment
/// and the booking moved onto it; a refused move gives the hold back at once, so it never keeps
/// a slot from anyone.
#[expect(
    clippy::too_many_arguments,
    reason = "each value is a separate fact of the move"
)]
pub async fn move_to(
    db: &Db,
    booking_id: i64,
    prescription: &Prescription,
    slot_id: i64,
    channel: Channel,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<(), BookingError> {
    let asker = prescription.asker(channel);
    let held = hold(db, prescription, slot_id, asker, now, INSTANT_HOLD_SECONDS).await?;
    let moved = move_to_held(db, booking_id, &held.token, actor, now, today).await;
    if moved.is_err() {
        release(db, &held.token).await?;
    }
    moved
}

/// A booking on a suspended slot, as the back office's suspension hands it over.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stranded {
    pub id: i64,
    pub slot_id: i64,
    pub prescription_id: i64,
    pub channel: String,
    pub starts_at: i64,
    pub facility_id: i64,
    pub area_id: i64,
    pub priority: String,
    pub prescribed_on: NaiveDate,
}

/// What became of a stranded booking (what the suspension's record keeps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relocated {
    /// Moved to another free slot in time: that slot and when it starts.
    Moved { slot_id: i64, starts_at: i64 },
    /// Cancelled with the reason, its prescription back on the waiting list: the entry made
    /// then, or the one already open for the prescription.
    Waitlisted { waiting_id: i64 },
}

/// Inside the suspension's transaction: moves a booking whose slot was suspended to the
/// earliest free slot of the service before `until` (same facility first, then the same area,
/// then the region; slots of any channel, as staff move it), or, with none, cancels it and puts
/// its prescription on the waiting list. The person gets an `agenda_suspended` message, and the
/// member of staff who suspended the agenda is the actor of record.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site, inside the suspension's transaction"
)]
pub async fn relocate(
    conn: Conn<'_>,
    changed: &mut Changed,
    booking: &Stranded,
    service_id: i64,
    until: i64,
    deadline: NaiveDate,
    reason: &str,
    staff_id: i64,
    now: i64,
) -> Result<Relocated, sqlx::Error> {
    let class = PriorityClass::parse(&booking.priority).unwrap_or(PriorityClass::P);
    let asker = Asker {
        channel: Channel::Operator,
        priority: Some(class),
    };
    let actor = Actor::Staff { id: staff_id };
    on_conn!(conn, c => {
        let target = offer::earliest_free(
            Conn::from(&mut *c),
            service_id,
            asker,
            &[
                (Some(booking.facility_id), None),
                (None, Some(booking.area_id)),
                (None, None),
            ],
            until,
            now,
        )
        .await?;
        match target {
            Some((slot_id, starts_at, facility_id)) => {
                sqlx::query(
                    "update bookings set slot_id = $2, sequence = sequence + 1, updated_at = $3 \
                     where id = $1 and status = 'confirmed'",
                )
                .bind(booking.id)
                .bind(slot_id)
                .bind(now)
                .execute(&mut *c)
                .await?;
                audit::booking(Conn::from(&mut *c), actor, "booking.moved", booking.id, Some(reason), now).await?;
                let payload = serde_json::json!({
                    "outcome": "moved",
                    "reason": reason,
                    "previous_starts_at": rfc3339(booking.starts_at),
                    "new_starts_at": rfc3339(starts_at),
                    "new_facility_id": facility_id,
                });
                outbox::about_booking(Conn::from(&mut *c), Message::AgendaSuspended, booking.id, None, &payload.to_string(), now).await?;
                changed.service(service_id);
                Ok(Relocated::Moved { slot_id, starts_at })
            }
            None => {
                sqlx::query(
                    "update bookings set status = 'cancelled', cancelled_at = $2, \
                     cancel_reason = $3, updated_at = $2 where id = $1 and status = 'confirmed'",
                )
                .bind(booking.id)
                .bind(now)
                .bind(reason)
                .execute(&mut *c)
                .await?;
                // A line for an earlier slot ends with its booking; the request's own entry
                // takes its place.
                earlier::close_linked(Conn::from(&mut *c), changed, booking.id, now).await?;
                let waiting_id: Option<i64> = sqlx::query_scalar(
                    "insert into waiting_list (prescription_id, service_id, area_id, priority, \
                     deadline, status, channel, created_at, updated_at, lang) \
                     select $1, $2, null, $3, $4, 'waiting', $5, $6, $6, \
                       (select b.lang from bookings b where b.id = $7) \
                     where not exists (select 1 from waiting_list w where w.prescription_id = $1 \
                       and w.status in ('waiting', 'offered')) \
                     returning id",
                )
                .bind(booking.prescription_id)
                .bind(service_id)
                .bind(class.as_str())
                .bind(deadline)
                .bind(Channel::parse(&booking.channel).unwrap_or(Channel::Web).as_str())
                .bind(now)
                .bind(booking.id)
                .fetch_optional(&mut *c)
                .await?;
                audit::booking(Conn::from(&mut *c), actor, "booking.cancelled", booking.id, Some(reason), now).await?;
                let payload = serde_json::json!({
                    "outcome": "waiting_list",
                    "reason": reason,
                    "previous_starts_at": rfc3339(booking.starts_at),
                    "deadline": deadline,
                });
                outbox::about_booking(Conn::from(&mut *c), Message::AgendaSuspended, booking.id, waiting_id, &payload.to_string(), now).await?;
                let waiting_id = match waiting_id {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "select id from waiting_list where prescription_id = $1 \
                         and status in ('waiting', 'offered')",
                    )
                    .bind(booking.prescription_id)
                    .fetch_one(&mut *c)
                    .await?,
                };
                Ok(Relocated::Waitlisted { waiting_id })
            }
        }
    })
}

/// What accepting an offered earlier slot came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// The booking moved to the offered slot; its old slot went on to the line.
    Moved { booking_id: i64 },
    /// The booking the entry would improve was cancelled, moved or can no longer change online:
    /// the entry closed and the offered slot went on to the line.
    Closed,
}

/// Accepts the earlier slot offered to waiting entry `waiting_id` (held by `token`), which is
/// linked to a booking: in one transaction the booking moves onto the held slot (its SEQUENCE
/// raised, a `booking_moved` message, the audit's `booking.moved`), the entry is `booked`, and
/// the old slot is offered on to the line. When the booking is no longer what the entry was
/// about, the entry closes instead and the offered slot is given back: never two bookings.
///
/// The booking's row is the first one written (as a cancel or move writes it first), so that on
/// PostgreSQL a racing cancel either waits for the move or makes it find the booking gone.
pub async fn accept_earlier(
    db: &Db,
    waiting_id: i64,
    token: &str,
    actor: Actor,
    now: i64,
    today: NaiveDate,
) -> Result<Accepted, BookingError> {
    let token = token.to_owned();
    db.change_slots(move |conn, changed| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let entry: Option<(Option<i64>, i64, String)> = sqlx::query_as(
                    "select booking_id, prescription_id, status from waiting_list where id = $1",
                )
                .bind(waiting_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((Some(booking_id), prescription_id, status)) = entry else {
                    return Err(BookingError::NotActive);
                };
                if status != "offered" {
                    return Err(BookingError::HoldExpired);
                }
                let held: Option<(i64, i64)> = sqlx::query_as(
                    "select h.slot_id, s.starts_at from holds h join slots s on s.id = h.slot_id \
                     where h.token = $1 and h.prescription_id = $2 and h.expires_at > $3",
                )
                .bind(&token)
                .bind(prescription_id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((new_slot, new_start)) = held else {
                    return Err(BookingError::HoldExpired);
                };
                let current: Option<(String, i64, i64, i64)> = sqlx::query_as(
                    "select b.status, b.slot_id, s.starts_at, s.service_id from bookings b \
                     join slots s on s.id = b.slot_id where b.id = $1 and b.prescription_id = $2",
                )
                .bind(booking_id)
                .bind(prescription_id)
                .fetch_optional(&mut *tx)
                .await?;
                let still = current.filter(|(status, _, starts_at, _)| {
                    BookingStatus::parse(status)
                        .is_some_and(|s| may_change(actor, s, *starts_at, today, now).is_ok())
                        && new_start < *starts_at
                });
                // Moved only if it is still where it was read: a move or cancel committed since
                // makes this update find nothing.
                let moved = match &still {
                    Some((_, old_slot, _, service_id)) => sqlx::query(
                        "update bookings set slot_id = $2, sequence = sequence + 1, updated_at = $3 \
                         where id = $1 and status = 'confirmed' and slot_id = $4",
                    )
                    .bind(booking_id)
                    .bind(new_slot)
                    .bind(now)
                    .bind(*old_slot)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| insert_error(e, *service_id, changed))?
                    .rows_affected()
                        == 1,
                    None => false,
                };
                let Some((_, old_slot, _, service_id)) = still.filter(|_| moved) else {
                    sqlx::query(
                        "update waiting_list set status = 'withdrawn', updated_at = $2 \
                         where id = $1 and status in ('waiting', 'offered')",
                    )
                    .bind(waiting_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    earlier::release_offer(Conn::from(&mut *tx), changed, prescription_id, Some(token.as_str()), now).await?;
                    return Ok(Accepted::Closed);
                };
                let used = sqlx::query("delete from holds where token = $1 and slot_id = $2")
                    .bind(&token)
                    .bind(new_slot)
                    .execute(&mut *tx)
                    .await?;
                let booked = sqlx::query(
                    "update waiting_list set status = 'booked', updated_at = $2 \
                     where id = $1 and status = 'offered'",
                )
                .bind(waiting_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if used.rows_affected() != 1 || booked.rows_affected() != 1 {
                    // Taken back meanwhile: nothing of this transaction stays.
                    return Err(BookingError::HoldExpired);
                }
                outbox::about_booking(Conn::from(&mut *tx), Message::BookingMoved, booking_id, None, "{}", now).await?;
                audit::booking(Conn::from(&mut *tx), actor, "booking.moved", booking_id, None, now).await?;
                changed.service(service_id);
                offer::offer_slot(Conn::from(&mut *tx), changed, old_slot, now).await?;
                Ok(Accepted::Moved { booking_id })
            })
        })
    })
    .await
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339())
        .unwrap_or_default()
}
