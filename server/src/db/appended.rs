//! What every new booking leaves behind that nothing in its own transaction reads again: its
//! audit entry and its confirmation message. A job notes them in `Changed` (`Changed::booked`)
//! and they are written after the job, in one statement per table for every job of the same
//! commit: on SQLite, once per batch of the group commit instead of twice per booking in the
//! single writer; on PostgreSQL, before the job's own commit.

use super::conn::{Conn, NewBooking};

/// The rows as a table `j` of the columns of `NewBooking`, from the JSON array bound at `$1`.
const SQLITE_ROWS: &str = "(select value ->> 'b' as b, value ->> 'at' as at, \
     value ->> 'actor' as actor, value ->> 'staff' as staff, value ->> 'channel' as channel, \
     value ->> 'delegation' as delegation, value ->> 'action' as action, \
     value ->> 'message' as message, key as n from json_each($1)) j";
const POSTGRES_ROWS: &str = "(select cast(v ->> 'b' as bigint) as b, \
     cast(v ->> 'at' as bigint) as at, v ->> 'actor' as actor, \
     cast(v ->> 'staff' as bigint) as staff, v ->> 'channel' as channel, \
     cast(v ->> 'delegation' as bigint) as delegation, v ->> 'action' as action, \
     v ->> 'message' as message, n \
     from jsonb_array_elements(cast($1 as jsonb)) with ordinality as e(v, n)) j";

fn audit_sql(rows: &str) -> String {
    format!(
        "insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, booking_id, \
         delegation_id) \
         select j.at, j.actor, j.staff, j.channel, j.action, p.fiscal_code, b.id, j.delegation \
         from {rows} join bookings b on b.id = j.b join prescriptions p on p.id = b.prescription_id \
         order by j.n"
    )
}

/// SQL: the ways a booking's confirmation goes — by SMS to its phone, by e-mail to its address,
/// or nowhere (`no_contact`) — each as `each(channel, recipient, status, filter)` over the
/// booking's columns (named with `prefix`), joined by `union all`.
pub fn per_contact(prefix: &str, each: impl Fn(&str, &str, &str, &str) -> String) -> String {
    let (phone, email) = (
        format!("{prefix}contact_phone"),
        format!("{prefix}contact_email"),
    );
    [
        each("'sms'", &phone, "pending", &format!("{phone} is not null")),
        each(
            "'email'",
            &email,
            "pending",
            &format!("{email} is not null"),
        ),
        each(
            "null",
            "null",
            "no_contact",
            &format!("{phone} is null and {email} is null"),
        ),
    ]
    .join(" union all ")
}

fn outbox_sql(rows: &str) -> String {
    let each = |channel: &str, recipient: &str, status: &str, filter: &str| {
        format!(
            "select j.at as at, j.message as kind, b.id as id, {channel} as channel, \
             {recipient} as recipient, '{status}' as status, b.lang as lang, j.n as n \
             from {rows} join bookings b on b.id = j.b where {filter}"
        )
    };
    format!(
        "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, \
         payload, status, lang) \
         select at, kind, id, channel, recipient, '{{}}', status, lang \
         from ({}) m order by n",
        per_contact("b.", each)
    )
}

/// Writes the audit entries and confirmations of `rows`: two statements however many rows.
pub(crate) async fn write(conn: Conn<'_>, rows: &[NewBooking]) -> Result<(), sqlx::Error> {
    use std::sync::LazyLock;
    static SQLITE: LazyLock<[String; 2]> =
        LazyLock::new(|| [audit_sql(SQLITE_ROWS), outbox_sql(SQLITE_ROWS)]);
    static POSTGRES: LazyLock<[String; 2]> =
        LazyLock::new(|| [audit_sql(POSTGRES_ROWS), outbox_sql(POSTGRES_ROWS)]);
    if rows.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_string(rows).expect("plain values serialise");
    match conn {
        Conn::Sqlite(c) => {
            for sql in SQLITE.iter() {
                sqlx::query(sql).bind(&json).execute(&mut *c).await?;
            }
        }
        Conn::Postgres(c) => {
            for sql in POSTGRES.iter() {
                sqlx::query(sql).bind(&json).execute(&mut *c).await?;
            }
        }
    }
    Ok(())
}
