//! The requests of the guarantee route: whether one may be made (no free slot the channel may
//! book meets the prescription's deadline, checked here, on the server, from the database),
//! making one (once per prescription: a repeated request returns the open one), the
//! supervisors' list and their decision, and the counts the transparency page publishes. Every
//! change is one transaction with its audit entry.

use chrono::NaiveDate;

use app::domain::{BookingCode, Channel, Email, Phone};
use app::i18n::Lang;
use app::views::guarantee::{Eligibility, GuaranteeCounts};

use crate::audit::{self, Actor};
use crate::availability::{self, SlotQuery};
use crate::catalog::Catalog;
use crate::clock::local;
use crate::db::{Conn, Db, on_conn, on_read};
use crate::prescriptions::Prescription;

/// A request as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Request {
    pub id: i64,
    pub prescription_id: i64,
    pub service_id: i64,
    pub priority: String,
    pub deadline: NaiveDate,
    pub area_id: Option<i64>,
    pub town: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub filed_at: i64,
    pub filed_via: String,
    pub status: String,
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub decided_at: Option<i64>,
    /// The display name of who decided, if decided.
    pub decided_by_name: Option<String>,
}

const SELECT: &str = "select g.id, g.prescription_id, g.service_id, g.priority, g.deadline, \
     g.area_id, g.town, g.contact_phone, g.contact_email, g.filed_at, g.filed_via, g.status, \
     g.outcome, g.note, g.decided_at, s.display_name as decided_by_name \
     from guarantee_requests g left join staff s on s.id = g.decided_by";

/// Whether a request may be made now for `prescription` through `channel`: it must be valid,
/// unbooked and within its deadline, and no free slot `channel` may book (every facility of
/// the region) may start by the deadline. Read from the database, not from a cache.
pub async fn eligibility(
    db: &Db,
    catalog: &Catalog,
    prescription: &Prescription,
    channel: Channel,
    now: i64,
) -> Result<Eligibility, sqlx::Error> {
    let Some(service) = catalog.by_id(prescription.service_id) else {
        return Ok(Eligibility::NotPossible);
    };
    let deadline = prescription.deadline(service.kind);
    let (status, booked): (String, i64) = on_read!(db, pool => {
        sqlx::query_as(
            "select p.status, cast(case when exists (select 1 from bookings b \
             where b.prescription_id = p.id and b.status <> 'cancelled') then 1 else 0 end \
             as bigint) from prescriptions p where p.id = $1",
        )
        .bind(prescription.id)
        .fetch_one(pool)
        .await?
    });
    if status != "valid" || booked != 0 || local(now).date() > deadline {
        return Ok(Eligibility::NotPossible);
    }
    let first = SlotQuery::first(prescription.service_id, prescription.asker(channel), 1);
    let first = availability::free_slots(db, &first, now)
        .await?
        .first()
        .map(|s| local(s.starts_at).date());
    Ok(match first {
        Some(day) if day <= deadline => Eligibility::SlotInTime(day),
        _ => Eligibility::Eligible,
    })
}

/// What a request says besides its prescription.
#[derive(Clone, Debug)]
pub struct Wanted {
    pub area_id: Option<i64>,
    pub town: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub lang: Lang,
}

/// Makes the request (after `eligibility` said so), with its audit entry; a prescription with
/// an open request keeps it (a repeated post, two tabs): the open one is returned either way.
pub async fn file(
    db: &Db,
    prescription: &Prescription,
    deadline: NaiveDate,
    wanted: Wanted,
    actor: Actor,
    now: i64,
) -> Result<Request, sqlx::Error> {
    let (prescription_id, service_id, priority) = (
        prescription.id,
        prescription.service_id,
        prescription.priority.as_str(),
    );
    let via = match actor {
        Actor::Staff { .. } => "operator",
        Actor::Citizen(_) | Actor::Delegate { .. } | Actor::System => "web",
    };
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                // The unique partial index keeps one open request per prescription; a second
                // insert does nothing.
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into guarantee_requests (prescription_id, service_id, priority, \
                     deadline, area_id, town, contact_phone, contact_email, lang, filed_at, \
                     filed_via, filed_by) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     on conflict do nothing returning id",
                )
                .bind(prescription_id)
                .bind(service_id)
                .bind(priority)
                .bind(deadline)
                .bind(wanted.area_id)
                .bind(wanted.town.as_deref())
                .bind(wanted.phone.as_ref().map(Phone::as_str))
                .bind(wanted.email.as_ref().map(Email::as_str))
                .bind(wanted.lang.code())
                .bind(now)
                .bind(via)
                .bind(actor.staff_id())
                .fetch_optional(&mut *c)
                .await?;
                if let Some(id) = id {
                    let detail = format!("guarantee request {id}");
                    audit::prescription(Conn::from(&mut *c), actor, "guarantee.filed", prescription_id, &detail, now).await?;
                }
                Ok::<(), sqlx::Error>(())
            })
        })
    })
    .await?;
    open_for(db, prescription_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// The open request of a prescription, if any.
pub async fn open_for(db: &Db, prescription_id: i64) -> Result<Option<Request>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!(
            "{SELECT} where g.prescription_id = $1 and g.status = 'open'"
        ))
        .bind(prescription_id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Request>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where g.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

/// Requests shown at most on one list.
pub const LIST_LIMIT: i64 = 500;

/// The open requests, nearest deadline first; or the closed ones, latest decided first.
pub async fn list(db: &Db, open: bool) -> Result<Vec<Request>, sqlx::Error> {
    let sql = if open {
        format!("{SELECT} where g.status = 'open' order by g.deadline, g.filed_at, g.id limit $1")
    } else {
        format!("{SELECT} where g.status <> 'open' order by g.decided_at desc, g.id desc limit $1")
    };
    on_read!(db, pool => {
        sqlx::query_as(&sql).bind(LIST_LIMIT).fetch_all(pool).await
    })
}

/// The citizen behind a request and the registry's contacts: (given name, family name, fiscal
/// code, phone, e-mail). Read by a supervisor under an audit entry (`viewed`).
pub async fn citizen_of(
    db: &Db,
    request: &Request,
) -> Result<Option<(String, String, String, Option<String>, Option<String>)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select c.given_name, c.family_name, c.fiscal_code, c.phone, c.email \
             from prescriptions p join citizens c on c.fiscal_code = p.fiscal_code where p.id = $1",
        )
        .bind(request.prescription_id)
        .fetch_optional(pool)
        .await
    })
}

