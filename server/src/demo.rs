//! `cupola demo prescriptions`: unbooked demo prescriptions, for manual trials and load tests;
//! `cupola demo waiting`: one of them on the waiting list, for trying offers.
//! Prescriptions of the README's cast are never handed out, so the README stays true.

use app::domain::{Nre, PriorityClass, ServiceKind};
use chrono::{Days, NaiveDate};
use rand::Rng;

use crate::db::{Db, on_conn, on_read};
use crate::seed;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoPrescription {
    pub fiscal_code: String,
    pub nre: String,
    pub service_code: String,
    pub priority: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("no service with code {0} in the catalogue")]
    UnknownService(String),
    #[error("no open prescription with that NRE")]
    UnknownPrescription,
    #[error("the database has no demo citizens: run `cupola seed` first")]
    NotSeeded,
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct Candidate {
    fiscal_code: String,
    nre: String,
    service_code: String,
    priority: String,
}

/// Up to `count` unbooked, unexpired prescriptions matching the filters, creating new ones for
/// random demo citizens when there are not enough.
pub async fn prescriptions(
    db: &Db,
    count: usize,
    service: Option<&str>,
    priority: Option<PriorityClass>,
) -> Result<Vec<DemoPrescription>, DemoError> {
    let today = seed::today();
    let services: Vec<(i64, String, String)> = on_read!(db, pool => {
        sqlx::query_as("select id, code, kind from services order by id").fetch_all(pool).await?
    });
    let wanted_service = match service {
        Some(code) => Some(
            services
                .iter()
                .find(|(_, c, _)| c.eq_ignore_ascii_case(code))
                .ok_or_else(|| DemoError::UnknownService(code.to_owned()))?
                .clone(),
        ),
        None => None,
    };
    // The oldest prescription date still in time for each class (and kind, for D).
    let since = |class: PriorityClass, kind: ServiceKind| -> NaiveDate {
        today - Days::new(u64::from(class.max_wait_days(kind)))
    };
    use PriorityClass::*;
    use ServiceKind::*;
    let limit = i64::try_from(count).unwrap_or(i64::MAX);
    let mut found: Vec<DemoPrescription> = on_read!(db, pool => {
        sqlx::query_as::<_, Candidate>(
            "select p.fiscal_code, p.nre, s.code as service_code, p.priority
             from prescriptions p join services s on s.id = p.service_id
             where p.status = 'valid'
               and p.nre not like '090A%'
               and (cast($1 as text) is null or s.code = $1)
               and (cast($2 as text) is null or p.priority = $2)
               and p.prescribed_on >= case p.priority
                     when 'U' then $3 when 'B' then $4
                     when 'D' then (case s.kind when 'visit' then $5 else $6 end)
                     else $7 end
               and not exists (select 1 from bookings b
                               where b.prescription_id = p.id and b.status <> 'cancelled')
               and not exists (select 1 from waiting_list w
                               where w.prescription_id = p.id and w.status in ('waiting', 'offered'))
               and not exists (select 1 from holds h where h.prescription_id = p.id)
             order by p.id
             limit $8",
        )
        .bind(wanted_service.as_ref().map(|(_, code, _)| code.clone()))
        .bind(priority.map(|p| p.as_str()))
        .bind(since(U, Visit))
        .bind(since(B, Visit))
        .bind(since(D, Visit))
        .bind(since(D, Exam))
        .bind(since(P, Visit))
        .bind(limit)
        .fetch_all(pool)
        .await?
    })
    .into_iter()
    .map(|c| DemoPrescription {
        fiscal_code: c.fiscal_code,
        nre: c.nre,
        service_code: c.service_code,
        priority: c.priority,
    })
    .collect();

    if found.len() < count {
        let missing = count - found.len();
        found.extend(create(db, missing, wanted_service, &services, priority, today).await?);
    }
    Ok(found)
}

