//! Cancelling a booking for a citizen, with the reason they gave.

use leptos::prelude::*;

use crate::routes;
use crate::views::booking::CancelData;
use crate::views::form::{ErrorSummary, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

#[component]
pub fn StaffCancelPage(ctx: PageContext, staff: StaffView, data: CancelData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.cancel_title, &data.errors);
    let csrf = staff.csrf.clone();
    let reason_error = data.errors.get("motivo");
    let group_class = if reason_error.is_some() {
        "field field-error"
    } else {
        "field"
    };
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
                <div class=group_class>
                    <fieldset aria-describedby=reason_error.as_ref().map(|_| "motivo-error")>
                        <legend>{t.console_cancel_legend}</legend>
                        {reason_error
                            .clone()
                            .map(|e| {
                                view! {
                                    <p id="motivo-error" class="error-message">
                                        <span class="vh">{t.error_title_prefix}</span>
                                        {e}
                                    </p>
                                }
                            })}
                        {t
                            .reasons
                            .iter()
                            .enumerate()
                            .map(|(i, label)| {
                                let id = if i == 0 { "motivo".to_owned() } else { format!("motivo-{i}") };
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name="motivo"
                                            value=i.to_string()
                                            checked=data.reason == Some(i)
                                        />
                                        <label for=id>{*label}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </div>
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
