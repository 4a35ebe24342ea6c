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
