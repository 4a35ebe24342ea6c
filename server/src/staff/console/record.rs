//! The citizen's record: their prescriptions (and what can be done with each), bookings and
//! waiting-list entries, from the fiscal code kept in the staff session.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use leptos::prelude::*;

use app::domain::{BookingCode, BookingStatus, PriorityClass, WaitingStatus};
use app::i18n::Lang;
use app::views::render_document;
use app::views::staff::{BookingLine, CitizenRecordData, CitizenRecordPage, RxLine, WaitingLine};

use super::{
    CITIZEN_KEY, ServedCitizen, Serving, actor, citizen_summary, prescriptions_of, to_search,
};
use crate::audit::Actor;
use crate::booking::rules::may_change;
use crate::clock::local;
use crate::db::on_read;
use crate::error::AppError;
use crate::staff::csrf::{CsrfForm, TokenOnly};
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

async fn record_data(
    state: &AppState,
    lang: Lang,
    served: &ServedCitizen,
    actor: Actor,
) -> Result<Option<CitizenRecordData>, AppError> {
    let Some(citizen) = citizen_summary(state, served).await? else {
        return Ok(None);
    };
    let service_name = |id: i64| {
        state
            .catalog
            .by_id(id)
            .map(|s| s.name(lang).to_owned())
            .unwrap_or_default()
    };
    let prescriptions = prescriptions_of(&state.db, &served.fiscal_code, None)
        .await?
        .into_iter()
        .filter_map(|rx| {
            let (status, deadline) = rx.status(state)?;
            Some(RxLine {
                id: rx.id,
                service: service_name(rx.service_id),
                priority: PriorityClass::parse(&rx.priority).ok()?,
                prescribed_on: rx.prescribed_on,
                deadline,
                status,
                nre: rx.nre,
            })
        })
        .collect();

    let booking_rows: Vec<(String, String, i64, i64, i64)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select b.code, b.status, s.starts_at, s.service_id, s.facility_id \
             from bookings b join slots s on s.id = b.slot_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by s.starts_at desc, b.id desc limit 200",
        )
        .bind(&served.fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let (now, today) = (state.clock.now(), state.clock.today());
    let bookings = booking_rows
        .into_iter()
        .filter_map(|(code, status, starts_at, service_id, facility_id)| {
            let parsed = BookingCode::parse(&code).ok()?;
            let status = BookingStatus::parse(&status)?;
            let facility = state.directory.get(facility_id);
            Some(BookingLine {
                code_grouped: parsed.display_grouped(),
                code,
                service: service_name(service_id),
                starts: local(starts_at),
                facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                changeable: may_change(actor, status, starts_at, today, now).is_ok(),
                status,
            })
        })
        .collect();

    let waiting_rows: Vec<(i64, String, NaiveDate, String, i64)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select w.service_id, w.priority, w.deadline, w.status, w.created_at \
             from waiting_list w join prescriptions p on p.id = w.prescription_id \
             where p.fiscal_code = $1 order by w.created_at desc",
        )
        .bind(&served.fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let waiting = waiting_rows
        .into_iter()
        .filter_map(|(service_id, priority, deadline, status, created_at)| {
            let status = WaitingStatus::parse(&status)?;
            Some(WaitingLine {
                service: service_name(service_id),
                priority: PriorityClass::parse(&priority).ok()?,
                deadline,
                since: local(created_at).date(),
                status,
            })
        })
        .collect();
    Ok(Some(CitizenRecordData {
        citizen,
        prescriptions,
        bookings,
        waiting,
    }))
}

pub async fn citizen_record(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let Some(data) = record_data(&state, lang, &served, actor(&signed_in)).await? else {
        return Ok(to_search());
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenRecordPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

/// "Close the record": the citizen is no longer kept in the session.
pub async fn citizen_close(
    signed_in: SignedIn,
    _: CsrfForm<TokenOnly>,
) -> Result<Response, AppError> {
    signed_in.remove::<ServedCitizen>(CITIZEN_KEY).await?;
    Ok(to_search())
}
