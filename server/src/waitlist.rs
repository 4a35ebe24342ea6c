//! The waiting list: a request that finds no slot inside its deadline is never refused. It
//! joins the list, and the first slot that frees up or opens inside its deadline is held for it
//! and offered (a message in the outbox). An offer left unanswered lapses and the request yields
//! its turn to the others, without leaving the list.

use std::time::Duration;

use app::domain::Channel;
use chrono::NaiveDate;

use crate::availability::MIN_LEAD_SECONDS;
use crate::clock::{Clock, local};
use crate::db::{Conn, Db, Unique, on_conn, on_read, unique_violation};
use crate::prescriptions::Prescription;

/// How long an offered slot stays held for the person on the list.
pub const OFFER_SECONDS: i64 = 24 * 3600;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub status: String,
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
    channel: Channel,
    now: i64,
) -> Result<Entry, sqlx::Error> {
    let (prescription_id, service_id, priority) = (
        prescription.id,
        prescription.service_id,
        prescription.priority.as_str(),
    );
    let inserted: Result<(), sqlx::Error> = db.transact(move |conn| Box::pin(async move { on_conn!(conn, c => {
        sqlx::query(
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, \
             status, channel, created_at, updated_at) values ($1, $2, $3, $4, $5, 'waiting', $6, $7, $7)",
        )
        .bind(prescription_id)
        .bind(service_id)
        .bind(area_id)
        .bind(priority)
        .bind(deadline)
        .bind(channel.as_str())
        .bind(now)
        .execute(&mut *c)
        .await
        .map(drop)
    })})).await;
    match inserted {
        Ok(_) => {}
        Err(err) if unique_violation(&err) == Some(Unique::WaitingPrescription) => {}
        Err(err) => return Err(err),
    }
    let entry = open_entry(db, prescription.id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    if entry.status == "waiting" {
        offer_to_entry(db, entry.id, now).await?;
    }
    Ok(open_entry(db, prescription.id).await?.unwrap_or(entry))
}

/// Offers a just-freed slot to the first waiting request whose deadline and area it meets.
/// Runs inside the transaction that freed it.
pub async fn offer_slot(conn: Conn<'_>, slot_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    on_conn!(conn, c => {
        let slot: Option<(i64,)> = sqlx::query_as("select starts_at from slots where id = $1")
            .bind(slot_id)
            .fetch_optional(&mut *c)
            .await?;
        let Some((starts_at,)) = slot else { return Ok(false) };
        let day = local(starts_at).date();
        let candidate: Option<(i64, i64)> = sqlx::query_as(&format!(
            "select w.id, w.prescription_id from waiting_list w
             join slots s on s.id = $1
             join facilities f on f.id = s.facility_id
             where w.status = 'waiting' and w.service_id = s.service_id and w.deadline >= $2
               and (w.area_id is null or w.area_id = f.area_id)
               and {OFFERABLE}
             order by {LINE_ORDER}
             limit 1"
        ))
        .bind(slot_id)
        .bind(day)
        .bind(now)
        .bind(now + MIN_LEAD_SECONDS)
        .fetch_optional(&mut *c)
        .await?;
        let Some((waiting_id, prescription_id)) = candidate else { return Ok(false) };
        make_offer(Conn::from(&mut *c), waiting_id, prescription_id, slot_id, starts_at, now).await
    })
}

/// The order of the line: requests that let an offer lapse go behind the others, then the most
/// urgent deadline, then first come, first served by the line's own sequence (timestamps tie
/// within a second; the id never does).
const LINE_ORDER: &str = "w.missed_offers, w.deadline, w.id";

/// A slot the waiting list may offer: open, meant for the web, not booked, not held, far
/// enough ahead, and usable by the waiting prescription's class. Binds: $3 now, $4 now + lead.
const OFFERABLE: &str = "s.status = 'open' and s.starts_at >= $4
     and (s.reserved_channel is null or s.reserved_channel = 'web')
     and (s.reserved_priority is null or
          (case w.priority when 'U' then 1 when 'B' then 2 when 'D' then 3 else 4 end) <=
          (case s.reserved_priority when 'U' then 1 when 'B' then 2 when 'D' then 3 else 4 end))
     and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled')
     and not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > $3)";

