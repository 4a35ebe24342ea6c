//! Free slots anyone may book, a page at a time. While the database cannot answer, the last good
//! answer is served marked stale (`"stale": true`, `Warning: 110` and `Age`), and 503 only when
//! there is none.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use app::domain::Channel;
use app::i18n::Lang;

use super::errors::{ApiError, ApiResult, ErrorBody};
use super::extract::ApiQuery;
use super::lang::ApiLang;
use super::types::{AvailabilityQuery, Slot, SlotPage};
use crate::availability::{Asker, SlotQuery, cursor_after, parse_cursor};
use crate::clock::start_of_day;
use crate::state::AppState;

const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 50;
/// The warning of an answer served stale (RFC 7234, 5.5.1).
const STALE_WARNING: &str = "110 - \"Response is Stale\"";

/// Free slots open to everyone (no priority reservation), earliest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/availability",
    operation_id = "listFreeSlots",
    tag = "catalogue",
    params(AvailabilityQuery),
    responses(
        (status = 200, description = "Free slots, earliest first", body = SlotPage),
        (status = 400, description = "A parameter that does not parse (e.g. the cursor)", body = ErrorBody),
        (status = 404, description = "No service with this code", body = ErrorBody),
        (status = 422, description = "The `from` date is not a date", body = ErrorBody),
        (status = 503, description = "The database cannot answer and no earlier answer is kept", body = ErrorBody),
    )
)]
pub async fn availability(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> ApiResult<Response> {
    let t = lang.t();
    let service = state
        .catalog
        .by_code(query.service.trim())
        .ok_or_else(|| ApiError::not_found((t.catalog_no_results)(query.service.trim())))?;
    let from = match query
        .from
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(text) => match Lang::parse_date(text) {
            Some(day) => Some(start_of_day(day)),
            None => return Err(ApiError::field(t, "from", "invalid_date", t.from_invalid)),
        },
        None => None,
    };
    let after = match query.after.as_deref() {
        Some(cursor) => Some(parse_cursor(cursor).ok_or_else(|| {
            ApiError::bad_request(
                t,
                axum::http::StatusCode::BAD_REQUEST,
                "after: not a cursor from `next`".into(),
            )
        })?),
        None => None,
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let now = state.clock.now();
    let everyone = Asker {
        channel: Channel::App,
        priority: None,
    };
    let slot_query = SlotQuery {
        service_id: service.row.id,
        asker: everyone,
        area_id: query.area,
        town: query
            .town
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        from,
        after,
        limit: limit + 1,
    };
    let answer = state
        .availability
        .answer(&state.db, &slot_query, now)
        .await?;
    let mut found = answer.slots;
    let next = (found.len() as i64 > limit).then(|| {
        found.truncate(limit as usize);
        found.last().map(cursor_after).unwrap_or_default()
    });
    let mut response = Json(SlotPage {
        service: service.row.code.clone(),
        slots: found.iter().map(|s| Slot::of(&state, lang, s)).collect(),
        next,
        stale: answer.stale,
    })
    .into_response();
    if !answer.stale {
        // Anyone's, revalidated every time (the fast path keeps it and answers 304 or the
        // bytes); a stale answer gets the API's `no-store`.
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    } else {
        let headers = response.headers_mut();
        headers.insert(header::WARNING, HeaderValue::from_static(STALE_WARNING));
        headers.insert(
            header::AGE,
            HeaderValue::from((now - answer.computed_at).max(0)),
        );
    }
    Ok(response)
}
