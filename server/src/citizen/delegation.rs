//! Delegations (deleghe): a citizen lets another see and manage their prescriptions and
//! bookings, for a period, until revoked. Granted online by an adult signed in; declared online
//! by a parent or guardian, signed in, for a minor (age from the registry's date of birth, or
//! from the fiscal code), until the day before the minor turns 18; or registered by an operator
//! from a signed paper form, with its reference. Each grant, registration and revocation is
//! audited; what a delegate then does is audited with the delegation it was done under
//! (`audit::Actor::Delegate`), so the delegator, the receipt and supervisors see who acted.

use chrono::{Datelike, Months, NaiveDate};

use app::domain::{Channel, FiscalCode, FiscalCodeKind};
use app::i18n::Lang;
use app::views::form::FormErrors;

use crate::audit::{self, Actor};
use crate::db::{Conn, Db, on_conn, on_read};

/// The longest an adult's delegation may run (it can be granted again).
pub const MAX_MONTHS: u32 = 24;
/// The longest a document reference may be.
pub const MAX_DOCUMENT_REF: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Adult,
    Guardian,
    Paper,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Adult => "adult",
            Kind::Guardian => "guardian",
            Kind::Paper => "paper",
        }
    }

    /// Its place in the texts' `ci_kind_names`.
    pub fn index(self) -> usize {
        match self {
            Kind::Adult => 0,
            Kind::Guardian => 1,
            Kind::Paper => 2,
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "adult" => Some(Kind::Adult),
            "guardian" => Some(Kind::Guardian),
            "paper" => Some(Kind::Paper),
            _ => None,
        }
    }
}

/// One delegation, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Delegation {
    pub id: i64,
    pub delegator: String,
    pub delegate: String,
    pub kind: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub document_ref: Option<String>,
    pub revoked_at: Option<i64>,
}

impl Delegation {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Adult)
    }

    /// Live on `today`: not revoked, and within its period.
    pub fn is_live(&self, today: NaiveDate) -> bool {
        self.revoked_at.is_none() && self.valid_from <= today && today <= self.valid_to
    }
}

/// Why a delegation could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Delegating to oneself.
    Oneself,
    /// The delegate is not an adult (or has no personal fiscal code).
    DelegateNotAdult,
    /// The delegator of an adult delegation is a minor (their guardian declares instead).
    DelegatorMinor,
    /// A guardian's declaration for someone who is not a minor.
    NotAMinor,
    /// The end date is before today or beyond the longest period.
    BadPeriod,
    /// A paper delegation without a document reference (or one too long).
    NoDocument,
}

/// Whether a delegation may run until `valid_to`: from today to `MAX_MONTHS` ahead.
fn within_period(valid_to: NaiveDate, today: NaiveDate) -> bool {
    let latest = today
        .checked_add_months(Months::new(MAX_MONTHS))
        .unwrap_or(today);
    today <= valid_to && valid_to <= latest
}

/// The delegate's fiscal code and the end date as typed (fields `delegato`, `valida_fino`),
/// each error on its field in the reader's language.
pub fn read_delegate(
    lang: Lang,
    delegate: &str,
    until: &str,
    errors: &mut FormErrors,
) -> Option<(FiscalCode, NaiveDate)> {
    let t = lang.t();
    let delegate = FiscalCode::parse(delegate)
        .map_err(|e| errors.push("delegato", t.fiscal_code_error(e)))
        .ok();
    let until = Lang::parse_date(until);
    if until.is_none() {
        errors.push("valida_fino", t.citizen.ci_err_date);
    }
    delegate.zip(until)
}

const SELECT: &str = "select id, delegator, delegate, kind, valid_from, valid_to, document_ref, \
                      revoked_at from delegations";

/// The date of birth of the holder of `code`: the registry's, else the code's.
async fn birth_date(
    db: &Db,
    code: &FiscalCode,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let known: Option<(Option<NaiveDate>,)> = on_read!(db, pool => {
        sqlx::query_as("select birth_date from citizens where fiscal_code = $1")
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?
    });
    Ok(known.and_then(|(d,)| d).or_else(|| code.birth_date(today)))
}

async fn is_adult(db: &Db, code: &FiscalCode, today: NaiveDate) -> Result<bool, sqlx::Error> {
    if code.kind() != FiscalCodeKind::Personal {
        // STP and ENI codes carry no date of birth; the registry may know it.
        let known = birth_date(db, code, today).await?;
        return Ok(known.is_some_and(|b| FiscalCode::age_on(b, today) >= 18));
    }
    Ok(birth_date(db, code, today)
        .await?
        .is_some_and(|b| FiscalCode::age_on(b, today) >= 18))
}

