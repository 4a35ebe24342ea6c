//! The door of the booking path and of the operators' lane: capacity per lane, the waiting
//! room for people entering the booking pages, and the lane each admitted request is served in
//! (which picks its database connections). See the parent module for the why.

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::*;

use app::views::{PageContext, WaitingRoomPage, render_document};

use super::{REFRESH_SECONDS, TICKET_COOKIE, classify, shed};
use crate::db::{LANE, Lane};
use crate::state::AppState;
use crate::web::limits::read_whole;
use crate::web::page::{html_page, lang_of};

/// The middleware: lanes, capacity, waiting room. Paths outside both lanes (static files,
/// snapshots, public pages from memory) pass untouched.
///
/// A lane's place is taken only for a complete request: its body is read whole first (within
/// its size limit and the body-read timeout, `web::limits`), so a client that sends half a
/// request holds nobody's place.
pub async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some((lane, booking_path)) = classify(request.uri().path()) else {
        return next.run(request).await;
    };
    let request = match read_whole(&state, request).await {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let admission = &state.admission;
    let api = request.uri().path().starts_with("/api/");
    let semaphore = match lane {
        Lane::Citizen => &admission.booking,
        Lane::Operator => &admission.operators,
    };
    let mut set_cookie = None;
    if booking_path && !api {
        match enter(&state, request.headers()).await {
            Entry::Pass(cookie) => set_cookie = cookie,
            Entry::Wait(response) => return response,
        }
    }
    let Ok(_permit) = semaphore.clone().try_acquire_owned() else {
        return shed(api);
    };
    let mut response = LANE.scope(lane, next.run(request)).await;
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

enum Entry {
    /// Go on (with a refreshed pass to set).
    Pass(Option<HeaderValue>),
    /// Not yet: the waiting room (or a shed answer).
    Wait(Response),
}

async fn enter(state: &AppState, headers: &HeaderMap) -> Entry {
    let admission = &state.admission;
    let now = state.clock.now();
    // While the database does not answer nobody can book, and on PostgreSQL the tickets are in
    // it: the request goes on to its route, which answers at once that the service is
    // temporarily unavailable (not the busy page, which would be untrue).
    if !state.db.health().is_healthy() {
        return Entry::Pass(None);
    }
    if let Some((since, _)) = admission.pass(headers, now) {
        return Entry::Pass(admission.pass_cookie(since, now));
    }
    let presented = admission
        .signed(headers, TICKET_COOKIE)
        .and_then(|t| t.parse::<i64>().ok());
    let ticket = match presented {
        Some(ticket) => ticket,
        None => match admission.new_ticket().await {
            Ok(ticket) => ticket,
            Err(err) => {
                tracing::warn!(error = %err, "cannot issue a waiting-room ticket");
                return Entry::Wait(shed(false));
            }
        },
    };
    let frontier = admission.frontier.load(Ordering::Relaxed);
    if ticket <= frontier {
        match admission.redeem(ticket, now).await {
            Ok(true) => return Entry::Pass(admission.pass_cookie(now, now)),
            // Used before: a copied or replayed ticket goes to the back of the line.
            Ok(false) => {
                return Entry::Wait(waiting_room(state, headers, None).await);
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot redeem a waiting-room ticket");
                return Entry::Wait(shed(false));
            }
        }
    }
    Entry::Wait(waiting_room(state, headers, Some(ticket)).await)
}

/// The waiting-room page for `ticket` (None: draw a new one).
async fn waiting_room(state: &AppState, headers: &HeaderMap, ticket: Option<i64>) -> Response {
    let admission = &state.admission;
    let ticket = match ticket {
        Some(ticket) => ticket,
        None => match admission.new_ticket().await {
            Ok(ticket) => ticket,
            Err(_) => return shed(false),
        },
    };
    let position = (ticket - admission.frontier.load(Ordering::Relaxed)).max(1);
    let eta_minutes = ((position as f64 / admission.config.rate.max(0.1)) / 60.0).ceil() as i64;
    let lang = lang_of(headers);
    let ctx = PageContext {
        lang,
        css_href: state.assets.css_href(),
        path: app::routes::BOOK.to_owned(),
        kiosk: None,
    };
    let mut response = html_page(
        lang,
        render_document(view! {
            <WaitingRoomPage
                ctx=ctx
                position=position
                eta_minutes=eta_minutes
                refresh_seconds=REFRESH_SECONDS
            />
        }),
    );
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = admission.set_signed(TICKET_COOKIE, ticket.to_string(), 3 * 3600) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}
