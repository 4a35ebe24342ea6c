//! The notification outbox: every message to send, written in the same transaction as the
//! change it tells of (a booking made, moved or cancelled; a slot offered; an agenda
//! suspended), for each contact the person left, or recorded as having none.

use crate::db::{Conn, on_conn, per_contact};

/// The kinds of message the outbox carries (the `kind` column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    BookingConfirmed,
    BookingMoved,
    BookingCancelled,
    /// A slot held for a waiting-list entry (`waiting_id`), with a link to accept it.
    SlotOffered,
    /// A recall reminder some days before the visit, with links to confirm or cancel.
    Reminder,
    /// The agenda of the booking was suspended: it was moved, or cancelled and waitlisted.
    AgendaSuspended,
}

impl Message {
    pub const ALL: [Message; 6] = [
        Message::BookingConfirmed,
        Message::BookingMoved,
        Message::BookingCancelled,
        Message::SlotOffered,
        Message::Reminder,
        Message::AgendaSuspended,
    ];

    pub fn kind(self) -> &'static str {
        match self {
            Message::BookingConfirmed => "booking_confirmed",
            Message::BookingMoved => "booking_moved",
            Message::BookingCancelled => "booking_cancelled",
            Message::SlotOffered => "slot_offered",
            Message::Reminder => "reminder",
            Message::AgendaSuspended => "agenda_suspended",
        }
    }

    pub fn parse(kind: &str) -> Option<Message> {
        Message::ALL.into_iter().find(|m| m.kind() == kind)
    }
}

/// Queues `message` about a booking for each contact the booking has (or records that it has
/// none), in the language the booking was made in. `payload` is JSON the message is written
/// from (`{}` when the booking says it all).
pub async fn about_booking(
    conn: Conn<'_>,
    message: Message,
    booking_id: i64,
    waiting_id: Option<i64>,
    payload: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let each = |channel: &str, recipient: &str, status: &str, filter: &str| {
            format!(
                "select $1, $2, b.id, $4, {channel}, {recipient}, $5, '{status}', b.lang \
                 from bookings b where b.id = $3 and {filter}"
            )
        };
        format!(
            "insert into notification_outbox (created_at, kind, booking_id, waiting_id, channel, \
             recipient, payload, status, lang) {}",
            per_contact("b.", each)
        )
    });
    on_conn!(conn, c => {
        sqlx::query(&SQL)
            .bind(now)
            .bind(message.kind())
            .bind(booking_id)
            .bind(waiting_id)
            .bind(payload)
            .execute(&mut *c)
            .await
            .map(drop)
    })
}

/// Queues the offer of a slot to a waiting request, for each contact the citizen registered
/// (or records that they have none), in the language the request joined the list in.
pub async fn about_offer(
    conn: Conn<'_>,
    waiting_id: i64,
    prescription_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query(
            "insert into notification_outbox (created_at, kind, waiting_id, channel, recipient, payload, status, lang)
             select $1, 'slot_offered', $2, 'sms', c.phone, '{}', 'pending', w.lang
               from waiting_list w join prescriptions p on p.id = $3
               join citizens c on c.fiscal_code = p.fiscal_code
               where w.id = $2 and c.phone is not null
             union all
             select $1, 'slot_offered', $2, 'email', c.email, '{}', 'pending', w.lang
               from waiting_list w join prescriptions p on p.id = $3
               join citizens c on c.fiscal_code = p.fiscal_code
               where w.id = $2 and c.email is not null
             union all
             select $1, 'slot_offered', $2, null, null, '{}', 'no_contact', w.lang
               from waiting_list w join prescriptions p on p.id = $3
               join citizens c on c.fiscal_code = p.fiscal_code
               where w.id = $2 and c.phone is null and c.email is null",
        )
        .bind(now)
        .bind(waiting_id)
        .bind(prescription_id)
        .execute(&mut *c)
        .await
        .map(drop)
    })
}
