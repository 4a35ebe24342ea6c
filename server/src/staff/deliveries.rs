//! The deliveries page (`/operatore/messaggi`), for supervisors and administrators: messages
//! by kind, channel and state, the oldest pending one's wait, whether each channel is
//! configured, the failed and pending messages (recipients masked), and the retry of a failed
//! one (audited as `message.retried`).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::routes;
use app::views::render_document;
use app::views::staff::{
    DeliveriesData, DeliveriesPage, DeliveryCounts, DeliveryLine, MESSAGE_CHANNELS, MESSAGE_KINDS,
    MESSAGE_STATES,
};

use super::csrf::{CsrfForm, TokenOnly};
use super::session::SignedIn;
use crate::clock::local;
use crate::delivery_report::{self, PAGE_SIZE};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// Whether e-mail and SMS delivery are configured, as the page says it.
/// Whether e-mail and SMS delivery are configured on this instance.
fn configured(state: &AppState) -> (Option<bool>, Option<bool>) {
    (
        Some(state.delivery.email_configured),
        Some(state.delivery.sms_configured),
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct DeliveriesQuery {
    /// The next page: messages with an id below this one.
    prima: Option<i64>,
    /// After a retry: `1` done, `0` nothing to do.
    riprovato: Option<u8>,
}

pub async fn deliveries_page(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<DeliveriesQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let now = state.clock.now();
    let summary = delivery_report::summary(&state.db).await?;
    let mut counts = Vec::new();
    for kind in MESSAGE_KINDS {
        for channel in MESSAGE_CHANNELS {
            let by_state = MESSAGE_STATES.map(|s| summary.count(kind, channel, s));
            if by_state.iter().any(|n| *n > 0) {
                counts.push(DeliveryCounts {
                    kind: kind.to_owned(),
                    channel: channel.to_owned(),
                    by_state,
                });
            }
        }
    }
    let mut found = delivery_report::undelivered(&state.db, query.prima, PAGE_SIZE + 1).await?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let next_page = more
        .then(|| found.last().map(|m| format!("prima={}", m.id)))
        .flatten();
    let lines = found
        .into_iter()
        .map(|m| DeliveryLine {
            recipient: m.masked_recipient(),
            id: m.id,
            kind: m.kind,
            channel: m.channel,
            state: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created: local(m.created_at),
            next_attempt: (m.next_attempt_at > 0).then(|| local(m.next_attempt_at)),
            updated: m.updated_at.map(local),
        })
        .collect();
    let (email_configured, sms_configured) = configured(&state);
    let data = DeliveriesData {
        counts,
        oldest_pending_seconds: summary.oldest_pending_age(now),
        email_configured,
        sms_configured,
        lines,
        next_page,
        first_page: query.prima.is_none(),
        retried: query.riprovato.map(|r| r == 1),
    };
    let staff = signed_in.view();
    let html = render_document(view! { <DeliveriesPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

pub async fn delivery_retry(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    _: CsrfForm<TokenOnly>,
) -> Result<Response, AppError> {
    let done = delivery_report::retry(&state.db, id, signed_in.staff.id, state.clock.now()).await?;
    let to = format!("{}?riprovato={}", routes::STAFF_DELIVERIES, u8::from(done));
    Ok(Redirect::to(&to).into_response())
}
