//! The facility desk (visits marked attended or missed), the no-show rate of the transparency
//! figures, the supervisors' deliveries page with its retry, and the outbox gauges of
//! `/metrics`, on both backends.

use app::domain::BookingCode;
use chrono::{Days, NaiveDate};
use server::clock::unix_of_local;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::new_prescription;
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one, query_one_write};

const DESK: (&str, &str) = ("sportello1", "cupola-sportello-1");
const OPERATOR: (&str, &str) = ("operatore1", "cupola-operatore-1");
const SUPERVISOR: (&str, &str) = ("supervisore1", "cupola-supervisore-1");

async fn as_staff(app: &TestApp, (user, password): (&str, &str)) -> Browser {
    signed_in(app, user, password).await
}

async fn staff_id(app: &TestApp, username: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select id from staff where username = $1",
        username
    )
    .0
}

/// The facility of the demo desk operator.
async fn desk_facility(app: &TestApp) -> i64 {
    let (facility,): (Option<i64>,) = query_one!(
        app.db(),
        (Option<i64>,),
        "select facility_id from staff where username = $1",
        DESK.0
    );
    facility.expect("the demo desk operator works at a facility")
}

/// A facility other than `not`, with an agenda.
async fn other_facility(app: &TestApp, not: i64) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select facility_id from agendas where facility_id <> $1 order by id limit 1",
        not
    )
    .0
}

/// A confirmed visit at `facility` on `day` at 07:`minute` (a time the seed never uses), for a
/// new prescription of `priority`: (booking id, code).
async fn visit(
    app: &TestApp,
    facility: i64,
    day: NaiveDate,
    minute: u32,
    priority: &str,
) -> (i64, String) {
    let (agenda, service_code): (i64, String) = query_one!(
        app.db(),
        (i64, String),
        "select a.id, s.code from agendas a join services s on s.id = a.service_id \
         where a.facility_id = $1 order by a.id limit 1",
        facility
    );
    let starts = unix_of_local(day.and_hms_opt(7, minute, 0).expect("time")).expect("local");
    let (slot,): (i64,) = query_one_write!(
        app.db(),
        (i64,),
        "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at) \
         select id, service_id, facility_id, $2, $3 from agendas where id = $1 returning id",
        agenda,
        starts,
        starts + 600
    );
    let (_, nre) = new_prescription(app, &service_code, priority).await;
    let code = BookingCode::generate(&mut rand::rng()).as_str().to_owned();
    let now = app.clock.now();
    let (id,): (i64,) = query_one_write!(
        app.db(),
        (i64,),
        "insert into bookings (code, slot_id, prescription_id, channel, status, created_at, updated_at) \
         select $1, $2, p.id, 'web', 'confirmed', $3, $3 from prescriptions p where p.nre = $4 \
         returning id",
        &code,
        slot,
        now,
        &nre
    );
    (id, code)
}

/// (status, ticket_due, marked by) of a booking.
async fn attendance_of(app: &TestApp, id: i64) -> (String, i64, Option<i64>) {
    query_one!(
        app.db(),
        (String, i64, Option<i64>),
        "select status, cast(ticket_due as bigint), attendance_marked_by from bookings where id = $1",
        id
    )
}

async fn audited(app: &TestApp, action: &str, booking: i64, staff: i64) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select count(*) from audit_log where action = $1 and booking_id = $2 and staff_id = $3",
        action,
        booking,
        staff
    )
    .0
}

async fn mark(browser: &Browser, csrf: &str, code: &str, outcome: &str, day: NaiveDate) -> Page {
    browser
        .post(
            &format!("/operatore/sportello/{code}"),
            &[
                ("csrf", csrf),
                ("esito", outcome),
                ("giorno", &day.to_string()),
            ],
        )
        .await
}

