//! The citizen's booking journey as plain HTML forms (Post/Redirect/Get, no JavaScript):
//! prescription → slots → hold → confirmation → receipt, then lookup, move and cancel.
//! What the browser has proven travels in the encrypted citizen pass, never in the URL.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{BookingCode, Email, FiscalCode, Nre, Phone, calendar};
use app::i18n::Lang;
use app::routes;
use app::views::booking::{
    CancelData, CancelPage, ConfirmData, ConfirmPage, Journey, LookupData, LookupPage, Notice,
    PrescriptionData, PrescriptionPage, PrescriptionView, PrintPage, ReceiptData, ReceiptNotice,
    ReceiptPage, SlotFilters, SlotView, SlotsData, SlotsPage, WaitingState, WaitlistData,
    WaitlistPage,
};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::details::{self, BookingRow};
use super::{BookingError, Contacts, HOLD_SECONDS, TICKET_CAP_CENTS};
use crate::availability::SlotQuery;
use crate::clock::{local, start_of_day};
use crate::error::AppError;
use crate::http::pass::CitizenPass;
use crate::http::{AppState, Page, html_page};
use crate::journal::Actor;
use crate::prescriptions::{self, Prescription, Problem};
use crate::waitlist;

/// Slots per page of the availability list.
const PAGE_SIZE: i64 = 20;

/// Who acts: a citizen, through the portal or a kiosk terminal.
fn actor(ctx: &PageContext) -> Actor {
    Actor::Citizen(ctx.channel())
}

impl From<BookingError> for AppError {
    fn from(err: BookingError) -> Self {
        match err {
            BookingError::Db(e) => AppError::from(e),
            _ => AppError::NotFound,
        }
    }
}

/// A page response, optionally storing the updated pass.
fn page(
    state: &AppState,
    status: StatusCode,
    lang: Lang,
    html: String,
    pass: Option<CitizenPass>,
) -> Response {
    let mut response = html_page(lang, html);
    *response.status_mut() = status;
    // Personal pages: never in a shared cache.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if let Some(cookie) = pass.and_then(|p| p.set_cookie(&state.pass, state.clock.now())) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// A 303 to `to`, storing the updated pass.
fn see_other(state: &AppState, to: &str, pass: CitizenPass) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Some(cookie) = pass.set_cookie(&state.pass, state.clock.now()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn read_pass(state: &AppState, headers: &HeaderMap) -> CitizenPass {
    CitizenPass::read(headers, &state.pass, state.clock.now())
}

// ---------------------------------------------------------------------------------------------
// 1. The prescription

#[derive(Debug, Default, Deserialize)]
pub struct PrescriptionForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    nre: String,
}

pub async fn prescription_form(State(state): State<AppState>, Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    let html =
        render_document(view! { <PrescriptionPage ctx=ctx data=PrescriptionData::default() /> });
    page(&state, StatusCode::OK, lang, html, None)
}

pub async fn prescription_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Form(form): Form<PrescriptionForm>,
) -> Result<Response, AppError> {
    let t = ctx.lang.t();
    let mut errors = FormErrors::default();
    let fiscal_code = FiscalCode::parse(&form.codice_fiscale)
        .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
        .ok();
    let nre = Nre::parse(&form.nre)
        .map_err(|e| errors.push("nre", t.nre_error(e)))
        .ok();
    if let (Some(fiscal_code), Some(nre)) = (&fiscal_code, &nre) {
        let catalog = state.catalog.clone();
        let checked =
            prescriptions::check(&state.db, fiscal_code, nre, state.clock.today(), |id| {
                catalog.by_id(id).map(|s| s.kind)
            })
            .await?;
        match checked {
            Ok(prescription) => {
                let mut pass = read_pass(&state, &headers);
                pass.prescription = Some(prescription.id);
                pass.hold = None;
                // A slot the waiting list set aside for this prescription goes straight to
                // confirmation.
                let offered =
                    super::live_hold_of(&state.db, prescription.id, state.clock.now()).await?;
                let to = match offered {
                    Some(hold) => {
                        pass.hold = Some(hold.token);
                        routes::BOOK_CONFIRM
                    }
                    None => routes::BOOK_SLOTS,
                };
                return Ok(see_other(&state, to, pass));
            }
            Err(problem) => {
                let (field, message) = match problem {
                    Problem::Unknown => ("nre", t.rx_unknown.to_owned()),
                    Problem::OtherPerson => ("codice_fiscale", t.rx_other_person.to_owned()),
                    Problem::AlreadyBooked => ("nre", t.rx_booked.to_owned()),
                    Problem::NotBookable => ("nre", t.rx_not_bookable.to_owned()),
                    Problem::Expired { deadline } => {
                        ("nre", (t.rx_expired)(&ctx.lang.long_date(deadline)))
                    }
                };
                errors.push(field, message);
            }
        }
    }
    let lang = ctx.lang;
    let data = PrescriptionData {
        fiscal_code: form.codice_fiscale.trim().to_owned(),
        nre: form.nre.trim().to_owned(),
        errors,
    };
    let html = render_document(view! { <PrescriptionPage ctx=ctx data=data /> });
    Ok(page(
        &state,
        StatusCode::UNPROCESSABLE_ENTITY,
        lang,
        html,
        None,
    ))
}

