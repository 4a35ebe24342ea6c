//! The back office (agendas, templates, slot generation, extra slots, suspensions) and the
//! public waiting times of the transparency pages, on both backends.

use app::domain::{Channel, calendar};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use server::audit::Actor;
use server::clock::unix_of_local;
use server::prescriptions;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot, quiet_day};
use crate::staff::signed_in;
use crate::{execute, on_both_backends, query_one, query_one_write};

const SUPERVISOR: (&str, &str) = ("supervisore1", "cupola-supervisore-1");
const ADMIN: (&str, &str) = ("admin1", "cupola-admin-1");
const OPERATOR: (&str, &str) = ("operatore1", "cupola-operatore-1");
/// The demo supervisor's staff id (README order).
const SUPERVISOR_ID: i64 = 3;

fn csrf_of(page: &Page) -> String {
    page.body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned()
}

async fn as_staff(app: &TestApp, (user, password): (&str, &str)) -> Browser {
    signed_in(app, user, password).await
}

/// The first agenda of a service: (agenda, service, facility, area).
async fn first_agenda(app: &TestApp, service_code: &str) -> (i64, i64, i64, i64) {
    query_one!(
        app.db(),
        (i64, i64, i64, i64),
        "select a.id, a.service_id, a.facility_id, f.area_id from agendas a \
         join services s on s.id = a.service_id join facilities f on f.id = a.facility_id \
         where s.code = $1 order by a.id limit 1",
        service_code
    )
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    query_one!(app.db(), (i64,), sql, id).0
}

fn day_after(app: &TestApp, days: u64) -> NaiveDate {
    app.clock.today() + Days::new(days)
}

/// A plain form-post helper: the browser's page for a form carrying `csrf`.
async fn post(browser: &Browser, path: &str, csrf: &str, fields: &[(&str, &str)]) -> Page {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    browser.post(path, &form).await
}

/// Books `slot` for a new prescription of `priority`, straight through the library as any
/// channel would. Returns (booking id, prescription id).
async fn book(app: &TestApp, service_code: &str, priority: &str, slot: i64) -> (i64, i64) {
    let (_, nre) = new_prescription(app, service_code, priority).await;
    let (prescription_id,): (i64,) = query_one!(
        app.db(),
        (i64,),
        "select id from prescriptions where nre = $1",
        &nre
    );
    let prescription = prescriptions::by_id(app.db(), prescription_id)
        .await
        .expect("read")
        .expect("exists");
    let confirmed = server::booking::book::book_now(
        app.db(),
        &prescription,
        slot,
        &server::booking::book::Contacts::default(),
        Actor::Citizen(Channel::Web),
        app.clock.now(),
    )
    .await
    .expect("booked");
    (confirmed.booking_id, prescription_id)
}

/// A new agenda with one weekly template row, through the library.
async fn agenda_with_template(app: &TestApp, service_code: &str, weekday: u32) -> i64 {
    let (_, service_id, facility_id, _) = first_agenda(app, service_code).await;
    let now = app.clock.now();
    let id = server::backoffice::agendas::create(
        app.db(),
        facility_id,
        service_id,
        "Ambulatorio prova",
        20,
        4,
        now,
    )
    .await
    .expect("agenda");
    server::backoffice::agendas::add_template(
        app.db(),
        id,
        server::backoffice::agendas::NewTemplate {
            weekday,
            start_minute: 9 * 60,
            end_minute: 11 * 60,
            reserved_channel: None,
            reserved_priority: None,
            valid_from: app.clock.today(),
            valid_to: None,
        },
        4,
        now,
    )
    .await
    .expect("template");
    id
}

/// A slot of the agenda starting at `starts` (one minute long), kept for a class or not.
async fn known_slot(
    app: &TestApp,
    agenda: i64,
    starts: i64,
    reserved: Option<&'static str>,
) -> i64 {
    query_one_write!(
        app.db(),
        (i64,),
        "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at, reserved_priority) \
         select id, service_id, facility_id, $2, $3, $4 from agendas where id = $1 returning id",
        agenda,
        starts,
        starts + 60,
        reserved
    )
    .0
}

