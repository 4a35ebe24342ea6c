//! The operator console: finding a citizen, their record, and booking, reprinting, moving and
//! cancelling for them. Opening a citizen's data needs a reason and is audited before anything
//! is shown; the citizen being served (fiscal code and reason) is then kept in the staff session
//! — never in a URL, never in a log. Every change goes through the booking core with the
//! operator as the actor, under the same rules as every other channel.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use app::domain::{BookingCode, Channel, FiscalCode, PriorityClass, Role};
use app::i18n::{IT, Lang};
use app::routes;
use app::views::booking::{CancelData, Notice, ReceiptNotice};
use app::views::form::FormErrors;
use app::views::operator::{
    ACCESS_NOTE_MAX, BookingLine, CitizenRecordData, CitizenRecordPage, CitizenSearchData,
    CitizenSearchPage, CitizenSummary, ConsoleChooseData, ConsoleChoosePage, ConsoleHomePage,
    ConsoleJourney, ConsoleSlotChoice, FormExpiredPage, RxLine, RxStatus, StaffCancelPage,
    StaffPrintPage, StaffReceiptData, StaffReceiptPage, WaitingLine,
};
use app::views::{PageContext, render_document};

use super::pages::{SignedIn, page, reservation};
use crate::availability::{self, SlotQuery};
use crate::booking::details::{self, BookingRow};
use crate::booking::pages::{prescription_view, qr_response, receipt_data, slot_view};
use crate::booking::{self, BookingError, Contacts};
use crate::clock::local;
use crate::db::{Db, on_read};
use crate::error::AppError;
use crate::http::{AppState, Page};
use crate::journal::{self, Actor};
use crate::prescriptions::{self, Prescription};

/// Where the citizen being served is kept in the staff session.
const CITIZEN_KEY: &str = "console_citizen";
/// Slots per page when choosing one.
const PAGE_SIZE: i64 = 30;
/// How long an operator's hold lives: it is turned into a booking or a move in the same request.
const HOLD_SECONDS: i64 = 60;

/// The citizen an operator is serving, and why. Bound to the member of staff who opened the
/// record: someone else signing in on the same browser does not inherit it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct ServedCitizen {
    staff_id: i64,
    fiscal_code: String,
    reason: String,
}

pub(super) fn session_error(err: tower_sessions::session::Error) -> AppError {
    AppError::from(sqlx::Error::Protocol(err.to_string()))
}

async fn served(signed_in: &SignedIn) -> Option<ServedCitizen> {
    signed_in
        .session
        .get::<ServedCitizen>(CITIZEN_KEY)
        .await
        .ok()
        .flatten()
        .filter(|c| c.staff_id == signed_in.staff.id)
}

fn to_search() -> Response {
    Redirect::to(routes::STAFF_CITIZEN_SEARCH).into_response()
}

fn actor(signed_in: &SignedIn) -> Actor {
    Actor::Staff {
        id: signed_in.staff.id,
    }
}

/// The answer to a console form whose CSRF token is missing or wrong: nothing was done.
pub(super) fn form_expired(ctx: PageContext, signed_in: &SignedIn) -> Response {
    tracing::warn!(
        staff.id = signed_in.staff.id,
        "console form refused: wrong token"
    );
    let lang = ctx.lang;
    let staff = signed_in.view();
    let html = render_document(view! { <FormExpiredPage ctx=ctx staff=staff /> });
    page(lang, StatusCode::FORBIDDEN, html)
}

// ---------------------------------------------------------------------------------------------
// The menu

pub async fn home(Page(ctx): Page, signed_in: SignedIn) -> Response {
    let has_citizen = served(&signed_in).await.is_some();
    let lang = ctx.lang;
    let staff = signed_in.view();
    let html = render_document(view! {
        <ConsoleHomePage ctx=ctx staff=staff has_citizen=has_citizen />
    });
    page(lang, StatusCode::OK, html)
}

// ---------------------------------------------------------------------------------------------
// 1. Finding a citizen

