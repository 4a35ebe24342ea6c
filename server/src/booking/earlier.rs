//! Book now, keep waiting for earlier: a booking may keep a place on the waiting list for an
//! earlier slot. The waiting entry is linked to the booking (`waiting_list.booking_id`, of the
//! same prescription: the database checks it) and is the prescription's one open entry. It is
//! offered, in the line's order like everyone (`offer::LINE_ORDER`), only slots of its area that
//! start before its booking, within its deadline, while the booking may still be moved online.
//! Accepting moves the booking (`change::accept_earlier`); doing nothing keeps it.
//!
//! The entry closes (`withdrawn`) when its booking is cancelled or moved (by anyone but a
//! suspension, which moves it for the person and leaves the line as it was), when the person
//! leaves the line, and — at the sweep — when the booking can no longer be moved online (two
//! working days before) or its deadline passed (`expired`, as any entry). An offer open when it
//! closes gives its slot back, on to the next in line.

use app::domain::WaitingStatus;
use chrono::NaiveDate;

use crate::db::{Changed, Conn, Db, Unique, on_conn, on_read, unique_violation};

use super::hold::lock_slots_held_by;
use super::offer;
use super::rules::movable_from;

/// The open entry linked to a booking: (id, status, since).
#[derive(Clone, Debug)]
pub struct Linked {
    pub id: i64,
    pub status: WaitingStatus,
    pub since: i64,
}

/// The booking's open "earlier slot" entry, if any.
pub async fn linked(db: &Db, booking_id: i64) -> Result<Option<Linked>, sqlx::Error> {
    let row: Option<(i64, String, i64)> = on_read!(db, pool => {
        sqlx::query_as(
            "select id, status, created_at from waiting_list \
             where booking_id = $1 and status in ('waiting', 'offered')",
        )
        .bind(booking_id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.and_then(|(id, status, since)| {
        Some(Linked {
            id,
            status: WaitingStatus::parse(&status)?,
            since,
        })
    }))
}

/// Inside a transaction: puts the booking's prescription on the line for an earlier slot, linked
/// to the booking, in the area of the booked facility, due by `deadline`. Nothing when the
/// booking is no longer active. A second open entry of the prescription is a unique violation
/// (`Unique::WaitingPrescription`).
pub(super) async fn link(
    conn: Conn<'_>,
    booking_id: i64,
    deadline: NaiveDate,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(conn, c => {
        sqlx::query_scalar::<_, i64>(
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, \
             status, channel, created_at, updated_at, lang, booking_id) \
             select b.prescription_id, s.service_id, f.area_id, p.priority, $2, 'waiting', \
               b.channel, $3, $3, b.lang, b.id \
             from bookings b join slots s on s.id = b.slot_id \
             join facilities f on f.id = s.facility_id \
             join prescriptions p on p.id = b.prescription_id \
             where b.id = $1 and b.status = 'confirmed' \
             returning id",
        )
        .bind(booking_id)
        .bind(deadline)
        .bind(now)
        .fetch_optional(&mut *c)
        .await
    })
}

/// Joins the line for an earlier slot from the booking's own page, then offers the entry a slot
/// straight away if one is free. False when the prescription already has an open entry or the
/// booking is no longer active.
pub async fn join(
    db: &Db,
    booking_id: i64,
    deadline: NaiveDate,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let inserted: Result<Option<i64>, sqlx::Error> = db
        .transact(move |conn| Box::pin(async move { link(conn, booking_id, deadline, now).await }))
        .await;
    let id = match inserted {
        Ok(id) => id,
        Err(err) if unique_violation(&err) == Some(Unique::WaitingPrescription) => None,
        Err(err) => return Err(err),
    };
    let Some(id) = id else { return Ok(false) };
    offer::offer_to_entry(db, id, now).await?;
    Ok(true)
}

/// Leaves the line for an earlier slot: the entry closes, and a slot it was being offered goes
/// on to the next in line. False when there was no open entry.
pub async fn leave(db: &Db, booking_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    db.change_slots(move |conn, changed| {
        Box::pin(async move { close_linked(conn, changed, booking_id, now).await })
    })
    .await
}

/// Inside a transaction: closes the booking's open "earlier slot" entry, if any, and gives back
/// the slot it was being offered (offered on to the line, as any freed slot).
pub(super) async fn close_linked(
    conn: Conn<'_>,
    changed: &mut Changed,
    booking_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_conn!(conn, c => {
        let open: Option<(i64, String, i64)> = sqlx::query_as(
            "select id, status, prescription_id from waiting_list \
             where booking_id = $1 and status in ('waiting', 'offered')",
        )
        .bind(booking_id)
        .fetch_optional(&mut *c)
        .await?;
        let Some((id, status, prescription_id)) = open else { return Ok(false) };
        let closed = sqlx::query(
            "update waiting_list set status = 'withdrawn', updated_at = $2 \
             where id = $1 and status in ('waiting', 'offered')",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *c)
        .await?;
        if status == "offered" {
            release_offer(Conn::from(&mut *c), changed, prescription_id, None, now).await?;
        }
        Ok(closed.rows_affected() == 1)
    })
}

/// Inside a transaction: gives back the slot offered to a prescription (the hold of `token`, or
/// any hold of the prescription) and offers it on to the line.
pub(super) async fn release_offer(
    conn: Conn<'_>,
    changed: &mut Changed,
    prescription_id: i64,
    token: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, c => {
        // The slots before their holds (`hold::lock_slot`): offering a slot on locks it.
        lock_slots_held_by(Conn::from(&mut *c), prescription_id, token).await?;
        let released: Vec<(i64, i64)> = sqlx::query_as(
            "delete from holds where prescription_id = $1 \
               and (cast($2 as text) is null or token = $2) \
             returning slot_id, (select service_id from slots where id = holds.slot_id)",
        )
        .bind(prescription_id)
        .bind(token)
        .fetch_all(&mut *c)
        .await?;
        for (slot_id, service_id) in released {
            changed.service(service_id);
            offer::offer_slot(Conn::from(&mut *c), changed, slot_id, now).await?;
        }
        Ok(())
    })
}

/// The sweep's part: closes the open entries whose booking is no longer active or can no
/// longer be moved online. Returns how many closed.
pub async fn close_stale(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let stale: Vec<i64> = on_read!(db, pool => {
        sqlx::query_scalar(
            "select b.id from waiting_list w join bookings b on b.id = w.booking_id \
             join slots s on s.id = b.slot_id \
             where w.booking_id is not null and w.status in ('waiting', 'offered') \
               and (b.status <> 'confirmed' or s.starts_at < $1) \
             order by w.id limit 100",
        )
        .bind(movable_from(now))
        .fetch_all(pool)
        .await?
    });
    let mut closed = 0;
    for booking_id in stale {
        if leave(db, booking_id, now).await? {
            closed += 1;
        }
    }
    Ok(closed)
}
