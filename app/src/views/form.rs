//! Accessible form pieces: an error summary that links to each field, and fields whose hint
//! and error are tied to the input (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use crate::i18n::Lang;

/// Errors of a submitted form, in the order of its fields: (field id, message).
#[derive(Clone, Debug, Default)]
pub struct FormErrors(pub Vec<(&'static str, String)>);

impl FormErrors {
    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn get(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The page title, prefixed with "Errore: " when the form came back with errors.
pub fn title_with_errors(lang: Lang, title: &str, errors: &FormErrors) -> String {
    if errors.is_empty() {
        title.to_owned()
    } else {
        format!("{}{title}", lang.t().error_title_prefix)
    }
}

/// The list of problems at the top of a form, each linking to its field. It takes the focus
/// when the page loads so that screen readers announce it first.
#[component]
pub fn ErrorSummary(lang: Lang, errors: FormErrors) -> impl IntoView {
    let t = lang.t();
    (!errors.is_empty()).then(|| {
        view! {
            <div
                class="error-summary"
                role="alert"
                aria-labelledby="error-summary-title"
                tabindex="-1"
                autofocus=true
            >
                <h2 id="error-summary-title">{t.error_summary_title}</h2>
                <ul>
                    {errors
                        .0
                        .into_iter()
                        .map(|(field, message)| {
                            view! {
                                <li>
                                    <a href=format!("#{field}")>{message}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

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
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(hint_id.clone());
    }
    if error.is_some() {
        described.push(error_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let class = if error.is_some() {
        "field field-error"
    } else {
        "field"
    };
    let invalid = error.as_ref().map(|_| "true");
    let prefix = lang.t().error_title_prefix;
    view! {
        <div class=class>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
            {error
                .map(|e| {
                    view! {
                        <p id=error_id class="error-message">
                            <span class="vh">{prefix}</span>
                            {e}
                        </p>
                    }
                })}
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
        </div>
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