/// What a new delegation would be, checked; the caller writes it with `insert`.
pub struct Grant {
    pub delegator: FiscalCode,
    pub delegate: FiscalCode,
    pub kind: Kind,
    pub valid_to: NaiveDate,
    pub document_ref: Option<String>,
}

impl Grant {
    /// An adult names a delegate until `valid_to` (at most `MAX_MONTHS` ahead).
    pub async fn adult(
        db: &Db,
        delegator: FiscalCode,
        delegate: FiscalCode,
        valid_to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Result<Grant, Refusal>, sqlx::Error> {
        if delegator == delegate {
            return Ok(Err(Refusal::Oneself));
        }
        if !is_adult(db, &delegator, today).await? {
            return Ok(Err(Refusal::DelegatorMinor));
        }
        if !is_adult(db, &delegate, today).await? {
            return Ok(Err(Refusal::DelegateNotAdult));
        }
        if !within_period(valid_to, today) {
            return Ok(Err(Refusal::BadPeriod));
        }
        Ok(Ok(Grant {
            delegator,
            delegate,
            kind: Kind::Adult,
            valid_to,
            document_ref: None,
        }))
    }

    /// A parent or guardian (the delegate, signed in) declares they act for a minor (the
    /// delegator), until the day before the minor's 18th birthday.
    pub async fn guardian(
        db: &Db,
        guardian: FiscalCode,
        minor: FiscalCode,
        today: NaiveDate,
    ) -> Result<Result<Grant, Refusal>, sqlx::Error> {
        if guardian == minor {
            return Ok(Err(Refusal::Oneself));
        }
        if !is_adult(db, &guardian, today).await? {
            return Ok(Err(Refusal::DelegateNotAdult));
        }
        let Some(born) = birth_date(db, &minor, today).await? else {
            return Ok(Err(Refusal::NotAMinor));
        };
        if FiscalCode::age_on(born, today) >= 18 {
            return Ok(Err(Refusal::NotAMinor));
        }
        let eighteenth = NaiveDate::from_ymd_opt(born.year() + 18, born.month(), born.day())
            // 29 February: the 18th birthday is 1 March.
            .or_else(|| NaiveDate::from_ymd_opt(born.year() + 18, 3, 1))
            .unwrap_or(today);
        Ok(Ok(Grant {
            delegator: minor,
            delegate: guardian,
            kind: Kind::Guardian,
            valid_to: eighteenth.pred_opt().unwrap_or(today),
            document_ref: None,
        }))
    }

    /// An operator registers a delegation presented on paper.
    pub async fn paper(
        db: &Db,
        delegator: FiscalCode,
        delegate: FiscalCode,
        valid_to: NaiveDate,
        document_ref: &str,
        today: NaiveDate,
    ) -> Result<Result<Grant, Refusal>, sqlx::Error> {
        // One line, no control characters (a NUL is not a reference).
        let document_ref = crate::text::one_line(document_ref);
        if document_ref.is_empty() || document_ref.chars().count() > MAX_DOCUMENT_REF {
            return Ok(Err(Refusal::NoDocument));
        }
        if delegator == delegate {
            return Ok(Err(Refusal::Oneself));
        }
        if !is_adult(db, &delegate, today).await? {
            return Ok(Err(Refusal::DelegateNotAdult));
        }
        if !within_period(valid_to, today) {
            return Ok(Err(Refusal::BadPeriod));
        }
        Ok(Ok(Grant {
            delegator,
            delegate,
            kind: Kind::Paper,
            valid_to,
            document_ref: Some(document_ref),
        }))
    }

    /// Writes the delegation (a live one for the same pair is replaced: revoked in the same
    /// transaction) and its audit entry. `staff_id`: the operator of a paper delegation.
    pub async fn insert(
        self,
        db: &Db,
        staff_id: Option<i64>,
        today: NaiveDate,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        db.transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    sqlx::query(
                        "update delegations set revoked_at = $3, revoked_by_staff = $4 \
                         where delegator = $1 and delegate = $2 and revoked_at is null",
                    )
                    .bind(self.delegator.as_str())
                    .bind(self.delegate.as_str())
                    .bind(now)
                    .bind(staff_id)
                    .execute(&mut *c)
                    .await?;
                    let id: i64 = sqlx::query_scalar(
                        "insert into delegations (delegator, delegate, kind, valid_from, valid_to, \
                         document_ref, created_at, created_by_staff) \
                         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
                    )
                    .bind(self.delegator.as_str())
                    .bind(self.delegate.as_str())
                    .bind(self.kind.as_str())
                    .bind(today)
                    .bind(self.valid_to)
                    .bind(self.document_ref.as_deref())
                    .bind(now)
                    .bind(staff_id)
                    .fetch_one(&mut *c)
                    .await?;
                    let actor = match staff_id {
                        Some(id) => Actor::Staff { id },
                        None => Actor::Citizen(Channel::Web),
                    };
                    let action = match self.kind {
                        Kind::Adult => "delegation.granted",
                        Kind::Guardian => "delegation.guardian_declared",
                        Kind::Paper => "delegation.registered",
                    };
                    audit::record(
                        Conn::from(&mut *c),
                        actor,
                        action,
                        Some(self.delegator.as_str()),
                        self.document_ref.as_deref(),
                        &format!("delegation {id}"),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
        })
        .await
    }
}

