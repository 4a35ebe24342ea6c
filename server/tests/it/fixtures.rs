//! Test data made to measure, on top of the tiny demo region: prescriptions and slots a test
//! needs, created in its own database.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Days, NaiveDate};
use server::clock::unix_of_local;

use crate::common::TestApp;
use crate::{execute, query_one, query_one_write};

static SERIAL: AtomicU32 = AtomicU32::new(0);

/// A new unbooked prescription of `priority` for `service_code`, prescribed today, for an
/// existing demo citizen. Returns (fiscal code, NRE).
pub async fn new_prescription(
    app: &TestApp,
    service_code: &str,
    priority: &str,
) -> (String, String) {
    let n = SERIAL.fetch_add(1, Ordering::Relaxed);
    let nre = format!(
        "090Y{:011}",
        u64::from(n) * 1000 + u64::from(rand::random::<u16>() % 1000)
    );
    let (fiscal_code,): (String,) = query_one!(
        app.db(),
        (String,),
        "select fiscal_code from citizens where fiscal_code not like 'STP%' \
         and fiscal_code not like 'ENI%' order by id limit 1 offset $1",
        i64::from(n % 200) + 10
    );
    let (service_id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from services where code = $1",
        service_code
    );
    execute!(
        app.db(),
        "insert into prescriptions (nre, fiscal_code, service_id, priority, prescribed_on, status, created_at) \
         values ($1, $2, $3, $4, $5, 'valid', $6)",
        &nre,
        &fiscal_code,
        service_id,
        priority,
        app.clock.today(),
        app.clock.now()
    );
    (fiscal_code, nre)
}

/// A new open slot of the service on `day` at 07:`minute` (times the seed never uses).
pub async fn new_slot(app: &TestApp, service_code: &str, day: NaiveDate, minute: u32) -> i64 {
    new_slot_in(app, service_code, "%", day, minute).await
}

/// A new open slot of the service on `day` at 07:`minute`, at the first agenda of a facility
/// whose town is like `town` (`%` for any).
pub async fn new_slot_in(
    app: &TestApp,
    service_code: &str,
    town: &str,
    day: NaiveDate,
    minute: u32,
) -> i64 {
    let (agenda, service, facility): (i64, i64, i64) = query_one!(
        app.db(),
        (i64, i64, i64),
        "select a.id, a.service_id, a.facility_id from agendas a join services s on s.id = a.service_id \
         join facilities f on f.id = a.facility_id where s.code = $1 and f.town like $2 \
         order by a.id limit 1",
        service_code,
        town
    );
    let starts = unix_of_local(day.and_hms_opt(7, minute, 0).expect("time")).expect("local time");
    let (id,): (i64,) = query_one_write!(
        app.db(),
        (i64,),
        "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at) \
         values ($1, $2, $3, $4, $5) returning id",
        agenda,
        service,
        facility,
        starts,
        starts + 1200
    );
    id
}

/// How many active bookings the slot has (the database lets it have at most one).
pub async fn active_bookings_on(app: &TestApp, slot: i64) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from bookings where slot_id = $1 and status <> 'cancelled'",
        slot
    )
    .0
}

/// The first day from `days` ahead on which the service's first agenda (where `new_slot` puts
/// its slots) has no slot of the seeded region: the demo agendas are full on their weekdays.
pub async fn quiet_day(app: &TestApp, service_code: &str, days: u64) -> NaiveDate {
    for ahead in days..days + 14 {
        let day = app.clock.today() + Days::new(ahead);
        let start = unix_of_local(day.and_hms_opt(0, 0, 0).expect("t")).expect("l");
        let end = unix_of_local((day + Days::new(1)).and_hms_opt(0, 0, 0).expect("t")).expect("l");
        let (slots,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from slots where starts_at >= $2 and starts_at < $3 and agenda_id = \
             (select a.id from agendas a join services s on s.id = a.service_id where s.code = $1 order by a.id limit 1)",
            service_code,
            start,
            end
        );
        if slots == 0 {
            return day;
        }
    }
    panic!("no day without slots in two weeks")
}
