//! The waiting list: a request that finds no slot inside its deadline is never refused. It
//! joins the list, and the first slot that frees up or opens inside its deadline is held for it
//! and offered (`booking::offer`, a message in the outbox). An offer left unanswered lapses and
//! the request yields its turn to the others, without leaving the list.

use std::time::Duration;

use app::domain::WaitingStatus;
use app::i18n::Lang;
use chrono::NaiveDate;

use crate::audit::{self, Actor};
use crate::booking::hold::forget_lapsed;
use crate::booking::offer::{LINE_ORDER, offer_to_entry};
use crate::clock::Clock;
use crate::db::{Conn, Db, Unique, on_conn, on_read, unique_violation};
use crate::prescriptions::Prescription;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub status: WaitingStatus,
    pub deadline: NaiveDate,
    pub area_id: Option<i64>,
    pub created_at: i64,
}

/// The open entry (waiting or offered) of a prescription.
pub async fn open_entry(db: &Db, prescription_id: i64) -> Result<Option<Entry>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select id, status, deadline, area_id, created_at from waiting_list \
             where prescription_id = $1 and status in ('waiting', 'offered')",
        )
        .bind(prescription_id)
        .fetch_optional(pool)
        .await
    })
}

/// Puts the request on the list (once: joining twice returns the existing entry), then offers it
/// a slot straight away if one meets its deadline.
pub async fn join(
    db: &Db,
    prescription: &Prescription,
    deadline: NaiveDate,
    area_id: Option<i64>,
    actor: Actor,
    lang: Lang,
    now: i64,
) -> Result<Entry, sqlx::Error> {
    let channel = actor.booking_channel();
    let (prescription_id, service_id, priority) = (
        prescription.id,
        prescription.service_id,
        prescription.priority.as_str(),
    );
    let inserted: Result<(), sqlx::Error> = db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        sqlx::query(
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, \
             status, channel, created_at, updated_at, lang) \
             values ($1, $2, $3, $4, $5, 'waiting', $6, $7, $7, $8)",
        )
        .bind(prescription_id)
        .bind(service_id)
        .bind(area_id)
        .bind(priority)
        .bind(deadline)
        .bind(channel.as_str())
        .bind(now)
        .bind(lang.code())
        .execute(&mut *c)
        .await?;
        // Who put the request on the list (a delegate, with the delegation).
        audit::prescription(Conn::from(&mut *c), actor, "waiting_list.joined", prescription_id, "", now).await
    })})).await;
    match inserted {
        Ok(_) => {}
        Err(err) if unique_violation(&err) == Some(Unique::WaitingPrescription) => {}
        Err(err) => return Err(err),
    }
    let entry = open_entry(db, prescription.id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    if entry.status == WaitingStatus::Waiting {
        offer_to_entry(db, entry.id, now).await?;
    }
    Ok(open_entry(db, prescription.id).await?.unwrap_or(entry))
}

/// One pass of the list's housekeeping: entries waiting for a slot earlier than a booking that
/// can no longer be moved online (or is gone) close, lapsed offers go back to waiting (behind
/// the others), requests past their deadline close, and waiting requests get any slot that
/// opened in time.
pub async fn sweep(db: &Db, now: i64, today: NaiveDate) -> Result<usize, sqlx::Error> {
    crate::booking::earlier::close_stale(db, now).await?;
    db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        sqlx::query(
            "update waiting_list set status = 'waiting', missed_offers = missed_offers + 1, \
             updated_at = $1 where status = 'offered' and not exists (select 1 from holds h \
             where h.prescription_id = waiting_list.prescription_id and h.expires_at > $1)",
        )
        .bind(now)
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "update waiting_list set status = 'expired', updated_at = $1 \
             where status = 'waiting' and deadline < $2",
        )
        .bind(now)
        .bind(today)
        .execute(&mut *c)
        .await
        .map(drop)
    })})).await?;
    forget_lapsed(db, now).await?;
    let waiting: Vec<i64> = on_read!(db, pool => {
        sqlx::query_scalar(&format!(
            "select w.id from waiting_list w where w.status = 'waiting' \
             order by {LINE_ORDER} limit 100"
        ))
        .fetch_all(pool)
        .await?
    });
    let mut offered = 0;
    for id in waiting {
        if offer_to_entry(db, id, now).await? {
            offered += 1;
        }
    }
    Ok(offered)
}

/// Runs `sweep` every `every` until the process stops.
pub async fn run_sweeper(db: Db, clock: Clock, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !db.is_closed() {
        ticker.tick().await;
        match sweep(&db, clock.now(), clock.today()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(offers = n, "waiting list: slots offered"),
            Err(err) => tracing::warn!(error = %err, "waiting list sweep failed"),
        }
    }
}