pub async fn citizen_search_form(
    Page(ctx): Page,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let lang = ctx.lang;
    let staff = signed_in.view();
    let html = render_document(view! {
        <CitizenSearchPage ctx=ctx staff=staff data=CitizenSearchData::default() />
    });
    Ok(page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct CitizenSearchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    motivo: String,
    #[serde(default)]
    note: String,
}

/// The citizen's name and date of birth, if the registry knows the fiscal code.
async fn citizen_of(
    db: &Db,
    fiscal_code: &str,
) -> Result<Option<(String, String, Option<NaiveDate>)>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select given_name, family_name, birth_date from citizens where fiscal_code = $1",
        )
        .bind(fiscal_code)
        .fetch_optional(pool)
        .await
    })
}

pub async fn citizen_search_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Form(form): Form<CitizenSearchForm>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    if !signed_in.check_csrf(&form.csrf).await {
        return Ok(form_expired(ctx, &signed_in));
    }
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let fiscal_code = FiscalCode::parse(&form.codice_fiscale)
        .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
        .ok();
    let reason = form
        .motivo
        .parse::<usize>()
        .ok()
        .and_then(|i| IT.access_reasons.get(i).map(|r| (i, *r)));
    if reason.is_none() {
        errors.push("motivo", t.access_reason_required);
    }
    let note: String = form
        .note
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if note.chars().count() > ACCESS_NOTE_MAX {
        errors.push("note", t.access_note_too_long);
    }
    if let (Some(fiscal_code), Some((_, reason))) = (&fiscal_code, reason)
        && errors.is_empty()
    {
        if citizen_of(&state.db, fiscal_code.as_str()).await?.is_some() {
            // Stored in Italian, for the supervisors who read the audit.
            let reason = if note.is_empty() {
                reason.to_owned()
            } else {
                format!("{reason}: {note}")
            };
            let (id, code, why, now) = (
                signed_in.staff.id,
                fiscal_code.as_str().to_owned(),
                reason.clone(),
                state.clock.now(),
            );
            // On record before anything is shown.
            state
                .db
                .transact(move |conn| {
                    Box::pin(async move {
                        journal::audit_citizen(
                            conn,
                            Actor::Staff { id },
                            "citizen_viewed",
                            Some(&code),
                            Some(&why),
                            "",
                            now,
                        )
                        .await
                    })
                })
                .await?;
            let served = ServedCitizen {
                staff_id: signed_in.staff.id,
                fiscal_code: fiscal_code.as_str().to_owned(),
                reason,
            };
            signed_in
                .session
                .insert(CITIZEN_KEY, &served)
                .await
                .map_err(session_error)?;
            return Ok(Redirect::to(routes::STAFF_CITIZEN).into_response());
        }
        errors.push("codice_fiscale", t.citizen_not_found);
    }
    let data = CitizenSearchData {
        fiscal_code: form.codice_fiscale.trim().chars().take(20).collect(),
        reason: reason.map(|(i, _)| i),
        note: form.note.trim().chars().take(ACCESS_NOTE_MAX * 2).collect(),
        errors,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenSearchPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}

// ---------------------------------------------------------------------------------------------
// 2. The citizen's record

#[derive(sqlx::FromRow)]
struct RxRow {
    id: i64,
    nre: String,
    service_id: i64,
    priority: String,
    prescribed_on: NaiveDate,
    status: String,
    booked: i64,
    waiting: i64,
}

impl RxRow {
    fn prescription(&self, fiscal_code: &str) -> Option<Prescription> {
        Some(Prescription {
            id: self.id,
            fiscal_code: fiscal_code.to_owned(),
            service_id: self.service_id,
            priority: PriorityClass::parse(&self.priority).ok()?,
            prescribed_on: self.prescribed_on,
        })
    }

    /// Where it stands today; None when its service or class is unknown.
    fn status(&self, state: &AppState) -> Option<(RxStatus, NaiveDate)> {
        let kind = state.catalog.by_id(self.service_id)?.kind;
        let deadline = PriorityClass::parse(&self.priority)
            .ok()?
            .deadline(self.prescribed_on, kind);
        let status = match self.status.as_str() {
            "revoked" => RxStatus::Revoked,
            "used" => RxStatus::Used,
            _ if self.booked != 0 => RxStatus::Booked,
            _ if state.clock.today() > deadline => RxStatus::Expired,
            _ if self.waiting != 0 => RxStatus::Waiting,
            _ => RxStatus::ToBook,
        };
        Some((status, deadline))
    }
}

