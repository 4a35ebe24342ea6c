//! Delegations, with citizens signed in through a real OpenID Connect provider (as in
//! `citizen.rs`): an adult grants, the delegate acts (books, cancels) and every change carries
//! the delegation in the audit and on the receipt, the delegator sees what was done for them,
//! a revocation stops the delegate at once; a parent's declaration for a minor (and its
//! refusal for an adult); an operator's paper delegation (audited, with its reference); the
//! refusals (oneself, a minor as delegate, a period too long, a date that is not one).

use chrono::{Datelike, Days, NaiveDate};
use server::clock::Clock;

use app::domain::FiscalCode;

use crate::citizen::{Citizen, is_area, spid, start};
use crate::common::TestApp;
use crate::fixtures::{new_prescription, new_slot};
use crate::staff::{csrf_of, signed_in};
use crate::{execute, on_both_backends, query_one};

/// A registry citizen of 30 or more other than `not` (a delegate must be an adult; the demo
/// registry has children too).
async fn adult_other_than(app: &TestApp, not: &str) -> String {
    let before = app
        .clock
        .today()
        .checked_sub_days(Days::new(30 * 366))
        .expect("date");
    query_one!(
        app.db(),
        (String,),
        "select fiscal_code from citizens where fiscal_code <> $1 and birth_date < $2 \
         and fiscal_code not like 'STP%' and fiscal_code not like 'ENI%' order by id limit 1",
        not,
        before
    )
    .0
}

/// A new prescription for an adult citizen.
async fn adult_prescription(app: &TestApp) -> (String, String) {
    loop {
        let (cf, nre) = new_prescription(app, "89.7A.3", "P").await;
        let (born,): (Option<NaiveDate>,) = query_one!(
            app.db(),
            (Option<NaiveDate>,),
            "select birth_date from citizens where fiscal_code = $1",
            &cf
        );
        if born.is_some_and(|b| FiscalCode::age_on(b, app.clock.today()) >= 18) {
            return (cf, nre);
        }
    }
}

async fn prescription_id(app: &TestApp, nre: &str) -> i64 {
    query_one!(
        app.db(),
        (i64,),
        "select id from prescriptions where nre = $1",
        nre
    )
    .0
}

fn in_days(clock: &Clock, days: u64) -> String {
    let day = clock
        .today()
        .checked_add_days(Days::new(days))
        .expect("date");
    format!("{}/{}/{}", day.day(), day.month(), day.year())
}

/// A registry citizen born on `born` (a minor, say), with a prescription; returns (code, NRE).
async fn citizen_born(app: &TestApp, born: NaiveDate) -> (String, String) {
    let code = FiscalCode::encode("Bianchi", "Luca", born, false, "D612").expect("code");
    execute!(
        app.db(),
        "insert into citizens (fiscal_code, family_name, given_name, birth_date) values ($1, 'Bianchi', 'Luca', $2)",
        code.as_str(),
        born
    );
    let nre = format!(
        "090Y{:011}",
        99_000_000_000u64 + u64::from(rand::random::<u16>())
    );
    execute!(
        app.db(),
        "insert into prescriptions (nre, fiscal_code, service_id, priority, prescribed_on, status, created_at) \
         select $1, $2, id, 'P', $3, 'valid', $4 from services where code = '89.7A.3'",
        &nre,
        code.as_str(),
        app.clock.today(),
        app.clock.now()
    );
    (code.as_str().to_owned(), nre)
}

