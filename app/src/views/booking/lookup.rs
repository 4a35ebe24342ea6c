use leptos::prelude::*;

use super::prescription::{PrescriptionData, PrescriptionFields};
use crate::routes;
use crate::views::form::{ErrorSummary, FiscalCodeField, FormErrors, TextField, title_with_errors};
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};

#[derive(Clone, Debug, Default)]
pub struct LookupData {
    pub fiscal_code: String,
    pub booking_code: String,
    pub errors: FormErrors,
    /// Signing in with SPID or CIE is offered here (configured, and not a kiosk terminal).
    pub sign_in: bool,
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
            <BackLink lang=lang href=routes::HOME.to_owned() />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.home_mine_title}</h1>
            {data
                .sign_in
                .then(|| {
                    view! {
                        <p>
                            {t.citizen.ci_sign_in_or_codes} " "
                            <a href=routes::SIGN_IN>{t.citizen.ci_sign_in_link}</a>
                        </p>
                    }
                })}
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
            <p>
                <a href=routes::LOST_CODE>{t.lost_code_link}</a>
            </p>
            <HelpBox lang=lang />
        </Layout>
    }
}

#[component]
pub fn LostCodePage(ctx: PageContext, data: PrescriptionData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.lost_code_title, &data.errors);
    view! {
        <Layout ctx=ctx.clone() title=title description=t.lost_code_intro>
            <BackLink lang=lang href=routes::MY_BOOKINGS.to_owned() />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.lost_code_title}</h1>
            <p class="lead">{t.lost_code_intro}</p>
            <form method="post" action=routes::LOST_CODE novalidate=true>
                <PrescriptionFields lang=lang data=data.clone() />
                <button type="submit">{t.lost_code_button}</button>
            </form>
            <HelpBox lang=lang />
        </Layout>
    }
}
