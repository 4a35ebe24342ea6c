//! The database itself holds the invariants, whatever the application code does: these tests
//! write straight SQL and expect the database to refuse what would corrupt bookings.

use server::db::Db;

use crate::common::TestDb;
use crate::on_both_backends;

/// Runs one statement on the write side and reports whether the database accepted it.
async fn accepts(db: &Db, sql: &str) -> bool {
    let result = match db {
        Db::Sqlite(s) => sqlx::query(sql).execute(&s.write).await.map(drop),
        Db::Postgres(p) => sqlx::query(sql).execute(&p.citizens).await.map(drop),
    };
    if let Err(err) = &result {
        eprintln!("refused as expected? {err}");
    }
    result.is_ok()
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(s) => sqlx::query_scalar(sql).fetch_one(&s.read).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(&p.citizens).await,
    }
    .expect("scalar query")
}

/// A free future slot and two unbooked prescriptions for its service.
struct Fixture {
    slot: i64,
    other_slot: i64,
    prescription: i64,
    other_prescription: i64,
}

async fn fixture(db: &Db) -> Fixture {
    let free_slot = "select s.id from slots s where s.starts_at > 0 \
         and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled') \
         order by s.id";
    let slot = scalar(db, &format!("{free_slot} limit 1")).await;
    let other_slot = scalar(db, &format!("{free_slot} limit 1 offset 1")).await;
    let open = "select p.id from prescriptions p where not exists \
         (select 1 from bookings b where b.prescription_id = p.id) order by p.id";
    let prescription = scalar(db, &format!("{open} limit 1")).await;
    let other_prescription = scalar(db, &format!("{open} limit 1 offset 1")).await;
    Fixture {
        slot,
        other_slot,
        prescription,
        other_prescription,
    }
}

fn booking(code: &str, slot: i64, prescription: i64, status: &str) -> String {
    let cancelled_at = if status == "cancelled" { "1" } else { "null" };
    format!(
        "insert into bookings (code, slot_id, prescription_id, channel, status, created_at, \
         updated_at, cancelled_at) values ('{code}', {slot}, {prescription}, 'web', '{status}', 1, 1, \
         {cancelled_at})"
    )
}

