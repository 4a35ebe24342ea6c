//! Making a booking: from a hold (the HTML journey: choose, then confirm) or in one step (the
//! API, operators). Either way one transaction inserts the booking, settles the waiting-list
//! entry it answers (and, when the citizen asks, opens one linked to the booking, to keep waiting
//! for an earlier slot: `earlier`), queues the confirmation and records the audit entry. The partial unique
//! indexes stop a second active booking of the slot or of the prescription, whatever races.

use app::domain::{BookingCode, Email, Phone};
use app::i18n::Lang;
use chrono::NaiveDate;

use crate::audit::Actor;
use crate::availability::rule::{self, MIN_LEAD_SECONDS};
use sqlx::PgConnection;

use crate::availability::rule::{Asker, OPEN_AND_UNBOOKED};
use crate::db::{Changed, Conn, Db, NewBooking, Unique, on_conn, per_contact, unique_violation};
use crate::outbox::Message;
use crate::prescriptions::Prescription;

use super::earlier;
use super::error::BookingError;
use super::hold::{lock_slot, refusal};

/// Optional contacts for reminders, and the language the messages are written in (the one the
/// citizen used to book; Italian when an operator books for them).
#[derive(Clone, Debug, Default)]
pub struct Contacts {
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub lang: Lang,
}

#[derive(Clone, Debug)]
pub struct Confirmed {
    pub booking_id: i64,
    pub code: BookingCode,
}

/// A fresh code collides with an existing one about once in 10^8 bookings: draw again, a few
/// times at most.
const CODE_DRAWS: usize = 3;

/// Turns a live hold into a booking. Submitting twice cannot book twice: the hold is consumed
/// by the first confirmation, and a prescription books at most once. With `keep_waiting` (the
/// prescription's deadline), the booking keeps a place on the waiting list for an earlier slot.
pub async fn confirm(
    db: &Db,
    token: &str,
    contacts: &Contacts,
    keep_waiting: Option<NaiveDate>,
    actor: Actor,
    now: i64,
) -> Result<Confirmed, BookingError> {
    for _ in 0..CODE_DRAWS {
        let code = BookingCode::generate(&mut rand::rng());
        let (token, contacts, code_text) =
            (token.to_owned(), contacts.clone(), code.as_str().to_owned());
        let result: Result<i64, BookingError> = db
            .change_slots(move |conn, changed| {
                Box::pin(async move {
                    let tx = match conn {
                        Conn::Postgres(tx) => {
                            let booking_id =
                                confirm_pg(tx, &token, &code_text, &contacts, actor, now, changed)
                                    .await?;
                            if let Some(deadline) = keep_waiting {
                                earlier::link(Conn::from(&mut *tx), booking_id, deadline, now)
                                    .await?;
                            }
                            return Ok(booking_id);
                        }
                        Conn::Sqlite(tx) => tx,
                    };
                    let held: Option<(i64, i64, i64)> = sqlx::query_as(
                        "delete from holds where token = $1 and expires_at > $2 \
                         returning slot_id, prescription_id, \
                         (select service_id from slots where id = holds.slot_id)",
                    )
                    .bind(&token)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((slot_id, prescription_id, service_id)) = held else {
                        return Err(BookingError::HoldExpired);
                    };
                    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                        "insert into bookings (code, slot_id, prescription_id, channel, status, \
                         contact_phone, contact_email, staff_id, created_at, updated_at, lang) \
                         values ($1, $2, $3, $4, 'confirmed', $5, $6, $7, $8, $8, $9) returning id",
                    )
                    .bind(&code_text)
                    .bind(slot_id)
                    .bind(prescription_id)
                    .bind(actor.booking_channel().as_str())
                    .bind(contacts.phone.as_ref().map(Phone::as_str))
                    .bind(contacts.email.as_ref().map(Email::as_str))
                    .bind(actor.staff_id())
                    .bind(now)
                    .bind(contacts.lang.code())
                    .fetch_one(&mut *tx)
                    .await;
                    let booking_id = inserted.map_err(|e| insert_error(e, service_id, changed))?;
                    booked(
                        Conn::from(&mut *tx),
                        actor,
                        booking_id,
                        prescription_id,
                        now,
                        changed,
                    )
                    .await?;
                    if let Some(deadline) = keep_waiting {
                        earlier::link(Conn::from(&mut *tx), booking_id, deadline, now).await?;
                    }
                    changed.service(service_id);
                    Ok(booking_id)
                })
            })
            .await;
        match result {
            Ok(booking_id) => return Ok(Confirmed { booking_id, code }),
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::NoFreeCode)
}

