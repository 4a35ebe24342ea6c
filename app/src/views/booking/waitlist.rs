use chrono::NaiveDate;
use leptos::prelude::*;

use super::{PrescriptionSummary, PrescriptionView};
use crate::routes;
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};

#[derive(Clone, Debug)]
pub struct WaitlistData {
    pub prescription: PrescriptionView,
    pub since: NaiveDate,
}

#[component]
pub fn WaitlistPage(ctx: PageContext, data: WaitlistData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let deadline = lang.long_date(data.prescription.deadline);
    view! {
        <Layout ctx=ctx.clone() title=t.waitlist_title.to_owned() description=t.guarantee_route>
            <BackLink lang=lang href=routes::BOOK_SLOTS.to_owned() />
            <h1>{t.waitlist_title}</h1>
            <p class="lead">{(t.waitlist_body)(&deadline)}</p>
            <p>{(t.waitlist_since)(&lang.long_date(data.since))}</p>
            <PrescriptionSummary lang=lang prescription=data.prescription />
            <h2>{t.none_in_time_title}</h2>
            <p>{t.guarantee_route}</p>
            <p>
                <a class="button secondary" href=routes::BOOK_GUARANTEE>
                    {t.guarantee.gt_ask_button}
                </a>
            </p>
            <HelpBox lang=lang />
        </Layout>
    }
}
