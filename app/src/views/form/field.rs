//! What every field shares: the wrapper marked on error, the label, and the hint and error
//! paragraphs that the control points to with `aria-describedby`.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The wrapper's class: `field-error` draws the error bar beside a refused field.
pub(super) fn field_class(has_error: bool) -> &'static str {
    if has_error {
        "field field-error"
    } else {
        "field"
    }
}

/// The id of the error paragraph of field `id`.
pub(super) fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// What the control's `aria-describedby` lists: its hint, then its error.
pub(super) fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut described = Vec::new();
    if has_hint {
        described.push(format!("{id}-hint"));
    }
    if has_error {
        described.push(error_id(id));
    }
    (!described.is_empty()).then(|| described.join(" "))
}

/// The error of a field, prefixed with "Errore: " for screen readers (visually hidden: on
/// screen the colour and the bar say it).
#[component]
pub(super) fn ErrorMessage(lang: Lang, id: &'static str, error: Option<String>) -> impl IntoView {
    let prefix = lang.t().error_title_prefix;
    error.map(|e| {
        view! {
            <p id=error_id(id) class="error-message">
                <span class="vh">{prefix}</span>
                {e}
            </p>
        }
    })
}

/// A labelled field: label, hint and error, then the control (`children`), which must point to
/// them with `described_by`.
#[component]
pub(super) fn Field(
    lang: Lang,
    id: &'static str,
    label: String,
    hint: Option<String>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let class = field_class(error.is_some());
    view! {
        <div class=class>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{h}</p> })}
            <ErrorMessage lang=lang id=id error=error />
            {children()}
        </div>
    }
}
