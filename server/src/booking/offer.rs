//! Offers to the waiting list: a slot that frees up or opens is held for the first waiting
//! request whose deadline and area it meets, and the person is told (a message in the outbox).
//! Who comes first is `LINE_ORDER`; which slot suits whom is the availability rule, as for
//! everyone else (`availability::rule`). An entry linked to a booking (`booking::earlier`) is
//! offered only slots that start before its booking, while the booking is active and may still
//! be moved online.

use app::domain::{Channel, PriorityClass};
use chrono::NaiveDate;

use crate::audit::{self, Actor};
use crate::availability::rule::{self, Asker, MIN_LEAD_SECONDS};
use crate::clock::{local, start_of_day};
use crate::db::{Changed, Conn, Db, on_conn, on_read};
use crate::outbox;
use crate::secrets::random_token;

use super::hold::lock_slot;
use super::rules::movable_from;

/// How long an offered slot stays held for the person on the list.
pub const OFFER_SECONDS: i64 = 24 * 3600;

/// The order of the line: requests that let an offer lapse go behind the others, then the most
/// urgent deadline, then first come, first served by the line's own sequence (timestamps tie
/// within a second; the id never does).
pub const LINE_ORDER: &str = "w.missed_offers, w.deadline, w.id";

/// Offers the slot waiting-list offers use: kept for nobody or for the portal.
const OFFER_CHANNEL: Channel = Channel::Web;

/// Offers a just-freed slot to the first waiting request whose deadline, area and class it
/// meets. Runs inside the transaction that freed it.
pub async fn offer_slot(
    conn: Conn<'_>,
    changed: &mut Changed,
    slot_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select w.id, w.prescription_id from waiting_list w
             join slots s on s.id = $1
             join facilities f on f.id = s.facility_id
             left join bookings lb on lb.id = w.booking_id
             left join slots ls on ls.id = lb.slot_id
             where w.status = 'waiting' and w.service_id = s.service_id and w.deadline >= $2
               and (w.area_id is null or w.area_id = f.area_id)
               and w.priority in ($6, $7, $8, $9)
               and (w.booking_id is null or (lb.status = 'confirmed'
                    and s.starts_at < ls.starts_at and ls.starts_at >= $10))
               and s.starts_at >= $4 and {} and {}
             order by {LINE_ORDER}
             limit 1",
            rule::free(3),
            rule::channel_may_use(5)
        )
    });
    on_conn!(conn, c => {
        let slot: Option<(i64, i64, Option<String>)> =
            sqlx::query_as("select starts_at, service_id, reserved_priority from slots where id = $1")
                .bind(slot_id)
                .fetch_optional(&mut *c)
                .await?;
        let Some((starts_at, service_id, reserved)) = slot else { return Ok(false) };
        let reserved = match reserved.as_deref().map(PriorityClass::parse) {
            None => None,
            Some(Ok(class)) => Some(class),
            Some(Err(_)) => return Ok(false),
        };
        let [c1, c2, c3, c4] = rule::classes_for(reserved);
        let candidate: Option<(i64, i64)> = sqlx::query_as(&SQL)
            .bind(slot_id)
            .bind(local(starts_at).date())
            .bind(now)
            .bind(now + MIN_LEAD_SECONDS)
            .bind(OFFER_CHANNEL.as_str())
            .bind(c1)
            .bind(c2)
            .bind(c3)
            .bind(c4)
            .bind(movable_from(now))
            .fetch_optional(&mut *c)
            .await?;
        let Some((waiting_id, prescription_id)) = candidate else { return Ok(false) };
        let offered = make_offer(Conn::from(&mut *c), waiting_id, prescription_id, slot_id, starts_at, now).await?;
        if offered {
            changed.service(service_id);
        }
        Ok(offered)
    })
}

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
    let token = random_token();
    on_conn!(conn, c => {
        lock_slot(Conn::from(&mut *c), slot_id).await?;
        // Only an entry still waiting (a concurrent booking, cancel or move may have closed it
        // since it was chosen), and whose linked booking, if any, is still active. The entry is
        // taken first, as a cancel or move takes it, before any hold.
        let taken = sqlx::query(
            "update waiting_list set status = 'offered', updated_at = $2 \
             where id = $1 and status = 'waiting' and (booking_id is null or exists \
               (select 1 from bookings b where b.id = waiting_list.booking_id \
                and b.status = 'confirmed'))",
        )
        .bind(waiting_id)
        .bind(now)
        .execute(&mut *c)
        .await?;
        if taken.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("delete from holds where prescription_id = $1")
            .bind(prescription_id)
            .execute(&mut *c)
            .await?;
        let held: Option<String> = sqlx::query_scalar(
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at)
             values ($1, $2, $3, $4, $5, $6)
             on conflict (slot_id) do update set prescription_id = excluded.prescription_id,
               token = excluded.token, channel = excluded.channel,
               created_at = excluded.created_at, expires_at = excluded.expires_at
             where holds.expires_at <= excluded.created_at
             returning token",
        )
        .bind(slot_id)
        .bind(prescription_id)
        .bind(&token)
        .bind(OFFER_CHANNEL.as_str())
        .bind(now)
        .bind(expires_at)
        .fetch_optional(&mut *c)
        .await?;
        if held.is_none() {
            // Someone holds the slot: the entry goes on waiting.
            sqlx::query("update waiting_list set status = 'waiting' where id = $1")
                .bind(waiting_id)
                .execute(&mut *c)
                .await?;
            return Ok(false);
        }
        outbox::about_offer(Conn::from(&mut *c), waiting_id, prescription_id, now).await?;
        let detail = format!("waiting entry {waiting_id}, slot {slot_id}");
        audit::prescription(Conn::from(&mut *c), Actor::System, "waitlist.offered", prescription_id, &detail, now).await?;
        Ok(true)
    })
}