/// The prescription the pass proves, or None (the journey starts again at /prenota).
async fn pass_prescription(
    state: &AppState,
    pass: &CitizenPass,
) -> Result<Option<Prescription>, AppError> {
    match pass.prescription {
        Some(id) => Ok(prescriptions::by_id(&state.db, id).await?),
        None => Ok(None),
    }
}

pub(crate) fn prescription_view(
    state: &AppState,
    lang: Lang,
    prescription: &Prescription,
) -> Option<PrescriptionView> {
    let service = state.catalog.by_id(prescription.service_id)?;
    Some(PrescriptionView {
        service_name: service.name(lang).to_owned(),
        service_code: service.row.code.clone(),
        priority: prescription.priority,
        deadline: prescription.deadline(service.kind),
    })
}

pub(crate) fn slot_view(
    state: &AppState,
    lang: Lang,
    id: i64,
    starts_at: i64,
    facility_id: i64,
    deadline: NaiveDate,
) -> SlotView {
    let starts = local(starts_at);
    let facility = state.directory.get(facility_id);
    SlotView {
        id,
        starts,
        facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
        town: facility.map(|f| f.town.clone()).unwrap_or_default(),
        address: facility.map(|f| f.address.clone()).unwrap_or_default(),
        access_notes: facility
            .map(|f| f.access_notes(lang).to_owned())
            .unwrap_or_default(),
        within_deadline: starts.date() <= deadline,
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Free slots

#[derive(Debug, Default, Deserialize)]
pub struct SlotParams {
    zona: Option<String>,
    comune: Option<String>,
    dal: Option<String>,
    /// Keyset of the next page: "start-id".
    dopo: Option<String>,
}

/// Builds the availability page for a prescription, for booking or for moving a booking.
async fn slots_page(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    journey: Journey,
    params: &SlotParams,
    notice: Option<Notice>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let now = state.clock.now();
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let area = params
        .zona
        .as_deref()
        .and_then(|z| z.parse::<i64>().ok())
        .filter(|id| state.directory.area_name(*id).is_some());
    let town = params
        .comune
        .as_deref()
        .filter(|c| state.directory.towns().iter().any(|t| t == c))
        .map(str::to_owned);
    let from_text = params.dal.clone().unwrap_or_default();
    let from_date = (!from_text.trim().is_empty())
        .then(|| Lang::parse_date(&from_text))
        .flatten();
    let from_invalid = !from_text.trim().is_empty() && from_date.is_none();
    let after = params.dopo.as_deref().and_then(|d| {
        let (start, id) = d.split_once('-')?;
        Some((start.parse().ok()?, id.parse().ok()?))
    });
    let query = SlotQuery {
        service_id: prescription.service_id,
        channel: ctx.channel(),
        priority: Some(prescription.priority),
        area_id: area,
        town: town.clone(),
        from: from_date.map(start_of_day),
        after,
        limit: PAGE_SIZE + 1,
    };
    let mut found = state
        .availability
        .free_slots(&state.db, &query, now)
        .await?;
    let next_page = (found.len() as i64 > PAGE_SIZE).then(|| {
        found.truncate(PAGE_SIZE as usize);
        let last = found.last().map_or((0, 0), |s| (s.starts_at, s.id));
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(a) = area {
            q.append_pair("zona", &a.to_string());
        }
        if let Some(t) = &town {
            q.append_pair("comune", t);
        }
        if from_date.is_some() {
            q.append_pair("dal", from_text.trim());
        }
        q.append_pair("dopo", &format!("{}-{}", last.0, last.1));
        q.finish()
    });

    // Is anything free in time anywhere in the region (filters aside)? If not, the waiting list.
    let unfiltered_first =
        if area.is_none() && town.is_none() && from_date.is_none() && after.is_none() {
            found.first().map(|s| s.starts_at)
        } else {
            let anywhere = SlotQuery {
                area_id: None,
                town: None,
                from: None,
                after: None,
                limit: 1,
                ..query.clone()
            };
            state
                .availability
                .free_slots(&state.db, &anywhere, now)
                .await?
                .first()
                .map(|s| s.starts_at)
        };
    let in_time = unfiltered_first.is_some_and(|start| local(start).date() <= view.deadline);
    let waiting = if in_time || matches!(journey, Journey::Move { .. }) {
        None
    } else if waitlist::open_entry(&state.db, prescription.id)
        .await?
        .is_some()
    {
        Some(WaitingState::Waiting)
    } else {
        Some(WaitingState::CanJoin)
    };

    let deadline = view.deadline;
    let slots = found
        .iter()
        .map(|s| slot_view(state, lang, s.id, s.starts_at, s.facility_id, deadline))
        .collect();
    let data = SlotsData {
        journey,
        prescription: view,
        filters: SlotFilters {
            areas: state.directory.areas().to_vec(),
            towns: state.directory.towns().to_vec(),
            area,
            town,
            from: from_text,
            from_invalid,
        },
        slots,
        next_page,
        first_page: after.is_none(),
        notice,
        waiting,
    };
    Ok(render_document(view! { <SlotsPage ctx=ctx data=data /> }))
}

/// The availability page again, with the reason a choice did not go through.
async fn slots_again(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    journey: Journey,
    notice: Notice,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    // The language switch must lead back to a page that answers GET.
    let path = match &journey {
        Journey::Book => routes::BOOK_SLOTS.to_owned(),
        Journey::Move { code, .. } => routes::move_slots(code),
    };
    let ctx = PageContext { path, ..ctx };
    let html = slots_page(
        state,
        ctx,
        prescription,
        journey,
        &SlotParams::default(),
        Some(notice),
    )
    .await?;
    Ok(page(state, status, lang, html, None))
}

/// Why a hold was refused, as the slots page tells it; None for errors that are not about the slot.
fn refusal(err: &BookingError) -> Option<Notice> {
    match err {
        BookingError::SlotTaken => Some(Notice::SlotTaken),
        BookingError::SlotUnavailable => Some(Notice::SlotUnavailable),
        BookingError::HoldExpired => Some(Notice::HoldExpired),
        _ => None,
    }
}

pub async fn slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let lang = ctx.lang;
    let html = slots_page(&state, ctx, &prescription, Journey::Book, &params, None).await?;
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    slot: i64,
}

/// Choosing a slot holds it for a few minutes. Of many people choosing the same slot at once,
/// one gets it; the others are told at once and see the other free slots.
pub async fn choose(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let now = state.clock.now();
    match super::hold(
        &state.db,
        &prescription,
        form.slot,
        ctx.channel(),
        now,
        HOLD_SECONDS,
    )
    .await
    {
        Ok(hold) => {
            pass.hold = Some(hold.token);
            Ok(see_other(&state, routes::BOOK_CONFIRM, pass))
        }
        Err(err) => match refusal(&err) {
            Some(notice) => {
                slots_again(
                    &state,
                    ctx,
                    &prescription,
                    Journey::Book,
                    notice,
                    StatusCode::CONFLICT,
                )
                .await
            }
            None => Err(err.into()),
        },
    }
}

/// A stray GET of the choose URL (for instance from the language switch) shows the slots.
pub async fn choose_get() -> Redirect {
    Redirect::to(routes::BOOK_SLOTS)
}

// ---------------------------------------------------------------------------------------------
// 3. Confirmation of a held slot

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    telefono: String,
    #[serde(default)]
    email: String,
}

