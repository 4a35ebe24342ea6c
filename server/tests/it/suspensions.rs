//! Agendas never closed, shown (issue 14): a suspension is recorded with each booking's outcome
//! in the transaction that moves them, consistently with the bookings table; supervisors (only)
//! read the report, and the read is audited; the public page shows counts per area and no
//! personal data; the suspend form's reason fields are validated. Both backends.

use app::domain::{BookingCode, Channel};
use chrono::{Days, NaiveDate};
use server::audit::Actor;
use server::clock::unix_of_local;
use server::prescriptions;

use crate::common::{Browser, Page, TestApp, assert_strict_page};
use crate::fixtures::{new_prescription, new_slot, quiet_day};
use crate::staff::signed_in;
use crate::{execute, on_both_backends, query_one};

const SUPERVISOR: (&str, &str) = ("supervisore1", "cupola-supervisore-1");
const OPERATOR: (&str, &str) = ("operatore1", "cupola-operatore-1");
/// The demo supervisor's staff id (README order).
const SUPERVISOR_ID: i64 = 3;
const SERVICE: &str = "89.7A.3";
const REASON: &str = "Ecografo guasto, in riparazione";

fn csrf_of(page: &Page) -> String {
    page.body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned()
}

async fn post(browser: &Browser, path: &str, csrf: &str, fields: &[(&str, &str)]) -> Page {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    browser.post(path, &form).await
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    query_one!(app.db(), (i64,), sql, id).0
}

/// Whether the database refuses this statement.
async fn refused(db: &server::db::Db, sql: &str) -> bool {
    match db {
        server::db::Db::Sqlite(d) => sqlx::query(sql).execute(&d.write).await.is_err(),
        server::db::Db::Postgres(d) => sqlx::query(sql).execute(&d.citizens).await.is_err(),
    }
}

fn midnight(day: NaiveDate) -> i64 {
    unix_of_local(day.and_hms_opt(0, 0, 0).expect("t")).expect("l")
}