/// A supervisor opens a request: audited before anything is shown.
pub async fn viewed(
    db: &Db,
    request: &Request,
    staff_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (prescription_id, id) = (request.prescription_id, request.id);
    db.transact(move |conn| {
        Box::pin(async move {
            let detail = format!("guarantee request {id}");
            audit::prescription(
                conn,
                Actor::Staff { id: staff_id },
                "guarantee.viewed",
                prescription_id,
                &detail,
                now,
            )
            .await
        })
    })
    .await
}

/// How a request ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    SlotFound,
    Intramoenia,
    OtherProvider,
    Withdrawn,
}

impl Decision {
    /// From the form's value (`app::views::guarantee::OUTCOMES`).
    pub fn parse(value: &str) -> Option<Decision> {
        match value {
            "slot_found" => Some(Decision::SlotFound),
            "intramoenia" => Some(Decision::Intramoenia),
            "other_provider" => Some(Decision::OtherProvider),
            "withdrawn" => Some(Decision::Withdrawn),
            _ => None,
        }
    }

    /// (status, outcome) as stored.
    fn columns(self) -> (&'static str, Option<&'static str>) {
        match self {
            Decision::SlotFound => ("resolved", Some("slot_found")),
            Decision::Intramoenia => ("resolved", Some("intramoenia")),
            Decision::OtherProvider => ("resolved", Some("other_provider")),
            Decision::Withdrawn => ("withdrawn", None),
        }
    }
}

/// Why a decision was not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Already resolved or withdrawn (by someone else, or a repeated post).
    NotOpen,
    /// No active booking of the request's prescription has the code given.
    NoSuchBooking,
}

/// Records how an open request ended, with its audit entry. A slot found names the active
/// booking of the same prescription (`code`).
pub async fn decide(
    db: &Db,
    id: i64,
    decision: Decision,
    code: Option<BookingCode>,
    note: Option<String>,
    staff_id: i64,
    now: i64,
) -> Result<Result<(), Refused>, sqlx::Error> {
    let (status, outcome) = decision.columns();
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                let booking_id: Option<i64> = match (decision, &code) {
                    (Decision::SlotFound, Some(code)) => {
                        let found: Option<i64> = sqlx::query_scalar(
                            "select b.id from bookings b join guarantee_requests g \
                             on g.prescription_id = b.prescription_id \
                             where g.id = $1 and b.code = $2 and b.status <> 'cancelled'",
                        )
                        .bind(id)
                        .bind(code.as_str())
                        .fetch_optional(&mut *c)
                        .await?;
                        match found {
                            Some(b) => Some(b),
                            None => return Ok(Err(Refused::NoSuchBooking)),
                        }
                    }
                    (Decision::SlotFound, None) => return Ok(Err(Refused::NoSuchBooking)),
                    _ => None,
                };
                let prescription_id: Option<i64> = sqlx::query_scalar(
                    "update guarantee_requests set status = $1, outcome = $2, note = $3, \
                     booking_id = $4, decided_by = $5, decided_at = $6 \
                     where id = $7 and status = 'open' returning prescription_id",
                )
                .bind(status)
                .bind(outcome)
                .bind(note.as_deref())
                .bind(booking_id)
                .bind(staff_id)
                .bind(now)
                .bind(id)
                .fetch_optional(&mut *c)
                .await?;
                let Some(prescription_id) = prescription_id else {
                    return Ok(Err(Refused::NotOpen));
                };
                let detail = format!("guarantee request {id}: {}", outcome.unwrap_or(status));
                audit::prescription(Conn::from(&mut *c), Actor::Staff { id: staff_id }, "guarantee.decided", prescription_id, &detail, now).await?;
                Ok::<_, sqlx::Error>(Ok(()))
            })
        })
    })
    .await
}

/// The published figures: requests filed, resolved by outcome and withdrawn since `since`;
/// open now, and open past their deadline on `today` (`GuaranteeCounts` order).
pub async fn counts(db: &Db, since: i64, today: NaiveDate) -> Result<GuaranteeCounts, sqlx::Error> {
    let row: (i64, i64, i64, i64, i64, i64, i64) = on_read!(db, pool => {
        sqlx::query_as(
            "select \
             cast(coalesce(sum(case when filed_at >= $1 then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when outcome = 'slot_found' and decided_at >= $1 then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when outcome = 'intramoenia' and decided_at >= $1 then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when outcome = 'other_provider' and decided_at >= $1 then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when status = 'withdrawn' and decided_at >= $1 then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when status = 'open' then 1 else 0 end), 0) as bigint), \
             cast(coalesce(sum(case when status = 'open' and deadline < $2 then 1 else 0 end), 0) as bigint) \
             from guarantee_requests",
        )
        .bind(since)
        .bind(today)
        .fetch_one(pool)
        .await?
    });
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(GuaranteeCounts([
        n(row.0),
        n(row.1),
        n(row.2),
        n(row.3),
        n(row.4),
        n(row.5),
        n(row.6),
    ]))
}
