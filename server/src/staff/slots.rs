//! Every free slot of a service, including those kept for a channel or a priority class:
//! operators book for people on the phone, so the page reads the database fresh (no cache).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{Channel, PriorityClass};
use app::views::render_document;
use app::views::staff::{ConsoleSlot, ConsoleSlotsData, ConsoleSlotsPage};

use super::session::SignedIn;
use crate::availability::{self, Asker, SlotQuery};
use crate::clock::local;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

#[derive(Debug, Default, Deserialize)]
pub struct SlotsQuery {
    servizio: Option<String>,
}

/// Every free slot of a service, including those kept for operators and short deadlines, read
/// fresh from the database (operators book for people on the phone: no cached answers).
pub async fn slots(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<SlotsQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let typed: String = query
        .servizio
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let mut data = ConsoleSlotsData {
        query: typed.clone(),
        ..ConsoleSlotsData::default()
    };
    if !typed.is_empty() {
        let service = state
            .catalog
            .by_code(&typed)
            .or_else(|| state.catalog.search(&typed).into_iter().next());
        match service {
            None => data.errors.push("servizio", t.unknown_service),
            Some(service) => {
                let now = state.clock.now();
                // The most urgent class may use every reservation: all of them are shown.
                let everyone = Asker {
                    channel: Channel::Operator,
                    priority: Some(PriorityClass::U),
                };
                let query = SlotQuery::first(service.row.id, everyone, 50);
                let found = availability::free_slots(&state.db, &query, now).await?;
                data.service = Some((service.name(lang).to_owned(), service.row.code.clone()));
                data.slots = found
                    .into_iter()
                    .map(|s| {
                        let facility = state.directory.get(s.facility_id);
                        ConsoleSlot {
                            starts: local(s.starts_at),
                            facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                            town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                            reserved: reservation_words(
                                t,
                                s.reserved_channel.map(Channel::as_str),
                                s.reserved_priority.map(PriorityClass::as_str),
                            ),
                        }
                    })
                    .collect();
            }
        }
    }
    let status = if data.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let staff = signed_in.view();
    let html = render_document(view! { <ConsoleSlotsPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

/// What a slot (or a template row) is kept for, in words; None when it is kept for nobody.
pub fn reservation_words(
    t: &app::i18n::Texts,
    channel: Option<&str>,
    priority: Option<&str>,
) -> Option<String> {
    if let Some(channel) = channel.and_then(Channel::parse) {
        let i = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        return Some(t.channel_names[i].to_owned());
    }
    priority.map(|p| (t.priority_reservation)(p))
}
