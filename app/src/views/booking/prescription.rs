use leptos::prelude::*;

use crate::routes;
use crate::views::form::{ErrorSummary, FiscalCodeField, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// The prescription form, empty or with what was typed and its errors.
#[derive(Clone, Debug, Default)]
pub struct PrescriptionData {
    pub fiscal_code: String,
    pub nre: String,
    pub errors: FormErrors,
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
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.rx_title}</h1>
            <p class="lead">{t.rx_intro}</p>
            <form id="rx" method="post" action=routes::BOOK novalidate=true>
                <FiscalCodeField
                    lang=lang
                    value=data.fiscal_code
                    error=data.errors.get("codice_fiscale")
                />
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
                <button type="submit">{t.rx_button}</button>
            </form>
        </Layout>
    }
}