/// Holds the slot for the waiting request and queues the message that offers it.
async fn make_offer(
    conn: Conn<'_>,
    waiting_id: i64,
    prescription_id: i64,
    slot_id: i64,
    starts_at: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let expires_at = (now + OFFER_SECONDS).min(starts_at - MIN_LEAD_SECONDS);
    if expires_at <= now {
        return Ok(false);
    }
    let token = crate::booking::new_token();
    on_conn!(conn, c => {
        sqlx::query("delete from holds where prescription_id = $1")
            .bind(prescription_id)
            .execute(&mut *c)
            .await?;
        let held: Option<String> = sqlx::query_scalar(
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at)
             values ($1, $2, $3, 'web', $4, $5)
             on conflict (slot_id) do update set prescription_id = excluded.prescription_id,
               token = excluded.token, channel = excluded.channel,
               created_at = excluded.created_at, expires_at = excluded.expires_at
             where holds.expires_at <= excluded.created_at
             returning token",
        )
        .bind(slot_id)
        .bind(prescription_id)
        .bind(&token)
        .bind(now)
        .bind(expires_at)
        .fetch_optional(&mut *c)
        .await?;
        if held.is_none() {
            return Ok(false);
        }
        sqlx::query("update waiting_list set status = 'offered', updated_at = $2 where id = $1")
            .bind(waiting_id)
            .bind(now)
            .execute(&mut *c)
            .await?;
        sqlx::query(
            "insert into notification_outbox (created_at, kind, waiting_id, channel, recipient, payload, status)
             select $1, 'slot_offered', $2, 'sms', c.phone, '{}', 'pending'
               from prescriptions p join citizens c on c.fiscal_code = p.fiscal_code
               where p.id = $3 and c.phone is not null
             union all
             select $1, 'slot_offered', $2, 'email', c.email, '{}', 'pending'
               from prescriptions p join citizens c on c.fiscal_code = p.fiscal_code
               where p.id = $3 and c.email is not null
             union all
             select $1, 'slot_offered', $2, null, null, '{}', 'no_contact'
               from prescriptions p join citizens c on c.fiscal_code = p.fiscal_code
               where p.id = $3 and c.phone is null and c.email is null",
        )
        .bind(now)
        .bind(waiting_id)
        .bind(prescription_id)
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "insert into audit_log (at, actor, action, fiscal_code, reason, detail)
             select $1, 'system', 'waitlist.offered', p.fiscal_code, null, $3
             from prescriptions p where p.id = $2",
        )
        .bind(now)
        .bind(prescription_id)
        .bind(format!("waiting entry {waiting_id}, slot {slot_id}"))
        .execute(&mut *c)
        .await?;
        Ok(true)
    })
}

/// Looks for a slot inside the deadline of one waiting request and offers it.
async fn offer_to_entry(db: &Db, waiting_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "select s.id, s.starts_at, w.prescription_id from waiting_list w
         join slots s on s.service_id = w.service_id
         join facilities f on f.id = s.facility_id
         where w.id = $1 and w.status = 'waiting'
           and s.starts_at < $2
           and (w.area_id is null or w.area_id = f.area_id)
           and {OFFERABLE}
         order by s.starts_at, s.id
         limit 1"
    );
    let deadline: Option<NaiveDate> = on_read!(db, pool => {
        sqlx::query_scalar("select deadline from waiting_list where id = $1")
            .bind(waiting_id)
            .fetch_optional(pool)
            .await?
    });
    let Some(deadline) = deadline else {
        return Ok(false);
    };
    // Slots before the end of the deadline day.
    let until = crate::clock::start_of_day(deadline.succ_opt().unwrap_or(deadline));
    let found: Option<(i64, i64, i64)> = on_read!(db, pool => {
        sqlx::query_as(&sql)
            .bind(waiting_id)
            .bind(until)
            .bind(now)
            .bind(now + MIN_LEAD_SECONDS)
            .fetch_optional(pool)
            .await?
    });
    let Some((slot_id, starts_at, prescription_id)) = found else {
        return Ok(false);
    };
    let offered = db
        .transact(move |conn| {
            Box::pin(make_offer(
                conn,
                waiting_id,
                prescription_id,
                slot_id,
                starts_at,
                now,
            ))
        })
        .await?;
    if offered {
        let service: Option<i64> = on_read!(db, pool => {
            sqlx::query_scalar("select service_id from slots where id = $1")
                .bind(slot_id)
                .fetch_optional(pool)
                .await?
        });
        if let Some(service_id) = service {
            db.changes().publish(service_id);
        }
    }
    Ok(offered)
}

/// One pass of the list's housekeeping: lapsed offers go back to waiting (behind the others),
/// requests past their deadline close, and waiting requests get any slot that opened in time.
pub async fn sweep(db: &Db, now: i64, today: NaiveDate) -> Result<usize, sqlx::Error> {
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
        .await?;
        sqlx::query("delete from holds where expires_at < $1")
            .bind(now - 3600)
            .execute(&mut *c)
            .await
            .map(drop)
    })})).await?;
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
