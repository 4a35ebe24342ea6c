//! What the outbox holds, for people and for Prometheus: counts of messages by kind, channel and
//! state with the age of the oldest pending one (one grouped query, shared by the supervisors'
//! deliveries page and the `/metrics` gauges), the failed and pending messages one by one (the
//! recipient masked), and the retry of a failed message (audited).

use crate::audit::{self, Actor};
use crate::db::{Conn, Db, on_conn, on_read};

/// The states a message can be in (the outbox's `status`), in the order pages show them.
pub const STATES: [&str; 4] = ["pending", "sent", "failed", "no_contact"];
/// The channels, and `none` for a message recorded as having no contact.
pub const CHANNELS: [&str; 3] = ["sms", "email", "none"];
/// Messages per page of the list.
pub const PAGE_SIZE: i64 = 50;

/// How many messages of one kind, channel and state, and their attempts.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Count {
    pub kind: String,
    /// `sms`, `email`, or `none`.
    pub channel: String,
    pub state: String,
    pub messages: i64,
    pub attempts: i64,
}

/// The whole outbox at a glance.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub counts: Vec<Count>,
    /// When the oldest pending message was written (unix seconds), if any is pending.
    pub oldest_pending: Option<i64>,
}

impl Summary {
    /// The messages of one kind, channel and state.
    pub fn count(&self, kind: &str, channel: &str, state: &str) -> i64 {
        self.counts
            .iter()
            .find(|c| c.kind == kind && c.channel == channel && c.state == state)
            .map_or(0, |c| c.messages)
    }

    /// Seconds the oldest pending message has waited at `now`.
    pub fn oldest_pending_age(&self, now: i64) -> Option<i64> {
        self.oldest_pending.map(|at| (now - at).max(0))
    }
}

/// Counts by kind, channel and state, and the oldest pending message, in one grouped query.
pub async fn summary(db: &Db) -> Result<Summary, sqlx::Error> {
    let rows: Vec<(String, String, String, i64, i64, Option<i64>)> = on_read!(db, pool => {
        sqlx::query_as(
            "select kind, coalesce(channel, 'none'), status, count(*), \
             cast(coalesce(sum(attempts), 0) as bigint), \
             min(case when status = 'pending' then created_at end) \
             from notification_outbox group by kind, channel, status",
        )
        .fetch_all(pool)
        .await?
    });
    let oldest_pending = rows.iter().filter_map(|r| r.5).min();
    let counts = rows
        .into_iter()
        .map(|(kind, channel, state, messages, attempts, _)| Count {
            kind,
            channel,
            state,
            messages,
            attempts,
        })
        .collect();
    Ok(Summary {
        counts,
        oldest_pending,
    })
}

/// One failed or pending message, as supervisors see it: never its recipient in full, never
/// its body.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Undelivered {
    pub id: i64,
    pub kind: String,
    pub channel: Option<String>,
    pub recipient: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub next_attempt_at: i64,
    pub updated_at: Option<i64>,
}

impl Undelivered {
    /// The recipient as the page shows it.
    pub fn masked_recipient(&self) -> Option<String> {
        self.recipient
            .as_deref()
            .map(|r| mask(self.channel.as_deref(), r))
    }
}

/// Failed and pending messages, newest first, those with an id below `before` if given.
pub async fn undelivered(
    db: &Db,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Undelivered>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select id, kind, channel, recipient, status, cast(attempts as bigint) as attempts, \
             last_error, created_at, next_attempt_at, updated_at \
             from notification_outbox where status in ('failed', 'pending') and id < $1 \
             order by id desc limit $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// Puts a failed message back in the queue, due now, with its attempts counted from zero and
/// no lease. Returns false when the message is not (or no longer) failed.
pub async fn retry(db: &Db, id: i64, staff_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, tx => {
                let updated = sqlx::query(
                    "update notification_outbox set status = 'pending', next_attempt_at = $2, \
                     attempts = 0, last_error = null, lease_owner = null, lease_until = null, \
                     updated_at = $2 where id = $1 and status = 'failed'",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    return Ok(false);
                }
                audit::message(Conn::from(&mut *tx), Actor::Staff { id: staff_id }, "message.retried", id, now)
                    .await?;
                Ok(true)
            })
        })
    })
    .await
}

/// A recipient with most of it hidden: the first letter and the domain of an address
/// (`m…@example.org`), the last three digits of a phone number (`…123`).
pub fn mask(channel: Option<&str>, recipient: &str) -> String {
    let hidden = '…';
    match (channel, recipient.split_once('@')) {
        (Some("email"), Some((local, domain))) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}{hidden}@{domain}")
        }
        _ => {
            let digits: Vec<char> = recipient.chars().filter(char::is_ascii_digit).collect();
            let last: String = digits[digits.len().saturating_sub(3)..].iter().collect();
            format!("{hidden}{last}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recipient_is_shown_masked() {
        assert_eq!(
            mask(Some("email"), "mario.rossi@example.org"),
            "m…@example.org"
        );
        assert_eq!(mask(Some("sms"), "+39 333 1234567"), "…567");
        assert_eq!(mask(Some("sms"), "12"), "…12");
        assert_eq!(mask(Some("email"), "no-at-sign"), "…");
    }

    #[test]
    fn the_summary_finds_counts_and_the_age_of_the_oldest_pending_message() {
        let summary = Summary {
            counts: vec![Count {
                kind: "reminder".to_owned(),
                channel: "sms".to_owned(),
                state: "failed".to_owned(),
                messages: 3,
                attempts: 15,
            }],
            oldest_pending: Some(1_000),
        };
        assert_eq!(summary.count("reminder", "sms", "failed"), 3);
        assert_eq!(summary.count("reminder", "email", "failed"), 0);
        assert_eq!(summary.oldest_pending_age(1_090), Some(90));
        assert_eq!(Summary::default().oldest_pending_age(5), None);
    }
}