on_both_backends! {
    async fn operators_are_refused_the_agenda_pages_and_supervisors_see_them(backend) {
        let app = TestApp::spawn(backend).await;
        let (agenda, _, facility, _) = first_agenda(&app, "89.7A.3").await;
        let anonymous = Browser::new(&app).get("/operatore/agende").await;
        assert_eq!(anonymous.status, 303, "signing in comes first");

        let operator = as_staff(&app, OPERATOR).await;
        assert_eq!(operator.get("/operatore/agende").await.status, 403);
        assert_eq!(operator.get(&format!("/operatore/agende/{agenda}")).await.status, 403);

        let supervisor = as_staff(&app, SUPERVISOR).await;
        let list = supervisor.get("/operatore/agende").await;
        assert_eq!(list.status, 200);
        assert_strict_page(&list.body);
        assert!(list.body.contains("<caption>Strutture e numero di agende</caption>"));
        assert!(!list.body.contains("/operatore/agende/nuova"), "only admins create agendas");
        let filtered = supervisor.get(&format!("/operatore/agende?struttura={facility}&servizio=89.7A.3")).await;
        assert_eq!(filtered.status, 200);
        assert!(filtered.body.contains(&format!("href=\"/operatore/agende/{agenda}\"")));
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        assert!(page.body.contains("Modello settimanale"));
        assert!(page.body.contains("<label for=\"sospendi_motivo\">"));
        assert!(!page.body.contains("modello_giorno"), "templates are for admins");
        assert_eq!(supervisor.get("/operatore/agende/nuova").await.status, 403);
        assert_eq!(supervisor.get("/operatore/agende/999999").await.status, 404);
    }

    async fn an_admin_creates_an_agenda_and_adds_a_template_row(backend) {
        let app = TestApp::spawn(backend).await;
        let (_, _, facility, _) = first_agenda(&app, "89.52").await;
        let admin = as_staff(&app, ADMIN).await;
        let form = admin.get("/operatore/agende/nuova").await;
        assert_eq!(form.status, 200);
        assert_strict_page(&form.body);
        let csrf = csrf_of(&form);
        let facility = facility.to_string();

        let wrong = post(&admin, "/operatore/agende/nuova", &csrf, &[
            ("struttura", &facility), ("servizio", "89.52"), ("nome", ""), ("minuti", "3"),
        ]).await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.body.contains("href=\"#nome\""), "errors link to their fields");
        assert!(wrong.body.contains("La durata di un posto è un numero di minuti da 5 a 240"));

        let created = post(&admin, "/operatore/agende/nuova", &csrf, &[
            ("struttura", &facility), ("servizio", "89.52"), ("nome", "Ambulatorio Nord"), ("minuti", "20"),
        ]).await;
        assert_eq!(created.status, 303, "{}", created.body);
        let location = created.location.expect("redirect");
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from agendas where label = $1", "Ambulatorio Nord");
        assert_eq!(location, format!("/operatore/agende/{id}"));
        let page = admin.get(&location).await;
        assert!(page.body.contains("Agenda creata"), "the confirmation is shown once");
        assert!(!admin.get(&location).await.body.contains("Agenda creata"));

        let again = post(&admin, "/operatore/agende/nuova", &csrf, &[
            ("struttura", &facility), ("servizio", "89.52"), ("nome", "Ambulatorio Nord"), ("minuti", "20"),
        ]).await;
        assert_eq!(again.status, 422);
        assert!(again.body.contains("ha già un'agenda con questo nome"));

        let today = app.clock.today().format("%d/%m/%Y").to_string();
        let template = format!("/operatore/agende/{id}/modello");
        let added = post(&admin, &template, &csrf, &[
            ("modello_giorno", "3"), ("modello_inizio", "9:00"), ("modello_fine", "11:00"),
            ("modello_riserva", "priorita:B"), ("modello_dal", &today), ("modello_al", ""),
        ]).await;
        assert_eq!(added.status, 303, "{}", added.body);
        let row: (i64, i64, i64, Option<String>, Option<String>) = query_one!(
            app.db(), (i64, i64, i64, Option<String>, Option<String>),
            "select weekday, start_minute, end_minute, reserved_priority, reserved_channel \
             from agenda_templates where agenda_id = $1", id
        );
        assert_eq!(row, (3, 540, 660, Some("B".to_owned()), None));
        let page = admin.get(&location).await;
        assert!(page.body.contains("Fascia oraria aggiunta"));
        assert!(page.body.contains("<th scope=\"row\">Mercoledì</th>"));

        let overlap = post(&admin, &template, &csrf, &[
            ("modello_giorno", "3"), ("modello_inizio", "10:30"), ("modello_fine", "12:00"),
            ("modello_riserva", ""), ("modello_dal", &today),
        ]).await;
        assert_eq!(overlap.status, 422);
        assert!(overlap.body.contains("si sovrappone"));
        let backwards = post(&admin, &template, &csrf, &[
            ("modello_giorno", "4"), ("modello_inizio", "11:00"), ("modello_fine", "9:00"),
            ("modello_riserva", "canale:xyz"), ("modello_dal", "31/02/2026"),
        ]).await;
        assert_eq!(backwards.status, 422);
        for field in ["modello_fine", "modello_riserva", "modello_dal"] {
            assert!(backwards.body.contains(&format!("href=\"#{field}\"")), "{field}");
        }
        assert_eq!(count(&app, "select count(*) from agenda_templates where agenda_id = $1", id).await, 1);

        let supervisor = as_staff(&app, SUPERVISOR).await;
        let token = csrf_of(&supervisor.get(&location).await);
        let refused = post(&supervisor, &template, &token, &[
            ("modello_giorno", "5"), ("modello_inizio", "9:00"), ("modello_fine", "11:00"), ("modello_dal", &today),
        ]).await;
        assert_eq!(refused.status, 403, "templates are for admins");
    }

    async fn generating_slots_creates_the_expected_count_and_is_idempotent(backend) {
        let app = TestApp::spawn(backend).await;
        // Mondays 9:00-11:00 in 20-minute slots: six a Monday that is not a holiday.
        let agenda = agenda_with_template(&app, "89.52", 1).await;
        let from = day_after(&app, 1);
        let to = from + Days::new(27);
        let mut expected = 0;
        let mut day = from;
        while day <= to {
            if day.weekday() == Weekday::Mon && !calendar::is_holiday(day) {
                expected += 6;
            }
            day = day + Days::new(1);
        }
        let supervisor = as_staff(&app, SUPERVISOR).await;
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        let csrf = csrf_of(&page);
        let path = format!("/operatore/agende/{agenda}/genera");
        let (from_typed, to_typed) = (from.format("%d/%m/%Y").to_string(), to.format("%d/%m/%Y").to_string());
        let fields = [("genera_dal", from_typed.as_str()), ("genera_al", to_typed.as_str())];

        let done = post(&supervisor, &path, &csrf, &fields).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let slots = "select count(*) from slots where agenda_id = $1";
        assert_eq!(count(&app, slots, agenda).await, expected);
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert!(page.body.contains(&format!("Posti generati: {expected} nuovi, 0 già presenti")), "{}", page.body);

        let again = post(&supervisor, &path, &csrf, &fields).await;
        assert_eq!(again.status, 303);
        assert_eq!(count(&app, slots, agenda).await, expected, "nothing duplicated");
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert!(page.body.contains(&format!("Posti generati: 0 nuovi, {expected} già presenti")));
        let audited = count(&app, "select count(*) from audit_log where action = 'agenda.slots_generated' and staff_id = $1", SUPERVISOR_ID).await;
        assert_eq!(audited, 2);

        let too_long = post(&supervisor, &path, &csrf, &[
            ("genera_dal", &from_typed), ("genera_al", &(from + Days::new(366)).format("%d/%m/%Y").to_string()),
        ]).await;
        assert_eq!(too_long.status, 422);
        assert!(too_long.body.contains("al massimo 366 giorni"));
        let past = post(&supervisor, &path, &csrf, &[
            ("genera_dal", &(app.clock.today() - Days::new(1)).format("%d/%m/%Y").to_string()), ("genera_al", &to_typed),
        ]).await;
        assert_eq!(past.status, 422);
        assert_eq!(count(&app, slots, agenda).await, expected);
    }

    async fn new_slots_inside_a_waiting_requests_deadline_are_offered_to_it(backend) {
        let app = TestApp::spawn(backend).await;
        let (agenda, service, _, _) = first_agenda(&app, "89.52").await;
        let (_, nre) = new_prescription(&app, "89.52", "P").await;
        let (prescription,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        let day = day_after(&app, 2);
        let (waiting,): (i64,) = query_one_write!(
            app.db(), (i64,),
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, status, \
             channel, created_at, updated_at) values ($1, $2, null, 'P', $3, 'waiting', 'web', 0, 0) returning id",
            prescription, service, day
        );
        let supervisor = as_staff(&app, SUPERVISOR).await;
        let csrf = csrf_of(&supervisor.get(&format!("/operatore/agende/{agenda}")).await);
        let typed = day.format("%d/%m/%Y").to_string();
        let done = post(&supervisor, &format!("/operatore/agende/{agenda}/extra"), &csrf, &[
            ("extra_giorno", &typed), ("extra_ora", "6:00"), ("extra_numero", "2"),
        ]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert!(page.body.contains("Posti straordinari aggiunti: 2 nuovi, 0 già presenti o sovrapposti, 1 offerti"), "{}", page.body);
        let first = unix_of_local(day.and_hms_opt(6, 0, 0).expect("time")).expect("local");
        let (slot,): (i64,) = query_one!(app.db(), (i64,), "select id from slots where agenda_id = $1 and starts_at = $2", agenda, first);
        let held = count(&app, "select count(*) from holds where slot_id = $1", slot).await;
        assert_eq!(held, 1, "the earliest new slot is held for the waiting request");
        let offered = count(&app, "select count(*) from notification_outbox where kind = 'slot_offered' and waiting_id = $1", waiting).await;
        assert!(offered >= 1);
        let (status,): (String,) = query_one!(app.db(), (String,), "select status from waiting_list where id = $1", waiting);
        assert_eq!(status, "offered");

        // Generated slots are offered the same way.
        let fresh = agenda_with_template(&app, "89.52", day.weekday().number_from_monday()).await;
        let (_, nre) = new_prescription(&app, "89.52", "P").await;
        let (other,): (i64,) = query_one!(app.db(), (i64,), "select id from prescriptions where nre = $1", &nre);
        let (second,): (i64,) = query_one_write!(
            app.db(), (i64,),
            "insert into waiting_list (prescription_id, service_id, area_id, priority, deadline, status, \
             channel, created_at, updated_at) values ($1, $2, null, 'P', $3, 'waiting', 'web', 0, 0) returning id",
            other, service, day
        );
        let csrf = csrf_of(&supervisor.get(&format!("/operatore/agende/{fresh}")).await);
        let done = post(&supervisor, &format!("/operatore/agende/{fresh}/genera"), &csrf, &[
            ("genera_dal", &typed), ("genera_al", &typed),
        ]).await;
        assert_eq!(done.status, 303);
        if !calendar::is_holiday(day) {
            let offered = count(&app, "select count(*) from notification_outbox where kind = 'slot_offered' and waiting_id = $1", second).await;
            assert!(offered >= 1, "a generated slot was offered");
            let held = count(&app, "select count(*) from holds h join slots s on s.id = h.slot_id where s.agenda_id = $1", fresh).await;
            assert_eq!(held, 1);
        }
    }

    async fn suspending_a_day_moves_its_bookings_to_the_earliest_free_slot_of_the_service(backend) {
        let app = TestApp::spawn(backend).await;
        // A day on which the test's booking is the agenda's only one.
        let day = quiet_day(&app, "89.7A.3", 3).await;
        let slot = new_slot(&app, "89.7A.3", day, 1).await;
        let (agenda, service, facility): (i64, i64, i64) = query_one!(
            app.db(), (i64, i64, i64), "select agenda_id, service_id, facility_id from slots where id = $1", slot
        );
        // A free slot the next day, so that one at least exists in time.
        new_slot(&app, "89.7A.3", day + Days::new(1), 2).await;
        let (booking, _) = book(&app, "89.7A.3", "P", slot).await;
        let now = app.clock.now();
        let until = unix_of_local((app.clock.today() + Days::new(121)).and_hms_opt(0, 0, 0).expect("t")).expect("l");
        let day_start = unix_of_local(day.and_hms_opt(0, 0, 0).expect("t")).expect("l");
        let day_end = unix_of_local((day + Days::new(1)).and_hms_opt(0, 0, 0).expect("t")).expect("l");
        // The earliest free slot the booking may take at its facility, outside the suspended day.
        let (expected,): (i64,) = query_one!(
            app.db(), (i64,),
            "select s.id from slots s where s.service_id = $1 and s.facility_id = $2 and s.status = 'open' \
             and s.starts_at >= $3 and s.starts_at < $4 and (s.reserved_priority is null or s.reserved_priority = 'P') \
             and not (s.agenda_id = $5 and s.starts_at >= $6 and s.starts_at < $7) \
             and not exists (select 1 from bookings b where b.slot_id = s.id and b.status <> 'cancelled') \
             and not exists (select 1 from holds h where h.slot_id = s.id and h.expires_at > $8) \
             order by s.starts_at, s.id limit 1",
            service, facility, now + 7200, until, agenda, day_start, day_end, now
        );

        let supervisor = as_staff(&app, SUPERVISOR).await;
        let csrf = csrf_of(&supervisor.get(&format!("/operatore/agende/{agenda}")).await);
        let typed = day.format("%d/%m/%Y").to_string();
        let path = format!("/operatore/agende/{agenda}/sospendi");
        let missing = post(&supervisor, &path, &csrf, &[("sospendi_dal", &typed), ("sospendi_motivo", "  ")]).await;
        assert_eq!(missing.status, 422, "a reason is required");
        assert!(missing.body.contains("href=\"#sospendi_motivo\""));
        assert_eq!(count(&app, "select count(*) from slots where id = $1 and status = 'suspended'", slot).await, 0);

        let reason = "Guasto dell'elettrocardiografo";
        let done = post(&supervisor, &path, &csrf, &[("sospendi_dal", &typed), ("sospendi_al", ""), ("sospendi_categoria", "equipment"), ("sospendi_motivo", reason)]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert!(page.body.contains("1 prenotazioni spostate, 0 prenotazioni annullate"), "{}", page.body);

        let (status,): (String,) = query_one!(app.db(), (String,), "select status from slots where id = $1", slot);
        assert_eq!(status, "suspended", "suspended, never deleted");
        let open_that_day = query_one!(
            app.db(), (i64,), "select count(*) from slots where agenda_id = $1 and starts_at >= $2 and starts_at < $3 and status = 'open'",
            agenda, day_start.max(now), day_end
        ).0;
        assert_eq!(open_that_day, 0);
        let (moved_to, booking_status): (i64, String) = query_one!(
            app.db(), (i64, String), "select slot_id, status from bookings where id = $1", booking
        );
        assert_eq!(booking_status, "confirmed");
        assert_eq!(moved_to, expected, "the earliest free slot of the service at the same facility");
        let (payload,): (String,) = query_one!(
            app.db(), (String,),
            "select payload from notification_outbox where kind = 'agenda_suspended' and booking_id = $1", booking
        );
        let payload: serde_json::Value = serde_json::from_str(&payload).expect("json");
        assert_eq!(payload["outcome"], "moved");
        assert_eq!(payload["reason"], reason);
        let (audited_reason,): (Option<String>,) = query_one!(
            app.db(), (Option<String>,),
            "select reason from audit_log where action = 'booking.moved' and booking_id = $1", booking
        );
        assert_eq!(audited_reason.as_deref(), Some(reason));
        let (summary, staff, why): (String, Option<i64>, Option<String>) = query_one!(
            app.db(), (String, Option<i64>, Option<String>),
            "select detail, staff_id, reason from audit_log where action = 'agenda.suspended' and detail like $1",
            format!("agenda {agenda},%")
        );
        assert!(summary.contains("1 bookings moved, 0 put on the waiting list"), "{summary}");
        assert_eq!((staff, why.as_deref()), (Some(SUPERVISOR_ID), Some(reason)));
    }

    async fn suspending_with_no_free_slot_in_time_cancels_the_booking_and_puts_the_prescription_on_the_waiting_list(backend) {
        let app = TestApp::spawn(backend).await;
        let day = quiet_day(&app, "89.7A.3", 2).await;
        let slot = new_slot(&app, "89.7A.3", day, 1).await;
        let (agenda, service): (i64, i64) = query_one!(
            app.db(), (i64, i64), "select agenda_id, service_id from slots where id = $1", slot
        );
        let (booking, prescription) = book(&app, "89.7A.3", "U", slot).await;
        // Nothing else of the service is free anywhere before the urgent deadline.
        let until = unix_of_local((app.clock.today() + Days::new(5)).and_hms_opt(0, 0, 0).expect("t")).expect("l");
        execute!(app.db(), "update slots set status = 'suspended' where service_id = $1 and id <> $2 and starts_at < $3", service, slot, until);

        let supervisor = as_staff(&app, SUPERVISOR).await;
        let csrf = csrf_of(&supervisor.get(&format!("/operatore/agende/{agenda}")).await);
        let typed = day.format("%d/%m/%Y").to_string();
        let reason = "Medico assente";
        let done = post(&supervisor, &format!("/operatore/agende/{agenda}/sospendi"), &csrf, &[
            ("sospendi_dal", &typed), ("sospendi_al", &typed), ("sospendi_categoria", "staff_absence"), ("sospendi_motivo", reason),
        ]).await;
        assert_eq!(done.status, 303, "{}", done.body);

        let (status, cancel_reason): (String, Option<String>) = query_one!(
            app.db(), (String, Option<String>), "select status, cancel_reason from bookings where id = $1", booking
        );
        assert_eq!((status.as_str(), cancel_reason.as_deref()), ("cancelled", Some(reason)));
        let (waiting_status, deadline): (String, NaiveDate) = query_one!(
            app.db(), (String, NaiveDate),
            "select status, deadline from waiting_list where prescription_id = $1", prescription
        );
        assert_eq!(waiting_status, "waiting", "nobody is left without a path");
        assert_eq!(deadline, app.clock.today() + Days::new(3), "the urgent class's deadline");
        let (payload,): (String,) = query_one!(
            app.db(), (String,),
            "select payload from notification_outbox where kind = 'agenda_suspended' and booking_id = $1", booking
        );
        assert!(payload.contains("\"outcome\":\"waiting_list\""), "{payload}");
        assert_eq!(
            count(&app, "select count(*) from audit_log where action = 'booking.cancelled' and booking_id = $1", booking).await,
            1
        );
        let (summary,): (String,) = query_one!(
            app.db(), (String,), "select detail from audit_log where action = 'agenda.suspended' and detail like $1",
            format!("agenda {agenda},%")
        );
        assert!(summary.contains("0 bookings moved, 1 put on the waiting list"), "{summary}");
    }

    async fn a_form_without_its_token_is_refused_and_changes_nothing(backend) {
        let app = TestApp::spawn(backend).await;
        let slot = new_slot(&app, "89.7A.3", day_after(&app, 3), 1).await;
        let (agenda,): (i64,) = query_one!(app.db(), (i64,), "select agenda_id from slots where id = $1", slot);
        let typed = day_after(&app, 3).format("%d/%m/%Y").to_string();
        let supervisor = as_staff(&app, SUPERVISOR).await;
        let slots_before = count(&app, "select count(*) from slots where agenda_id = $1", agenda).await;
        for (path, fields) in [
            ("sospendi", vec![("sospendi_dal", typed.as_str()), ("sospendi_motivo", "Prova")]),
            ("genera", vec![("genera_dal", typed.as_str()), ("genera_al", typed.as_str())]),
            ("extra", vec![("extra_giorno", typed.as_str()), ("extra_ora", "6:00")]),
        ] {
            let path = format!("/operatore/agende/{agenda}/{path}");
            let forged = supervisor.post(&path, &fields).await;
            assert_eq!(forged.status, 403, "{path} without a token");
            let wrong = post(&supervisor, &path, "not-the-token", &fields).await;
            assert_eq!(wrong.status, 403, "{path} with a wrong token");
            assert!(wrong.body.contains("Il modulo è scaduto"));
        }
        assert_eq!(count(&app, "select count(*) from slots where agenda_id = $1 and status = 'suspended'", agenda).await, 0);
        assert_eq!(count(&app, "select count(*) from slots where agenda_id = $1", agenda).await, slots_before);

        let admin = as_staff(&app, ADMIN).await;
        let agendas = count(&app, "select count(*) from agendas where id > $1", 0).await;
        let forged = admin.post("/operatore/agende/nuova", &[
            ("struttura", "1"), ("servizio", "89.52"), ("nome", "Forgiata"), ("minuti", "20"),
        ]).await;
        assert_eq!(forged.status, 403);
        let forged = admin.post(&format!("/operatore/agende/{agenda}/modello"), &[
            ("modello_giorno", "6"), ("modello_inizio", "6:00"), ("modello_fine", "7:00"),
        ]).await;
        assert_eq!(forged.status, 403);
        assert_eq!(count(&app, "select count(*) from agendas where id > $1", 0).await, agendas);
        assert_eq!(count(&app, "select count(*) from agenda_templates where agenda_id = $1 and weekday = 6 and start_minute = 360", agenda).await, 0);
    }

    async fn waiting_time_figures_on_known_bookings_are_exact(backend) {
        let app = TestApp::spawn(backend).await;
        let (agenda, service, _, area) = first_agenda(&app, "89.7A.3").await;
        let now = app.clock.now();
        let today = app.clock.today();
        // A clean slate for the service: nothing free, no booking.
        execute!(app.db(), "update bookings set status = 'cancelled', cancelled_at = $2, updated_at = $2 \
             where status <> 'cancelled' and slot_id in (select id from slots where service_id = $1)", service, now);
        execute!(app.db(), "update slots set status = 'suspended' where service_id = $1", service);
        let (citizen,): (String,) = query_one!(app.db(), (String,), "select fiscal_code from citizens order by id limit 1 offset $1", 20i64);

        let mut serial = 0i64;
        let mut insert_slot = |day: NaiveDate, reserved: Option<&'static str>| {
            serial += 1;
            let starts = unix_of_local(day.and_hms_opt(6, 0, 0).expect("t")).expect("l") + serial * 60;
            known_slot(&app, agenda, starts, reserved)
        };
        // Free: one slot kept for class B (or more urgent) in two days, one for everyone in five.
        insert_slot(today + Days::new(2), Some("B")).await;
        insert_slot(today + Days::new(5), None).await;
        // Booked: (appointment day, days waited, class, booked how long ago, cancelled).
        let bookings: [(u64, u64, &str, i64, bool); 7] = [
            (1, 10, "D", 5, false),
            (3, 20, "D", 5, false),
            (4, 40, "D", 5, false),
            (2, 4, "B", 1, false),
            (6, 12, "B", 1, false),
            (7, 100, "D", 5, true),   // cancelled: not counted
            (8, 1, "D", 100, false),  // booked before the 90 days: not counted
        ];
        for (i, (ahead, waited, class, ago, cancelled)) in bookings.into_iter().enumerate() {
            let day = today + Days::new(ahead);
            let slot = insert_slot(day, None).await;
            let nre = format!("090T{:011}", 70_000 + i as u64 + u64::from(rand::random::<u16>()) * 100);
            let (prescription,): (i64,) = query_one_write!(
                app.db(), (i64,),
                "insert into prescriptions (nre, fiscal_code, service_id, priority, prescribed_on, status, created_at) \
                 values ($1, $2, $3, $4, $5, 'valid', 0) returning id",
                &nre, &citizen, service, class, day - Days::new(waited)
            );
            let created = now - ago * 86_400;
            execute!(
                app.db(),
                "insert into bookings (code, slot_id, prescription_id, channel, status, created_at, updated_at, cancelled_at) \
                 values ($1, $2, $3, 'web', $4, $5, $5, $6)",
                format!("TRSPX{i:05}"), slot, prescription,
                if cancelled { "cancelled" } else { "confirmed" }, created, cancelled.then_some(created)
            );
        }
        let state = &app.state;
        let published = state.transparency.refresh(app.db(), &state.catalog, &state.directory, &app.clock).await.expect("figures");
        use app::domain::PriorityClass::{B, D, P, U};
        for place in [Some(area), None] {
            let d = published.figure(service, place, D).expect("D");
            assert_eq!(d.max_wait_days, 30, "a visit's D class");
            assert_eq!(d.first_available, Some(today + Days::new(5)));
            assert_eq!((d.median_days, d.bookings, d.within_deadline), (Some(20.0), 3, 2));
            assert_eq!(d.within_percent(), Some(66.7));
            let b = published.figure(service, place, B).expect("B");
            assert_eq!(b.first_available, Some(today + Days::new(2)), "B may use the slot kept for B");
            assert_eq!((b.median_days, b.bookings, b.within_percent()), (Some(8.0), 2, Some(50.0)));
            let u = published.figure(service, place, U).expect("U");
            assert_eq!((u.first_available, u.median_days, u.bookings), (Some(today + Days::new(2)), None, 0));
            let p = published.figure(service, place, P).expect("P");
            assert_eq!(p.first_available, Some(today + Days::new(5)), "P may not use the slot kept for B");
        }

        // The open data: JSON.
        let response = app.get("/trasparenza/tempi-di-attesa.json").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/json");
        let cache = response.headers()["cache-control"].to_str().expect("ascii").to_owned();
        assert!(cache.starts_with("public, max-age=") && cache.contains("stale-while-revalidate=") && cache.contains("stale-if-error=86400"), "{cache}");
        let etag = response.headers()["etag"].clone();
        let json: serde_json::Value = response.json().await.expect("json");
        assert_eq!(json["fields"].as_array().map(Vec::len), Some(14));
        let row = json["rows"].as_array().expect("rows").iter()
            .find(|r| r["service_code"] == "89.7A.3" && r["area_id"] == area && r["priority"] == "D")
            .expect("the row of the area and class").clone();
        assert_eq!(row["first_available_date"], (today + Days::new(5)).to_string());
        assert_eq!(row["median_wait_days"], 20.0);
        assert_eq!(row["bookings_90_days"], 3);
        assert_eq!(row["within_deadline_percent"], 66.7);
        assert_eq!(row["max_wait_days"], 30);
        let again = app.client.get(app.url("/trasparenza/tempi-di-attesa.json")).header("if-none-match", etag).send().await.expect("request");
        assert_eq!(again.status(), 304);

        // CSV.
        let response = app.get("/trasparenza/tempi-di-attesa.csv").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"tempi-di-attesa.csv\"");
        let etag = response.headers()["etag"].clone();
        let csv = response.text().await.expect("text");
        assert!(csv.starts_with("service_code,service_name,service_kind,area_id,area_name,priority,max_wait_days,first_available_date,median_wait_days,bookings_90_days,within_deadline_percent,visits_attended_90_days,visits_no_show_90_days,no_show_percent\n"));
        let area_name = state.directory.area_name(area).expect("area").to_owned();
        let name = state.catalog.by_code("89.7A.3").expect("service").row.name_it.clone();
        let expected = format!("89.7A.3,{name},visit,{area},{area_name},D,30,{},20,3,66.7,", today + Days::new(5));
        assert!(csv.contains(&expected), "{expected} in\n{csv}");
        assert!(csv.contains(&format!("89.7A.3,{name},visit,,Toscana,B,10,{},8,2,50,", today + Days::new(2))));
        let again = app.client.get(app.url("/trasparenza/tempi-di-attesa.csv")).header("if-none-match", etag).send().await.expect("request");
        assert_eq!(again.status(), 304);

        // The page, filtered by area, in Italian.
        let page = Browser::new(&app).get(&format!("/trasparenza/tempi-di-attesa?zona={area}")).await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        assert!(page.body.contains(&format!("<caption>{name} (89.7A.3)</caption>")));
        assert!(page.body.contains("<th scope=\"row\">D (differita)</th>"));
        assert!(page.body.contains("<td>66,7 %</td>"));
        assert!(page.body.contains(&format!("<option value=\"{area}\" selected")));
        assert_eq!(Browser::new(&app).get("/trasparenza/tempi-di-attesa?zona=abc").await.status, 404);
        let index = Browser::new(&app).get("/tempi-di-attesa").await;
        assert!(index.body.contains("href=\"/trasparenza/tempi-di-attesa\""), "linked from the public waiting times");
        // What each open-data column holds has a page of its own, linked from the figures: every
        // column named once, in the reader's language.
        assert!(page.body.contains("href=\"/trasparenza/tempi-di-attesa/colonne\""));
        assert!(!page.body.contains("<code>within_deadline_percent</code>"));
        let columns = Browser::new(&app).get("/trasparenza/tempi-di-attesa/colonne").await;
        assert_eq!(columns.status, 200);
        assert_strict_page(&columns.body);
        for field in json["fields"].as_array().expect("fields") {
            let code = format!("<code>{}</code>", field["name"].as_str().expect("name"));
            assert_eq!(columns.body.matches(&code).count(), 1, "{code}");
        }
        assert!(columns.body.contains("class=\"back-link\""));
    }
}