async fn confirm_page(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    hold: &super::Hold,
    form: ConfirmForm,
    errors: FormErrors,
) -> Result<Option<String>, AppError> {
    let lang = ctx.lang;
    let Some(view) = prescription_view(state, lang, prescription) else {
        return Ok(None);
    };
    let Some((starts_at, facility_id)) = slot_place(state, hold.slot_id).await? else {
        return Ok(None);
    };
    let offered = waitlist::open_entry(&state.db, prescription.id)
        .await?
        .is_some_and(|e| e.status == "offered");
    let data = ConfirmData {
        journey: Journey::Book,
        slot: slot_view(
            state,
            lang,
            hold.slot_id,
            starts_at,
            facility_id,
            view.deadline,
        ),
        prescription: view,
        held_until: local(hold.expires_at),
        offered,
        phone: form.telefono,
        email: form.email,
        errors,
    };
    Ok(Some(render_document(
        view! { <ConfirmPage ctx=ctx data=data /> },
    )))
}

pub(crate) async fn slot_place(
    state: &AppState,
    slot_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    crate::db::on_read!(&state.db, pool => {
        sqlx::query_as("select starts_at, facility_id from slots where id = $1")
            .bind(slot_id)
            .fetch_optional(pool)
            .await
    })
}

/// The held slot of the pass, if still live.
async fn live_hold(
    state: &AppState,
    pass: &CitizenPass,
    prescription: &Prescription,
) -> Result<Option<super::Hold>, AppError> {
    let Some(token) = &pass.hold else {
        return Ok(None);
    };
    Ok(super::hold_by_token(&state.db, token, state.clock.now())
        .await?
        .filter(|(_, owner)| *owner == prescription.id)
        .map(|(hold, _)| hold))
}

