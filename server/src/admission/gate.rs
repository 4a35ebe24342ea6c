//! The door of the booking path and of the operators' lane: capacity per lane, the waiting
//! room for people entering the booking pages, and the lane each admitted request is served in
//! (which picks its database connections). See the parent module for the why.

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::*;

use app::views::{PageContext, WaitingRoomPage, WaitingStage, render_document};

use super::{TICKET_COOKIE, Ticket, classify, client_key, shed, shed_for};
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
    // The server's own time from here (the body is the client's).
    let started = std::time::Instant::now();
    let admission = &state.admission;
    let api = request.uri().path().starts_with("/api/");
    let semaphore = match lane {
        Lane::Citizen => &admission.booking,
        Lane::Operator => &admission.operators,
    };
    let mut set_cookie = None;
    if booking_path && !api {
        match enter(&state, request.headers(), request.extensions()).await {
            Entry::Pass(cookie) => set_cookie = cookie,
            Entry::Wait(response) => return response,
        }
    }
    let Ok(_permit) = semaphore.clone().try_acquire_owned() else {
        let response = shed_for(request.uri().path());
        crate::telemetry::record_shed("gate", started);
        return response;
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
    /// Not yet: the waiting room (or a shed or limited answer).
    Wait(Response),
}

async fn enter(state: &AppState, headers: &HeaderMap, extensions: &Extensions) -> Entry {
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
    match admission.ticket(headers) {
        Some(Ticket::Numbered(ticket)) if admission.drawn(ticket) => {
            if ticket > admission.frontier.load(Ordering::Relaxed) {
                return Entry::Wait(in_line(state, headers, ticket, None));
            }
            match admission.redeem(ticket, now).await {
                Ok(true) => return Entry::Pass(admission.pass_cookie(now, now)),
                // Used before: a copied or replayed ticket is a newcomer (below).
                Ok(false) => {}
                Err(err) => {
                    tracing::warn!(error = %err, "cannot redeem a waiting-room ticket");
                    return Entry::Wait(shed(false));
                }
            }
        }
        // Back with its provisional ticket, in time: a browser that keeps cookies and follows
        // the refresh, a person. Its place in line is taken now.
        Some(Ticket::Provisional { nonce, issued_at })
            if admission.join(nonce, issued_at, now).await =>
        {
            return match admission.new_ticket().await {
                Ok(ticket) if ticket <= admission.frontier.load(Ordering::Relaxed) => {
                    Entry::Pass(admission.pass_cookie(now, now))
                }
                Ok(ticket) => Entry::Wait(in_line(
                    state,
                    headers,
                    ticket,
                    admission.set_signed(TICKET_COOKIE, ticket.to_string(), 3 * 3600),
                )),
                Err(err) => {
                    tracing::warn!(error = %err, "cannot issue a waiting-room ticket");
                    Entry::Wait(shed(false))
                }
            };
        }
        // No ticket, or one that is stale, used, forged or from before a restart: a newcomer.
        Some(Ticket::Numbered(_) | Ticket::Provisional { .. }) | None => {}
    }
    // A quiet room: straight in.
    match admission.walk_in().await {
        Ok(Some(_)) => return Entry::Pass(admission.pass_cookie(now, now)),
        Ok(None) => {}
        Err(err) => {
            tracing::warn!(error = %err, "cannot issue a waiting-room ticket");
            return Entry::Wait(shed(false));
        }
    }
    // A surge: a provisional ticket, within this client's allowance.
    if let Err(retry) = admission.may_draw(client_key(headers, extensions)) {
        return Entry::Wait(limited(state, headers, retry));
    }
    let line = admission.queue_length();
    let stage = WaitingStage::Joining {
        line,
        eta_minutes: admission.eta_minutes(line + 1),
    };
    let mut response = waiting_page(state, headers, stage, admission.config.joining_seconds);
    if let Some(cookie) = admission.provisional_cookie(now) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Entry::Wait(response)
}

/// The waiting-room page of a numbered ticket (with the cookie to set, when it is new).
fn in_line(
    state: &AppState,
    headers: &HeaderMap,
    ticket: i64,
    cookie: Option<HeaderValue>,
) -> Response {
    let admission = &state.admission;
    let (position, eta_minutes) = admission.position(ticket);
    let stage = WaitingStage::InLine {
        position,
        eta_minutes,
    };
    let mut response = waiting_page(state, headers, stage, admission.refresh_for(position));
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// The answer to a client over its allowance of new tickets: 429, `Retry-After`, a page that
/// tries again by itself.
fn limited(state: &AppState, headers: &HeaderMap, retry: u32) -> Response {
    let mut response = waiting_page(state, headers, WaitingStage::Limited, retry);
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry));
    response
}

fn waiting_page(
    state: &AppState,
    headers: &HeaderMap,
    stage: WaitingStage,
    refresh_seconds: u32,
) -> Response {
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
            <WaitingRoomPage ctx=ctx stage=stage refresh_seconds=refresh_seconds />
        }),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
