//! The supervisors' report of suspensions (`/operatore/sospensioni[?zona=ID][&dopo=AT-ID]`) and
//! one suspension with what became of each booking (`/operatore/sospensioni/{id}`): booking
//! references only, and the read of the bookings recorded in the audit before it is shown.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{BookingCode, BookingStatus, WaitingStatus};
use app::i18n::Lang;
use app::views::backoffice::{
    AffectedView, Outcome, SuspensionDetailData, SuspensionDetailPage, SuspensionRow,
    SuspensionsData, SuspensionsPage,
};
use app::views::render_document;
use app::views::staff::{MESSAGE_CHANNELS, MESSAGE_STATES};

use super::record::{self, Suspension};
use crate::audit::{self, Actor};
use crate::clock::local;
use crate::error::AppError;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Suspensions per page of the report.
pub const REPORT_PAGE_SIZE: i64 = 50;
/// The reason recorded with a supervisor's read of a suspension's bookings.
pub const REPORT_READ_REASON: &str = "Rapporto sospensioni";

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    zona: Option<String>,
    /// Keyset of the next page: "at-id".
    dopo: Option<String>,
}

/// An area typed in a query: none when empty, 404 when it is no area.
pub(super) fn area_of(state: &AppState, typed: Option<&str>) -> Result<Option<i64>, AppError> {
    match typed.map(str::trim) {
        None | Some("") => Ok(None),
        Some(typed) => typed
            .parse::<i64>()
            .ok()
            .filter(|id| state.directory.area_name(*id).is_some())
            .map(Some)
            .ok_or(AppError::NotFound),
    }
}

fn row_of(state: &AppState, lang: Lang, s: &Suspension) -> SuspensionRow {
    let facility = state.directory.get(s.facility_id);
    SuspensionRow {
        id: s.id,
        agenda: s.agenda_label.clone(),
        facility: facility
            .map(|f| format!("{}, {}", f.name, f.town))
            .unwrap_or_default(),
        area: state
            .directory
            .area_name(s.area_id)
            .unwrap_or_default()
            .to_owned(),
        service: state
            .catalog
            .by_id(s.service_id)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        from: s.from_day,
        to: s.to_day,
        reason: s.reason(),
        public_reason: s.public_reason.clone(),
        by: format!("{} ({})", s.created_by_name, s.created_by_username),
        at: local(s.created_at),
        slots: s.slots,
        moved: s.moved,
        waitlisted: s.waitlisted,
        rebooked: s.rebooked,
    }
}

/// The list, newest first, of one area or all.
pub async fn list(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let area = area_of(&state, query.zona.as_deref())?;
    let before = query.dopo.as_deref().and_then(|d| {
        let (at, id) = d.split_once('-')?;
        Some((at.parse().ok()?, id.parse().ok()?))
    });
    let mut found = record::list(&state.db, area, before, REPORT_PAGE_SIZE + 1).await?;
    let next_page = (found.len() as i64 > REPORT_PAGE_SIZE).then(|| {
        found.truncate(REPORT_PAGE_SIZE as usize);
        let last = found.last().map_or((0, 0), |s| (s.created_at, s.id));
        format!("dopo={}-{}", last.0, last.1)
    });
    let data = SuspensionsData {
        areas: state.directory.areas().to_vec(),
        area,
        rows: found.iter().map(|s| row_of(&state, lang, s)).collect(),
        next_page,
        first_page: before.is_none(),
    };
    let staff = signed_in.view();
    let html = render_document(view! { <SuspensionsPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

fn name_of(list: &[&str], names: &[&'static str], value: &str) -> String {
    list.iter()
        .position(|v| *v == value)
        .and_then(|i| names.get(i))
        .map_or_else(|| value.to_owned(), |n| (*n).to_owned())
}

/// One suspension and its bookings. The read is recorded (one entry per booking) first.
pub async fn detail(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let suspension = record::one(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (staff_id, now) = (signed_in.staff.id, state.clock.now());
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                audit::suspension_viewed(
                    conn,
                    Actor::Staff { id: staff_id },
                    id,
                    REPORT_READ_REASON,
                    now,
                )
                .await
            })
        })
        .await?;
    let bookings = record::bookings(&state.db, id).await?;
    let mut messages: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (booking, channel, status) in record::messages(&state.db, id).await? {
        messages.entry(booking).or_default().push((
            name_of(
                &MESSAGE_CHANNELS,
                &t.dl_channel_names,
                channel.as_deref().unwrap_or("none"),
            ),
            name_of(&MESSAGE_STATES, &t.dl_state_names, &status),
        ));
    }
    let mut audit_by_booking: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    let mut own_audit = Vec::new();
    for (entry, booking, action) in record::audit_entries(&state.db, id).await? {
        match booking {
            Some(b) => audit_by_booking.entry(b).or_default().push((entry, action)),
            None => own_audit.push(entry),
        }
    }
    let place = |facility: Option<i64>| {
        facility
            .and_then(|f| state.directory.get(f))
            .map(|f| format!("{}, {}", f.name, f.town))
            .unwrap_or_default()
    };
    let affected = bookings
        .into_iter()
        .map(|b| {
            let outcome = match (b.outcome.as_str(), b.new_starts_at) {
                ("moved", Some(at)) => Outcome::Moved {
                    at: local(at),
                    place: place(b.new_facility_id),
                    now: BookingStatus::parse(&b.status),
                },
                _ => Outcome::Waitlisted {
                    rebooked: b.rebooked != 0,
                    waiting: b.waiting_status.as_deref().and_then(WaitingStatus::parse),
                },
            };
            AffectedView {
                code: BookingCode::parse(&b.code)
                    .map(|c| c.display_grouped())
                    .unwrap_or(b.code),
                previous: local(b.previous_starts_at),
                outcome,
                messages: messages.remove(&b.booking_id).unwrap_or_default(),
                audit: audit_by_booking.remove(&b.booking_id).unwrap_or_default(),
            }
        })
        .collect();
    let data = SuspensionDetailData {
        row: row_of(&state, lang, &suspension),
        bookings: affected,
        audit: own_audit,
        audit_username: suspension.created_by_username.clone(),
        audit_day: lang.short_date(local(suspension.created_at).date()),
    };
    let staff = signed_in.view();
    let html = render_document(view! { <SuspensionDetailPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}