on_both_backends! {
    async fn a_slot_holds_at_most_one_active_booking(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(accepts(&t.db, &booking("AAAAAAAAA2", f.slot, f.prescription, "confirmed")).await);
        assert!(!accepts(&t.db, &booking("AAAAAAAAA3", f.slot, f.other_prescription, "confirmed")).await);
    }

    async fn a_cancelled_booking_frees_its_slot(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(accepts(&t.db, &booking("AAAAAAAAA2", f.slot, f.prescription, "cancelled")).await);
        assert!(accepts(&t.db, &booking("AAAAAAAAA3", f.slot, f.other_prescription, "confirmed")).await);
    }

    async fn a_prescription_books_at_most_once(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(accepts(&t.db, &booking("AAAAAAAAA2", f.slot, f.prescription, "confirmed")).await);
        assert!(!accepts(&t.db, &booking("AAAAAAAAA3", f.other_slot, f.prescription, "confirmed")).await);
    }

    async fn booking_codes_are_unique(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(accepts(&t.db, &booking("AAAAAAAAA2", f.slot, f.prescription, "confirmed")).await);
        assert!(!accepts(&t.db, &booking("AAAAAAAAA2", f.other_slot, f.other_prescription, "confirmed")).await);
    }

    async fn unknown_statuses_and_inconsistent_cancellations_are_refused(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(!accepts(&t.db, &booking("AAAAAAAAA2", f.slot, f.prescription, "maybe")).await);
        // Cancelled without a cancellation time.
        let sql = booking("AAAAAAAAA2", f.slot, f.prescription, "confirmed")
            .replace("'confirmed'", "'cancelled'");
        assert!(!accepts(&t.db, &sql).await);
    }

    async fn bookings_must_point_at_real_slots_and_prescriptions(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        assert!(!accepts(&t.db, &booking("AAAAAAAAA2", 999_999_999, f.prescription, "confirmed")).await);
        assert!(!accepts(&t.db, &booking("AAAAAAAAA2", f.slot, 999_999_999, "confirmed")).await);
    }

    async fn a_slot_cannot_disagree_with_its_agenda(backend) {
        let t = TestDb::seeded(backend).await;
        let (agenda, service, facility) = (
            scalar(&t.db, "select id from agendas order by id limit 1").await,
            scalar(&t.db, "select service_id from agendas order by id limit 1").await,
            scalar(&t.db, "select facility_id from agendas order by id limit 1").await,
        );
        let other_service = scalar(&t.db, &format!("select id from services where id <> {service} limit 1")).await;
        let insert = |svc: i64| format!(
            "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at) \
             values ({agenda}, {svc}, {facility}, 4000000000, 4000001800)"
        );
        assert!(!accepts(&t.db, &insert(other_service)).await);
        assert!(accepts(&t.db, &insert(service)).await);
        // Nor end before it starts.
        let backwards = format!(
            "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at) \
             values ({agenda}, {service}, {facility}, 4000009000, 4000008000)"
        );
        assert!(!accepts(&t.db, &backwards).await);
    }

    async fn a_slot_has_at_most_one_hold(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        let hold = |token: &str, prescription: i64| format!(
            "insert into holds (slot_id, prescription_id, token, channel, created_at, expires_at) \
             values ({}, {prescription}, '{token}', 'web', 1, 2)", f.slot
        );
        assert!(accepts(&t.db, &hold("t1", f.prescription)).await);
        assert!(!accepts(&t.db, &hold("t2", f.other_prescription)).await);
    }

    async fn a_prescription_waits_at_most_once(backend) {
        let t = TestDb::seeded(backend).await;
        let f = fixture(&t.db).await;
        let service = scalar(&t.db, &format!("select service_id from prescriptions where id = {}", f.prescription)).await;
        let wait = |status: &str| format!(
            "insert into waiting_list (prescription_id, service_id, priority, deadline, status, channel, \
             created_at, updated_at) values ({}, {service}, 'D', '2030-01-01', '{status}', 'web', 1, 1)",
            f.prescription
        );
        assert!(accepts(&t.db, &wait("waiting")).await);
        assert!(!accepts(&t.db, &wait("offered")).await);
        assert!(accepts(&t.db, &wait("expired")).await);
    }

    async fn staff_need_an_argon2id_hash_and_a_known_role(backend) {
        let t = TestDb::seeded(backend).await;
        let insert = |user: &str, role: &str, hash: &str| format!(
            "insert into staff (username, display_name, role, password_hash, created_at) \
             values ('{user}', 'Someone', '{role}', '{hash}', 1)"
        );
        assert!(!accepts(&t.db, &insert("mallory", "operator", "plaintext-password")).await);
        assert!(!accepts(&t.db, &insert("eve", "superuser", "$argon2id$v=19$x")).await);
        assert!(accepts(&t.db, &insert("trent", "operator", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")).await);
    }
}

/// What the migrations leave behind on one backend, in comparable terms: each table's columns
/// (name → (type family, nullable)) and each index created on purpose (name → (table, unique,
/// columns, partial)). Indexes the database makes for primary keys and unique constraints are
/// left out: both backends make them from the same declarations.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    tables: std::collections::BTreeMap<String, std::collections::BTreeMap<String, (String, bool)>>,
    indexes: std::collections::BTreeMap<String, (String, bool, Vec<String>, bool)>,
}

/// The same value kept in each backend's own way: dates are text in SQLite, booleans 0/1
/// integers (see the header of `migrations/postgres/0001_schema.sql`).
fn family(sql_type: &str) -> String {
    match sql_type.to_lowercase().as_str() {
        "integer" | "bigint" | "smallint" | "boolean" => "integer",
        "text" | "date" | "character varying" => "text",
        "real" | "double precision" => "real",
        "blob" | "bytea" => "bytes",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Tables and indexes PostgreSQL has and SQLite must not: the waiting room shared by several
/// instances (on SQLite, whose one instance keeps it in memory, it does not exist), and the
/// migrations' own bookkeeping.
const POSTGRES_ONLY: [&str; 3] = [
    "admission_state",
    "admission_redeemed",
    "admission_redeemed_by_time",
];

async fn sqlite_shape(pool: &sqlx::SqlitePool) -> Shape {
    let mut shape = Shape::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' \
         and name <> '_sqlx_migrations' order by name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    for table in tables {
        let columns: Vec<(String, String, bool)> = sqlx::query_as(&format!(
            // A primary key is never null, whatever `notnull` says of a rowid alias.
            "select name, type, \"notnull\" or pk > 0 from pragma_table_info('{table}')"
        ))
        .fetch_all(pool)
        .await
        .expect("columns");
        let columns = columns
            .into_iter()
            .map(|(name, ty, not_null)| (name, (family(&ty), !not_null)))
            .collect();
        let indexes: Vec<(String, bool, String, bool)> = sqlx::query_as(&format!(
            "select name, \"unique\", origin, partial from pragma_index_list('{table}')"
        ))
        .fetch_all(pool)
        .await
        .expect("indexes");
        for (name, unique, origin, partial) in indexes {
            // "c": created by `create index`; "u"/"pk": made for a constraint.
            if origin != "c" {
                continue;
            }
            let cols: Vec<String> = sqlx::query_scalar(&format!(
                "select name from pragma_index_info('{name}') order by seqno"
            ))
            .fetch_all(pool)
            .await
            .expect("index columns");
            shape
                .indexes
                .insert(name, (table.clone(), unique, cols, partial));
        }
        shape.tables.insert(table, columns);
    }
    shape
}

async fn postgres_shape(pool: &sqlx::PgPool) -> Shape {
    let mut shape = Shape::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text, is_nullable::text \
         from information_schema.columns where table_schema = 'public' \
         and table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    for (table, column, ty, nullable) in columns {
        shape
            .tables
            .entry(table)
            .or_default()
            .insert(column, (family(&ty), nullable == "YES"));
    }
    // Indexes that back no constraint (primary keys and unique constraints make their own).
    let indexes: Vec<(String, String, bool, Vec<String>, bool)> = sqlx::query_as(
        "select i.relname::text, t.relname::text, x.indisunique, \
           array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n) \
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n), \
           x.indpred is not null \
         from pg_index x join pg_class i on i.oid = x.indexrelid \
         join pg_class t on t.oid = x.indrelid join pg_namespace s on s.oid = t.relnamespace \
         where s.nspname = 'public' \
           and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    for (name, table, unique, cols, partial) in indexes {
        shape.indexes.insert(name, (table, unique, cols, partial));
    }
    shape
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_have_the_same_tables_columns_and_indexes() {
    if !crate::common::enabled(crate::common::Backend::Postgres) {
        return;
    }
    let sqlite = TestDb::new(crate::common::Backend::Sqlite).await;
    let postgres = TestDb::new(crate::common::Backend::Postgres).await;
    let (Db::Sqlite(s), Db::Postgres(p)) = (&sqlite.db, &postgres.db) else {
        panic!("one database of each");
    };
    let lite = sqlite_shape(&s.write).await;
    let mut pg = postgres_shape(&p.citizens).await;
    for name in POSTGRES_ONLY {
        assert!(
            pg.tables.remove(name).is_some() || pg.indexes.remove(name).is_some(),
            "{name} is PostgreSQL's own (see POSTGRES_ONLY)"
        );
    }
    assert!(lite.tables.len() > 10, "found the tables");
    assert!(
        lite.indexes.len() > 10,
        "found the indexes ({})",
        lite.indexes.len()
    );
    assert_eq!(
        lite.tables.keys().collect::<Vec<_>>(),
        pg.tables.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &lite.tables {
        assert_eq!(columns, &pg.tables[table], "the columns of {table}");
    }
    assert_eq!(lite.indexes, pg.indexes, "the same indexes");
}