/// The citizen's prescriptions, newest first (or only the one with `id`, if it is theirs).
async fn prescriptions_of(
    db: &Db,
    fiscal_code: &str,
    id: Option<i64>,
) -> Result<Vec<RxRow>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select p.id, p.nre, p.service_id, p.priority, p.prescribed_on, p.status, \
             cast(case when exists (select 1 from bookings b where b.prescription_id = p.id \
               and b.status <> 'cancelled') then 1 else 0 end as bigint) as booked, \
             cast(case when exists (select 1 from waiting_list w where w.prescription_id = p.id \
               and w.status in ('waiting', 'offered')) then 1 else 0 end as bigint) as waiting \
             from prescriptions p \
             where p.fiscal_code = $1 and (cast($2 as bigint) is null or p.id = $2) \
             order by p.prescribed_on desc, p.id desc",
        )
        .bind(fiscal_code)
        .bind(id)
        .fetch_all(pool)
        .await
    })
}

async fn citizen_summary(
    state: &AppState,
    served: &ServedCitizen,
) -> Result<Option<CitizenSummary>, AppError> {
    Ok(citizen_of(&state.db, &served.fiscal_code)
        .await?
        .map(|(given, family, birth_date)| CitizenSummary {
            fiscal_code: served.fiscal_code.clone(),
            name: format!("{given} {family}"),
            birth_date,
            reason: served.reason.clone(),
        }))
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
            let facility = state.directory.get(facility_id);
            Some(BookingLine {
                code_grouped: parsed.display_grouped(),
                code,
                service: service_name(service_id),
                starts: local(starts_at),
                facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                changeable: status == "confirmed"
                    && booking::may_change(actor, starts_at, today, now),
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
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let lang = ctx.lang;
    let Some(data) = record_data(&state, lang, &served, actor(&signed_in)).await? else {
        return Ok(to_search());
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenRecordPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// "Close the record": the citizen is no longer kept in the session.
pub async fn citizen_close(
    Page(ctx): Page,
    signed_in: SignedIn,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    if !signed_in.check_csrf(&form.csrf).await {
        return Ok(form_expired(ctx, &signed_in));
    }
    signed_in
        .session
        .remove::<ServedCitizen>(CITIZEN_KEY)
        .await
        .map_err(session_error)?;
    Ok(to_search())
}

// ---------------------------------------------------------------------------------------------
// 3. Choosing a slot, to book or to move

#[derive(Debug, Default, Deserialize)]
pub struct ChooseParams {
    ricetta: Option<String>,
    zona: Option<String>,
    /// Keyset of the next page: "start-id".
    dopo: Option<String>,
}

/// The page of free slots (operator channel: reserved ones included), earliest first.
#[expect(
    clippy::too_many_arguments,
    reason = "one page, many ingredients; a struct would only rename them"
)]
async fn choose_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    served: &ServedCitizen,
    prescription: &Prescription,
    journey: ConsoleJourney,
    params: &ChooseParams,
    notice: Option<Notice>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let now = state.clock.now();
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let citizen = citizen_summary(state, served)
        .await?
        .ok_or(AppError::NotFound)?;
    let area = params
        .zona
        .as_deref()
        .and_then(|z| z.parse::<i64>().ok())
        .filter(|id| state.directory.area_name(*id).is_some());
    let after = params.dopo.as_deref().and_then(|d| {
        let (start, id) = d.split_once('-')?;
        Some((start.parse().ok()?, id.parse().ok()?))
    });
    // Fresh from the database, like the availability page: the person is on the phone.
    let mut found = availability::free_slots(
        &state.db,
        &SlotQuery {
            service_id: prescription.service_id,
            channel: Channel::Operator,
            priority: Some(prescription.priority),
            area_id: area,
            town: None,
            from: None,
            after,
            limit: PAGE_SIZE + 1,
        },
        now,
    )
    .await?;
    let next_page = (found.len() as i64 > PAGE_SIZE).then(|| {
        found.truncate(PAGE_SIZE as usize);
        let last = found.last().map_or((0, 0), |s| (s.starts_at, s.id));
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(a) = area {
            q.append_pair("zona", &a.to_string());
        }
        q.append_pair("dopo", &format!("{}-{}", last.0, last.1));
        q.finish()
    });
    let slots = found
        .into_iter()
        .map(|s| {
            let v = slot_view(state, lang, s.id, s.starts_at, s.facility_id, view.deadline);
            ConsoleSlotChoice {
                id: v.id,
                starts: v.starts,
                facility: v.facility,
                town: v.town,
                address: v.address,
                within_deadline: v.within_deadline,
                reserved: reservation(t, s.reserved_channel, s.reserved_priority),
            }
        })
        .collect();
    let data = ConsoleChooseData {
        journey,
        citizen,
        prescription: view,
        areas: state.directory.areas().to_vec(),
        area,
        slots,
        next_page,
        first_page: after.is_none(),
        notice,
    };
    let staff = signed_in.view();
    Ok(render_document(
        view! { <ConsoleChoosePage ctx=ctx staff=staff data=data /> },
    ))
}

/// Why a hold or a booking was refused, as the slots page tells it.
fn refusal(err: &BookingError) -> Option<Notice> {
    match err {
        BookingError::SlotTaken => Some(Notice::SlotTaken),
        BookingError::SlotUnavailable => Some(Notice::SlotUnavailable),
        BookingError::HoldExpired => Some(Notice::HoldExpired),
        _ => None,
    }
}

/// One of the served citizen's prescriptions that can be booked now, or why not: None when it
/// is not theirs (or does not exist), Err(redirect) when it cannot be booked.
async fn bookable_prescription(
    state: &AppState,
    served: &ServedCitizen,
    id: Option<&str>,
) -> Result<Result<Prescription, Response>, AppError> {
    let Some(id) = id.and_then(|i| i.trim().parse::<i64>().ok()) else {
        return Err(AppError::NotFound);
    };
    let row = prescriptions_of(&state.db, &served.fiscal_code, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let bookable = row.status(state).is_some_and(|(s, _)| s.bookable());
    match row.prescription(&served.fiscal_code) {
        Some(prescription) if bookable => Ok(Ok(prescription)),
        _ => Ok(Err(Redirect::to(routes::STAFF_CITIZEN).into_response())),
    }
}

pub async fn book_slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(params): Query<ChooseParams>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let prescription =
        match bookable_prescription(&state, &served, params.ricetta.as_deref()).await? {
            Ok(p) => p,
            Err(redirect) => return Ok(redirect),
        };
    let lang = ctx.lang;
    let journey = ConsoleJourney::Book {
        prescription_id: prescription.id,
    };
    let html = choose_page(
        &state,
        ctx,
        &signed_in,
        &served,
        &prescription,
        journey,
        &params,
        None,
    )
    .await?;
    Ok(page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ricetta: String,
    #[serde(default)]
    slot: String,
}

/// Books the chosen slot at once for the served citizen. Of two operators (or an operator and
/// a citizen) choosing the same slot, one gets it; the other sees the other free slots (409).
pub async fn book_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    if !signed_in.check_csrf(&form.csrf).await {
        return Ok(form_expired(ctx, &signed_in));
    }
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let prescription = match bookable_prescription(&state, &served, Some(&form.ricetta)).await? {
        Ok(p) => p,
        Err(redirect) => return Ok(redirect),
    };
    let slot = form
        .slot
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let result = booking::book_now(
        &state.db,
        &prescription,
        slot,
        &Contacts::default(),
        actor(&signed_in),
        Channel::Operator,
        state.clock.now(),
    )
    .await;
    let notice = match result {
        Ok(confirmed) => {
            tracing::info!(
                staff.id = signed_in.staff.id,
                booking.id = confirmed.booking_id,
                "booked by an operator"
            );
            let to = format!(
                "{}?confermata",
                routes::staff_booking(confirmed.code.as_str())
            );
            return Ok(Redirect::to(&to).into_response());
        }
        Err(BookingError::AlreadyBooked) => {
            return Ok(Redirect::to(routes::STAFF_CITIZEN).into_response());
        }
        Err(err) => refusal(&err).ok_or(err)?,
    };
    let lang = ctx.lang;
    // The language switch must lead back to a page that answers GET.
    let ctx = PageContext {
        path: format!("{}?ricetta={}", routes::STAFF_CITIZEN_BOOK, prescription.id),
        ..ctx
    };
    let journey = ConsoleJourney::Book {
        prescription_id: prescription.id,
    };
    let html = choose_page(
        &state,
        ctx,
        &signed_in,
        &served,
        &prescription,
        journey,
        &ChooseParams::default(),
        Some(notice),
    )
    .await?;
    Ok(page(lang, StatusCode::CONFLICT, html))
}

// ---------------------------------------------------------------------------------------------
// 4. Receipt and reprint

/// The booking behind a code in the URL, if it is the served citizen's. Someone else's booking
/// and no booking are the same answer.
async fn served_booking(
    state: &AppState,
    served: &ServedCitizen,
    code: &str,
) -> Result<BookingRow, AppError> {
    let code = BookingCode::parse(code).map_err(|_| AppError::NotFound)?;
    details::by_code(&state.db, &code)
        .await?
        .filter(|b| b.fiscal_code == served.fiscal_code)
        .ok_or(AppError::NotFound)
}

/// Records that a member of staff read a booking (before it is shown).
async fn audit_booking_viewed(
    state: &AppState,
    signed_in: &SignedIn,
    served: &ServedCitizen,
    booking_id: i64,
) -> Result<(), AppError> {
    let (actor, reason, now) = (actor(signed_in), served.reason.clone(), state.clock.now());
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                journal::audit_booking(
                    conn,
                    actor,
                    "booking_viewed",
                    booking_id,
                    Some(&reason),
                    now,
                )
                .await
            })
        })
        .await?;
    Ok(())
}

