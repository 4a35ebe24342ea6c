use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, title_with_errors};
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};

#[derive(Clone, Debug)]
pub struct CancelData {
    pub code: String,
    pub service_name: String,
    pub starts: NaiveDateTime,
    pub facility: String,
    /// The reason chosen (index into the texts' `reasons`).
    pub reason: Option<usize>,
    pub details: String,
    pub errors: FormErrors,
}

#[component]
pub fn CancelPage(ctx: PageContext, data: CancelData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.cancel_title, &data.errors);
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
            <BackLink lang=lang href=routes::receipt(&data.code) />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.cancel_title}</h1>
            <p class="lead">{what}</p>
            <p>{t.cancel_intro}</p>
            <form method="post" action=routes::cancel(&data.code) novalidate=true>
                <div class=group_class>
                    <fieldset aria-describedby=reason_error.as_ref().map(|_| "motivo-error")>
                        <legend>{t.reason_legend}</legend>
                        {reason_error
                            .clone()
                            .map(|e| view! { <p id="motivo-error" class="error-message">{e}</p> })}
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
                <div class="field">
                    <label for="dettagli">{t.reason_details_label} " " {t.optional}</label>
                    <textarea id="dettagli" name="dettagli" rows="3" maxlength="500">
                        {data.details}
                    </textarea>
                </div>
                <button type="submit" class="danger">{t.cancel_button}</button>
            </form>
            <p>
                <a href=routes::receipt(&data.code)>{t.keep_booking}</a>
            </p>
            <HelpBox lang=lang />
        </Layout>
    }
}
