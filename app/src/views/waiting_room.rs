//! The virtual waiting room: shown instead of the booking pages when more people arrive than the
//! system can serve. It is small (under 5 KB with its headers) and reloads itself, no script.
//! A newcomer first sees that its place is being given (its browser proves it is a person by
//! coming back, with its cookie, when the page reloads), then its place in line; a connection
//! that asks for too many places in a short time is told to wait before asking again.

use leptos::prelude::*;

use super::layout::{Layout, PageContext};
use crate::routes;

/// Where in the waiting room the visitor stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitingStage {
    /// Just arrived: the place is taken when the page reloads. `line` people are waiting.
    Joining { line: i64, eta_minutes: i64 },
    /// In line: 1 = next.
    InLine { position: i64, eta_minutes: i64 },
    /// Too many new places asked for from this connection (answered with 429).
    Limited,
}

#[component]
pub fn WaitingRoomPage(
    ctx: PageContext,
    stage: WaitingStage,
    /// Seconds after which the page reloads itself.
    refresh_seconds: u32,
) -> impl IntoView {
    let t = ctx.lang.t();
    let (title, intro) = match stage {
        WaitingStage::Limited => (t.waiting_room_limited_title, t.waiting_room_limited),
        _ => (t.waiting_room_title, t.waiting_room_intro),
    };
    let status = match stage {
        WaitingStage::Joining { line, eta_minutes } => view! {
            <p class="big">{t.waiting_room_joining}</p>
            <p>{(t.waiting_room_line)(line)} " " {(t.waiting_room_eta)(eta_minutes)}</p>
        }
        .into_any(),
        WaitingStage::InLine {
            position,
            eta_minutes,
        } => view! {
            <p class="big">{(t.waiting_room_position)(position)}</p>
            <p>{(t.waiting_room_eta)(eta_minutes)}</p>
        }
        .into_any(),
        WaitingStage::Limited => view! {
            <p class="big">{(t.waiting_room_retry)(refresh_seconds)}</p>
        }
        .into_any(),
    };
    let hint = match stage {
        WaitingStage::Limited => None,
        _ => Some(view! { <p class="hint">{(t.waiting_room_refresh)(refresh_seconds)}</p> }),
    };
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=intro refresh=refresh_seconds>
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            <div class="panel" role="status">
                {status}
            </div>
            {hint}
            <p>
                {t.waiting_room_times} " " <a href=routes::WAITING_TIMES>{t.times_title}</a>
            </p>
        </Layout>
    }
}