/// Books `slot` for a new prescription of `priority`: (booking, prescription).
async fn book(app: &TestApp, priority: &str, slot: i64) -> (i64, i64) {
    let (_, nre) = new_prescription(app, SERVICE, priority).await;
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

/// A suspended day with two bookings on it: one moved (class P, slots free later), one put on
/// the waiting list (class U, nothing free before its deadline).
struct Suspended {
    agenda: i64,
    area: i64,
    day: NaiveDate,
    moved: i64,
    waitlisted: i64,
    waitlisted_prescription: i64,
}

async fn suspend_a_day(app: &TestApp) -> Suspended {
    // A day on which the agenda has no seeded slot: only the two bookings below are on it.
    let day = quiet_day(app, SERVICE, 2).await;
    let first = new_slot(app, SERVICE, day, 1).await;
    let second = new_slot(app, SERVICE, day, 31).await;
    let (agenda, service, area): (i64, i64, i64) = query_one!(
        app.db(),
        (i64, i64, i64),
        "select s.agenda_id, s.service_id, f.area_id from slots s \
         join facilities f on f.id = s.facility_id where s.id = $1",
        first
    );
    let (moved, _) = book(app, "P", first).await;
    let (waitlisted, waitlisted_prescription) = book(app, "U", second).await;
    // Nothing else of the service is open before the urgent deadline (nor that day), so the
    // urgent booking has nowhere to go; the other finds a slot later.
    let until = midnight(app.clock.today() + Days::new(5));
    execute!(
        app.db(),
        "update slots set status = 'suspended' where service_id = $1 and id not in ($2, $3) and starts_at < $4",
        service,
        first,
        second,
        until
    );
    let supervisor = signed_in(app, SUPERVISOR.0, SUPERVISOR.1).await;
    let csrf = csrf_of(&supervisor.get(&format!("/operatore/agende/{agenda}")).await);
    let typed = day.format("%d/%m/%Y").to_string();
    let done = post(
        &supervisor,
        &format!("/operatore/agende/{agenda}/sospendi"),
        &csrf,
        &[
            ("sospendi_dal", &typed),
            ("sospendi_al", &typed),
            ("sospendi_categoria", "equipment"),
            ("sospendi_motivo", REASON),
        ],
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    Suspended {
        agenda,
        area,
        day,
        moved,
        waitlisted,
        waitlisted_prescription,
    }
}

on_both_backends! {
    async fn suspending_records_the_suspension_and_each_outcome_as_the_bookings_table_says(backend) {
        let app = TestApp::spawn(backend).await;
        let s = suspend_a_day(&app).await;

        let (id, agenda, from, to, category, reason, by, slots): (i64, i64, NaiveDate, NaiveDate, String, String, i64, i64) = query_one!(
            app.db(), (i64, i64, NaiveDate, NaiveDate, String, String, i64, i64),
            "select id, agenda_id, from_day, to_day, reason_category, public_reason, created_by, slots from suspensions"
        );
        assert_eq!((agenda, from, to), (s.agenda, s.day, s.day));
        assert_eq!((category.as_str(), reason.as_str(), by), ("equipment", REASON, SUPERVISOR_ID));
        assert_eq!(slots, 2, "the two open slots of the day");

        // The moved booking: confirmed, on the very slot the record names, at its time.
        let (outcome, new_slot, new_start, waiting): (String, Option<i64>, Option<i64>, Option<i64>) = query_one!(
            app.db(), (String, Option<i64>, Option<i64>, Option<i64>),
            "select outcome, new_slot_id, new_starts_at, waiting_id from suspension_bookings where booking_id = $1",
            s.moved
        );
        let (slot_now, status, starts_at): (i64, String, i64) = query_one!(
            app.db(), (i64, String, i64),
            "select b.slot_id, b.status, s.starts_at from bookings b join slots s on s.id = b.slot_id where b.id = $1",
            s.moved
        );
        assert_eq!((outcome.as_str(), status.as_str()), ("moved", "confirmed"));
        assert_eq!((new_slot, new_start, waiting), (Some(slot_now), Some(starts_at), None));

        // The waitlisted booking: cancelled, its prescription's open waiting entry recorded.
        let (outcome, new_slot, waiting): (String, Option<i64>, Option<i64>) = query_one!(
            app.db(), (String, Option<i64>, Option<i64>),
            "select outcome, new_slot_id, waiting_id from suspension_bookings where booking_id = $1",
            s.waitlisted
        );
        let (entry,): (i64,) = query_one!(
            app.db(), (i64,),
            "select id from waiting_list where prescription_id = $1 and status = 'waiting'",
            s.waitlisted_prescription
        );
        assert_eq!((outcome.as_str(), new_slot, waiting), ("waitlisted", None, Some(entry)));
        assert_eq!(count(&app, "select count(*) from bookings where id = $1 and status = 'cancelled'", s.waitlisted).await, 1);

        // Every booking the day had is recorded once, and every record agrees with the bookings.
        assert_eq!(count(&app, "select count(*) from suspension_bookings where suspension_id = $1", id).await, 2);
        assert_eq!(count(&app,
            "select count(*) from suspension_bookings sb join bookings b on b.id = sb.booking_id \
             where sb.suspension_id = $1 and ((sb.outcome = 'moved' and b.status = 'confirmed' and b.slot_id = sb.new_slot_id) \
             or (sb.outcome = 'waitlisted' and b.status = 'cancelled'))", id).await, 2);
        let (summary,): (String,) = query_one!(
            app.db(), (String,), "select detail from audit_log where action = 'agenda.suspended' and staff_id = $1",
            SUPERVISOR_ID
        );
        assert!(summary.contains(&format!("suspension {id}, equipment")), "{summary}");

        // The database refuses records that would contradict themselves.
        assert!(refused(app.db(), &format!(
            "insert into suspension_bookings (suspension_id, booking_id, previous_slot_id, outcome) \
             values ({id}, {}, {slot_now}, 'moved')", s.waitlisted)).await, "moved without a slot");
        assert!(refused(app.db(), &format!(
            "update suspensions set reason_category = 'weather' where id = {id}")).await, "unknown category");
        assert!(refused(app.db(), &format!(
            "update suspensions set public_reason = '{}' where id = {id}", "x".repeat(161))).await, "too long");
        assert!(refused(app.db(), &format!(
            "update suspensions set facility_id = facility_id + 1 where id = {id}")).await, "not the agenda's facility");
    }

    async fn the_report_shows_each_outcome_to_supervisors_only_and_the_read_is_audited(backend) {
        let app = TestApp::spawn(backend).await;
        let s = suspend_a_day(&app).await;
        let (id,): (i64,) = query_one!(app.db(), (i64,), "select id from suspensions");
        let path = format!("/operatore/sospensioni/{id}");

        let anonymous = Browser::new(&app);
        assert_eq!(anonymous.get("/operatore/sospensioni").await.status, 303, "signing in comes first");
        let operator = signed_in(&app, OPERATOR.0, OPERATOR.1).await;
        assert_eq!(operator.get("/operatore/sospensioni").await.status, 403);
        assert_eq!(operator.get(&path).await.status, 403);
        assert_eq!(count(&app, "select count(*) from audit_log where reason = 'Rapporto sospensioni' and booking_id > $1", 0).await, 0);

        let supervisor = signed_in(&app, SUPERVISOR.0, SUPERVISOR.1).await;
        let list = supervisor.get(&format!("/operatore/sospensioni?zona={}", s.area)).await;
        assert_eq!(list.status, 200, "{}", list.body);
        assert_strict_page(&list.body);
        assert!(list.body.contains(&format!("href=\"{path}\"")), "{}", list.body);
        assert!(list.body.contains(REASON));
        assert_eq!(supervisor.get("/operatore/sospensioni?zona=999999").await.status, 404);

        let (moved_code,): (String,) = query_one!(app.db(), (String,), "select code from bookings where id = $1", s.moved);
        let (waitlisted_code,): (String,) = query_one!(app.db(), (String,), "select code from bookings where id = $1", s.waitlisted);
        let (fiscal_code, family_name): (String, String) = query_one!(
            app.db(), (String, String),
            "select c.fiscal_code, c.family_name from citizens c join prescriptions p on p.fiscal_code = c.fiscal_code where p.id = $1",
            s.waitlisted_prescription
        );
        let detail = supervisor.get(&path).await;
        assert_eq!(detail.status, 200, "{}", detail.body);
        assert_strict_page(&detail.body);
        let grouped = |code: &str| BookingCode::parse(code).expect("code").display_grouped();
        assert!(detail.body.contains(&grouped(&moved_code)), "{}", detail.body);
        assert!(detail.body.contains(&grouped(&waitlisted_code)));
        assert!(detail.body.contains("Spostata al "));
        assert!(detail.body.contains("Annullata, ricetta in lista d&#x27;attesa (In attesa)")
            || detail.body.contains("Annullata, ricetta in lista d'attesa (In attesa)"), "{}", detail.body);
        // The page's own content, after the staff bar (which names the supervisor, Paola Galli:
        // Galli is also a family name of the demo citizens).
        let bar = detail.body.find("class=\"staff-bar\"").expect("the staff bar");
        let content = &detail.body[bar + detail.body[bar..].find("</div>").expect("its end")..];
        assert!(!content.contains(&fiscal_code) && !content.contains(&family_name), "no names, no fiscal codes");
        // The messages sent, and the audit entries behind each outcome, with the way to the search.
        // Booked without contacts: the message was written, with nobody to send it to.
        assert_eq!(detail.body.matches("<td>Nessuno: Senza recapito</td>").count(), 2, "{}", detail.body);
        let (moved_entry,): (i64,) = query_one!(
            app.db(), (i64,), "select id from audit_log where action = 'booking.moved' and booking_id = $1", s.moved
        );
        assert!(detail.body.contains(&format!("#{moved_entry} ")), "{}", detail.body);
        assert!(detail.body.contains("action=\"/operatore/registro\"") && detail.body.contains("value=\"supervisore1\""));
        // The read is on record, one entry per booking shown.
        assert_eq!(count(&app, "select count(*) from audit_log where action = 'booking_viewed' and reason = 'Rapporto sospensioni' and staff_id = $1", SUPERVISOR_ID).await, 2);

        // What happened since: the waitlisted prescription booked again.
        let later = new_slot(&app, SERVICE, s.day + Days::new(30), 45).await;
        let prescription = prescriptions::by_id(app.db(), s.waitlisted_prescription).await.expect("read").expect("exists");
        execute!(app.db(), "update waiting_list set status = 'withdrawn' where prescription_id = $1", s.waitlisted_prescription);
        server::booking::book::book_now(
            app.db(), &prescription, later, &server::booking::book::Contacts::default(),
            Actor::Citizen(Channel::Web), app.clock.now(),
        ).await.expect("booked again");
        let detail = supervisor.get(&path).await;
        assert!(detail.body.contains("(poi prenotata di nuovo)"), "{}", detail.body);
    }

    async fn the_public_page_counts_per_area_with_no_personal_data(backend) {
        let app = TestApp::spawn(backend).await;
        // Seen before the suspension: the prepared page is made again once one is recorded.
        let before = Browser::new(&app).get("/sospensioni").await;
        assert_eq!(before.status, 200);
        let s = suspend_a_day(&app).await;
        let (area_name,): (String,) = query_one!(app.db(), (String,), "select name from areas where id = $1", s.area);
        let browser = Browser::new(&app);
        let index = browser.get("/sospensioni").await;
        assert_eq!(index.status, 200, "{}", index.body);
        assert_strict_page(&index.body);
        let area_path = format!("/sospensioni/{}", s.area);
        assert!(index.body.contains(&format!("<a href=\"{area_path}\">{area_name}</a>")), "{}", index.body);
        // Suspensions, slots, moved, waiting list, booked again.
        let area_row = index.body.split(&format!("{area_name}</a>")).nth(1).expect("the area's row");
        let cells: Vec<&str> = area_row.split("</tr>").next().expect("row")
            .split("<td>").skip(1).map(|c| c.split('<').next().unwrap_or_default()).collect();
        assert_eq!(cells, ["1", "2", "1", "1", "0"], "{area_row}");

        let page = browser.get(&area_path).await;
        assert_eq!(page.status, 200);
        assert_strict_page(&page.body);
        assert!(page.body.contains(REASON) && page.body.contains("Apparecchiatura guasta o in manutenzione"), "{}", page.body);
        let mut personal: Vec<String> = Vec::new();
        for booking in [s.moved, s.waitlisted] {
            let (code, fiscal_code, family_name): (String, String, String) = query_one!(
                app.db(), (String, String, String),
                "select b.code, c.fiscal_code, c.family_name from bookings b join prescriptions p on p.id = b.prescription_id \
                 join citizens c on c.fiscal_code = p.fiscal_code where b.id = $1",
                booking
            );
            personal.push(BookingCode::parse(&code).expect("code").display_grouped());
            personal.extend([code, fiscal_code, family_name]);
        }
        for body in [&index.body, &page.body] {
            for value in &personal {
                assert!(!body.contains(value.as_str()), "{value} on a public page");
            }
        }
        assert_eq!(browser.get("/sospensioni/999999").await.status, 404);
        assert_eq!(browser.get("/sospensioni/abc").await.status, 404);
        // Linked from the transparency page.
        let transparency = browser.get("/trasparenza/tempi-di-attesa").await;
        assert!(transparency.body.contains("<a href=\"/sospensioni\">Agende sospese</a>"));

        // Prepared bytes, compressed; with the stylesheet, well within 14 KB on a first visit.
        let response = app.client.get(app.url(&area_path)).header("accept-encoding", "br").send().await.expect("get");
        assert_eq!(response.headers()["content-encoding"], "br");
        assert!(response.headers()["cache-control"].to_str().expect("ascii").starts_with("public, max-age=60"));
        let html = response.bytes().await.expect("body").len();
        let css_href = page.body.split("rel=\"stylesheet\" href=\"").nth(1).and_then(|r| r.split('"').next()).expect("css");
        let css = app.client.get(app.url(css_href)).header("accept-encoding", "br").send().await.expect("css")
            .bytes().await.expect("css body").len();
        assert!(html + css < 14 * 1024 - 4 * 1024, "{html} + {css} bytes, leaving room for the scripts");
    }

    async fn the_reason_fields_are_required_limited_and_in_the_users_language(backend) {
        let app = TestApp::spawn(backend).await;
        let day = app.clock.today() + Days::new(3);
        let slot = new_slot(&app, SERVICE, day, 7).await;
        let (agenda,): (i64,) = query_one!(app.db(), (i64,), "select agenda_id from slots where id = $1", slot);
        let supervisor = signed_in(&app, SUPERVISOR.0, SUPERVISOR.1).await;
        let page = supervisor.get(&format!("/operatore/agende/{agenda}")).await;
        assert!(page.body.contains("<label for=\"sospendi_categoria\">"), "{}", page.body);
        assert!(page.body.contains("maxlength=\"160\""));
        let csrf = csrf_of(&page);
        let path = format!("/operatore/agende/{agenda}/sospendi");
        let typed = day.format("%d/%m/%Y").to_string();
        let long = "x".repeat(161);
        for (category, reason, field, message) in [
            ("", REASON, "sospendi_categoria", "Scegli il tipo di motivo della sospensione"),
            ("weather", REASON, "sospendi_categoria", "Scegli il tipo di motivo della sospensione"),
            ("other", " \n ", "sospendi_motivo", "Scrivi il motivo della sospensione"),
            ("other", long.as_str(), "sospendi_motivo", "Il motivo può avere al massimo 160 caratteri"),
        ] {
            let refused = post(&supervisor, &path, &csrf, &[
                ("sospendi_dal", &typed), ("sospendi_categoria", category), ("sospendi_motivo", reason),
            ]).await;
            assert_eq!(refused.status, 422, "{category:?} {reason:?}");
            assert!(refused.body.contains(&format!("href=\"#{field}\"")), "{}", refused.body);
            assert!(refused.body.contains(&format!("aria-describedby=\"{field}")), "{}", refused.body);
            assert!(refused.body.contains(message), "{message}");
        }
        // In the user's language.
        assert_eq!(supervisor.get("/lingua/en?torna=/").await.status, 303);
        let refused = post(&supervisor, &path, &csrf, &[("sospendi_dal", &typed), ("sospendi_motivo", REASON)]).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("Choose the kind of reason for the suspension"), "{}", refused.body);
        assert_eq!(count(&app, "select count(*) from slots where id = $1 and status = 'suspended'", slot).await, 0);
        assert_eq!(count(&app, "select count(*) from suspensions where agenda_id = $1", agenda).await, 0);
        // 160 characters are accepted.
        let exact = "y".repeat(160);
        let done = post(&supervisor, &path, &csrf, &[
            ("sospendi_dal", &typed), ("sospendi_categoria", "staff_absence"), ("sospendi_motivo", &exact),
        ]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(count(&app, "select count(*) from suspensions where agenda_id = $1 and reason_category = 'staff_absence'", agenda).await, 1);
    }
}
