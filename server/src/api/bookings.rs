//! Booking, reading, moving and cancelling through the API, through the same booking core and
//! rules as the HTML journey (`booking::journey`). What proves the right to a booking (its code
//! and the fiscal code) travels in the body, never in the URL. Each try with a fiscal code is
//! counted (`throttle`): wrong guesses per fiscal code and per client are limited, and beyond
//! the limit the answer is 429 before anything is looked up.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use app::domain::{BookingCode, Channel, Email, FiscalCode, Nre, Phone};
use app::i18n::Lang;

use super::errors::{
    ApiError, ApiResult, ErrorBody, FieldError, booking_code_error, email_error, fiscal_code_error,
    nre_error, phone_error,
};
use super::extract::ApiJson;
use super::lang::ApiLang;
use super::types::{Booking, BookingKey, CancelRequest, MoveRequest, NewBooking, Slot};
use crate::audit::Actor;
use crate::availability::SlotQuery;
use crate::booking::book::{Contacts, book_now};
use crate::booking::change::{cancel as cancel_booking, move_to as move_booking};
use crate::booking::details::{self, BookingRow};
use crate::booking::error::BookingError;
use crate::booking::rules::{CancelReason, ReasonError, may_change};
use crate::db::on_read;
use crate::prescriptions::{self, Prescription, Problem};
use crate::state::AppState;
use crate::throttle::Guess;
use crate::web::client::Client;

const ACTOR: Actor = Actor::Citizen(Channel::App);
/// Free slots offered instead of one just taken.
const ALTERNATIVES: i64 = 3;

/// Books a slot with an electronic prescription. Sending the same request again answers 200
/// with the booking it made.
#[utoipa::path(
    post,
    path = "/api/v1/bookings",
    operation_id = "createBooking",
    tag = "bookings",
    request_body = NewBooking,
    responses(
        (status = 201, description = "Booked", body = Booking),
        (status = 200, description = "The same request again: the booking it made", body = Booking),
        (status = 409, description = "`slot_taken` (with `alternatives`) or `already_booked`", body = ErrorBody),
        (status = 422, description = "`invalid` (field errors, prescription problems) or `slot_unavailable`", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: too many wrong tries with this fiscal code or from this client; `Retry-After` says when to try again", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    ApiJson(request): ApiJson<NewBooking>,
) -> ApiResult<(StatusCode, Json<Booking>)> {
    let t = lang.t();
    let mut errors = Vec::new();
    let fiscal_code = FiscalCode::parse(&request.fiscal_code)
        .map_err(|e| errors.push(fiscal_code_error(t, e)))
        .ok();
    let nre = Nre::parse(&request.nre)
        .map_err(|e| errors.push(nre_error(t, e)))
        .ok();
    let phone = given(request.phone.as_deref())
        .map(Phone::parse)
        .transpose()
        .map_err(|e| errors.push(phone_error(t, e)))
        .ok()
        .flatten();
    let email = given(request.email.as_deref())
        .map(Email::parse)
        .transpose()
        .map_err(|e| errors.push(email_error(t, e)))
        .ok()
        .flatten();
    let (Some(fiscal_code), Some(nre), true) = (fiscal_code, nre, errors.is_empty()) else {
        return Err(ApiError::invalid(t, errors));
    };
    let guess = state
        .throttle
        .citizen(client, fiscal_code.as_str())
        .await
        .map_err(|too_many| ApiError::too_many(t, too_many))?;
    let catalog = state.catalog.clone();
    let checked = prescriptions::check(&state.db, &fiscal_code, &nre, state.clock.today(), |id| {
        catalog.by_id(id).map(|s| s.kind)
    })
    .await?;
    if checked.as_ref().is_err_and(Problem::is_wrong_guess) {
        guess.wrong();
    } else {
        guess.right();
    }
    // From here on the prescription is proven: its problems, and the alternatives to a slot
    // just taken, are shown only to someone who typed both its codes.
    let prescription = match checked {
        Ok(prescription) => prescription,
        Err(Problem::AlreadyBooked) => {
            return match replayed(&state, lang, &nre, request.slot_id).await? {
                Some(booking) => Ok((StatusCode::OK, Json(booking))),
                None => Err(ApiError::conflict("already_booked", t.rx_booked)),
            };
        }
        Err(problem) => return Err(problem_error(lang, problem)),
    };
    let contacts = Contacts { phone, email, lang };
    // Identical requests sent at once share one hold (see `booking::hold`): one books, the
    // others find that booking and answer with it.
    let err = match book_now(
        &state.db,
        &prescription,
        request.slot_id,
        &contacts,
        ACTOR,
        state.clock.now(),
    )
    .await
    {
        Ok(confirmed) => {
            let booking = reload(&state, lang, confirmed.booking_id).await?;
            return Ok((StatusCode::CREATED, Json(booking)));
        }
        Err(err) => err,
    };
    if matches!(
        err,
        BookingError::SlotTaken | BookingError::HoldExpired | BookingError::AlreadyBooked
    ) && let Some(booking) = replayed(&state, lang, &nre, request.slot_id).await?
    {
        return Ok((StatusCode::OK, Json(booking)));
    }
    Err(match err {
        BookingError::SlotTaken | BookingError::HoldExpired => {
            ApiError::slot_taken(t, alternatives(&state, lang, &prescription).await?)
        }
        err => booking_error(lang, err),
    })
}

/// The booking the prescription already has, if it is on `slot_id`: the same request again.
async fn replayed(
    state: &AppState,
    lang: Lang,
    nre: &Nre,
    slot_id: i64,
) -> ApiResult<Option<Booking>> {
    let id: Option<i64> = on_read!(&state.db, pool => {
        sqlx::query_scalar(
            "select b.id from bookings b join prescriptions p on p.id = b.prescription_id \
             where p.nre = $1 and b.status <> 'cancelled'",
        )
        .bind(nre.as_str())
        .fetch_optional(pool)
        .await?
    });
    let Some(id) = id else { return Ok(None) };
    let row = details::by_id(&state.db, id)
        .await?
        .ok_or(ApiError::Bug("booking vanished"))?;
    if row.slot_id != slot_id {
        return Ok(None);
    }
    Ok(Some(view(state, lang, &row)?))
}

/// Shows a booking to whoever gives its code and the fiscal code it belongs to.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/lookup",
    operation_id = "lookUpBooking",
    tag = "bookings",
    request_body = BookingKey,
    responses(
        (status = 200, description = "The booking", body = Booking),
        (status = 404, description = "No booking with this code for this fiscal code", body = ErrorBody),
        (status = 422, description = "A code that cannot be one", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: too many wrong tries with this fiscal code or from this client; `Retry-After` says when to try again", body = ErrorBody),
    )
)]
pub async fn lookup(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    ApiJson(request): ApiJson<BookingKey>,
) -> ApiResult<Json<Booking>> {
    let row = authorised_booking(
        &state,
        lang,
        client,
        &request.booking_code,
        &request.fiscal_code,
        Vec::new(),
    )
    .await?;
    Ok(Json(view(&state, lang, &row)?))
}

