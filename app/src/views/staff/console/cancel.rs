//! Cancelling a booking for a citizen, with the reason they gave.

use leptos::prelude::*;

use crate::routes;
use crate::views::booking::CancelData;
use crate::views::form::{ErrorSummary, RadioField, TextField, indexed_choices, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

#[component]
pub fn StaffCancelPage(ctx: PageContext, staff: StaffView, data: CancelData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.cancel_title, &data.errors);
    let csrf = staff.csrf.clone();
    let what = format!(
        "{} — {}, {}",
        data.service_name,
        lang.date_time(data.starts),
        data.facility
    );
    view! {
        <Layout ctx=ctx.clone() title=title description=t.cancel_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.cancel_title}</h1>
            <p class="lead">{what}</p>
            <form method="post" action=routes::staff_booking_cancel(&data.code) novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <RadioField
                    lang=lang
                    id="motivo"
                    legend=t.console_cancel_legend.to_owned()
                    choices=indexed_choices(&t.reasons)
                    selected=data.reason.map(|i| i.to_string()).unwrap_or_default()
                    error=data.errors.get("motivo")
                />
                <TextField
                    lang=lang
                    id="dettagli"
                    label=format!("{} {}", t.reason_details_label, t.optional)
                    value=data.details
                    error=data.errors.get("dettagli")
                    autocomplete="off"
                    maxlength=500
                />
                <button type="submit" class="danger">{t.cancel_button}</button>
            </form>
            <p>
                <a href=routes::staff_booking(&data.code)>{t.keep_booking_console}</a>
            </p>
        </Layout>
    }
}
