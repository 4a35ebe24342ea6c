//! The outbox rows this instance sends: claimed in batches under a lease (an owner and an
//! expiry), then marked sent, retried later or failed. On PostgreSQL several instances claim
//! side by side: `for update skip locked` gives each row to one of them, and the lease keeps
//! it theirs until it is done or the lease expires (the instance died). On SQLite the single
//! writer runs each claim alone.

use app::i18n::Lang;
use futures::FutureExt;

use crate::db::{Backend, Db, on_conn};
use crate::messages::{Channel, Outgoing};
use crate::outbox::Message;

/// A claimed row: what to compose, where to send it, how many attempts it already had.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub outgoing: Outgoing,
    pub recipient: String,
    pub attempts: i64,
}

type Row = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    String,
    i64,
    i64,
);

/// The claim: one statement, the row lock clause only on PostgreSQL (SQLite has one writer).
fn claim_sql(backend: Backend) -> String {
    let lock = match backend {
        Backend::Postgres => " for update skip locked",
        Backend::Sqlite => "",
    };
    format!(
        "update notification_outbox set lease_owner = $1, lease_until = $2, updated_at = $3
          where id in (
            select id from notification_outbox
             where status = 'pending' and next_attempt_at <= $3
               and (lease_until is null or lease_until < $3)
               and ((channel = 'email' and cast($5 as bigint) = 1)
                    or (channel = 'sms' and cast($6 as bigint) = 1))
             order by next_attempt_at, id
             limit $4{lock})
          returning id, kind, channel, recipient, booking_id, waiting_id, payload, lang,
                    created_at, attempts"
    )
}

/// Claims up to `limit` due rows of the channels given for `lease_seconds`.
pub async fn claim(
    db: &Db,
    owner: &str,
    now: i64,
    lease_seconds: i64,
    limit: i64,
    email: bool,
    sms: bool,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let sql = claim_sql(db.backend());
    let owner = owner.to_owned();
    let rows: Vec<Row> = db
        .transact(move |conn| {
            async move {
                on_conn!(conn, c => {
                    sqlx::query_as::<_, Row>(&sql)
                        .bind(&owner)
                        .bind(now + lease_seconds)
                        .bind(now)
                        .bind(limit)
                        .bind(i64::from(email))
                        .bind(i64::from(sms))
                        .fetch_all(&mut *c)
                        .await
                })
            }
            .boxed()
        })
        .await?;
    let mut claimed: Vec<Claimed> = rows
        .into_iter()
        .filter_map(
            |(
                id,
                kind,
                channel,
                recipient,
                booking_id,
                waiting_id,
                payload,
                lang,
                created_at,
                attempts,
            )| {
                let message = Message::parse(&kind)?;
                let channel = Channel::parse(&channel)?;
                Some(Claimed {
                    outgoing: Outgoing {
                        id,
                        message,
                        channel,
                        booking_id,
                        waiting_id,
                        payload,
                        lang: Lang::from_code(&lang).unwrap_or(Lang::It),
                        created_at,
                    },
                    recipient,
                    attempts,
                })
            },
        )
        .collect();
    // `returning` gives no order: oldest first.
    claimed.sort_by_key(|c| c.outgoing.id);
    Ok(claimed)
}

/// What became of one attempt, to write down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Sent,
    /// Tried again at `next_attempt_at`; `error` is a class and a code.
    Retry {
        next_attempt_at: i64,
        error: String,
    },
    /// Given up (dead letter). `attempted`: whether this counts as an attempt.
    Failed {
        error: String,
        attempted: bool,
    },
}

/// Writes the outcome of row `id`, claimed by `owner`. A row whose lease another instance
/// took meanwhile (this one was too slow) is theirs: only "sent" is still written.
pub async fn record(
    db: &Db,
    id: i64,
    owner: &str,
    now: i64,
    record: Record,
) -> Result<(), sqlx::Error> {
    let owner = owner.to_owned();
    db.transact(move |conn| {
        async move {
            on_conn!(conn, c => {
                let query = match &record {
                    Record::Sent => sqlx::query(
                        "update notification_outbox set status = 'sent', sent_at = $2,
                                attempts = attempts + 1, lease_owner = null, lease_until = null,
                                last_error = null, updated_at = $2
                          where id = $1 and status = 'pending'",
                    )
                    .bind(id)
                    .bind(now),
                    Record::Retry { next_attempt_at, error } => sqlx::query(
                        "update notification_outbox set attempts = attempts + 1,
                                next_attempt_at = $4, last_error = $5, lease_owner = null,
                                lease_until = null, updated_at = $2
                          where id = $1 and status = 'pending' and lease_owner = $3",
                    )
                    .bind(id)
                    .bind(now)
                    .bind(&owner)
                    .bind(*next_attempt_at)
                    .bind(error),
                    Record::Failed { error, attempted } => sqlx::query(
                        "update notification_outbox set status = 'failed',
                                attempts = attempts + $4, last_error = $5, lease_owner = null,
                                lease_until = null, updated_at = $2
                          where id = $1 and status = 'pending' and lease_owner = $3",
                    )
                    .bind(id)
                    .bind(now)
                    .bind(&owner)
                    .bind(i64::from(*attempted))
                    .bind(error),
                };
                query.execute(&mut *c).await.map(drop)
            })
        }
        .boxed()
    })
    .await
}

/// Gives back the rows `owner` claimed and did not finish (at shutdown): claimable at once.
pub async fn release(db: &Db, owner: &str, now: i64) -> Result<u64, sqlx::Error> {
    let owner = owner.to_owned();
    db.transact(move |conn| {
        async move {
            on_conn!(conn, c => {
                sqlx::query(
                    "update notification_outbox set lease_owner = null, lease_until = null,
                            updated_at = $2
                      where lease_owner = $1 and status = 'pending'",
                )
                .bind(&owner)
                .bind(now)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
            })
        }
        .boxed()
    })
    .await
}

/// Pending rows of a channel, for the log at start when that channel is not configured.
pub async fn pending(db: &Db, channel: Channel) -> Result<i64, sqlx::Error> {
    crate::db::on_read!(db, pool => {
        sqlx::query_as::<_, (i64,)>(
            "select count(*) from notification_outbox where status = 'pending' and channel = $1",
        )
        .bind(channel.as_str())
        .fetch_one(pool)
        .await
        .map(|(n,)| n)
    })
}