/// The active booking of a prescription (after a confirmation was submitted twice).
async fn booking_of_prescription(
    state: &AppState,
    prescription_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    crate::db::on_read!(&state.db, pool => {
        sqlx::query_as(
            "select id, code from bookings where prescription_id = $1 and status <> 'cancelled'",
        )
        .bind(prescription_id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn confirm_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let lang = ctx.lang;
    if let Some(hold) = live_hold(&state, &pass, &prescription).await? {
        if let Some(html) = confirm_page(
            &state,
            ctx,
            &prescription,
            &hold,
            ConfirmForm::default(),
            FormErrors::default(),
        )
        .await?
        {
            return Ok(page(&state, StatusCode::OK, lang, html, None));
        }
        return Err(AppError::NotFound);
    }
    if let Some((id, code)) = booking_of_prescription(&state, prescription.id).await? {
        pass.remember_booking(id);
        return Ok(see_other(&state, &routes::receipt(&code), pass));
    }
    slots_again(
        &state,
        ctx,
        &prescription,
        Journey::Book,
        Notice::HoldExpired,
        StatusCode::OK,
    )
    .await
}

pub async fn confirm_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let phone = (!form.telefono.trim().is_empty())
        .then(|| Phone::parse(&form.telefono))
        .transpose()
        .map_err(|e| errors.push("telefono", t.phone_error(e)))
        .ok()
        .flatten();
    let email = (!form.email.trim().is_empty())
        .then(|| Email::parse(&form.email))
        .transpose()
        .map_err(|e| errors.push("email", t.email_error(e)))
        .ok()
        .flatten();
    if !errors.is_empty() {
        if let Some(hold) = live_hold(&state, &pass, &prescription).await?
            && let Some(html) =
                confirm_page(&state, ctx, &prescription, &hold, form, errors).await?
        {
            return Ok(page(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                lang,
                html,
                None,
            ));
        }
        return Ok(Redirect::to(routes::BOOK_CONFIRM).into_response());
    }
    let contacts = Contacts { phone, email };
    let token = pass.hold.clone().unwrap_or_default();
    let notice =
        match super::confirm(&state.db, &token, &contacts, actor(&ctx), state.clock.now()).await {
            Ok(confirmed) => {
                pass.remember_booking(confirmed.booking_id);
                pass.hold = None;
                pass.prescription = None;
                let to = format!("{}?confermata", routes::receipt(confirmed.code.as_str()));
                return Ok(see_other(&state, &to, pass));
            }
            // Submitted twice, or already booked in another tab: show that booking.
            Err(BookingError::HoldExpired | BookingError::AlreadyBooked) => {
                if let Some((id, code)) = booking_of_prescription(&state, prescription.id).await? {
                    pass.remember_booking(id);
                    pass.hold = None;
                    return Ok(see_other(&state, &routes::receipt(&code), pass));
                }
                Notice::HoldExpired
            }
            Err(BookingError::SlotTaken) => Notice::SlotTaken,
            Err(err) => return Err(err.into()),
        };
    slots_again(
        &state,
        ctx,
        &prescription,
        Journey::Book,
        notice,
        StatusCode::CONFLICT,
    )
    .await
}

/// "Choose another time": gives the held slot back at once.
pub async fn release(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    if let Some(token) = pass.hold.take() {
        super::release(&state.db, &token).await?;
    }
    Ok(see_other(&state, routes::BOOK_SLOTS, pass))
}

// ---------------------------------------------------------------------------------------------
// 4. The waiting list

pub async fn waitlist_join(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let kind = state
        .catalog
        .by_id(prescription.service_id)
        .map(|s| s.kind)
        .ok_or(AppError::NotFound)?;
    waitlist::join(
        &state.db,
        &prescription,
        prescription.deadline(kind),
        None,
        ctx.channel(),
        state.clock.now(),
    )
    .await?;
    Ok(see_other(&state, routes::BOOK_WAITLIST, pass))
}

pub async fn waitlist_page(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(prescription) = pass_prescription(&state, &pass).await? else {
        return Ok(Redirect::to(routes::BOOK).into_response());
    };
    let Some(entry) = waitlist::open_entry(&state.db, prescription.id).await? else {
        return Ok(Redirect::to(routes::BOOK_SLOTS).into_response());
    };
    if entry.status == "offered" {
        return Ok(Redirect::to(routes::BOOK).into_response());
    }
    let lang = ctx.lang;
    let view = prescription_view(&state, lang, &prescription).ok_or(AppError::NotFound)?;
    let data = WaitlistData {
        prescription: view,
        since: local(entry.created_at).date(),
    };
    let html = render_document(view! { <WaitlistPage ctx=ctx data=data /> });
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

// ---------------------------------------------------------------------------------------------
// 5. My bookings: lookup, receipt, calendar file, QR code

#[derive(Debug, Default, Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    codice_prenotazione: String,
}

pub async fn lookup_form(State(state): State<AppState>, Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    let html = render_document(view! { <LookupPage ctx=ctx data=LookupData::default() /> });
    page(&state, StatusCode::OK, lang, html, None)
}

pub async fn lookup_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let fiscal_code = FiscalCode::parse(&form.codice_fiscale)
        .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
        .ok();
    let code = BookingCode::parse(&form.codice_prenotazione)
        .map_err(|e| errors.push("codice_prenotazione", t.booking_code_error(e)))
        .ok();
    if let (Some(fiscal_code), Some(code)) = (&fiscal_code, &code) {
        match details::by_code_for(&state.db, code, fiscal_code).await? {
            Some(booking) => {
                let mut pass = read_pass(&state, &headers);
                pass.remember_booking(booking.id);
                return Ok(see_other(&state, &routes::receipt(code.as_str()), pass));
            }
            None => errors.push("codice_prenotazione", t.lookup_not_found),
        }
    }
    let data = LookupData {
        fiscal_code: form.codice_fiscale.trim().to_owned(),
        booking_code: form.codice_prenotazione.trim().to_owned(),
        errors,
    };
    let html = render_document(view! { <LookupPage ctx=ctx data=data /> });
    Ok(page(
        &state,
        StatusCode::UNPROCESSABLE_ENTITY,
        lang,
        html,
        None,
    ))
}

/// The booking behind a code in the URL, if this browser has proven it may see it.
async fn visible_booking(
    state: &AppState,
    pass: &CitizenPass,
    code: &str,
) -> Result<Option<BookingRow>, AppError> {
    let Ok(code) = BookingCode::parse(code) else {
        return Ok(None);
    };
    Ok(details::by_code(&state.db, &code)
        .await?
        .filter(|b| pass.may_see(b.id)))
}

pub(crate) fn receipt_data(
    state: &AppState,
    lang: Lang,
    booking: &BookingRow,
    notice: Option<ReceiptNotice>,
) -> Option<ReceiptData> {
    let service = state.catalog.by_id(booking.service_id)?;
    let priority = booking.priority()?;
    let code = booking.booking_code()?;
    let deadline = priority.deadline(booking.prescribed_on, service.kind);
    let day = local(booking.starts_at).date();
    let today = state.clock.today();
    let change_until = (booking.status == "confirmed" && calendar::can_change_online(today, day))
        .then(|| calendar::last_day_to_change(day));
    Some(ReceiptData {
        code: code.as_str().to_owned(),
        code_grouped: code.display_grouped(),
        status: booking.status.clone(),
        prescription: PrescriptionView {
            service_name: service.name(lang).to_owned(),
            service_code: service.row.code.clone(),
            priority,
            deadline,
        },
        prep_notes: match lang {
            Lang::It => service.row.prep_notes_it.clone(),
            Lang::En => service.row.prep_notes_en.clone(),
        },
        slot: slot_view(
            state,
            lang,
            booking.slot_id,
            booking.starts_at,
            booking.facility_id,
            deadline,
        ),
        ticket_cents: service.row.ticket_cents.map(|c| c.min(TICKET_CAP_CENTS)),
        booked_on: local(booking.created_at).date(),
        change_until,
        notice,
    })
}

/// Without the right to see a booking, people are asked for the fiscal code and booking code.
fn ask_to_identify() -> Response {
    Redirect::to(routes::MY_BOOKINGS).into_response()
}

pub async fn receipt(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let notice = match uri.query() {
        Some("confermata") => Some(ReceiptNotice::Confirmed),
        Some("spostata") => Some(ReceiptNotice::Moved),
        Some("annullata") => Some(ReceiptNotice::Cancelled),
        _ => None,
    };
    let lang = ctx.lang;
    let data = receipt_data(&state, lang, &booking, notice).ok_or(AppError::NotFound)?;
    let html = render_document(view! { <ReceiptPage ctx=ctx data=data /> });
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

pub async fn receipt_print(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let lang = ctx.lang;
    let data = receipt_data(&state, lang, &booking, None).ok_or(AppError::NotFound)?;
    let html = render_document(view! { <PrintPage ctx=ctx data=data /> });
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

/// The appointment as an iCalendar file for any calendar application.
pub async fn receipt_ics(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    use icalendar::{Component, EventLike};
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let lang = crate::http::lang_of(&headers);
    let service = state
        .catalog
        .by_id(booking.service_id)
        .ok_or(AppError::NotFound)?;
    let grouped = booking
        .booking_code()
        .map(|c| c.display_grouped())
        .unwrap_or_default();
    let (starts, ends) = (
        chrono::DateTime::from_timestamp(booking.starts_at, 0).unwrap_or_default(),
        chrono::DateTime::from_timestamp(booking.ends_at, 0).unwrap_or_default(),
    );
    let prep = match lang {
        Lang::It => &service.row.prep_notes_it,
        Lang::En => &service.row.prep_notes_en,
    };
    let event = icalendar::Event::new()
        .uid(&format!("{}@cupola", booking.code))
        .summary(service.name(lang))
        .location(&format!(
            "{}, {}, {}",
            booking.facility_name, booking.address, booking.town
        ))
        .description(&format!(
            "{}: {grouped}\n{prep}",
            lang.t().code_label_booking
        ))
        .starts(starts)
        .ends(ends)
        .done();
    let calendar = icalendar::Calendar::new().push(event).done();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"prenotazione.ics\"",
            ),
            (header::CACHE_CONTROL, "private, no-cache"),
        ],
        calendar.to_string(),
    )
        .into_response())
}