/// Binds `one_step_insert`'s sixteen parameters (`$1` … `$16`) to a query of either backend:
/// `bind_one_step!(query, one: OneStep, contacts: &Contacts, actor: Actor, now: i64)`.
macro_rules! bind_one_step {
    ($query:expr, $one:expr, $contacts:expr, $actor:expr, $now:expr) => {{
        let one: OneStep<'_> = $one;
        let contacts: &Contacts = &$contacts;
        let [r1, r2, r3, r4] = one.asker.reservations();
        $query
            .bind(one.code)
            .bind(one.prescription_id)
            .bind(one.asker.channel.as_str())
            .bind(contacts.phone.as_ref().map(Phone::as_str))
            .bind(contacts.email.as_ref().map(Email::as_str))
            .bind($actor.staff_id())
            .bind($now)
            .bind(one.slot_id)
            .bind(one.service_id)
            .bind($now + MIN_LEAD_SECONDS)
            .bind(one.asker.channel.as_str())
            .bind(r1)
            .bind(r2)
            .bind(r3)
            .bind(r4)
            .bind(contacts.lang.code())
    }};
}

/// Books a slot in one step (the API, operators): the same rules as hold then confirm — the
/// slot must suit the prescription and the channel, nobody else may hold it, the unique
/// indexes stop a second booking of the slot or of the prescription — in one transaction.
pub async fn book_now(
    db: &Db,
    prescription: &Prescription,
    slot_id: i64,
    contacts: &Contacts,
    actor: Actor,
    now: i64,
) -> Result<Confirmed, BookingError> {
    static SQL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| one_step_insert(&rule::unheld(7)));
    let asker = prescription.asker(actor.booking_channel());
    let (prescription_id, service_id) = (prescription.id, prescription.service_id);
    for _ in 0..CODE_DRAWS {
        let code = BookingCode::generate(&mut rand::rng());
        let (contacts, code_text) = (contacts.clone(), code.as_str().to_owned());
        let result: Result<Option<i64>, BookingError> = db
            .change_slots(move |conn, changed| {
                Box::pin(async move {
                    let one = OneStep {
                        code: &code_text,
                        prescription_id,
                        service_id,
                        slot_id,
                        asker,
                    };
                    let tx = match conn {
                        Conn::Postgres(tx) => {
                            return book_now_pg(tx, one, &contacts, actor, now, changed).await;
                        }
                        Conn::Sqlite(tx) => tx,
                    };
                    // A hold of this prescription (on this slot or another) is used up or
                    // given back.
                    sqlx::query("delete from holds where prescription_id = $1")
                        .bind(prescription_id)
                        .execute(&mut *tx)
                        .await?;
                    let inserted: Result<Option<i64>, sqlx::Error> =
                        bind_one_step!(sqlx::query_scalar(&SQL), one, contacts, actor, now)
                            .fetch_optional(&mut *tx)
                            .await;
                    let Some(booking_id) =
                        inserted.map_err(|e| insert_error(e, service_id, changed))?
                    else {
                        return Ok(None);
                    };
                    booked(
                        Conn::from(&mut *tx),
                        actor,
                        booking_id,
                        prescription_id,
                        now,
                        changed,
                    )
                    .await?;
                    changed.service(service_id);
                    Ok(Some(booking_id))
                })
            })
            .await;
        match result {
            Ok(Some(booking_id)) => return Ok(Confirmed { booking_id, code }),
            // Refused: tell a lost race from a slot this person may not take at all.
            Ok(None) => return Err(refusal(db, slot_id, service_id, now).await?),
            Err(BookingError::Db(err)) if unique_violation(&err) == Some(Unique::BookingCode) => {}
            Err(err) => return Err(err),
        }
    }
    Err(BookingError::NoFreeCode)
}