/// Creates `count` new prescriptions (NRE batch D) for random existing demo citizens.
async fn create(
    db: &Db,
    count: usize,
    service: Option<(i64, String, String)>,
    services: &[(i64, String, String)],
    priority: Option<PriorityClass>,
    today: NaiveDate,
) -> Result<Vec<DemoPrescription>, DemoError> {
    let (max_citizen, last_nre): (Option<i64>, Option<String>) = on_read!(db, pool => {
        sqlx::query_as(
            "select (select max(id) from citizens), \
                    (select max(nre) from prescriptions where nre like '090D%')",
        )
        .fetch_one(pool)
        .await?
    });
    let max_citizen = max_citizen.ok_or(DemoError::NotSeeded)?;
    if services.is_empty() {
        return Err(DemoError::NotSeeded);
    }
    let mut serial = last_nre
        .as_deref()
        .and_then(|nre| nre.get(4..))
        .and_then(|digits| digits.parse::<u64>().ok())
        .unwrap_or(0);
    let now = crate::db::now_unix();
    // Random choices are made up front: the transaction runs on the database's writer.
    let mut rng = rand::rng();
    let mut planned = Vec::with_capacity(count);
    for _ in 0..count {
        serial += 1;
        let Some(nre) = Nre::tuscan('D', serial) else {
            break;
        };
        let (service_id, service_code, _) = service
            .clone()
            .unwrap_or_else(|| services[rng.random_range(0..services.len())].clone());
        let class = priority.unwrap_or_else(|| PriorityClass::ALL[rng.random_range(1..4)]);
        // A random existing citizen (ids are dense: the seed numbers them from 1).
        let citizen_id = rng.random_range(1..=max_citizen);
        planned.push((nre, service_id, service_code, class, citizen_id));
    }
    db.transact(move |conn| {
        Box::pin(async move {
            let mut created = Vec::with_capacity(planned.len());
            on_conn!(conn, c => {
            for (nre, service_id, service_code, class, citizen_id) in planned {
                let fiscal_code: String = {
                    sqlx::query_scalar(
                        "insert into prescriptions (nre, fiscal_code, service_id, priority, \
                         prescribed_on, status, created_at) \
                         select $1, fiscal_code, $2, $3, $4, 'valid', $5 from citizens where id = $6 \
                         returning fiscal_code",
                    )
                    .bind(nre.as_str())
                    .bind(service_id)
                    .bind(class.as_str())
                    .bind(today)
                    .bind(now)
                    .bind(citizen_id)
                    .fetch_one(&mut *c)
                    .await?
                };
                created.push(DemoPrescription {
                    fiscal_code,
                    nre: nre.as_str().to_owned(),
                    service_code,
                    priority: class.as_str().to_owned(),
                });
            }
            });
            Ok(created)
        })
    })
    .await
}

/// Puts the prescription `nre` on the waiting list until `deadline` (anywhere in the region),
/// and records `email` as its citizen's address, where offers are sent.
pub async fn waiting(
    db: &Db,
    nre: &str,
    deadline: NaiveDate,
    email: &str,
) -> Result<(), DemoError> {
    let now = crate::db::now_unix();
    let (nre, email) = (nre.to_owned(), email.to_owned());
    let found: bool = db
        .transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    let updated = sqlx::query(
                        "update citizens set email = $2 where fiscal_code = \
                         (select fiscal_code from prescriptions where nre = $1 and status = 'valid')",
                    )
                    .bind(&nre)
                    .bind(&email)
                    .execute(&mut *c)
                    .await?;
                    if updated.rows_affected() == 0 {
                        return Ok::<bool, sqlx::Error>(false);
                    }
                    sqlx::query(
                        "insert into waiting_list (prescription_id, service_id, area_id, priority, \
                         deadline, status, channel, created_at, updated_at) \
                         select id, service_id, null, priority, $2, 'waiting', 'web', $3, $3 \
                         from prescriptions where nre = $1",
                    )
                    .bind(&nre)
                    .bind(deadline)
                    .bind(now)
                    .execute(&mut *c)
                    .await?;
                    Ok(true)
                })
            })
        })
        .await?;
    if found {
        Ok(())
    } else {
        Err(DemoError::UnknownPrescription)
    }
}
