//! Electronic prescriptions: checking that the one a person typed exists, is theirs, and can
//! still be booked.

use app::domain::{Channel, FiscalCode, Nre, PriorityClass, ServiceKind};
use app::i18n::Lang;
use chrono::NaiveDate;

use crate::availability::Asker;
use crate::db::{Db, on_read};

#[derive(Clone, Debug)]
pub struct Prescription {
    pub id: i64,
    pub fiscal_code: FiscalCode,
    pub service_id: i64,
    pub priority: PriorityClass,
    pub prescribed_on: NaiveDate,
}

impl Prescription {
    /// The last day on which the service is within the guaranteed wait of its class.
    pub fn deadline(&self, kind: ServiceKind) -> NaiveDate {
        self.priority.deadline(self.prescribed_on, kind)
    }

    /// Who asks for a slot with this prescription, through `channel`.
    pub fn asker(&self, channel: Channel) -> Asker {
        Asker {
            channel,
            priority: Some(self.priority),
        }
    }
}

/// Why a prescription cannot be booked now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// This fiscal code and this number are not a prescription: no prescription has the
    /// number, or it is someone else's. One answer for both, so that nobody learns which
    /// numbers exist, or whose they are, by trying them with a fiscal code they know.
    NoMatch,
    /// It already has an active booking.
    AlreadyBooked,
    /// The service was already delivered, or the prescription was withdrawn.
    NotBookable,
    /// The guaranteed wait of its class is over.
    Expired { deadline: NaiveDate },
}

impl Problem {
    /// Whether what was typed is a wrong guess (the fiscal code and the NRE do not go
    /// together); every other problem is about a prescription the person has proven.
    pub fn is_wrong_guess(&self) -> bool {
        matches!(self, Problem::NoMatch)
    }

    /// What a program reads (the API's field error code).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NoMatch => "no_match",
            Problem::AlreadyBooked => "already_booked",
            Problem::NotBookable => "not_bookable",
            Problem::Expired { .. } => "expired",
        }
    }

    /// What a person reads.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            Problem::NoMatch => t.rx_no_match.to_owned(),
            Problem::AlreadyBooked => t.rx_booked.to_owned(),
            Problem::NotBookable => t.rx_not_bookable.to_owned(),
            Problem::Expired { deadline } => (t.rx_expired)(&lang.long_date(*deadline)),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    fiscal_code: String,
    service_id: i64,
    priority: String,
    prescribed_on: NaiveDate,
    status: String,
    booked: i64,
}

fn prescription(row: &Row) -> Option<Prescription> {
    Some(Prescription {
        id: row.id,
        fiscal_code: FiscalCode::parse(&row.fiscal_code).ok()?,
        service_id: row.service_id,
        priority: PriorityClass::parse(&row.priority).ok()?,
        prescribed_on: row.prescribed_on,
    })
}

const SELECT: &str = "select p.id, p.fiscal_code, p.service_id, p.priority, p.prescribed_on, \
     p.status, cast(case when exists (select 1 from bookings b where b.prescription_id = p.id \
     and b.status <> 'cancelled') then 1 else 0 end as bigint) as booked from prescriptions p";

/// Loads a prescription by id, whatever its state (for flows that already checked it).
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Prescription>, sqlx::Error> {
    let row: Option<Row> = on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where p.id = $1")).bind(id).fetch_optional(pool).await?
    });
    Ok(row.as_ref().and_then(prescription))
}

/// The prescription with this NRE, when it is this fiscal code's (one answer for "no such
/// number" and "someone else's").
pub async fn matching(
    db: &Db,
    fiscal_code: &FiscalCode,
    nre: &Nre,
) -> Result<Option<i64>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_scalar("select id from prescriptions where nre = $1 and fiscal_code = $2")
            .bind(nre.as_str())
            .bind(fiscal_code.as_str())
            .fetch_optional(pool)
            .await
    })
}

/// Checks what a person typed: the prescription must exist, be theirs, be unbooked, bookable
/// and still in time. `kind_of` gives the kind of a service (visits and exams differ for D).
pub async fn check(
    db: &Db,
    fiscal_code: &FiscalCode,
    nre: &Nre,
    today: NaiveDate,
    kind_of: impl Fn(i64) -> Option<ServiceKind>,
) -> Result<Result<Prescription, Problem>, sqlx::Error> {
    // Both codes in the query: an NRE of someone else's reads exactly as one that does not
    // exist (the same statement, the same empty answer).
    let row: Option<Row> = on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where p.nre = $1 and p.fiscal_code = $2"))
            .bind(nre.as_str())
            .bind(fiscal_code.as_str())
            .fetch_optional(pool)
            .await?
    });
    let Some(row) = row else {
        return Ok(Err(Problem::NoMatch));
    };
    if row.booked != 0 {
        return Ok(Err(Problem::AlreadyBooked));
    }
    if row.status != "valid" {
        return Ok(Err(Problem::NotBookable));
    }
    let (Some(found), Some(kind)) = (prescription(&row), kind_of(row.service_id)) else {
        return Ok(Err(Problem::NotBookable));
    };
    let deadline = found.deadline(kind);
    if today > deadline {
        return Ok(Err(Problem::Expired { deadline }));
    }
    Ok(Ok(found))
}
