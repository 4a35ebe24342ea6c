//! Members of staff and how they prove who they are: argon2id passwords (hashed off the async
//! threads), with repeated failures locking the account for a while. The lock is counted in
//! the database, atomically, before a password is checked (`TAKE_A_TRY`), and every refusal
//! looks and takes the same, whatever its reason.

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
    /// The facility whose desk an operator works at (marks visits attended or missed).
    pub facility_id: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// A wrong password, an unknown or inactive username, or a locked account: one answer, in
    /// the same time, so that nobody learns which usernames exist or which accounts are locked.
    #[error("wrong username or password, or account locked")]
    Refused,
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
    facility_id: Option<i64>,
}

/// A hash of a password nobody knows, checked when no password of an account may be checked
/// (an unknown or inactive username, a locked account), so that every refusal takes as long.
pub async fn decoy_hash() -> Result<String, auth::PasswordError> {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_try_init(|| auth::hash_password(crate::secrets::random_token()))
        .await
        .cloned()
}

/// Takes one of the account's tries before its password is checked, in one statement: the
/// failure counter goes up (and the account locks on the last allowed try) only while the
/// account is not locked and has tries left. The database serialises these updates, so however
/// many sign-ins arrive at once, at most `MAX_FAILURES` passwords are checked before the lock;
/// a right password then gives the tries back. An expired lock starts the count again.
const TAKE_A_TRY: &str = "update staff set \
     failed_logins = case when locked_until <= $2 then 1 else failed_logins + 1 end, \
     locked_until = case when (case when locked_until <= $2 then 1 else failed_logins + 1 end) >= $3 \
         then $2 + $4 else null end \
     where username = $1 and active \
       and (locked_until <= $2 or (locked_until is null and failed_logins < $3)) \
     returning id, username, display_name, role, password_hash, facility_id";

/// How a sign-in went, for the audit (never shown to the person signing in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    SignedIn,
    WrongPassword,
    /// No try left (locked), inactive, or no such account: no password of any account checked.
    NotChecked,
}

/// Checks a username and password. Every attempt leaves an audit entry (`staff.signed_in`,
/// `staff.sign_in_failed`; the password never, the username only as the account it names).
pub async fn authenticate(
    db: &Db,
    username: &str,
    password: &str,
    now: i64,
) -> Result<Staff, LoginError> {
    // No username has a NUL, which PostgreSQL refuses in any text (an error, not "unknown"):
    // the same answer, and the same work, as for any other unknown name.
    let username = username.trim().to_lowercase().replace('\0', "\u{fffd}");
    let taken = {
        let username = username.clone();
        db.transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, c => {
                    sqlx::query_as::<_, Row>(TAKE_A_TRY)
                        .bind(&username)
                        .bind(now)
                        .bind(MAX_FAILURES)
                        .bind(LOCK_SECONDS)
                        .fetch_optional(&mut *c)
                        .await
                })
            })
        })
        .await?
    };
    let (outcome, staff) = match taken {
        Some(row) => {
            let good = auth::verify_password(password.to_owned(), row.password_hash).await?;
            match Role::parse(&row.role).filter(|_| good) {
                Some(role) => (
                    Outcome::SignedIn,
                    Some(Staff {
                        id: row.id,
                        username: row.username,
                        display_name: row.display_name,
                        role,
                        facility_id: row.facility_id,
                    }),
                ),
                None => (Outcome::WrongPassword, None),
            }
        }
        None => {
            let _ = auth::verify_password(password.to_owned(), decoy_hash().await?).await;
            (Outcome::NotChecked, None)
        }
    };
    record(db, &username, outcome, now).await?;
    match staff {
        Some(staff) => Ok(staff),
        None => {
            tracing::warn!("failed staff sign-in");
            Err(LoginError::Refused)
        }
    }
}

/// The audit entry of a sign-in (with, when it was right, the failure counter cleared), in one
/// transaction. An attempt at a username that names no account is recorded without it (it may
/// be a password typed in the wrong field).
async fn record(db: &Db, username: &str, outcome: Outcome, now: i64) -> Result<(), sqlx::Error> {
    let username = username.to_owned();
    let (action, detail) = match outcome {
        Outcome::SignedIn => ("staff.signed_in", ""),
        Outcome::WrongPassword => ("staff.sign_in_failed", "wrong password"),
        Outcome::NotChecked => ("staff.sign_in_failed", "account locked or inactive"),
    };
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                if outcome == Outcome::SignedIn {
                    sqlx::query(
                        "update staff set failed_logins = 0, locked_until = null where username = $1",
                    )
                    .bind(&username)
                    .execute(&mut *c)
                    .await?;
                }
                sqlx::query(
                    "insert into audit_log (at, actor, staff_id, channel, action, detail) \
                     select $1, case when s.id is null then 'system' else 'staff' end, s.id, \
                     'operator', $2, case when s.id is null then 'no such account' else $3 end \
                     from (select 1 as one) o left join staff s on s.username = $4",
                )
                .bind(now)
                .bind(action)
                .bind(detail)
                .bind(&username)
                .execute(&mut *c)
                .await
                .map(drop)
            })
        })
    })
    .await
}

/// The member of staff with this id, if still active.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Staff>, sqlx::Error> {
    let row: Option<(i64, String, String, String, Option<i64>)> = on_read!(db, pool => {
        sqlx::query_as(
            "select id, username, display_name, role, facility_id from staff \
             where id = $1 and active",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    });
    Ok(
        row.and_then(|(id, username, display_name, role, facility_id)| {
            Some(Staff {
                id,
                username,
                display_name,
                role: Role::parse(&role)?,
                facility_id,
            })
        }),
    )
}
