//! The demo region: deterministic, the same on both backends, realistic, and valid throughout.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use app::domain::{BookingCode, FiscalCode, Nre};
use chrono::NaiveDate;
use server::db::Db;
use server::seed::{self, Scale, SeedError};

use crate::common::{Backend, TestDb, enabled};
use crate::on_both_backends;

async fn strings(db: &Db, sql: &str) -> Vec<String> {
    match db {
        Db::Sqlite(s) => sqlx::query_scalar(sql).fetch_all(&s.read).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(&p.citizens).await,
    }
    .expect("query")
}

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(s) => sqlx::query_scalar(sql).fetch_one(&s.read).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(&p.citizens).await,
    }
    .expect("query")
}

/// A fingerprint of everything generated, written so both backends print it the same way.
async fn digest(db: &Db) -> u64 {
    let mut hasher = DefaultHasher::new();
    for sql in [
        "select cast(id as text) || '|' || cast(agenda_id as text) || '|' || cast(starts_at as text) \
         || '|' || coalesce(reserved_channel, '-') || '|' || coalesce(reserved_priority, '-') \
         from slots order by id",
        "select code || '|' || cast(slot_id as text) || '|' || status || '|' || channel \
         || '|' || cast(created_at as text) from bookings order by id",
        "select nre || '|' || fiscal_code || '|' || priority || '|' || cast(prescribed_on as text) \
         from prescriptions order by id",
        "select fiscal_code || '|' || given_name || '|' || family_name from citizens order by id",
    ] {
        strings(db, sql).await.hash(&mut hasher);
    }
    hasher.finish()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_anchor_gives_the_same_region_on_every_run_and_backend() {
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date");
    let mut digests = Vec::new();
    let mut backends = vec![Backend::Sqlite, Backend::Sqlite];
    if enabled(Backend::Postgres) {
        backends.push(Backend::Postgres);
    }
    for backend in backends {
        let t = TestDb::new(backend).await;
        seed::seed(&t.db, Scale::Tiny, anchor).await.expect("seed");
        digests.push((backend, digest(&t.db).await));
    }
    let first = digests[0].1;
    for (backend, d) in &digests {
        assert_eq!(*d, first, "{backend:?} differs");
    }
    // And a different anchor gives a different calendar.
    let t = TestDb::new(Backend::Sqlite).await;
    seed::seed(&t.db, Scale::Tiny, anchor + chrono::Days::new(1))
        .await
        .expect("seed");
    assert_ne!(digest(&t.db).await, first);
}

on_both_backends! {
    async fn an_existing_region_is_never_seeded_over(backend) {
        let t = TestDb::seeded(backend).await;
        let again = seed::seed(&t.db, Scale::Tiny, seed::today()).await;
        assert!(matches!(again, Err(SeedError::AlreadySeeded)), "{again:?}");
    }

    async fn the_demo_region_is_realistic_and_valid(backend) {
        let t = TestDb::new(backend).await;
        let report = seed::seed(&t.db, Scale::Demo, seed::today()).await.expect("seed");
        let db = &t.db;
        assert!(report.facilities >= 40, "{report:?}");
        assert!(report.services >= 60, "{report:?}");
        assert!(report.slots >= 100_000, "{report:?}");

        // Three local health authorities and the university hospitals.
        assert_eq!(count(db, "select count(*) from health_authorities where kind = 'usl'").await, 3);
        assert!(count(db, "select count(*) from health_authorities where kind = 'aou'").await >= 3);
        let towns: HashSet<String> = strings(db, "select distinct town from facilities").await.into_iter().collect();
        for town in ["Firenze", "Prato", "Pistoia", "Empoli", "Pisa", "Livorno", "Lucca", "Massa",
                     "Siena", "Arezzo", "Grosseto"] {
            assert!(towns.contains(town), "no facility in {town}");
        }
        // Visits and exams, across disciplines.
        assert!(count(db, "select count(*) from services where kind = 'visit'").await >= 20);
        assert!(count(db, "select count(*) from services where kind = 'exam'").await >= 30);
        assert!(count(db, "select count(distinct discipline) from services").await >= 12);

        // A mix of full and free slots in the coming weeks, every day of the week but Sunday.
        let now = chrono::Utc::now().timestamp();
        let future = count(db, &format!("select count(*) from slots where starts_at > {now}")).await;
        let booked = count(db, &format!(
            "select count(*) from slots s join bookings b on b.slot_id = s.id \
             where s.starts_at > {now} and b.status <> 'cancelled'")).await;
        let share = booked as f64 / future as f64;
        assert!((0.2..0.8).contains(&share), "booked share of future slots {share}");
        assert!(count(db, "select count(*) from slots where reserved_channel = 'operator'").await > 0);
        assert!(count(db, "select count(*) from slots where reserved_channel = 'kiosk'").await > 0);
        assert!(count(db, "select count(*) from slots where reserved_priority = 'B'").await > 0);

        // Every stored code is valid by the rules the portal applies to what people type.
        for code in strings(db, "select fiscal_code from citizens").await {
            assert!(FiscalCode::parse(&code).is_ok(), "invalid fiscal code in the demo data");
        }
        for nre in strings(db, "select nre from prescriptions").await {
            assert!(Nre::parse(&nre).is_ok_and(|n| n.is_tuscan()), "invalid NRE in the demo data");
        }
        for code in strings(db, "select code from bookings").await {
            assert!(BookingCode::parse(&code).is_ok(), "invalid booking code in the demo data");
        }

        // Unbooked prescriptions at every priority class, and the README's cast.
        for class in ["U", "B", "D", "P"] {
            let open = count(db, &format!(
                "select count(*) from prescriptions p where p.priority = '{class}' and not exists \
                 (select 1 from bookings b where b.prescription_id = p.id and b.status <> 'cancelled')")).await;
            assert!(open > 0, "no open {class} prescription");
        }
        assert_eq!(count(db, "select count(*) from prescriptions where nre like '090A%'").await, 17);
        assert_eq!(count(db, "select count(*) from bookings b join prescriptions p on p.id = b.prescription_id \
                              where p.nre = '090A00000000106'").await, 1);
        let roles = strings(db, "select distinct role from staff order by role").await;
        assert_eq!(roles, ["admin", "operator", "supervisor"]);
        assert!(count(db, "select count(*) from waiting_list where status = 'waiting'").await > 0);
    }
}
