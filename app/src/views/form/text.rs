//! Text inputs: the general one, and the fiscal code field, the same on every form that asks
//! for it.

use leptos::prelude::*;

use super::field::{Field, described_by};
use crate::i18n::Lang;

/// A labelled text input with its hint and error.
#[component]
pub fn TextField(
    lang: Lang,
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: String,
    error: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// Codes: no spell-checking or autocorrection, capitals on phone keyboards.
    #[prop(default = false)]
    code: bool,
    /// Takes the focus when the page loads (the one field a page is for).
    #[prop(default = false)]
    autofocus: bool,
    /// The id of a hint shared by several fields (e.g. a fieldset's), read before the field's own.
    #[prop(optional)]
    shared_hint: Option<&'static str>,
) -> impl IntoView {
    let own = described_by(id, hint.is_some(), error.is_some());
    let described = match (shared_hint, own) {
        (Some(shared), Some(own)) => Some(format!("{shared} {own}")),
        (shared, own) => own.or(shared.map(str::to_owned)),
    };
    let invalid = error.as_ref().map(|_| "true");
    view! {
        <Field lang=lang id=id label=label hint=hint error=error>
            <input
                id=id
                name=id
                type=input_type
                value=value
                aria-describedby=described
                aria-invalid=invalid
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength.map(|m| m.to_string())
                spellcheck=code.then_some("false")
                autocapitalize=code.then_some("characters")
                autofocus=autofocus
            />
        </Field>
    }
}

/// A labelled multi-line text box with its hint and error (free text: a report, a note).
#[component]
pub fn TextAreaField(
    lang: Lang,
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: String,
    error: Option<String>,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let described = described_by(id, hint.is_some(), error.is_some());
    let invalid = error.as_ref().map(|_| "true");
    view! {
        <Field lang=lang id=id label=label hint=hint error=error>
            <textarea
                id=id
                name=id
                rows=rows.to_string()
                aria-describedby=described
                aria-invalid=invalid
                maxlength=maxlength.map(|m| m.to_string())
            >
                {value}
            </textarea>
        </Field>
    }
}

/// The fiscal code field, the same on every form that asks for it.
#[component]
pub fn FiscalCodeField(
    lang: Lang,
    value: String,
    error: Option<String>,
    #[prop(default = false)] autofocus: bool,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <TextField
            lang=lang
            id="codice_fiscale"
            label=t.fc_label.to_owned()
            hint=t.fc_hint.to_owned()
            value=value
            error=error
            autocomplete="off"
            maxlength=20
            code=true
            autofocus=autofocus
        />
    }
}