/// The booking code as a QR code (SVG), for the desk's scanner.
pub async fn receipt_qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Err(AppError::NotFound);
    };
    qr_response(&booking.code)
}

/// A booking code as a QR code (SVG), for the receipt and the operators' copy of it.
pub(crate) fn qr_response(code: &str) -> Result<Response, AppError> {
    let qr = qrcode::QrCode::new(code.as_bytes()).map_err(|_| AppError::NotFound)?;
    let svg = qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(160, 160)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// 6. Cancel

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    motivo: Option<String>,
    #[serde(default)]
    dettagli: String,
}

/// The cancel page's data (public and console): `reason` as submitted, `details` as shown back.
pub(crate) fn cancel_data(
    state: &AppState,
    lang: Lang,
    booking: &BookingRow,
    reason: Option<&str>,
    details: String,
    errors: FormErrors,
) -> CancelData {
    CancelData {
        code: booking.code.clone(),
        service_name: state
            .catalog
            .by_id(booking.service_id)
            .map(|s| s.name(lang).to_owned())
            .unwrap_or_default(),
        starts: local(booking.starts_at),
        facility: booking.facility_name.clone(),
        reason: reason.and_then(|m| m.parse().ok()),
        details,
        errors,
    }
}

fn changeable(state: &AppState, booking: &BookingRow) -> bool {
    booking.status == "confirmed"
        && calendar::can_change_online(state.clock.today(), local(booking.starts_at).date())
}

