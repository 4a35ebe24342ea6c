use leptos::prelude::*;

use super::catalog::SearchForm;
use super::layout::{Layout, PageContext};
use crate::routes;

#[component]
pub fn HomePage(ctx: PageContext) -> impl IntoView {
    let t = ctx.lang.t();
    view! {
        <Layout ctx=ctx.clone() title=t.home_title.to_owned() description=t.home_intro>
            <h1>{t.home_heading}</h1>
            <p class="lead">{t.home_intro}</p>
            <h2 class="vh">{t.home_what_heading}</h2>
            <ul class="entries">
                <li>
                    <a href=routes::BOOK>{t.home_book_title}</a>
                    <p>{t.home_book_text}</p>
                </li>
                <li>
                    <a href=routes::MY_BOOKINGS>{t.home_mine_title}</a>
                    <p>{t.home_mine_text}</p>
                </li>
                <li>
                    <a href=routes::WAITING_TIMES>{t.home_times_title}</a>
                    <p>{t.home_times_text}</p>
                </li>
            </ul>
            <SearchForm lang=ctx.lang query=String::new() />
        </Layout>
    }
}
