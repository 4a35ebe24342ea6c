use leptos::prelude::*;

use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{ErrorSummary, FiscalCodeField, FormErrors, TextField, title_with_errors};
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};

/// The prescription form, empty or with what was typed and its errors.
#[derive(Clone, Debug, Default)]
pub struct PrescriptionData {
    pub fiscal_code: String,
    pub nre: String,
    pub errors: FormErrors,
}

/// The fiscal code and the NRE, the proof of a prescription (to book it, or to find its booking).
#[component]
pub fn PrescriptionFields(lang: Lang, data: PrescriptionData) -> impl IntoView {
    let t = lang.t();
    view! {
        <FiscalCodeField lang=lang value=data.fiscal_code error=data.errors.get("codice_fiscale") />
        <TextField
            lang=lang
            id="nre"
            label=t.nre_label.to_owned()
            hint=t.nre_hint.to_owned()
            value=data.nre
            error=data.errors.get("nre")
            autocomplete="off"
            maxlength=20
            code=true
        />
    }
}

#[component]
pub fn PrescriptionPage(ctx: PageContext, data: PrescriptionData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.rx_title, &data.errors);
    view! {
        <Layout
            ctx=ctx.clone()
            title=title
            description=t.rx_intro
            keep_form=(!data.errors.is_empty()).then_some("rx")
        >
            <BackLink lang=lang href=routes::HOME.to_owned() />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.rx_title}</h1>
            <p class="lead">{t.rx_intro}</p>
            <form id="rx" method="post" action=routes::BOOK novalidate=true>
                <PrescriptionFields lang=lang data=data.clone() />
                <button type="submit">{t.rx_button}</button>
            </form>
            <HelpBox lang=lang />
        </Layout>
    }
}