fn staff_may_change(state: &AppState, signed_in: &SignedIn, booking: &BookingRow) -> bool {
    booking.status == "confirmed"
        && booking::may_change(
            actor(signed_in),
            booking.starts_at,
            state.clock.today(),
            state.clock.now(),
        )
}

pub async fn booking_receipt(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
    uri: Uri,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    audit_booking_viewed(&state, &signed_in, &served, booking.id).await?;
    let notice = match uri.query() {
        Some("confermata") => Some(ReceiptNotice::Confirmed),
        Some("spostata") => Some(ReceiptNotice::Moved),
        Some("annullata") => Some(ReceiptNotice::Cancelled),
        _ => None,
    };
    let lang = ctx.lang;
    let data = StaffReceiptData {
        receipt: receipt_data(&state, lang, &booking, notice).ok_or(AppError::NotFound)?,
        changeable: staff_may_change(&state, &signed_in, &booking),
    };
    let staff = signed_in.view();
    let html = render_document(view! { <StaffReceiptPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, StatusCode::OK, html))
}

pub async fn booking_print(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    audit_booking_viewed(&state, &signed_in, &served, booking.id).await?;
    let lang = ctx.lang;
    let data = receipt_data(&state, lang, &booking, None).ok_or(AppError::NotFound)?;
    let staff = signed_in.view();
    let html = render_document(view! { <StaffPrintPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, StatusCode::OK, html))
}

