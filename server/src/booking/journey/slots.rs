//! Step 2: the free slots of the prescription's service, in the citizen's area first (the town
//! of birth of the fiscal code, or a town they choose), earliest or nearest first, with filters
//! by area, town and date; choosing one holds it for a few minutes. Slots that could no longer be
//! changed online once booked come after the others (first only for urgent prescriptions), and
//! are marked. With nothing free inside the prescription's deadline, the page offers the waiting
//! list instead.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{PriorityClass, birthplace, calendar};
use app::i18n::Lang;
use app::routes;
use app::views::booking::{
    Journey, Notice, OfferedSlot, SlotFilters, SlotsData, SlotsPage, WaitingState, with_query,
};
use app::views::{PageContext, render_document};
use chrono::NaiveDate;

use super::proof::Proven;
use crate::availability::{Asker, FreeSlot, SlotQuery, cursor_after, parse_cursor};
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
/// Ordered from the nearest: towns looked at, and slots shown per town.
const NEAREST_TOWNS: usize = 8;
const PER_TOWN: i64 = 3;

/// The filters of the availability list, all in the URL (a GET form), so that a page can be
/// bookmarked, shared with a relative, and come back to with the same filters.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SlotParams {
    /// Area id; absent: the citizen's area; empty: the whole region.
    zona: Option<String>,
    comune: Option<String>,
    dal: Option<String>,
    /// "vicino": nearest first; otherwise earliest first.
    ordine: Option<String>,
    /// The citizen's own town (for their area and the distances); absent: from the fiscal code.
    da: Option<String>,
    /// Keyset of the next page: "start-id".
    dopo: Option<String>,
}

impl SlotParams {
    /// The query string of these filters (without the page), to come back to the same list.
    pub(super) fn query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("zona", &self.zona),
            ("comune", &self.comune),
            ("dal", &self.dal),
            ("ordine", &self.ordine),
            ("da", &self.da),
        ] {
            if let Some(value) = value {
                q.append_pair(name, value.trim());
            }
        }
        q.finish()
    }
}

/// The filters as understood, with what was wrong in them.
struct Understood {
    home: Option<String>,
    area: Option<i64>,
    town: Option<String>,
    from: Option<NaiveDate>,
    from_error: Option<FromError>,
    town_error: Option<(String, String)>,
    nearest: bool,
    nearest_needs_home: bool,
    /// The area is the one guessed for the citizen, not one they chose.
    area_defaulted: bool,
}