pub async fn cancel_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    if !changeable(&state, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let lang = ctx.lang;
    let data = cancel_data(
        &state,
        lang,
        &booking,
        None,
        String::new(),
        FormErrors::default(),
    );
    let html = render_document(view! { <CancelPage ctx=ctx data=data /> });
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

pub async fn cancel_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<CancelForm>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let lang = ctx.lang;
    // The reason is stored in Italian, for the staff who read the audit.
    let reason = form
        .motivo
        .as_deref()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|i| app::i18n::IT.reasons.get(i).copied());
    let Some(reason) = reason else {
        let mut errors = FormErrors::default();
        errors.push("motivo", lang.t().reason_required);
        let data = cancel_data(
            &state,
            lang,
            &booking,
            form.motivo.as_deref(),
            form.dettagli.clone(),
            errors,
        );
        let html = render_document(view! { <CancelPage ctx=ctx data=data /> });
        return Ok(page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            html,
            None,
        ));
    };
    let details: String = form.dettagli.trim().chars().take(500).collect();
    let reason = if details.is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}: {details}")
    };
    let receipt = routes::receipt(&booking.code);
    match super::cancel(
        &state.db,
        booking.id,
        &reason,
        actor(&ctx),
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

// ---------------------------------------------------------------------------------------------
// 7. Move

async fn booking_prescription(
    state: &AppState,
    booking: &BookingRow,
) -> Result<Prescription, AppError> {
    prescriptions::by_id(&state.db, booking.prescription_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Moving this booking, from where it is now.
fn move_journey(state: &AppState, lang: Lang, booking: &BookingRow) -> Journey {
    Journey::Move {
        code: booking.code.clone(),
        current: current_slot(state, lang, booking),
    }
}

fn current_slot(state: &AppState, lang: Lang, booking: &BookingRow) -> SlotView {
    slot_view(
        state,
        lang,
        booking.slot_id,
        booking.starts_at,
        booking.facility_id,
        NaiveDate::MAX,
    )
}

pub async fn move_slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    if !changeable(&state, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let prescription = booking_prescription(&state, &booking).await?;
    let lang = ctx.lang;
    let journey = move_journey(&state, lang, &booking);
    let html = slots_page(&state, ctx, &prescription, journey, &params, None).await?;
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

pub async fn move_choose(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    if !changeable(&state, &booking) {
        return Ok(Redirect::to(&routes::receipt(&booking.code)).into_response());
    }
    let prescription = booking_prescription(&state, &booking).await?;
    let now = state.clock.now();
    match super::hold(
        &state.db,
        &prescription,
        form.slot,
        ctx.channel(),
        now,
        HOLD_SECONDS,
    )
    .await
    {
        Ok(hold) => {
            pass.move_hold = Some((booking.id, hold.token));
            Ok(see_other(
                &state,
                &routes::move_confirm(&booking.code),
                pass,
            ))
        }
        Err(err) => match refusal(&err) {
            Some(notice) => {
                let journey = move_journey(&state, ctx.lang, &booking);
                slots_again(
                    &state,
                    ctx,
                    &prescription,
                    journey,
                    notice,
                    StatusCode::CONFLICT,
                )
                .await
            }
            None => Err(err.into()),
        },
    }
}

pub async fn move_confirm_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let prescription = booking_prescription(&state, &booking).await?;
    let lang = ctx.lang;
    let hold = match &pass.move_hold {
        Some((id, token)) if *id == booking.id => {
            super::hold_by_token(&state.db, token, state.clock.now())
                .await?
                .map(|(hold, _)| hold)
        }
        _ => None,
    };
    let journey = move_journey(&state, lang, &booking);
    let Some(hold) = hold else {
        return slots_again(
            &state,
            ctx,
            &prescription,
            journey,
            Notice::HoldExpired,
            StatusCode::OK,
        )
        .await;
    };
    let view = prescription_view(&state, lang, &prescription).ok_or(AppError::NotFound)?;
    let (starts_at, facility_id) = slot_place(&state, hold.slot_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let data = ConfirmData {
        journey,
        slot: slot_view(
            &state,
            lang,
            hold.slot_id,
            starts_at,
            facility_id,
            view.deadline,
        ),
        prescription: view,
        held_until: local(hold.expires_at),
        offered: false,
        phone: String::new(),
        email: String::new(),
        errors: FormErrors::default(),
    };
    let html = render_document(view! { <ConfirmPage ctx=ctx data=data /> });
    Ok(page(&state, StatusCode::OK, lang, html, None))
}

pub async fn move_confirm_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let mut pass = read_pass(&state, &headers);
    let Some(booking) = visible_booking(&state, &pass, &code).await? else {
        return Ok(ask_to_identify());
    };
    let receipt = routes::receipt(&booking.code);
    let token = match &pass.move_hold {
        Some((id, token)) if *id == booking.id => token.clone(),
        _ => return Ok(Redirect::to(&routes::move_slots(&booking.code)).into_response()),
    };
    let notice = match super::move_to_held(
        &state.db,
        booking.id,
        &token,
        actor(&ctx),
        state.clock.now(),
        state.clock.today(),
    )
    .await
    {
        Ok(()) => {
            pass.move_hold = None;
            return Ok(see_other(&state, &format!("{receipt}?spostata"), pass));
        }
        Err(BookingError::TooLateToChange { .. } | BookingError::NotActive) => {
            return Ok(Redirect::to(&receipt).into_response());
        }
        Err(BookingError::HoldExpired) => Notice::HoldExpired,
        Err(BookingError::SlotTaken) => Notice::SlotTaken,
        Err(err) => return Err(err.into()),
    };
    let prescription = booking_prescription(&state, &booking).await?;
    let journey = move_journey(&state, ctx.lang, &booking);
    slots_again(
        &state,
        ctx,
        &prescription,
        journey,
        notice,
        StatusCode::CONFLICT,
    )
    .await
}