/// The QR code on the operator's copy of the receipt (its page is the audited read).
pub async fn booking_qr(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let served = served(&signed_in).await.ok_or(AppError::NotFound)?;
    let booking = served_booking(&state, &served, &code).await?;
    qr_response(&booking.code)
}

// ---------------------------------------------------------------------------------------------
// 5. Cancel and move

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    motivo: String,
    #[serde(default)]
    dettagli: String,
}

/// The cancel page's data: the public page's, with the details as the console keeps them.
fn cancel_data(
    state: &AppState,
    lang: Lang,
    booking: &BookingRow,
    form: &CancelForm,
    errors: FormErrors,
) -> CancelData {
    booking::pages::cancel_data(
        state,
        lang,
        booking,
        Some(form.motivo.as_str()),
        form.dettagli.trim().chars().take(500).collect(),
        errors,
    )
}

pub async fn cancel_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&routes::staff_booking(&booking.code)).into_response());
    }
    let lang = ctx.lang;
    let data = cancel_data(
        &state,
        lang,
        &booking,
        &CancelForm::default(),
        FormErrors::default(),
    );
    let staff = signed_in.view();
    let html = render_document(view! { <StaffCancelPage ctx=ctx staff=staff data=data /> });
    Ok(page(lang, StatusCode::OK, html))
}

