//! Step 2: the free slots of the prescription's service across the region, earliest first,
//! with filters by area, town and date; choosing one holds it for a few minutes. With nothing
//! free inside the prescription's deadline, the page offers the waiting list instead.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::i18n::Lang;
use app::routes;
use app::views::booking::{Journey, Notice, SlotFilters, SlotsData, SlotsPage, WaitingState};
use app::views::{PageContext, render_document};

use super::proof::Proven;
use crate::availability::{SlotQuery, cursor_after, parse_cursor};
use crate::booking::hold::{hold, release as release_hold};
use crate::booking::receipt::{prescription_view, refusal, slot_view};
use crate::booking::rules::HOLD_SECONDS;
use crate::clock::{local, start_of_day};
use crate::error::AppError;
use crate::prescriptions::Prescription;
use crate::state::AppState;
use crate::waitlist;
use crate::web::page::{Page, private_page};
use crate::web::pass::Pass;

/// Slots per page of the availability list.
const PAGE_SIZE: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct SlotParams {
    zona: Option<String>,
    comune: Option<String>,
    dal: Option<String>,
    /// Keyset of the next page: "start-id".
    dopo: Option<String>,
}

/// Builds the availability page for a prescription, for booking or for moving a booking.
pub(super) async fn slots_page(
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
    let after = params.dopo.as_deref().and_then(parse_cursor);
    let query = SlotQuery {
        area_id: area,
        town: town.clone(),
        from: from_date.map(start_of_day),
        after,
        ..SlotQuery::first(
            prescription.service_id,
            prescription.asker(ctx.channel()),
            PAGE_SIZE + 1,
        )
    };
    let mut found = state
        .availability
        .free_slots(&state.db, &query, now)
        .await?;
    let next_page = (found.len() as i64 > PAGE_SIZE).then(|| {
        found.truncate(PAGE_SIZE as usize);
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
        q.append_pair("dopo", &found.last().map(cursor_after).unwrap_or_default());
        q.finish()
    });

    // Is anything free in time anywhere in the region (filters aside)? If not, the waiting list.
    let unfiltered_first =
        if area.is_none() && town.is_none() && from_date.is_none() && after.is_none() {
            found.first().map(|s| s.starts_at)
        } else {
            let anywhere = SlotQuery::first(query.service_id, query.asker, 1);
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
pub(super) async fn slots_again(
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
    Ok(private_page(lang, status, html))
}

pub async fn slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven { prescription, .. }: Proven,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let html = slots_page(&state, ctx, &prescription, Journey::Book, &params, None).await?;
    Ok(private_page(lang, StatusCode::OK, html))
}

#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    pub(super) slot: i64,
}

/// Choosing a slot holds it for a few minutes. Of many people choosing the same slot at once,
/// one gets it; the others are told at once and see the other free slots.
pub async fn choose(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
    }: Proven,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    let asker = prescription.asker(ctx.channel());
    let held = hold(
        &state.db,
        &prescription,
        form.slot,
        asker,
        state.clock.now(),
        HOLD_SECONDS,
    )
    .await;
    match held {
        Ok(hold) => {
            pass.hold = Some(hold.token);
            Ok(pass.see_other(routes::BOOK_CONFIRM))
        }
        Err(err) => {
            let notice = refusal(&err).ok_or(err)?;
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
    }
}

/// A stray GET of the choose URL (for instance from the language switch) shows the slots.
pub async fn choose_get() -> Redirect {
    Redirect::to(routes::BOOK_SLOTS)
}

/// "Choose another time": gives the held slot back at once.
pub async fn release(State(state): State<AppState>, mut pass: Pass) -> Result<Response, AppError> {
    if let Some(token) = pass.hold.take() {
        release_hold(&state.db, &token).await?;
    }
    Ok(pass.see_other(routes::BOOK_SLOTS))
}
