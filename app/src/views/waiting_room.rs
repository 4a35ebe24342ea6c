//! The virtual waiting room: shown instead of the booking pages when more people arrive than the
//! system can serve. It is small (under 5 KB with its headers) and reloads itself, no script.

use leptos::prelude::*;

use super::layout::{Layout, PageContext};
use crate::routes;

#[component]
pub fn WaitingRoomPage(
    ctx: PageContext,
    /// 1 = next in line.
    position: i64,
    eta_minutes: i64,
    refresh_seconds: u32,
) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout
            ctx=ctx.clone()
            title=t.waiting_room_title.to_owned()
            description=t.waiting_room_intro
            refresh=refresh_seconds
        >
            <h1>{t.waiting_room_title}</h1>
            <p class="lead">{t.waiting_room_intro}</p>
            <div class="panel" role="status">
                <p class="big">{(t.waiting_room_position)(position)}</p>
                <p>{(t.waiting_room_eta)(eta_minutes)}</p>
            </div>
            <p class="hint">{(t.waiting_room_refresh)(refresh_seconds)}</p>
            <p>
                {t.waiting_room_times} " " <a href=routes::WAITING_TIMES>{t.times_title}</a>
            </p>
        </Layout>
    }
}