on_both_backends! {
    async fn a_delegate_acts_every_change_is_recorded_and_a_revocation_stops_it(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (holder_cf, nre) = adult_prescription(&app).await;
        let delegate_cf = adult_other_than(&app, &holder_cf).await;
        let holder = Citizen::new(&app);
        holder.sign_in(&provider, &spid(&holder_cf)).await;
        let granted = holder
            .post("/le-mie-prenotazioni/deleghe", &[("delegato", &delegate_cf), ("valida_fino", &in_days(&app.clock, 60))])
            .await;
        assert_eq!(granted.status, 200, "{}", granted.body);
        assert!(granted.body.contains("Delega registrata"));
        let (delegation_id,): (i64,) = query_one!(app.db(), (i64,),
            "select id from delegations where delegator = $1 and delegate = $2 and revoked_at is null",
            &holder_cf, &delegate_cf);

        // The delegate, signed in, sees the holder's prescription and books it.
        let delegate = Citizen::new(&app);
        delegate.sign_in(&provider, &spid(&delegate_cf)).await;
        let area = delegate.get("/le-mie-prenotazioni").await;
        assert!(is_area(&area));
        assert!(area.body.contains("Per conto di"), "{}", area.body);
        assert!(area.body.contains(&nre));
        let id = prescription_id(&app, &nre).await;
        let chosen = delegate.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        assert_eq!(chosen.location.as_deref(), Some("/prenota/disponibilita"), "{}", chosen.body);
        let far = app.clock.today().checked_add_days(Days::new(40)).expect("date");
        let slot = new_slot(&app, "89.7A.3", far, 7).await;
        let held = delegate.post("/prenota/scegli", &[("slot", &slot.to_string())]).await;
        assert_eq!(held.status, 303, "{}", held.body);
        let done = delegate.post("/prenota/conferma", &[("telefono", ""), ("email", "")]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let (code,): (String,) = query_one!(app.db(), (String,),
            "select b.code from bookings b join prescriptions p on p.id = b.prescription_id where p.nre = $1", &nre);

        // The change is on record with the delegation; the receipt says who acted.
        let (recorded,): (Option<i64>,) = query_one!(app.db(), (Option<i64>,),
            "select a.delegation_id from audit_log a join bookings b on b.id = a.booking_id \
             where b.code = $1 and a.action = 'booking.created'", &code);
        assert_eq!(recorded, Some(delegation_id));
        let receipt = delegate.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(receipt.status, 200);
        assert!(receipt.body.contains("per delega"), "{}", receipt.body);
        // The holder sees what was done for them.
        let mine = holder.get("/le-mie-prenotazioni").await;
        assert!(mine.body.contains("Fatto per te da chi hai delegato"));

        // The delegate moves it: recorded with the delegation.
        let later = new_slot(&app, "89.7A.3", far.checked_add_days(Days::new(1)).expect("date"), 9).await;
        assert_eq!(delegate.get(&format!("/prenotazioni/{code}/sposta")).await.status, 200);
        let chosen = delegate.post(&format!("/prenotazioni/{code}/sposta"), &[("slot", &later.to_string())]).await;
        assert_eq!(chosen.status, 303, "{}", chosen.body);
        let moved = delegate.post(&format!("/prenotazioni/{code}/sposta/conferma"), &[]).await;
        assert_eq!(moved.status, 303, "{}", moved.body);
        let (recorded,): (Option<i64>,) = query_one!(app.db(), (Option<i64>,),
            "select a.delegation_id from audit_log a join bookings b on b.id = a.booking_id \
             where b.code = $1 and a.action = 'booking.moved'", &code);
        assert_eq!(recorded, Some(delegation_id));

        // The delegate cancels it: recorded with the delegation too.
        let cancelled = delegate.post(&format!("/prenotazioni/{code}/annulla"), &[("motivo", "1"), ("dettagli", "")]).await;
        assert_eq!(cancelled.status, 303, "{}", cancelled.body);
        let (recorded,): (Option<i64>,) = query_one!(app.db(), (Option<i64>,),
            "select a.delegation_id from audit_log a join bookings b on b.id = a.booking_id \
             where b.code = $1 and a.action = 'booking.cancelled'", &code);
        assert_eq!(recorded, Some(delegation_id));

        // The holder revokes: the delegate can no longer see or act.
        delegate.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        let revoked = holder.post(&format!("/le-mie-prenotazioni/deleghe/{delegation_id}/revoca"), &[]).await;
        assert_eq!(revoked.status, 200, "{}", revoked.body);
        assert!(revoked.body.contains("Delega revocata"));
        let slots = delegate.get("/prenota/disponibilita").await;
        assert_eq!(slots.location.as_deref(), Some("/prenota"), "the chosen prescription is no longer theirs to book");
        let again = delegate.post(&format!("/prenota/ricetta/{id}"), &[]).await;
        assert_eq!(again.status, 404);
        let receipt = delegate.get(&format!("/prenotazioni/{code}")).await;
        assert_eq!(receipt.location.as_deref(), Some("/le-mie-prenotazioni"));
        let area = delegate.get("/le-mie-prenotazioni").await;
        assert!(!area.body.contains(&nre));
        let (audits,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where fiscal_code = $1 and action in ('delegation.granted', 'delegation.revoked')",
            &holder_cf);
        assert_eq!(audits, 2);
        // Someone else cannot revoke it (nor see that it exists).
        let stranger = delegate.post(&format!("/le-mie-prenotazioni/deleghe/{delegation_id}/revoca"), &[]).await;
        assert_eq!(stranger.status, 404);
    }

    async fn a_parent_declares_for_a_minor_and_not_for_an_adult(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let today = app.clock.today();
        let born = NaiveDate::from_ymd_opt(today.year() - 11, 3, 15).expect("date");
        let (minor_cf, minor_nre) = citizen_born(&app, born).await;
        let (parent_cf, _) = adult_prescription(&app).await;
        let parent = Citizen::new(&app);
        parent.sign_in(&provider, &spid(&parent_cf)).await;
        let declared = parent.post("/le-mie-prenotazioni/deleghe/minore", &[("minore", &minor_cf)]).await;
        assert_eq!(declared.status, 200, "{}", declared.body);
        assert!(declared.body.contains(&minor_nre), "the minor's prescription is shown");
        let (kind, until): (String, NaiveDate) = query_one!(app.db(), (String, NaiveDate),
            "select kind, valid_to from delegations where delegator = $1", &minor_cf);
        assert_eq!(kind, "guardian");
        assert_eq!(until, NaiveDate::from_ymd_opt(born.year() + 18, 3, 14).expect("date"), "until the day before 18");

        let adult_cf = adult_other_than(&app, &parent_cf).await;
        let refused = parent.post("/le-mie-prenotazioni/deleghe/minore", &[("minore", &adult_cf)]).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("risulta maggiorenne"));
        assert!(refused.body.contains("aria-invalid=\"true\""), "the error is tied to its field");
    }

    async fn an_operator_registers_a_paper_delegation(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (holder_cf, nre) = adult_prescription(&app).await;
        let delegate_cf = adult_other_than(&app, &holder_cf).await;
        let operator = signed_in(&app, "operatore1", "cupola-operatore-1").await;
        let form = operator.get("/operatore/cittadino").await;
        let opened = operator
            .post("/operatore/cittadino", &[("csrf", &csrf_of(&form)), ("codice_fiscale", &holder_cf), ("motivo", "0"), ("note", "")])
            .await;
        assert_eq!(opened.status, 303, "{}", opened.body);
        let record = operator.get("/operatore/cittadino/scheda").await;
        let csrf = csrf_of(&record);
        let missing = operator
            .post("/operatore/cittadino/delega", &[("csrf", &csrf), ("delegato", &delegate_cf), ("valida_fino", &in_days(&app.clock, 30)), ("documento", "")])
            .await;
        assert_eq!(missing.status, 422, "a paper delegation needs its document's reference");
        let done = operator
            .post("/operatore/cittadino/delega", &[("csrf", &csrf), ("delegato", &delegate_cf), ("valida_fino", &in_days(&app.clock, 30)), ("documento", "Prot. 2026/1234")])
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.body.contains("Delega registrata"));
        let (staff, document): (Option<i64>, Option<String>) = query_one!(app.db(), (Option<i64>, Option<String>),
            "select created_by_staff, document_ref from delegations where delegator = $1", &holder_cf);
        assert!(staff.is_some());
        assert_eq!(document.as_deref(), Some("Prot. 2026/1234"));
        let (audited,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where action = 'delegation.registered' and actor = 'staff' \
             and fiscal_code = $1 and reason = 'Prot. 2026/1234'", &holder_cf);
        assert_eq!(audited, 1);
        // The delegate sees the holder's prescriptions once signed in.
        let delegate = Citizen::new(&app);
        delegate.sign_in(&provider, &spid(&delegate_cf)).await;
        assert!(delegate.get("/le-mie-prenotazioni").await.body.contains(&nre));

        // Revoked on paper too, by an operator serving the holder: the delegate no longer sees.
        let record = operator.get("/operatore/cittadino/scheda").await;
        let action = record.body.split("action=\"/operatore/cittadino/delega/").nth(1)
            .and_then(|rest| rest.split('"').next()).expect("a revoke form").to_owned();
        let revoked = operator.post(&format!("/operatore/cittadino/delega/{action}"), &[("csrf", &csrf_of(&record))]).await;
        assert_eq!(revoked.status, 303, "{}", revoked.body);
        let (by_staff,): (Option<i64>,) = query_one!(app.db(), (Option<i64>,),
            "select revoked_by_staff from delegations where delegator = $1", &holder_cf);
        assert!(by_staff.is_some());
        assert!(!delegate.get("/le-mie-prenotazioni").await.body.contains(&nre));
        let (audited,): (i64,) = query_one!(app.db(), (i64,),
            "select count(*) from audit_log where action = 'delegation.revoked' and actor = 'staff' and fiscal_code = $1", &holder_cf);
        assert_eq!(audited, 1);
    }

    async fn delegations_that_cannot_be_are_refused_on_their_fields(backend) {
        let (app, provider) = start(backend, "127.0.0.1").await;
        let (me, _) = adult_prescription(&app).await;
        let citizen = Citizen::new(&app);
        citizen.sign_in(&provider, &spid(&me)).await;
        let (minor_cf, _) = citizen_born(&app, NaiveDate::from_ymd_opt(app.clock.today().year() - 8, 1, 2).expect("date")).await;
        let other = adult_other_than(&app, &me).await;
        let cases: [(&str, String, &str); 4] = [
            (me.as_str(), in_days(&app.clock, 30), "Non puoi delegare te stesso"),
            (minor_cf.as_str(), in_days(&app.clock, 30), "deve essere maggiorenne"),
            (other.as_str(), in_days(&app.clock, 800), "Scegli una data da oggi a 24 mesi"),
            (other.as_str(), "domani".to_owned(), "Scrivi la data come giorno/mese/anno"),
        ];
        for (delegate, until, message) in cases {
            let refused = citizen.post("/le-mie-prenotazioni/deleghe", &[("delegato", delegate), ("valida_fino", &until)]).await;
            assert_eq!(refused.status, 422, "{message}");
            assert!(refused.body.contains(message), "{message}: {}", refused.body);
        }
        let (count,): (i64,) = query_one!(app.db(), (i64,), "select count(*) from delegations where delegator = $1", &me);
        assert_eq!(count, 0);
        // Not signed in: to the sign-in page, nothing recorded.
        let anonymous = Citizen::new(&app);
        let refused = anonymous.post("/le-mie-prenotazioni/deleghe", &[("delegato", &other), ("valida_fino", &in_days(&app.clock, 30))]).await;
        assert_eq!(refused.location.as_deref(), Some("/accedi"));
    }
}