/// SQL: the one-step booking of slot `$8` (of service `$9`, starting no earlier than `$10`) for
/// prescription `$2`, if it is free (`unheld`: nobody else holds it at `$7`) and open to the
/// asker (`$11` … `$15`). Returns the new booking's id and what `booked_ctes` reads.
fn one_step_insert(unheld: &str) -> String {
    format!(
        "insert into bookings (code, slot_id, prescription_id, channel, status, \
         contact_phone, contact_email, staff_id, created_at, updated_at, lang) \
         select $1, s.id, $2, $3, 'confirmed', $4, $5, $6, $7, $7, $16 from slots s \
         where s.id = $8 and s.service_id = $9 and s.starts_at >= $10 and {OPEN_AND_UNBOOKED} \
         and {unheld} and {} \
         returning id, prescription_id, contact_phone, contact_email, lang",
        rule::usable(11, 12)
    )
}

/// SQL (PostgreSQL): what `booked` writes, as data-modifying CTEs after `ins` (the new booking:
/// `id, prescription_id, contact_phone, contact_email, lang`), so that a booking is one
/// statement: the waiting-list entry it settles, its audit entry, its confirmation for each
/// contact (or `no_contact`). The instant is bound at `$now`, the member of staff at `$staff`;
/// from `$first` on: the actor's kind, its audit channel, its delegation, the audit action and
/// the message kind.
fn booked_ctes(now: usize, staff: usize, first: usize) -> String {
    let (kind, channel, delegation, action, message) =
        (first, first + 1, first + 2, first + 3, first + 4);
    let confirmation = |channel: &str, recipient: &str, status: &str, filter: &str| {
        format!(
            "select ${now}, ${message}, id, {channel}, {recipient}, '{{}}', '{status}', lang \
             from ins where {filter}"
        )
    };
    format!(
        "settled as (update waiting_list set status = 'booked', updated_at = ${now} \
           where prescription_id in (select prescription_id from ins) \
           and status in ('waiting', 'offered')), \
         audited as (insert into audit_log (at, actor, staff_id, channel, action, fiscal_code, \
           booking_id, delegation_id) \
           select ${now}, ${kind}, ${staff}, ${channel}, ${action}, p.fiscal_code, ins.id, \
           ${delegation} from ins join prescriptions p on p.id = ins.prescription_id), \
         queued as (insert into notification_outbox (created_at, kind, booking_id, channel, \
           recipient, payload, status, lang) {})",
        per_contact("", confirmation)
    )
}

/// Binds what `booked_ctes` reads from `$first` on.
fn bind_booked<'q>(
    query: sqlx::query::QueryScalar<'q, sqlx::Postgres, i64, sqlx::postgres::PgArguments>,
    actor: Actor,
) -> sqlx::query::QueryScalar<'q, sqlx::Postgres, i64, sqlx::postgres::PgArguments> {
    let (kind, _, channel) = actor.parts();
    query
        .bind(kind)
        .bind(channel)
        .bind(actor.delegation())
        .bind(CREATED)
        .bind(Message::BookingConfirmed.kind())
}

/// The audit action of a new booking.
const CREATED: &str = "booking.created";