/// Cancels a booking until two working days before it; the slot goes to the waiting list.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/cancel",
    operation_id = "cancelBooking",
    tag = "bookings",
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled", body = Booking),
        (status = 404, description = "No booking with this code for this fiscal code", body = ErrorBody),
        (status = 409, description = "`too_late` (with `last_day`) or `not_active`", body = ErrorBody),
        (status = 422, description = "Field errors (the reason is required)", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: too many wrong tries with this fiscal code or from this client; `Retry-After` says when to try again", body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    ApiJson(request): ApiJson<CancelRequest>,
) -> ApiResult<Json<Booking>> {
    let t = lang.t();
    let mut errors = Vec::new();
    let reason = CancelReason::from_text(&request.reason)
        .map_err(|e| {
            errors.push(match e {
                ReasonError::Required => FieldError {
                    field: "reason",
                    code: "required",
                    message: t.reason_required.to_owned(),
                },
                ReasonError::TooLong => FieldError {
                    field: "reason",
                    code: "too_long",
                    message: t.reason_too_long.to_owned(),
                },
            })
        })
        .ok();
    let row = authorised_booking(
        &state,
        lang,
        client,
        &request.booking_code,
        &request.fiscal_code,
        errors,
    )
    .await?;
    let reason = reason.ok_or(ApiError::Bug("a reason error without its field error"))?;
    cancel_booking(
        &state.db,
        row.id,
        &reason,
        ACTOR,
        state.clock.now(),
        state.clock.today(),
    )
    .await
    .map_err(|e| booking_error(lang, e))?;
    Ok(Json(reload(&state, lang, row.id).await?))
}

