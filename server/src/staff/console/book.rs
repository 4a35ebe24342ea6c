//! Choosing a slot for the served citizen — to book one of their prescriptions, or to move a
//! booking (`change`) — among every free slot the operator channel may use, reserved ones
//! included. Choosing one opens the confirmation step (`confirm`), which books.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{Channel, PriorityClass};
use app::routes;
use app::views::booking::Notice;
use app::views::staff::{ConsoleChooseData, ConsoleChoosePage, ConsoleJourney, ConsoleSlotChoice};
use app::views::{PageContext, render_document};

use super::{ServedCitizen, Serving, citizen_summary, confirm_path, prescriptions_of};
use crate::availability::{self, SlotQuery};
use crate::booking::receipt::{prescription_view, slot_view};
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::staff::slots::reservation_words;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Slots per page when choosing one.
const PAGE_SIZE: i64 = 30;

#[derive(Debug, Default, Deserialize)]
pub struct ChooseParams {
    pub(super) ricetta: Option<String>,
    pub(super) zona: Option<String>,
    /// Keyset of the next page: "start-id".
    dopo: Option<String>,
}

/// What a slot is chosen for, and for whom: the served citizen and the prescription to book
/// or whose booking moves.
pub(super) struct Choosing<'a> {
    pub signed_in: &'a SignedIn,
    pub served: &'a ServedCitizen,
    pub prescription: &'a Prescription,
    pub journey: ConsoleJourney,
}

/// The page of free slots (operator channel: reserved ones included), earliest first: 200, or
/// 409 with the notice of why the slot just chosen was not taken. After a refused POST the
/// language switch must lead to a page that answers GET: `ctx.path` says which.
pub(super) async fn choose_page(
    state: &AppState,
    ctx: PageContext,
    choosing: Choosing<'_>,
    params: &ChooseParams,
    notice: Option<Notice>,
) -> Result<Response, AppError> {
    let Choosing {
        signed_in,
        served,
        prescription,
        journey,
    } = choosing;
    let lang = ctx.lang;
    let status = if notice.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
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
    let query = SlotQuery {
        area_id: area,
        after,
        ..SlotQuery::first(
            prescription.service_id,
            prescription.asker(Channel::Operator),
            PAGE_SIZE + 1,
        )
    };
    let mut found = availability::free_slots(&state.db, &query, now).await?;
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
                reserved: reservation_words(
                    t,
                    s.reserved_channel.map(Channel::as_str),
                    s.reserved_priority.map(PriorityClass::as_str),
                ),
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
    let html = render_document(view! { <ConsoleChoosePage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
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

/// The served citizen's bookable prescription and the slot a form names (as `bookable_prescription`;
/// a slot that is not a number is not found).
pub(super) async fn chosen(
    state: &AppState,
    served: &ServedCitizen,
    ricetta: &str,
    slot: &str,
) -> Result<Result<(Prescription, i64), Response>, AppError> {
    let slot = slot.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    Ok(bookable_prescription(state, served, Some(ricetta))
        .await?
        .map(|p| (p, slot)))
}

pub async fn book_slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    Query(params): Query<ChooseParams>,
) -> Result<Response, AppError> {
    let prescription =
        match bookable_prescription(&state, &served, params.ricetta.as_deref()).await? {
            Ok(p) => p,
            Err(redirect) => return Ok(redirect),
        };
    let choosing = Choosing {
        signed_in: &signed_in,
        served: &served,
        prescription: &prescription,
        journey: ConsoleJourney::Book {
            prescription_id: prescription.id,
        },
    };
    choose_page(&state, ctx, choosing, &params, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    ricetta: String,
    #[serde(default)]
    pub(super) slot: String,
}

/// A slot chosen with a form (a page from before the confirmation step, or a script): it books
/// nothing, it opens the confirmation step of that slot.
pub async fn book_submit(
    State(state): State<AppState>,
    Serving { served, .. }: Serving,
    CsrfForm(form): CsrfForm<ChooseForm>,
) -> Result<Response, AppError> {
    let (prescription, slot) = match chosen(&state, &served, &form.ricetta, &form.slot).await? {
        Ok(chosen) => chosen,
        Err(redirect) => return Ok(redirect),
    };
    Ok(Redirect::to(&confirm_path(prescription.id, slot)).into_response())
}
