//! The facility desk (`/operatore/sportello`): the visits of one day at one facility, each
//! confirmed one marked attended or not attended (`booking::attendance`). An operator works at
//! the desk of their facility (`staff.facility_id`) and only there; an operator without one is
//! refused; supervisors and administrators choose any facility. Every visit listed is a read
//! of a citizen's booking, audited (`booking_viewed`) before the list is shown.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{BookingCode, BookingStatus, Role};
use app::i18n::Lang;
use app::routes;
use app::views::render_document;
use app::views::staff::{DeskAction, DeskData, DeskPage, DeskVisit};

use super::csrf::CsrfForm;
use super::session::SignedIn;
use crate::audit::{self, Actor};
use crate::booking::attendance::{self, Attendance, AttendanceError, Desk};
use crate::clock::{local, start_of_day};
use crate::db::{Conn, on_conn};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Recorded as the reason of each read of the list (in Italian, for the supervisors who read
/// the audit).
const READ_REASON: &str = "Sportello: visite del giorno";

/// The facility whose desk this member of staff may work at: their own, or (supervisors and
/// administrators) the one asked for. Err: an operator without a facility (403).
fn desk_facility(signed_in: &SignedIn, asked: Option<i64>) -> Result<Option<i64>, AppError> {
    if signed_in.may(Role::Supervisor) {
        return Ok(asked.or(signed_in.staff.facility_id));
    }
    match signed_in.staff.facility_id {
        Some(own) => Ok(Some(own)),
        None => Err(AppError::Forbidden),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    giorno: Option<String>,
    struttura: Option<String>,
    esito: Option<String>,
}

#[derive(sqlx::FromRow)]
struct VisitRow {
    id: i64,
    code: String,
    status: String,
    starts_at: i64,
    service_id: i64,
    given_name: String,
    family_name: String,
    ticket_due: i64,
    attendance_marked_at: Option<i64>,
}

/// The day's visits at the facility, each read recorded in the audit first (one statement),
/// then read in the same transaction: only what was recorded is shown.
async fn visits(
    state: &AppState,
    staff_id: i64,
    facility_id: i64,
    day: NaiveDate,
) -> Result<Vec<VisitRow>, AppError> {
    let (from, until) = (start_of_day(day), start_of_day(day + Days::new(1)));
    let now = state.clock.now();
    let rows = state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                on_conn!(conn, tx => {
                    let recorded = audit::visits_viewed(
                        Conn::from(&mut *tx),
                        Actor::Staff { id: staff_id },
                        facility_id,
                        from,
                        until,
                        READ_REASON,
                        now,
                    )
                    .await?;
                    let rows: Vec<VisitRow> = sqlx::query_as(
                        "select b.id, b.code, b.status, s.starts_at, s.service_id, c.given_name, \
                         c.family_name, cast(b.ticket_due as bigint) as ticket_due, \
                         b.attendance_marked_at \
                         from bookings b join slots s on s.id = b.slot_id \
                         join prescriptions p on p.id = b.prescription_id \
                         join citizens c on c.fiscal_code = p.fiscal_code \
                         where s.facility_id = $1 and s.starts_at >= $2 and s.starts_at < $3 \
                           and b.status <> 'cancelled' \
                         order by s.starts_at, b.id",
                    )
                    .bind(facility_id)
                    .bind(from)
                    .bind(until)
                    .fetch_all(&mut *tx)
                    .await?;
                    Ok::<_, sqlx::Error>(
                        rows.into_iter().filter(|r| recorded.contains(&r.id)).collect(),
                    )
                })
            })
        })
        .await?;
    Ok(rows)
}

/// What the desk may do with a visit today.
fn action(
    status: BookingStatus,
    day: NaiveDate,
    marked_at: Option<i64>,
    today: NaiveDate,
) -> DeskAction {
    match status {
        BookingStatus::Confirmed if day <= today => DeskAction::Mark,
        BookingStatus::Confirmed => DeskAction::NotYet,
        BookingStatus::Attended | BookingStatus::NoShow
            if marked_at.is_some_and(|at| at >= start_of_day(today)) =>
        {
            DeskAction::Correct
        }
        _ => DeskAction::None,
    }
}

