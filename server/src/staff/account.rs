//! Members of staff and how they prove who they are: argon2id passwords (hashed off the async
//! threads), with repeated failures locking the account for a while.

use app::domain::Role;

use crate::auth;
use crate::db::{Db, on_conn, on_read};

/// Failed sign-ins in a row before the account is locked.
pub const MAX_FAILURES: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_SECONDS: i64 = 15 * 60;

#[derive(Clone, Debug)]
pub struct Staff {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("wrong username or password")]
    Wrong,
    #[error("account locked until {until}")]
    Locked { until: i64 },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] auth::PasswordError),
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    password_hash: String,
    active: bool,
    failed_logins: i64,
    locked_until: Option<i64>,
}

/// A hash of a password nobody knows, checked for unknown usernames too, so that the answer takes
/// as long whether the username exists or not.
async fn decoy_hash() -> Result<String, auth::PasswordError> {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_try_init(|| auth::hash_password(crate::secrets::random_token()))
        .await
        .cloned()
}

/// Checks a username and password, counting failures and locking the account after too many.
pub async fn authenticate(
    db: &Db,
    username: &str,
    password: &str,
    now: i64,
) -> Result<Staff, LoginError> {
    // No username has a NUL, which PostgreSQL refuses in any text (an error, not "unknown"):
    // the same answer, and the same work, as for any other unknown name.
    let username = username.trim().to_lowercase().replace('\0', "\u{fffd}");
    let row: Option<Row> = on_read!(db, pool => {
        sqlx::query_as(
            "select id, username, display_name, role, password_hash, active, failed_logins, \
             locked_until from staff where username = $1",
        )
        .bind(&username)
        .fetch_optional(pool)
        .await?
    });
    let Some(row) = row.filter(|r| r.active) else {
        let _ = auth::verify_password(password.to_owned(), decoy_hash().await?).await;
        return Err(LoginError::Wrong);
    };
    if let Some(until) = row.locked_until.filter(|until| *until > now) {
        return Err(LoginError::Locked { until });
    }
    let good = auth::verify_password(password.to_owned(), row.password_hash.clone()).await?;
    let id = row.id;
    if good {
        db.transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    sqlx::query("update staff set failed_logins = 0, locked_until = null where id = $1")
                        .bind(id)
                        .execute(&mut *c)
                        .await
                        .map(drop)
                })
            })
        })
        .await?;
        return Ok(Staff {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: Role::parse(&row.role).ok_or(LoginError::Wrong)?,
        });
    }
    let failures = row.failed_logins + 1;
    let locked_until = (failures >= MAX_FAILURES).then_some(now + LOCK_SECONDS);
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                sqlx::query("update staff set failed_logins = $2, locked_until = $3 where id = $1")
                    .bind(id)
                    .bind(if locked_until.is_some() { 0 } else { failures })
                    .bind(locked_until)
                    .execute(&mut *c)
                    .await
                    .map(drop)
            })
        })
    })
    .await?;
    tracing::warn!(staff.id = id, "failed staff sign-in");
    match locked_until {
        Some(until) => Err(LoginError::Locked { until }),
        None => Err(LoginError::Wrong),
    }
}

/// The member of staff with this id, if still active.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Staff>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = on_read!(db, pool => {
        sqlx::query_as(
            "select id, username, display_name, role from staff where id = $1 and active",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.and_then(|(id, username, display_name, role)| {
        Some(Staff {
            id,
            username,
            display_name,
            role: Role::parse(&role)?,
        })
    }))
}