fn understand(
    state: &AppState,
    prescription: &Prescription,
    params: &SlotParams,
    today: NaiveDate,
) -> Understood {
    let dir = &state.directory;
    let known_town = |t: &str| dir.towns().iter().any(|x| x == t);
    // Where the citizen lives, as far as we can tell: the town they chose, else the town of
    // birth of the fiscal code when it is a town of the region with facilities.
    let home = match params.da.as_deref().map(str::trim) {
        Some(t) if known_town(t) => Some(t.to_owned()),
        Some(_) => None,
        None => prescription
            .fiscal_code
            .birthplace()
            .and_then(|code| birthplace::town_of(&code))
            .filter(|t| known_town(t))
            .map(str::to_owned),
    };
    let mut area = match params.zona.as_deref().map(str::trim) {
        None => home.as_deref().and_then(|t| dir.area_of_town(t)),
        Some(z) => z
            .parse::<i64>()
            .ok()
            .filter(|id| dir.area_name(*id).is_some()),
    };
    let town = params
        .comune
        .as_deref()
        .map(str::trim)
        .filter(|c| known_town(c))
        .map(str::to_owned);
    // A town outside the chosen area: the town is the more precise choice, the area is dropped
    // and the person is told why.
    let mut town_error = None;
    if let (Some(a), Some(t)) = (area, &town)
        && dir.area_of_town(t) != Some(a)
    {
        town_error = Some((t.clone(), dir.area_name(a).unwrap_or_default().to_owned()));
        area = None;
    }
    let typed = params.dal.as_deref().unwrap_or_default().trim();
    let (from, from_error) = if typed.is_empty() {
        (None, None)
    } else {
        match Lang::parse_date(typed) {
            None => (None, Some(FromError::Invalid)),
            Some(day) if day < today => (None, Some(FromError::Past)),
            Some(day) => (Some(day), None),
        }
    };
    let wants_nearest = params.ordine.as_deref() == Some("vicino");
    let nearest = wants_nearest && home.is_some();
    Understood {
        home,
        area,
        town,
        from,
        from_error,
        town_error,
        nearest,
        nearest_needs_home: wants_nearest && !nearest,
        area_defaulted: params.zona.is_none() && area.is_some(),
    }
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
    let today = local(now).date();
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let asker = prescription.asker(ctx.channel());
    let mut u = understand(state, prescription, params, today);
    let mut listed = listing(state, prescription, params, &u, asker, now).await?;
    // Nothing at all in the area guessed for the citizen: the whole region, saying so.
    let mut params = params.clone();
    let widened_from = if u.area_defaulted && listed.found.is_empty() && listed.late.is_empty() {
        let area = u
            .area
            .and_then(|a| state.directory.area_name(a))
            .map(str::to_owned);
        params.zona = Some(String::new());
        u = understand(state, prescription, &params, today);
        listed = listing(state, prescription, &params, &u, asker, now).await?;
        area
    } else {
        None
    };
    let Listing {
        found,
        next_page,
        late,
        query,
        after,
        home_position,
    } = listed;

    // Is anything free in time anywhere in the region (filters aside)? If not, the waiting list.
    let anywhere = SlotQuery::first(query.service_id, query.asker, 1);
    let unfiltered_first = state
        .availability
        .free_slots(&state.db, &anywhere, now)
        .await?
        .first()
        .map(|s| s.starts_at);
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
    let offered = |s: &FreeSlot| {
        let slot = slot_view(state, lang, s.id, s.starts_at, s.facility_id, deadline);
        OfferedSlot {
            changeable: calendar::can_change_online(today, slot.starts.date()),
            km: home_position
                .and_then(|from| state.directory.distance_km(from, s.facility_id))
                .map(|km| km.round() as u32),
            slot,
        }
    };
    let dir = &state.directory;
    let data = SlotsData {
        journey,
        prescription: view,
        filters: SlotFilters {
            areas: dir.areas().to_vec(),
            towns: match u.area {
                Some(a) => dir.towns_of(a),
                None => dir.towns().to_vec(),
            },
            area: u.area,
            town: u.town,
            from: params.dal.clone().unwrap_or_default(),
            from_invalid: u.from_error == Some(FromError::Invalid),
            from_past: u.from_error == Some(FromError::Past),
            town_not_in_area: u.town_error,
            home_towns: dir.towns().to_vec(),
            home: u.home.clone(),
            nearest: u.nearest,
            nearest_needs_home: u.nearest_needs_home,
            query: params.query(),
        },
        slots: found.iter().map(offered).collect(),
        late: late.iter().map(offered).collect(),
        home: u.home,
        widened_from,
        next_page,
        first_page: after.is_none(),
        notice,
        waiting,
    };
    Ok(render_document(view! { <SlotsPage ctx=ctx data=data /> }))
}

/// The slots of one page of the list, and those that could no longer be changed online.
struct Listing {
    found: Vec<FreeSlot>,
    next_page: Option<String>,
    late: Vec<FreeSlot>,
    query: SlotQuery,
    after: Option<(i64, i64)>,
    home_position: Option<(f64, f64)>,
}

