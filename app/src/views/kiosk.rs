//! The start screen of a pharmacy kiosk terminal: two large choices and a word on privacy.

use leptos::prelude::*;

use super::booking::SuccessNotice;
use super::layout::{Layout, PageContext};
use crate::routes;

#[component]
pub fn KioskHomePage(
    ctx: PageContext,
    /// The previous session has just been ended (by the person or by the inactivity reset).
    ended: bool,
) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.kiosk_title.to_owned() description=t.kiosk_intro>
            {ended.then(|| view! { <SuccessNotice text=t.kiosk_ended /> })}
            <h1>{t.kiosk_title}</h1>
            <p class="lead">{t.kiosk_intro}</p>
            <ul class="entries kiosk-entries">
                <li>
                    <a href=routes::BOOK>{t.home_book_title}</a>
                    <p>{t.kiosk_book_text}</p>
                </li>
                <li>
                    <a href=routes::MY_BOOKINGS>{t.home_mine_title}</a>
                    <p>{t.kiosk_mine_text}</p>
                </li>
            </ul>
            <p class="hint">{t.kiosk_privacy}</p>
        </Layout>
    }
}
