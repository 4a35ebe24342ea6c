//! Finding a citizen by fiscal code, with the reason for opening their record (the reason is
//! audited).

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{
    ErrorSummary, FiscalCodeField, FormErrors, SelectField, TextField, indexed_choices,
    title_with_errors,
};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// The most characters of free text an operator may add to the reason for an access.
pub const ACCESS_NOTE_MAX: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct CitizenSearchData {
    pub fiscal_code: String,
    /// The reason chosen (index into the texts' `access_reasons`).
    pub reason: Option<usize>,
    pub note: String,
    pub errors: FormErrors,
}

#[component]
pub fn CitizenSearchPage(
    ctx: PageContext,
    staff: StaffView,
    data: CitizenSearchData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.citizen_search_title, &data.errors);
    let csrf = staff.csrf.clone();
    view! {
        <Layout ctx=ctx.clone() title=title description=t.citizen_search_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.citizen_search_title}</h1>
            <p class="lead">{t.citizen_search_intro}</p>
            <CitizenSearchForm lang=lang csrf=csrf data=data />
        </Layout>
    }
}

/// The search by fiscal code and reason, on its own page and on the console's home. On a first
/// visit the fiscal code takes the focus; after an error, the error summary does.
#[component]
pub fn CitizenSearchForm(lang: Lang, csrf: String, data: CitizenSearchData) -> impl IntoView {
    let t = lang.t();
    let first_visit = data.errors.is_empty() && data.fiscal_code.is_empty();
    view! {
        <form method="post" action=routes::STAFF_CITIZEN_SEARCH novalidate=true>
            <input type="hidden" name="csrf" value=csrf />
            <FiscalCodeField
                lang=lang
                value=data.fiscal_code
                error=data.errors.get("codice_fiscale")
                autofocus=first_visit
            />
            <SelectField
                lang=lang
                id="motivo"
                label=t.access_reason_label.to_owned()
                empty=t.access_reason_choose.to_owned()
                choices=indexed_choices(&t.access_reasons)
                selected=data.reason.map(|i| i.to_string()).unwrap_or_default()
                error=data.errors.get("motivo")
                required=true
            />
            <TextField
                lang=lang
                id="note"
                label=format!("{} {}", t.access_note_label, t.optional)
                hint=t.access_note_hint.to_owned()
                value=data.note
                error=data.errors.get("note")
                autocomplete="off"
                maxlength={ACCESS_NOTE_MAX as u32}
            />
            <button type="submit">{t.citizen_search_button}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::views::render_document;

    fn ctx(lang: Lang) -> PageContext {
        PageContext {
            lang,
            css_href: "/static/style.test.css",
            path: routes::STAFF_CITIZEN_SEARCH.to_owned(),
            kiosk: None,
        }
    }

    fn staff(role: Role) -> StaffView {
        StaffView {
            name: "Anna Neri".to_owned(),
            role,
            csrf: "token".to_owned(),
            outage: false,
        }
    }

    #[test]
    fn the_search_form_ties_each_error_to_its_field_and_carries_the_token() {
        let mut errors = FormErrors::default();
        errors.push("motivo", "Scegli il motivo dell'accesso");
        let data = CitizenSearchData {
            fiscal_code: "RSSMRA48C55D612S".to_owned(),
            errors,
            ..CitizenSearchData::default()
        };
        let html = render_document(view! {
            <CitizenSearchPage ctx=ctx(Lang::It) staff=staff(Role::Operator) data=data />
        });
        assert!(html.contains("name=\"csrf\" value=\"token\""));
        assert!(html.contains("<label for=\"motivo\">"));
        assert!(html.contains("aria-describedby=\"motivo-error\""));
        assert!(html.contains("href=\"#motivo\""));
        assert_eq!(
            html.matches("autofocus").count(),
            1,
            "only the error summary takes the focus"
        );
        assert!(!html.contains("<script>") && !html.contains("style="));
    }
}