async fn listing(
    state: &AppState,
    prescription: &Prescription,
    params: &SlotParams,
    u: &Understood,
    asker: Asker,
    now: i64,
) -> Result<Listing, AppError> {
    let today = local(now).date();
    let after = params.dopo.as_deref().and_then(parse_cursor);
    // Slots that could no longer be changed online once booked come first only for urgent
    // prescriptions; for the others they come after the rest, marked.
    let urgent = prescription.priority == PriorityClass::U;
    let changeable_from = calendar::first_day_changeable_online(today);
    let from = match u.from {
        Some(day) if urgent || day >= changeable_from => Some(day),
        _ if urgent => None,
        _ => Some(changeable_from),
    };
    let query = SlotQuery {
        area_id: u.area,
        town: u.town.clone(),
        from: from.map(start_of_day),
        after,
        ..SlotQuery::first(prescription.service_id, asker, PAGE_SIZE + 1)
    };
    let home_position = u
        .home
        .as_deref()
        .and_then(|t| state.directory.town_position(t));
    let (mut found, next_page) = if u.nearest {
        (
            nearest_slots(state, &query, home_position, now).await?,
            None,
        )
    } else {
        let mut found = state
            .availability
            .free_slots(&state.db, &query, now)
            .await?;
        let next_page = (found.len() as i64 > PAGE_SIZE).then(|| {
            found.truncate(PAGE_SIZE as usize);
            let mut q = params.query();
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str("dopo=");
            q.push_str(&found.last().map(cursor_after).unwrap_or_default());
            q
        });
        (found, next_page)
    };
    found.truncate(PAGE_SIZE as usize);
    // The slots before the first day that can still be changed online, after the others.
    let late = if urgent || after.is_some() || u.from.is_some_and(|d| d >= changeable_from) {
        Vec::new()
    } else {
        let early = SlotQuery {
            from: u.from.map(start_of_day),
            after: None,
            limit: PAGE_SIZE,
            ..query.clone()
        };
        let until = start_of_day(changeable_from);
        state
            .availability
            .free_slots(&state.db, &early, now)
            .await?
            .into_iter()
            .filter(|s| s.starts_at < until)
            .collect()
    };
    Ok(Listing {
        found,
        next_page,
        late,
        query,
        after,
        home_position,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FromError {
    Invalid,
    Past,
}

/// Nearest first: the first few slots of each town, from the town nearest to `home`, each
/// town's list answered by the availability cache like any other.
async fn nearest_slots(
    state: &AppState,
    query: &SlotQuery,
    home: Option<(f64, f64)>,
    now: i64,
) -> Result<Vec<FreeSlot>, AppError> {
    let dir = &state.directory;
    let Some(home) = home else {
        return Ok(Vec::new());
    };
    let candidates: Vec<String> = match (&query.town, query.area_id) {
        (Some(t), _) => vec![t.clone()],
        (None, Some(a)) => dir.towns_of(a),
        (None, None) => dir.towns().to_vec(),
    };
    let mut towns: Vec<(f64, String)> = candidates
        .into_iter()
        .filter_map(|t| {
            let at = dir.town_position(&t)?;
            Some((crate::facilities::haversine_km(home, at), t))
        })
        .collect();
    towns.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut found = Vec::new();
    for (_, town) in towns.into_iter().take(NEAREST_TOWNS) {
        let per_town = SlotQuery {
            area_id: None,
            town: Some(town),
            after: None,
            limit: PER_TOWN,
            ..query.clone()
        };
        found.extend(
            state
                .availability
                .free_slots(&state.db, &per_town, now)
                .await?,
        );
        if found.len() as i64 >= PAGE_SIZE {
            break;
        }
    }
    Ok(found)
}

/// The availability page again, with the reason a choice did not go through, and the filters
/// the person had.
pub(super) async fn slots_again(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    journey: Journey,
    params: &SlotParams,
    notice: Notice,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    // The language switch must lead back to a page that answers GET.
    let path = match &journey {
        Journey::Book => routes::BOOK_SLOTS.to_owned(),
        Journey::Move { code, .. } => routes::move_slots(code),
    };
    let ctx = PageContext {
        path: with_query(&path, &params.query()),
        ..ctx
    };
    let html = slots_page(state, ctx, prescription, journey, params, Some(notice)).await?;
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
/// one gets it; the others are told at once and see the other free slots. The filters travel
/// in the URL, to the confirmation step and back.
pub async fn choose(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        mut pass,
        prescription,
        ..
    }: Proven,
    Query(params): Query<SlotParams>,
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
            pass.hold_extensions = 0;
            Ok(pass.see_other(&with_query(routes::BOOK_CONFIRM, &params.query())))
        }
        Err(err) => {
            let notice = refusal(&err).ok_or(err)?;
            slots_again(
                &state,
                ctx,
                &prescription,
                Journey::Book,
                &params,
                notice,
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

/// A stray GET of the choose URL (for instance from the language switch) shows the slots.
pub async fn choose_get(Query(params): Query<SlotParams>) -> Redirect {
    Redirect::to(&with_query(routes::BOOK_SLOTS, &params.query()))
}

/// "Choose another time": gives the held slot back at once, back to the list as it was.
pub async fn release(
    State(state): State<AppState>,
    mut pass: Pass,
    Query(params): Query<SlotParams>,
) -> Result<Response, AppError> {
    if let Some(token) = pass.hold.take() {
        release_hold(&state.db, &token).await?;
    }
    Ok(pass.see_other(&with_query(routes::BOOK_SLOTS, &params.query())))
}