/// Looks for a slot inside the deadline of one waiting request and offers it.
pub async fn offer_to_entry(db: &Db, waiting_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    type Row = (
        NaiveDate,
        i64,
        String,
        Option<i64>,
        i64,
        Option<i64>,
        Option<String>,
        Option<i64>,
    );
    let entry: Option<Row> = on_read!(db, pool => {
        sqlx::query_as(
            "select w.deadline, w.service_id, w.priority, w.area_id, w.prescription_id, \
             w.booking_id, b.status, bs.starts_at \
             from waiting_list w left join bookings b on b.id = w.booking_id \
             left join slots bs on bs.id = b.slot_id \
             where w.id = $1 and w.status = 'waiting'",
        )
        .bind(waiting_id)
        .fetch_optional(pool)
        .await?
    });
    let Some((deadline, service_id, priority, area_id, prescription_id, linked, status, current)) =
        entry
    else {
        return Ok(false);
    };
    // Linked to a booking: only before it, while it is active and may still be moved online.
    let before = match (linked, status.as_deref(), current) {
        (None, _, _) => None,
        (Some(_), Some("confirmed"), Some(start)) if start >= movable_from(now) => Some(start),
        (Some(_), _, _) => return Ok(false),
    };
    let Ok(class) = PriorityClass::parse(&priority) else {
        return Ok(false);
    };
    let asker = Asker {
        channel: OFFER_CHANNEL,
        priority: Some(class),
    };
    // Slots before the end of the deadline day. Looked for on a read connection: the write
    // (on SQLite, the one writer) only takes the hold, whose insert settles a race with anyone
    // holding the slot meanwhile.
    let until = start_of_day(deadline.succ_opt().unwrap_or(deadline));
    let until = before.map_or(until, |start| start.min(until));
    let found = on_read!(db, pool => {
        let mut c = pool.acquire().await?;
        earliest_free(Conn::from(&mut *c), service_id, asker, &[(None, area_id)], until, now).await?
    });
    let Some((slot_id, starts_at, _)) = found else {
        return Ok(false);
    };
    db.change_slots(move |conn, changed| {
        Box::pin(async move {
            let offered =
                make_offer(conn, waiting_id, prescription_id, slot_id, starts_at, now).await?;
            if offered {
                changed.service(service_id);
            }
            Ok(offered)
        })
    })
    .await
}

/// The earliest free slot of the service that `asker` may take, starting before `until`,
/// looking in each place in turn (a facility, an area, or — both None — the whole region):
/// (slot, start, facility).
pub async fn earliest_free(
    conn: Conn<'_>,
    service_id: i64,
    asker: Asker,
    places: &[(Option<i64>, Option<i64>)],
    until: i64,
    now: i64,
) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select s.id, s.starts_at, s.facility_id from slots s \
             join facilities f on f.id = s.facility_id \
             where s.service_id = $1 and s.starts_at >= $2 and s.starts_at < $3 \
               and (cast($4 as bigint) is null or s.facility_id = $4) \
               and (cast($5 as bigint) is null or f.area_id = $5) \
               and {} and {} \
             order by s.starts_at, s.id limit 1",
            rule::free(6),
            rule::usable(7, 8)
        )
    });
    let [r1, r2, r3, r4] = asker.reservations();
    on_conn!(conn, c => {
        for (facility, area) in places {
            let found: Option<(i64, i64, i64)> = sqlx::query_as(&SQL)
                .bind(service_id)
                .bind(now + MIN_LEAD_SECONDS)
                .bind(until)
                .bind(*facility)
                .bind(*area)
                .bind(now)
                .bind(asker.channel.as_str())
                .bind(r1)
                .bind(r2)
                .bind(r3)
                .bind(r4)
                .fetch_optional(&mut *c)
                .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    })
}
