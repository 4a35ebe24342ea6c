//! SQLite's own limit on this machine, for `end2end/bench/dblimit.sh`: a plain insert loop in
//! the given database file with Cupola's settings (WAL, `synchronous=FULL`), committed in groups
//! as Cupola's writer commits its batches: rows made durable per second.
//!
//!   cargo run --release --example sqlite_loop -- FILE [GROUP] [SECONDS]
//!
//! The rows go to a table of their own (`bench_insert_loop`, dropped at the end), each row about
//! the size of a booking row.

use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("FILE");
    let group: usize = args.next().map_or(Ok(128), |g| g.parse())?;
    let seconds: f64 = args.next().map_or(Ok(10.0), |s| s.parse())?;
    let mut conn = SqliteConnectOptions::from_str(&format!("sqlite://{file}"))?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await?;
    sqlx::query(
        "create table if not exists bench_insert_loop (id integer primary key, slot_id integer \
         not null, prescription_id integer not null, code text not null, created_at integer \
         not null)",
    )
    .execute(&mut conn)
    .await?;
    let started = Instant::now();
    let mut rows = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        let mut tx = conn.begin().await?;
        for _ in 0..group {
            rows += 1;
            sqlx::query(
                "insert into bench_insert_loop (slot_id, prescription_id, code, created_at) \
                 values ($1, $2, $3, $4)",
            )
            .bind(rows as i64)
            .bind(rows as i64)
            .bind(format!("BENCH{rows:010}"))
            .bind(started.elapsed().as_secs() as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    sqlx::query("drop table bench_insert_loop")
        .execute(&mut conn)
        .await?;
    println!("@ sqlite_loop.group={group}");
    println!("@ sqlite_loop.rows={rows}");
    println!("@ sqlite_loop.per_s={:.0}", rows as f64 / elapsed);
    Ok(())
}