/// Moves a booking to another slot of the same prescription. The old slot stays booked until
/// the new one is; the code does not change.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/move",
    operation_id = "moveBooking",
    tag = "bookings",
    request_body = MoveRequest,
    responses(
        (status = 200, description = "Moved (or already on that slot)", body = Booking),
        (status = 404, description = "No booking with this code for this fiscal code", body = ErrorBody),
        (status = 409, description = "`slot_taken` (with `alternatives`), `too_late` (with `last_day`) or `not_active`", body = ErrorBody),
        (status = 422, description = "Field errors, or `slot_unavailable`", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: too many wrong tries with this fiscal code or from this client; `Retry-After` says when to try again", body = ErrorBody),
    )
)]
pub async fn move_to(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Client(client): Client,
    ApiJson(request): ApiJson<MoveRequest>,
) -> ApiResult<Json<Booking>> {
    let row = authorised_booking(
        &state,
        lang,
        client,
        &request.booking_code,
        &request.fiscal_code,
        Vec::new(),
    )
    .await?;
    // The same request again: nothing to do.
    if row.status.is_active() && row.slot_id == request.slot_id {
        return Ok(Json(view(&state, lang, &row)?));
    }
    // Checked before holding, so that a refused move never holds a slot for a moment.
    let (now, today) = (state.clock.now(), state.clock.today());
    may_change(ACTOR, row.status, row.starts_at, today, now).map_err(|e| booking_error(lang, e))?;
    let prescription = prescriptions::by_id(&state.db, row.prescription_id)
        .await?
        .ok_or(ApiError::Bug("booking without prescription"))?;
    let moved = move_booking(
        &state.db,
        row.id,
        &prescription,
        request.slot_id,
        Channel::App,
        ACTOR,
        now,
        today,
    )
    .await;
    match moved {
        Ok(()) => Ok(Json(reload(&state, lang, row.id).await?)),
        Err(BookingError::SlotTaken | BookingError::HoldExpired) => Err(ApiError::slot_taken(
            lang.t(),
            alternatives(&state, lang, &prescription).await?,
        )),
        Err(err) => Err(booking_error(lang, err)),
    }
}

// ---------------------------------------------------------------------------------------------

/// An optional contact: absent and blank are the same.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// The booking named by its code and the fiscal code it belongs to. Field errors (with any the
/// caller found in other fields) are a 422; a wrong code and someone else's are the same 404,
/// and a wrong guess; too many of them are a 429 before the database is asked.
async fn authorised_booking(
    state: &AppState,
    lang: Lang,
    client: crate::web::client::ClientKey,
    booking_code: &str,
    fiscal_code: &str,
    mut errors: Vec<FieldError>,
) -> ApiResult<BookingRow> {
    let t = lang.t();
    let code = BookingCode::parse(booking_code)
        .map_err(|e| errors.push(booking_code_error(t, e)))
        .ok();
    let fiscal_code = FiscalCode::parse(fiscal_code)
        .map_err(|e| errors.push(fiscal_code_error(t, e)))
        .ok();
    let (Some(code), Some(fiscal_code), true) = (code, fiscal_code, errors.is_empty()) else {
        return Err(ApiError::invalid(t, errors));
    };
    let guess: Guess = state
        .throttle
        .citizen(client, fiscal_code.as_str())
        .await
        .map_err(|too_many| ApiError::too_many(t, too_many))?;
    match details::by_code_for(&state.db, &code, &fiscal_code).await? {
        Some(row) => {
            guess.right();
            Ok(row)
        }
        None => {
            guess.wrong();
            Err(ApiError::not_found(t.lookup_not_found))
        }
    }
}

async fn reload(state: &AppState, lang: Lang, booking_id: i64) -> ApiResult<Booking> {
    let row = details::by_id(&state.db, booking_id)
        .await?
        .ok_or(ApiError::Bug("booking vanished"))?;
    view(state, lang, &row)
}

fn view(state: &AppState, lang: Lang, row: &BookingRow) -> ApiResult<Booking> {
    Booking::of(state, lang, row).ok_or(ApiError::Bug("booking outside the catalogue"))
}

/// The first free slots this prescription could take instead.
async fn alternatives(
    state: &AppState,
    lang: Lang,
    prescription: &Prescription,
) -> ApiResult<Vec<Slot>> {
    let now = state.clock.now();
    let query = SlotQuery::first(
        prescription.service_id,
        prescription.asker(Channel::App),
        ALTERNATIVES,
    );
    let found = state
        .availability
        .free_slots(&state.db, &query, now)
        .await?;
    Ok(found.iter().map(|s| Slot::of(state, lang, s)).collect())
}

/// Prescription problems are field errors on the NRE, as in the HTML form.
fn problem_error(lang: Lang, problem: Problem) -> ApiError {
    ApiError::field(lang.t(), "nre", problem.code(), problem.message(lang))
}

fn booking_error(lang: Lang, err: BookingError) -> ApiError {
    let t = lang.t();
    match err {
        BookingError::NotActive => ApiError::conflict("not_active", t.not_active),
        BookingError::TooLateToChange { last_day } => ApiError::too_late(lang, last_day),
        BookingError::AlreadyBooked => ApiError::conflict("already_booked", t.rx_booked),
        BookingError::SlotUnavailable => {
            ApiError::unprocessable("slot_unavailable", t.slot_unavailable)
        }
        BookingError::SlotTaken => ApiError::slot_taken(t, Vec::new()),
        BookingError::HoldExpired => ApiError::conflict("hold_expired", t.hold_expired),
        BookingError::NoFreeCode => ApiError::Bug("no unused booking code"),
        BookingError::Db(err) => ApiError::Db(err),
    }
}