/// `confirm` on PostgreSQL: two statements (the slot's lock, then the hold used up, the booking
/// and what `booked` writes, in one) instead of six.
async fn confirm_pg(
    tx: &mut PgConnection,
    token: &str,
    code: &str,
    contacts: &Contacts,
    actor: Actor,
    now: i64,
    changed: &mut Changed,
) -> Result<i64, BookingError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "with held as (delete from holds where token = $1 and expires_at > $2 \
               returning slot_id, prescription_id), \
             ins as (insert into bookings (code, slot_id, prescription_id, channel, status, \
               contact_phone, contact_email, staff_id, created_at, updated_at, lang) \
               select $3, slot_id, prescription_id, $4, 'confirmed', $5, $6, $7, $2, $2, $8 \
               from held returning id, prescription_id, contact_phone, contact_email, lang), \
             {} select id from ins",
            booked_ctes(2, 7, 9)
        )
    });
    // The slot before its hold (see `lock_slot`); its service, for the caches.
    let service_id: Option<i64> = sqlx::query_scalar(
        "select service_id from slots \
         where id = (select slot_id from holds where token = $1) for update",
    )
    .bind(token)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(service_id) = service_id else {
        return Err(BookingError::HoldExpired);
    };
    let query = sqlx::query_scalar(&SQL)
        .bind(token)
        .bind(now)
        .bind(code)
        .bind(actor.booking_channel().as_str())
        .bind(contacts.phone.as_ref().map(Phone::as_str))
        .bind(contacts.email.as_ref().map(Email::as_str))
        .bind(actor.staff_id())
        .bind(contacts.lang.code());
    let inserted = bind_booked(query, actor).fetch_optional(&mut *tx).await;
    let booking_id = inserted
        .map_err(|e| insert_error(e, service_id, changed))?
        .ok_or(BookingError::HoldExpired)?;
    changed.service(service_id);
    Ok(booking_id)
}

/// What `book_now` books.
#[derive(Clone, Copy)]
struct OneStep<'a> {
    code: &'a str,
    prescription_id: i64,
    service_id: i64,
    slot_id: i64,
    asker: Asker,
}

/// `book_now` on PostgreSQL: two statements (the slot's lock, then the holds given back, the
/// booking and what `booked` writes, in one) instead of six. The holds given back are still
/// visible to the insert (one snapshot): it ignores those of the prescription itself.
async fn book_now_pg(
    tx: &mut PgConnection,
    one: OneStep<'_>,
    contacts: &Contacts,
    actor: Actor,
    now: i64,
    changed: &mut Changed,
) -> Result<Option<i64>, BookingError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "with given_back as (delete from holds where prescription_id = $2), \
             ins as ({}), {} select id from ins",
            one_step_insert(&rule::unheld_by_others(7, 2)),
            booked_ctes(7, 6, 17)
        )
    });
    lock_slot(Conn::from(&mut *tx), one.slot_id).await?;
    let query = bind_one_step!(sqlx::query_scalar(&SQL), one, contacts, actor, now);
    let inserted = bind_booked(query, actor).fetch_optional(&mut *tx).await;
    let booking_id = inserted.map_err(|e| insert_error(e, one.service_id, changed))?;
    if booking_id.is_some() {
        changed.service(one.service_id);
    }
    Ok(booking_id)
}

/// A failed insert of a booking (or update of its slot) as an answer: the unique indexes
/// speak for a lost race (on a slot of `service_id`) or a prescription already booked.
pub(super) fn insert_error(
    err: sqlx::Error,
    service_id: i64,
    changed: &mut Changed,
) -> BookingError {
    match unique_violation(&err) {
        Some(Unique::BookingSlot) => {
            changed.lost_race(service_id);
            BookingError::SlotTaken
        }
        Some(Unique::BookingPrescription) => BookingError::AlreadyBooked,
        _ => BookingError::Db(err),
    }
}

/// What every new booking leaves behind in its transaction: the waiting-list entry it settles
/// now; the confirmation message and the audit entry with those of the commit's other bookings
/// (`db::NewBooking`).
async fn booked(
    conn: Conn<'_>,
    actor: Actor,
    booking_id: i64,
    prescription_id: i64,
    now: i64,
    changed: &mut Changed,
) -> Result<(), sqlx::Error> {
    on_conn!(conn, tx => {
        sqlx::query(
            "update waiting_list set status = 'booked', updated_at = $2 \
             where prescription_id = $1 and status in ('waiting', 'offered')",
        )
        .bind(prescription_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    });
    let (kind, staff, channel) = actor.parts();
    changed.booked(NewBooking {
        booking_id,
        at: now,
        actor: kind,
        staff,
        channel,
        delegation: actor.delegation(),
        action: CREATED,
        message: Message::BookingConfirmed.kind(),
    });
    Ok(())
}
