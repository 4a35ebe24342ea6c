//! Holds: a slot kept for one prescription for a few minutes while the person confirms. A slot
//! has at most one hold (its key is the slot); a prescription at most one. A hold lapses by
//! itself: nothing needs to release it, but whoever can release it early does.

use crate::availability::rule::{self, Asker, MIN_LEAD_SECONDS};
use crate::db::{Conn, Db, on_conn, on_read};
use crate::prescriptions::Prescription;
use crate::secrets::random_token;

use super::error::BookingError;

/// A slot held for a person while they confirm.
#[derive(Clone, Debug)]
pub struct Hold {
    pub token: String,
    pub slot_id: i64,
    pub expires_at: i64,
}

/// Locks the slot's row for the rest of the transaction, on PostgreSQL: whoever holds, books or
/// offers a slot takes this lock first, so that a hold and a booking of the same slot made at
/// once are decided one after the other. Without it, under READ COMMITTED each statement may
/// miss the other's uncommitted row: the hold and the booking would both succeed (the unique
/// index still stops a second booking, but the person holding would learn only on confirming
/// that the slot promised to them is gone). SQLite has one writer: nothing to do.
pub(crate) async fn lock_slot(conn: Conn<'_>, slot_id: i64) -> Result<(), sqlx::Error> {
    if let Conn::Postgres(c) = conn {
        sqlx::query("select 1 from slots where id = $1 for update")
            .bind(slot_id)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Locks the row of the slot a hold keeps (`lock_slot`), before the hold is used up: the slot
/// before its hold, in every transaction, so that two of them never wait for each other.
pub(crate) async fn lock_held_slot(conn: Conn<'_>, token: &str) -> Result<(), sqlx::Error> {
    if let Conn::Postgres(c) = conn {
        sqlx::query(
            "select 1 from slots where id = (select slot_id from holds where token = $1) for update",
        )
        .bind(token)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// Locks the rows of the slots a prescription holds (those of `token` only, when given), in
/// the order of their ids, before the holds are given back (`lock_slot`).
pub(crate) async fn lock_slots_held_by(
    conn: Conn<'_>,
    prescription_id: i64,
    token: Option<&str>,
) -> Result<(), sqlx::Error> {
    if let Conn::Postgres(c) = conn {
        sqlx::query(
            "select 1 from slots where id in (select slot_id from holds \
             where prescription_id = $1 and (cast($2 as text) is null or token = $2)) \
             order by id for update",
        )
        .bind(prescription_id)
        .bind(token)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// Holds `slot_id` for the prescription for `seconds`, releasing any other slot it held. Fails
/// with `SlotTaken` when someone else holds or booked it first, `SlotUnavailable` when the
/// asker may not take it at all. Asking again for a slot the prescription already holds keeps
/// the same hold (and extends it), so identical requests sent at once share one hold instead of
/// taking it from each other.
pub async fn hold(
    db: &Db,
    prescription: &Prescription,
    slot_id: i64,
    asker: Asker,
    now: i64,
    seconds: i64,
) -> Result<Hold, BookingError> {
    // The slot's key decides: a live hold of someone else keeps its row, an expired one (or
    // our own) is replaced. Eligibility is checked in the same statement; whether the slot is
    // booked, too.
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at)
             select s.id, $2, $3, $4, $5, $6 from slots s
             where s.id = $1 and s.service_id = $7 and s.starts_at >= $8
               and {} and {}
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
            // Whether someone else holds it is the conflict clause's to settle.
            rule::OPEN_AND_UNBOOKED,
            rule::usable(4, 9)
        )
    });
    let token = random_token();
    let expires_at = now + seconds;
    let [r1, r2, r3, r4] = asker.reservations();
    let (prescription_id, service_id) = (prescription.id, prescription.service_id);
    let held: Option<String> = db
        .change_slots(move |conn, changed| {
            Box::pin(async move {
                let token: Option<String> = on_conn!(conn, tx => {
                    lock_slot(Conn::from(&mut *tx), slot_id).await?;
                    sqlx::query("delete from holds where prescription_id = $1 and slot_id <> $2")
                        .bind(prescription_id)
                        .bind(slot_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query_scalar(&SQL)
                        .bind(slot_id)
                        .bind(prescription_id)
                        .bind(&token)
                        .bind(asker.channel.as_str())
                        .bind(now)
                        .bind(expires_at)
                        .bind(service_id)
                        .bind(now + MIN_LEAD_SECONDS)
                        .bind(r1)
                        .bind(r2)
                        .bind(r3)
                        .bind(r4)
                        .fetch_optional(&mut *tx)
                        .await?
                });
                changed.service(service_id);
                Ok::<_, sqlx::Error>(token)
            })
        })
        .await?;
    match held {
        Some(token) => Ok(Hold {
            token,
            slot_id,
            expires_at,
        }),
        None => Err(refusal(db, slot_id, service_id, now).await?),
    }
}

/// Why a slot was refused: a lost race (someone else holds or booked it) or a slot this person
/// may not take at all. A lost race is a change this instance's caches may not know of yet:
/// they learn it here, before anyone reads the alternatives, so that the slot just taken is
/// never offered again to the one who lost it.
pub(super) async fn refusal(
    db: &Db,
    slot_id: i64,
    service_id: i64,
    now: i64,
) -> Result<BookingError, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select cast(case when {} and {} then 0 else 1 end as bigint) from slots s where s.id = $1",
            rule::UNBOOKED,
            rule::unheld(2)
        )
    });
    let taken: i64 = on_read!(db, pool => {
        sqlx::query_scalar(&SQL)
            .bind(slot_id)
            .bind(now)
            .fetch_optional(pool)
            .await?
            .unwrap_or(0)
    });
    Ok(if taken != 0 {
        db.changes().observed(service_id);
        BookingError::SlotTaken
    } else {
        BookingError::SlotUnavailable
    })
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

/// The hold behind a token, if it is still live and held for `prescription_id`.
pub async fn live_hold(
    db: &Db,
    token: &str,
    prescription_id: i64,
    now: i64,
) -> Result<Option<Hold>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as::<_, (String, i64, i64)>(
            "select token, slot_id, expires_at from holds \
             where token = $1 and expires_at > $2 and prescription_id = $3",
        )
        .bind(token)
        .bind(now)
        .bind(prescription_id)
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

/// Gives a held slot back (the person chose another one, or went away).
pub async fn release(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let token = token.to_owned();
    db.change_slots(move |conn, changed| {
        Box::pin(async move {
            let service: Option<i64> = on_conn!(conn, c => {
                let slot: Option<i64> =
                    sqlx::query_scalar("delete from holds where token = $1 returning slot_id")
                        .bind(&token)
                        .fetch_optional(&mut *c)
                        .await?;
                match slot {
                    Some(slot) => sqlx::query_scalar("select service_id from slots where id = $1")
                        .bind(slot)
                        .fetch_optional(&mut *c)
                        .await?,
                    None => None,
                }
            });
            if let Some(service_id) = service {
                changed.service(service_id);
            }
            Ok(())
        })
    })
    .await
}

/// Deletes holds that lapsed more than an hour ago (housekeeping: a lapsed hold already counts
/// for nothing).
pub async fn forget_lapsed(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                sqlx::query("delete from holds where expires_at < $1")
                    .bind(now - 3600)
                    .execute(&mut *c)
                    .await
                    .map(drop)
            })
        })
    })
    .await
}
