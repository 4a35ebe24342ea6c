//! The citizen's record: their prescriptions (and what can be done with each), bookings and
//! waiting-list entries, from the fiscal code kept in the staff session. Each booking shows its
//! recall (reminders, the answer) and the messages about it, their recipients masked.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use leptos::prelude::*;

use app::domain::contact::masked;
use app::domain::{BookingCode, BookingStatus, PriorityClass, WaitingStatus};
use app::i18n::Lang;
use app::views::render_document;
use app::views::staff::{
    BookingLine, CitizenRecordData, CitizenRecordPage, MessageLine, RecallAnswer, RecallLine,
    RxLine, WaitingLine,
};

use super::{
    CITIZEN_KEY, ServedCitizen, Serving, actor, citizen_summary, prescriptions_of, to_search,
};
use crate::audit::Actor;
use crate::booking::rules::may_change;
use crate::clock::local;
use crate::db::on_read;
use crate::error::AppError;
use crate::outbox::Message;
use crate::staff::csrf::{CsrfForm, TokenOnly};
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

#[derive(sqlx::FromRow)]
struct BookingRecord {
    id: i64,
    code: String,
    status: String,
    starts_at: i64,
    service_id: i64,
    facility_id: i64,
    recall: Option<String>,
    recall_at: Option<i64>,
}

type Reminders = HashMap<i64, Vec<(i64, NaiveDate)>>;
type Messages = HashMap<i64, Vec<MessageLine>>;
/// booking, kind, channel, status, recipient, created at.
type MessageRow = (i64, String, Option<String>, String, Option<String>, i64);

/// The reminders queued and the messages about the citizen's bookings, by booking; recipients
/// masked. Read under the record's own audit entry (opening the record is audited).
async fn recall_of(state: &AppState, fiscal_code: &str) -> Result<(Reminders, Messages), AppError> {
    let reminder_rows: Vec<(i64, i64, i64)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select r.booking_id, r.days_before, r.queued_at from booking_reminders r \
             join bookings b on b.id = r.booking_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by r.queued_at, r.days_before desc",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let mut reminders = Reminders::new();
    for (booking_id, days, at) in reminder_rows {
        reminders
            .entry(booking_id)
            .or_default()
            .push((days, local(at).date()));
    }
    let message_rows: Vec<MessageRow> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select o.booking_id, o.kind, o.channel, o.status, o.recipient, o.created_at \
             from notification_outbox o join bookings b on b.id = o.booking_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by o.id limit 1000",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let mut messages = Messages::new();
    for (booking_id, kind, channel, status, recipient, at) in message_rows {
        let Some(kind) = Message::ALL.iter().position(|m| m.kind() == kind) else {
            continue;
        };
        let channel = match channel.as_deref() {
            Some("email") => 0,
            Some("sms") => 1,
            _ => 2,
        };
        let state = match status.as_str() {
            "pending" => 0,
            "sent" => 1,
            "failed" => 2,
            _ => 3,
        };
        messages.entry(booking_id).or_default().push(MessageLine {
            kind,
            channel,
            state,
            to: recipient.as_deref().map(masked),
            at: local(at),
        });
    }
    Ok((reminders, messages))
}

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

    let booking_rows: Vec<BookingRecord> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select b.id, b.code, b.status, s.starts_at, s.service_id, s.facility_id, b.recall, \
             b.recall_at \
             from bookings b join slots s on s.id = b.slot_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by s.starts_at desc, b.id desc limit 200",
        )
        .bind(&served.fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let (now, today) = (state.clock.now(), state.clock.today());
    let (mut reminders, mut messages) = recall_of(state, &served.fiscal_code).await?;
    let bookings = booking_rows
        .into_iter()
        .filter_map(|row| {
            let BookingRecord {
                id,
                code,
                status,
                starts_at,
                service_id,
                facility_id,
                recall,
                recall_at,
            } = row;
            let parsed = BookingCode::parse(&code).ok()?;
            let status = BookingStatus::parse(&status)?;
            let facility = state.directory.get(facility_id);
            let answer = match (recall.as_deref(), recall_at) {
                (Some("confirmed"), Some(at)) => Some((RecallAnswer::Confirmed, local(at).date())),
                (Some("no_reply"), Some(at)) => Some((RecallAnswer::NoReply, local(at).date())),
                _ => None,
            };
            Some(BookingLine {
                recall: RecallLine {
                    reminders: reminders.remove(&id).unwrap_or_default(),
                    answer,
                },
                messages: messages.remove(&id).unwrap_or_default(),
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