on_both_backends! {
    async fn the_desk_marks_visits_attended_or_missed_and_a_missed_one_owes_the_ticket(backend) {
        let app = TestApp::spawn(backend).await;
        let facility = desk_facility(&app).await;
        let desk_id = staff_id(&app, DESK.0).await;
        let today = app.clock.today();
        let yesterday = today - Days::new(1);
        let tomorrow = today + Days::new(1);
        let (came, came_code) = visit(&app, facility, today, 1, "D").await;
        let (missed, missed_code) = visit(&app, facility, yesterday, 2, "D").await;
        let (early, early_code) = visit(&app, facility, tomorrow, 3, "D").await;
        let (cancelled, cancelled_code) = visit(&app, facility, today, 4, "D").await;
        execute!(app.db(), "update bookings set status = 'cancelled', cancelled_at = $2 where id = $1", cancelled, app.clock.now());

        // The day's list, read on the record first.
        let desk = as_staff(&app, DESK).await;
        let home = desk.get("/operatore").await;
        assert!(home.body.contains("href=\"/operatore/sportello\""), "the menu leads to the desk");
        let page = desk.get("/operatore/sportello").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_strict_page(&page.body);
        let grouped = BookingCode::parse(&came_code).expect("code").display_grouped();
        assert!(page.body.contains(&grouped), "today's visit is listed");
        assert!(!page.body.contains(&BookingCode::parse(&cancelled_code).expect("code").display_grouped()), "not a cancelled one");
        assert!(page.body.contains("anche se esente"), "the page says the ticket may be due even for exempt citizens");
        assert!(page.body.contains("<label for=\"giorno\">"));
        assert_eq!(audited(&app, "booking_viewed", came, desk_id).await, 1, "the read is audited");
        let csrf = csrf_of(&page);

        // Attended today.
        let done = mark(&desk, &csrf, &came_code, "presente", today).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.location.as_deref().is_some_and(|l| l.starts_with("/operatore/sportello?")));
        assert_eq!(attendance_of(&app, came).await, ("attended".to_owned(), 0, Some(desk_id)));
        assert_eq!(audited(&app, "booking.attended", came, desk_id).await, 1);

        // Missed yesterday, marked today: the ticket may be due.
        assert_eq!(mark(&desk, &csrf, &missed_code, "assente", yesterday).await.status, 303);
        assert_eq!(attendance_of(&app, missed).await, ("no_show".to_owned(), 1, Some(desk_id)));
        assert_eq!(audited(&app, "booking.no_show", missed, desk_id).await, 1);
        let listed = desk.get(&format!("/operatore/sportello?giorno={yesterday}")).await;
        assert!(listed.body.contains("ticket dovuto"));

        // A correction the same day.
        assert_eq!(mark(&desk, &csrf, &came_code, "assente", today).await.status, 303);
        assert_eq!(attendance_of(&app, came).await, ("no_show".to_owned(), 1, Some(desk_id)));
        assert_eq!(mark(&desk, &csrf, &came_code, "presente", today).await.status, 303);
        assert_eq!(attendance_of(&app, came).await, ("attended".to_owned(), 0, Some(desk_id)));
        assert_eq!(audited(&app, "booking.attended", came, desk_id).await, 2);

        // Not before the visit's day, not a cancelled booking.
        assert_eq!(mark(&desk, &csrf, &early_code, "presente", tomorrow).await.status, 409);
        assert_eq!(attendance_of(&app, early).await, ("confirmed".to_owned(), 0, None));
        assert_eq!(mark(&desk, &csrf, &cancelled_code, "assente", today).await.status, 409);
        assert_eq!(attendance_of(&app, cancelled).await.0, "cancelled");

        // A mark made on an earlier day is not corrected any more.
        execute!(app.db(), "update bookings set attendance_marked_at = attendance_marked_at - 86400 where id = $1", missed);
        assert_eq!(mark(&desk, &csrf, &missed_code, "presente", yesterday).await.status, 409);
        assert_eq!(attendance_of(&app, missed).await.0, "no_show");

        // Without the session's token nothing is done.
        let forged = desk
            .post(&format!("/operatore/sportello/{early_code}"), &[("esito", "presente")])
            .await;
        assert_eq!(forged.status, 403);
        let wrong = desk
            .post(&format!("/operatore/sportello/{missed_code}"), &[("csrf", "nope"), ("esito", "presente")])
            .await;
        assert_eq!(wrong.status, 403);
        assert_eq!(attendance_of(&app, missed).await.0, "no_show");
        assert_eq!(audited(&app, "booking.no_show", missed, desk_id).await, 1);
    }

    async fn the_same_visit_marked_at_once_from_ten_places_is_marked_and_audited_once(backend) {
        let app = TestApp::spawn(backend).await;
        let facility = desk_facility(&app).await;
        let desk_id = staff_id(&app, DESK.0).await;
        let today = app.clock.today();
        let (id, code) = visit(&app, facility, today, 7, "U").await;
        let desk = as_staff(&app, DESK).await;
        let csrf = csrf_of(&desk.get("/operatore/sportello").await);
        let answers = futures::future::join_all((0..10).map(|_| mark(&desk, &csrf, &code, "assente", today))).await;
        for answer in &answers {
            assert_eq!(answer.status, 303, "a repeated click is not an error: {}", answer.body);
        }
        assert_eq!(attendance_of(&app, id).await, ("no_show".to_owned(), 1, Some(desk_id)));
        assert_eq!(audited(&app, "booking.no_show", id, desk_id).await, 1, "one mark, one entry");
    }

    async fn another_facilitys_visit_and_an_operator_without_a_desk_are_refused(backend) {
        let app = TestApp::spawn(backend).await;
        let facility = desk_facility(&app).await;
        let elsewhere = other_facility(&app, facility).await;
        let today = app.clock.today();
        let (here, here_code) = visit(&app, facility, today, 5, "B").await;
        let (there, there_code) = visit(&app, elsewhere, today, 6, "B").await;

        let desk = as_staff(&app, DESK).await;
        let page = desk.get(&format!("/operatore/sportello?struttura={elsewhere}")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains(&BookingCode::parse(&there_code).expect("code").display_grouped()), "an operator sees only their own desk");
        let csrf = csrf_of(&page);
        assert_eq!(mark(&desk, &csrf, &there_code, "presente", today).await.status, 404);
        assert_eq!(attendance_of(&app, there).await.0, "confirmed");

        // An operator who works at no desk.
        let operator = as_staff(&app, OPERATOR).await;
        assert_eq!(operator.get("/operatore/sportello").await.status, 403);
        let home = operator.get("/operatore").await;
        assert!(!home.body.contains("href=\"/operatore/sportello\""));
        let csrf = csrf_of(&home);
        assert_eq!(mark(&operator, &csrf, &here_code, "presente", today).await.status, 403);
        assert_eq!(attendance_of(&app, here).await.0, "confirmed");
        assert_eq!(Browser::new(&app).get("/operatore/sportello").await.status, 303, "signing in comes first");

        // A supervisor chooses the facility, and marks there.
        let supervisor = as_staff(&app, SUPERVISOR).await;
        let page = supervisor.get(&format!("/operatore/sportello?struttura={elsewhere}")).await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        assert!(page.body.contains(&BookingCode::parse(&there_code).expect("code").display_grouped()));
        assert!(page.body.contains(&format!("<option value=\"{elsewhere}\" selected")));
        let csrf = csrf_of(&page);
        assert_eq!(mark(&supervisor, &csrf, &there_code, "assente", today).await.status, 303);
        let supervisor_id = staff_id(&app, SUPERVISOR.0).await;
        assert_eq!(attendance_of(&app, there).await, ("no_show".to_owned(), 1, Some(supervisor_id)));
        assert_eq!(audited(&app, "booking.no_show", there, supervisor_id).await, 1);
        assert_eq!(supervisor.get("/operatore/sportello?struttura=abc").await.status, 422);
    }

    async fn the_transparency_figures_carry_the_no_show_rate_of_the_marked_visits(backend) {
        let app = TestApp::spawn(backend).await;
        // Known data: the seeded history is set aside (cancelled visits count nowhere).
        execute!(app.db(), "update bookings set status = 'cancelled', cancelled_at = updated_at where status in ('attended', 'no_show')");
        let facility = desk_facility(&app).await;
        let (service, area, code): (i64, i64, String) = query_one!(
            app.db(),
            (i64, i64, String),
            "select a.service_id, f.area_id, s.code from agendas a join facilities f on f.id = a.facility_id \
             join services s on s.id = a.service_id where a.facility_id = $1 order by a.id limit 1",
            facility
        );
        let today = app.clock.today();
        for (days_ago, minute, status) in [(3, 10, "attended"), (4, 11, "attended"), (5, 12, "attended"), (6, 13, "no_show"), (100, 14, "no_show")] {
            let (id, _) = visit(&app, facility, today - Days::new(days_ago), minute, "D").await;
            execute!(app.db(), "update bookings set status = $2 where id = $1", id, status);
        }
        let state = &app.state;
        let published = state.transparency.refresh(app.db(), &state.catalog, &state.directory, &app.clock).await.expect("figures");
        for place in [Some(area), None] {
            let d = published.figure(service, place, app::domain::PriorityClass::D).expect("D");
            assert_eq!((d.attended, d.no_show, d.no_show_percent()), (3, 1, Some(25.0)), "the visit of 100 days ago is outside the window");
        }

        let json: serde_json::Value = app.get("/trasparenza/tempi-di-attesa.json").await.json().await.expect("json");
        assert_eq!(json["fields"].as_array().map(Vec::len), Some(14));
        let row = json["rows"].as_array().expect("rows").iter()
            .find(|r| r["service_code"] == code.as_str() && r["area_id"] == area && r["priority"] == "D")
            .expect("the row").clone();
        assert_eq!(row["visits_attended_90_days"], 3);
        assert_eq!(row["visits_no_show_90_days"], 1);
        assert_eq!(row["no_show_percent"], 25.0);
        assert_eq!(json["no_show_overall"]["visits_attended"], 3);
        assert_eq!(json["no_show_overall"]["visits_no_show"], 1);
        assert_eq!(json["no_show_overall"]["no_show_percent"], 25.0);
        let by_service = json["no_show_by_service"].as_array().expect("by service");
        assert_eq!(by_service.len(), 1);
        assert_eq!(by_service[0]["service_code"], code.as_str());

        let csv = app.get("/trasparenza/tempi-di-attesa.csv").await.text().await.expect("csv");
        assert!(csv.starts_with("service_code,service_name,service_kind,area_id,area_name,priority,max_wait_days,first_available_date,median_wait_days,bookings_90_days,within_deadline_percent,visits_attended_90_days,visits_no_show_90_days,no_show_percent\n"));
        let line = csv.lines()
            .find(|l| l.starts_with(&format!("{code},")) && l.contains(&format!(",{area},")) && l.contains(",D,"))
            .expect("the CSV row");
        assert!(line.ends_with(",3,1,25"), "{line}");

        let page = Browser::new(&app).get(&format!("/trasparenza/tempi-di-attesa?zona={area}")).await;
        assert_strict_page(&page.body);
        assert!(page.body.contains("Visite non disdette"));
        assert!(page.body.contains("<td>3</td><td>1</td><td>25 %</td>"), "per service and overall");
        assert!(page.body.contains("non presentate diviso (presentate + non presentate)"), "the denominator is stated");
    }

    async fn supervisors_see_deliveries_and_retry_a_failed_message(backend) {
        let app = TestApp::spawn(backend).await;
        let (booking,): (i64,) = query_one!(app.db(), (i64,), "select min(id) from bookings");
        let now = app.clock.now();
        let (failed,): (i64,) = query_one_write!(
            app.db(),
            (i64,),
            "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, status, \
             attempts, last_error, lease_owner, lease_until, next_attempt_at, updated_at) \
             values ($1, 'reminder', $2, 'sms', '+39 333 1234567', 'failed', 5, 'gateway 400', 'gone', $1, $1, $1) returning id",
            now - 600,
            booking
        );
        execute!(
            app.db(),
            "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, status) \
             values ($1, 'reminder', $2, 'email', 'mario.rossi@example.org', 'pending')",
            now - 3600,
            booking
        );

        assert_eq!(as_staff(&app, OPERATOR).await.get("/operatore/messaggi").await.status, 403);
        assert_eq!(as_staff(&app, DESK).await.get("/operatore/messaggi").await.status, 403);

        let supervisor = as_staff(&app, SUPERVISOR).await;
        let page = supervisor.get("/operatore/messaggi").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_strict_page(&page.body);
        let row = page.body.split("<th scope=\"row\">Promemoria</th>").nth(1).expect("the reminders' counts");
        assert!(row.starts_with("<td>SMS</td><td>0</td><td>0</td><td>1</td><td>0</td>"), "{row}");
        assert!(page.body.contains("…567") && page.body.contains("m…@example.org"), "recipients masked");
        assert!(!page.body.contains("1234567") && !page.body.contains("mario.rossi"), "never in full");
        assert!(page.body.contains("gateway 400"));
        assert!(page.body.contains("aspetta da"), "the oldest pending message's wait");
        assert!(page.body.contains(&format!("action=\"/operatore/messaggi/{failed}/riprova\"")));
        let csrf = csrf_of(&page);

        let forged = supervisor.post(&format!("/operatore/messaggi/{failed}/riprova"), &[]).await;
        assert_eq!(forged.status, 403);
        let retried = supervisor.post(&format!("/operatore/messaggi/{failed}/riprova"), &[("csrf", &csrf)]).await;
        assert_eq!(retried.status, 303);
        assert_eq!(retried.location.as_deref(), Some("/operatore/messaggi?riprovato=1"));
        let (status, attempts, error, owner, until, due): (String, i64, Option<String>, Option<String>, Option<i64>, i64) = query_one!(
            app.db(),
            (String, i64, Option<String>, Option<String>, Option<i64>, i64),
            "select status, attempts, last_error, lease_owner, lease_until, next_attempt_at from notification_outbox where id = $1",
            failed
        );
        assert_eq!((status.as_str(), attempts, error, owner, until), ("pending", 0, None, None, None));
        assert!((due - app.clock.now()).abs() <= 5, "due now");
        let supervisor_id = staff_id(&app, SUPERVISOR.0).await;
        let (entries,): (i64,) = query_one!(
            app.db(),
            (i64,),
            "select count(*) from audit_log where action = 'message.retried' and staff_id = $1 \
             and booking_id = $2 and detail = $3 and fiscal_code is not null",
            supervisor_id,
            booking,
            format!("outbox {failed}")
        );
        assert_eq!(entries, 1, "the retry is audited");
        let again = supervisor.post(&format!("/operatore/messaggi/{failed}/riprova"), &[("csrf", &csrf)]).await;
        assert_eq!(again.location.as_deref(), Some("/operatore/messaggi?riprovato=0"), "no longer failed");
        let shown = supervisor.get("/operatore/messaggi?riprovato=1").await;
        assert!(shown.body.contains("di nuovo in coda"));
    }

    async fn metrics_carry_the_outbox_gauges(backend) {
        let app = TestApp::spawn(backend).await;
        let (booking,): (i64,) = query_one!(app.db(), (i64,), "select min(id) from bookings");
        execute!(
            app.db(),
            "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, status) \
             values ($1, 'agenda_suspended', $2, 'sms', '+39 333 7654321', 'pending')",
            app.clock.now() - 120,
            booking
        );
        server::telemetry::refresh_message_gauges(app.db(), app.clock.now()).await.expect("gauges");
        let metrics = app.get("/metrics").await.text().await.expect("metrics");
        for state in ["pending", "sent", "failed", "no_contact"] {
            assert!(metrics.contains(&format!("cupola_messages{{kind=\"agenda_suspended\",channel=\"sms\",state=\"{state}\"}}")), "{state} in\n{metrics}");
        }
        assert!(metrics.contains("cupola_messages{kind=\"reminder\",channel=\"none\",state=\"no_contact\"}"));
        assert!(metrics.contains("cupola_messages_attempts{"));
        assert!(metrics.contains("cupola_messages_oldest_pending_seconds "));
        assert!(!metrics.contains("7654321"), "no recipient in the metrics");
    }
}