pub async fn cancel_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
    Form(form): Form<CancelForm>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    if !signed_in.check_csrf(&form.csrf).await {
        return Ok(form_expired(ctx, &signed_in));
    }
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    let receipt = routes::staff_booking(&booking.code);
    let lang = ctx.lang;
    // Stored in Italian, for the staff who read the audit.
    let Some(reason) = form
        .motivo
        .parse::<usize>()
        .ok()
        .and_then(|i| IT.reasons.get(i).copied())
    else {
        let mut errors = FormErrors::default();
        errors.push("motivo", lang.t().reason_required);
        let data = cancel_data(&state, lang, &booking, &form, errors);
        let staff = signed_in.view();
        let html = render_document(view! { <StaffCancelPage ctx=ctx staff=staff data=data /> });
        return Ok(page(lang, StatusCode::UNPROCESSABLE_ENTITY, html));
    };
    let details: String = form
        .dettagli
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(500)
        .collect();
    let reason = if details.is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}: {details}")
    };
    match booking::cancel(
        &state.db,
        booking.id,
        &reason,
        actor(&signed_in),
        state.clock.now(),
        state.clock.today(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("{receipt}?annullata")).into_response()),
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            Ok(Redirect::to(&receipt).into_response())
        }
        Err(err) => Err(err.into()),
    }
}

/// Moving this booking, from where it is now.
fn move_journey(state: &AppState, lang: Lang, booking: &BookingRow) -> ConsoleJourney {
    ConsoleJourney::Move {
        code: booking.code.clone(),
        current: slot_view(
            state,
            lang,
            booking.slot_id,
            booking.starts_at,
            booking.facility_id,
            NaiveDate::MAX,
        ),
    }
}

pub async fn move_slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
    Query(params): Query<ChooseParams>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&routes::staff_booking(&booking.code)).into_response());
    }
    let prescription = prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let journey = move_journey(&state, lang, &booking);
    let html = choose_page(
        &state,
        ctx,
        &signed_in,
        &served,
        &prescription,
        journey,
        &params,
        None,
    )
    .await?;
    Ok(page(lang, StatusCode::OK, html))
}

/// Holds the chosen slot and moves the booking onto it in one step: the old slot is freed only
/// once the new one is booked (`move_to_held`). A refused move gives the hold back at once.
pub async fn move_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(code): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Operator)?;
    if !signed_in.check_csrf(&form.csrf).await {
        return Ok(form_expired(ctx, &signed_in));
    }
    let Some(served) = served(&signed_in).await else {
        return Ok(to_search());
    };
    let booking = served_booking(&state, &served, &code).await?;
    let receipt = routes::staff_booking(&booking.code);
    if !staff_may_change(&state, &signed_in, &booking) {
        return Ok(Redirect::to(&receipt).into_response());
    }
    let prescription = prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let slot = form
        .slot
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    let held = booking::hold(
        &state.db,
        &prescription,
        slot,
        Channel::Operator,
        now,
        HOLD_SECONDS,
    )
    .await;
    let moved = match held {
        Ok(hold) => {
            let moved = booking::move_to_held(
                &state.db,
                booking.id,
                &hold.token,
                actor(&signed_in),
                now,
                state.clock.today(),
            )
            .await;
            if moved.is_err() {
                booking::release(&state.db, &hold.token).await?;
            }
            moved
        }
        Err(err) => Err(err),
    };
    let notice = match moved {
        Ok(()) => return Ok(Redirect::to(&format!("{receipt}?spostata")).into_response()),
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            return Ok(Redirect::to(&receipt).into_response());
        }
        Err(err) => refusal(&err).ok_or(err)?,
    };
    let lang = ctx.lang;
    let journey = move_journey(&state, lang, &booking);
    let ctx = PageContext {
        path: routes::staff_booking_move(&booking.code),
        ..ctx
    };
    let html = choose_page(
        &state,
        ctx,
        &signed_in,
        &served,
        &prescription,
        journey,
        &ChooseParams::default(),
        Some(notice),
    )
    .await?;
    Ok(page(lang, StatusCode::CONFLICT, html))
}