pub async fn desk_page(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<DeskQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let asked = query
        .struttura
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<i64>()
                .ok()
                .filter(|id| state.directory.get(*id).is_some())
        });
    let facility_id = desk_facility(&signed_in, asked.flatten())?;
    let today = state.clock.today();
    let mut data = DeskData {
        marked: query.esito.as_deref() == Some("segnata"),
        ..DeskData::default()
    };
    if signed_in.may(Role::Supervisor) {
        let mut facilities: Vec<(i64, String)> = state
            .directory
            .all()
            .map(|f| (f.id, f.name.clone()))
            .collect();
        facilities.sort_by(|a, b| a.1.cmp(&b.1));
        data.facilities = facilities;
        if asked == Some(None) {
            data.errors.push("struttura", t.desk_facility_required);
        }
    }
    let typed = query.giorno.unwrap_or_default();
    let day = if typed.trim().is_empty() {
        Some(today)
    } else {
        let day = Lang::parse_date(&typed);
        if day.is_none() {
            data.errors.push("giorno", t.desk_day_invalid);
        }
        day
    };
    data.day_typed = match day {
        Some(day) => lang.short_date(day),
        None => typed.chars().take(20).collect(),
    };
    data.day = day;
    data.facility = facility_id
        .and_then(|id| state.directory.get(id))
        .map(|f| (f.id, f.name.clone()));
    if let (Some((facility_id, _)), Some(day)) = (&data.facility, day) {
        let rows = visits(&state, signed_in.staff.id, *facility_id, day).await?;
        data.visits = rows
            .into_iter()
            .filter_map(|r| {
                let status = BookingStatus::parse(&r.status)?;
                let code = BookingCode::parse(&r.code).ok()?;
                let starts = local(r.starts_at);
                Some(DeskVisit {
                    starts,
                    code_grouped: code.display_grouped(),
                    code: r.code,
                    patient: format!("{} {}", r.given_name, r.family_name),
                    service: state
                        .catalog
                        .by_id(r.service_id)
                        .map(|s| s.name(lang).to_owned())
                        .unwrap_or_default(),
                    status,
                    ticket_due: r.ticket_due != 0,
                    action: action(status, starts.date(), r.attendance_marked_at, today),
                })
            })
            .collect();
    }
    let status = if data.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let staff = signed_in.view();
    let html = render_document(view! { <DeskPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct MarkForm {
    #[serde(default)]
    esito: String,
    #[serde(default)]
    giorno: String,
    #[serde(default)]
    struttura: String,
}

pub async fn desk_mark(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<MarkForm>,
) -> Result<Response, AppError> {
    let attendance = match form.esito.as_str() {
        "presente" => Attendance::Attended,
        "assente" => Attendance::NoShow,
        _ => return Err(AppError::Unprocessable),
    };
    let code = BookingCode::parse(&code).map_err(|_| AppError::NotFound)?;
    // Supervisors and administrators mark at any desk; an operator only at their own.
    let facility_id = if signed_in.may(Role::Supervisor) {
        None
    } else {
        Some(desk_facility(&signed_in, None)?.ok_or(AppError::Forbidden)?)
    };
    let desk = Desk {
        staff_id: signed_in.staff.id,
        facility_id,
    };
    let marked = attendance::mark(
        &state.db,
        code.as_str(),
        attendance,
        desk,
        state.clock.now(),
        state.clock.today(),
    )
    .await;
    match marked {
        Ok(_) => {}
        Err(AttendanceError::NotFound) => return Err(AppError::NotFound),
        Err(AttendanceError::NotYet | AttendanceError::NotMarkable) => {
            return Err(AppError::Conflict);
        }
        Err(AttendanceError::Db(err)) => return Err(err.into()),
    }
    let mut back = form_urlencoded::Serializer::new(String::new());
    if let Some(day) = Lang::parse_date(&form.giorno) {
        back.append_pair("giorno", &day.to_string());
    }
    if let Ok(id) = form.struttura.trim().parse::<i64>() {
        back.append_pair("struttura", &id.to_string());
    }
    back.append_pair("esito", "segnata");
    Ok(Redirect::to(&format!("{}?{}", routes::STAFF_DESK, back.finish())).into_response())
}
