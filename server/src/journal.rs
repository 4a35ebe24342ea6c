//! What every change leaves behind, written in the same transaction as the change itself: an
//! audit entry (who, channel, when, why) and the messages to send (the notification outbox).

use app::domain::Channel;

use crate::db::{Conn, on_conn};

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Citizen(Channel),
    Staff { id: i64 },
    System,
}

impl Actor {
    fn parts(self) -> (&'static str, Option<i64>, Option<&'static str>) {
        match self {
            Actor::Citizen(channel) => ("citizen", None, Some(channel.as_str())),
            Actor::Staff { id } => ("staff", Some(id), Some(Channel::Operator.as_str())),
            Actor::System => ("system", None, None),
        }
    }
}

/// One audit entry about a booking; the fiscal code is read from its prescription.
pub async fn audit_booking(
    conn: Conn<'_>,
    actor: Actor,
    action: &str,
    booking_id: i64,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, staff_id, channel) = actor.parts();
    on_conn!(conn, c => {
        sqlx::query(
            "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, reason)
             select $1, $2, $3, $4, $5, p.fiscal_code, b.id, $6
             from bookings b join prescriptions p on p.id = b.prescription_id where b.id = $7",
        )
        .bind(now)
        .bind(kind)
        .bind(staff_id)
        .bind(channel)
        .bind(action)
        .bind(reason)
        .bind(booking_id)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}

/// The kinds of message the outbox carries.
#[derive(Clone, Copy, Debug)]
pub enum Message {
    BookingConfirmed,
    BookingMoved,
    BookingCancelled,
}

impl Message {
    fn kind(self) -> &'static str {
        match self {
            Message::BookingConfirmed => "booking_confirmed",
            Message::BookingMoved => "booking_moved",
            Message::BookingCancelled => "booking_cancelled",
        }
    }
}

/// Queues the message for each contact the booking has (or records that it has none).
pub async fn notify_booking(
    conn: Conn<'_>,
    message: Message,
    booking_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query(
            "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, payload, status)
             select $1, $2, b.id, 'sms', b.contact_phone, '{}', 'pending'
               from bookings b where b.id = $3 and b.contact_phone is not null
             union all
             select $1, $2, b.id, 'email', b.contact_email, '{}', 'pending'
               from bookings b where b.id = $3 and b.contact_email is not null
             union all
             select $1, $2, b.id, null, null, '{}', 'no_contact'
               from bookings b where b.id = $3 and b.contact_phone is null and b.contact_email is null",
        )
        .bind(now)
        .bind(message.kind())
        .bind(booking_id)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}