/// Who revokes.
#[derive(Clone, Copy, Debug)]
pub enum Revoker<'a> {
    /// The delegator or the delegate, signed in (either may end it).
    Citizen(&'a FiscalCode),
    /// A member of staff serving the delegator or the delegate (a revocation on paper).
    Staff { id: i64, serving: &'a str },
}

/// Revokes delegation `id` if `by` may (a party to it, or staff serving a party); audited.
/// False if there was nothing to revoke.
pub async fn revoke(db: &Db, id: i64, by: Revoker<'_>, now: i64) -> Result<bool, sqlx::Error> {
    let (party, staff_id) = match by {
        Revoker::Citizen(code) => (code.as_str().to_owned(), None),
        Revoker::Staff { id, serving } => (serving.to_owned(), Some(id)),
    };
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                let delegator: Option<String> = sqlx::query_scalar(
                    "update delegations set revoked_at = $2, revoked_by_staff = $3 \
                     where id = $1 and revoked_at is null and (delegator = $4 or delegate = $4) \
                     returning delegator",
                )
                .bind(id)
                .bind(now)
                .bind(staff_id)
                .bind(&party)
                .fetch_optional(&mut *c)
                .await?;
                let Some(delegator) = delegator else {
                    return Ok(false);
                };
                let actor = match staff_id {
                    Some(id) => Actor::Staff { id },
                    None => Actor::Citizen(Channel::Web),
                };
                audit::record(
                    Conn::from(&mut *c),
                    actor,
                    "delegation.revoked",
                    Some(&delegator),
                    None,
                    &format!("delegation {id}"),
                    now,
                )
                .await?;
                Ok(true)
            })
        })
    })
    .await
}

/// The delegations `code` has given (newest first; revoked ones of the last year too).
pub async fn given_by(db: &Db, code: &str) -> Result<Vec<Delegation>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where delegator = $1 order by id desc limit 50"))
            .bind(code)
            .fetch_all(pool)
            .await
    })
}

/// The delegations `code` holds and may act under today.
pub async fn held_by(
    db: &Db,
    code: &str,
    today: NaiveDate,
) -> Result<Vec<Delegation>, sqlx::Error> {
    let all: Vec<Delegation> = on_read!(db, pool => {
        sqlx::query_as(&format!(
            "{SELECT} where delegate = $1 and revoked_at is null order by id desc limit 50"
        ))
        .bind(code)
        .fetch_all(pool)
        .await?
    });
    Ok(all.into_iter().filter(|d| d.is_live(today)).collect())
}

/// The live delegation under which `delegate` may act for `holder` today, if any.
pub async fn acting_for(
    db: &Db,
    delegate: &str,
    holder: &str,
    today: NaiveDate,
) -> Result<Option<i64>, sqlx::Error> {
    let found: Option<Delegation> = on_read!(db, pool => {
        sqlx::query_as(&format!(
            "{SELECT} where delegate = $1 and delegator = $2 and revoked_at is null"
        ))
        .bind(delegate)
        .bind(holder)
        .fetch_optional(pool)
        .await?
    });
    Ok(found.filter(|d| d.is_live(today)).map(|d| d.id))
}

/// What was done for `holder` under delegations: (when, action, delegate), newest first.
pub async fn done_for(db: &Db, holder: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select a.at, a.action, d.delegate from audit_log a \
             join delegations d on d.id = a.delegation_id \
             where a.fiscal_code = $1 and a.delegation_id is not null \
             order by a.at desc, a.id desc limit 50",
        )
        .bind(holder)
        .fetch_all(pool)
        .await
    })
}

/// Who acted on booking `booking_id` under a delegation: (when, action, delegate), oldest first.
pub async fn acted_on_booking(
    db: &Db,
    booking_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select a.at, a.action, d.delegate from audit_log a \
             join delegations d on d.id = a.delegation_id \
             where a.booking_id = $1 order by a.at, a.id",
        )
        .bind(booking_id)
        .fetch_all(pool)
        .await
    })
}
