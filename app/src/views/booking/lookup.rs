use leptos::prelude::*;

use crate::routes;
use crate::views::form::{ErrorSummary, FiscalCodeField, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

#[derive(Clone, Debug, Default)]
pub struct LookupData {
    pub fiscal_code: String,
    pub booking_code: String,
    pub errors: FormErrors,
}

#[component]
pub fn LookupPage(ctx: PageContext, data: LookupData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.home_mine_title, &data.errors);
    view! {
        <Layout
            ctx=ctx.clone()
            title=title
            description=t.lookup_intro
            keep_form=(!data.errors.is_empty()).then_some("lookup")
        >
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.home_mine_title}</h1>
            <p class="lead">{t.lookup_intro}</p>
            <form id="lookup" method="post" action=routes::MY_BOOKINGS novalidate=true>
                <FiscalCodeField
                    lang=lang
                    value=data.fiscal_code
                    error=data.errors.get("codice_fiscale")
                />
                <TextField
                    lang=lang
                    id="codice_prenotazione"
                    label=t.bc_label.to_owned()
                    hint=t.bc_hint.to_owned()
                    value=data.booking_code
                    error=data.errors.get("codice_prenotazione")
                    autocomplete="off"
                    maxlength=14
                    code=true
                />
                <button type="submit">{t.lookup_button}</button>
            </form>
        </Layout>
    }
}
