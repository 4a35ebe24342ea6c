//! Selects: a labelled list of choices (with an empty first choice if asked), and the area
//! filter built on it.

use leptos::prelude::*;

use super::field::{Field, described_by};
use crate::i18n::Lang;

/// A choice of a select: (value sent, label shown).
pub type Choice = (String, String);

/// A labelled select with its hint and error tied to it.
#[component]
pub fn SelectField(
    lang: Lang,
    id: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    /// The first, empty choice ("all", "choose…"), if any.
    #[prop(optional)]
    empty: Option<String>,
    choices: Vec<Choice>,
    selected: String,
    error: Option<String>,
    /// Announced by screen readers; the server checks it either way.
    #[prop(default = false)]
    required: bool,
) -> impl IntoView {
    let described = described_by(id, hint.is_some(), error.is_some());
    let invalid = error.as_ref().map(|_| "true");
    let nothing_selected = selected.is_empty();
    view! {
        <Field lang=lang id=id label=label hint=hint error=error>
            <select
                id=id
                name=id
                required=required
                aria-describedby=described
                aria-invalid=invalid
            >
                {empty
                    .map(|label| {
                        view! {
                            <option value="" selected=nothing_selected>
                                {label}
                            </option>
                        }
                    })}
                {choices
                    .into_iter()
                    .map(|(value, label)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}

/// The area filter (`zona`), the same wherever slots or figures can be narrowed to one area.
#[component]
pub fn AreaField(
    lang: Lang,
    /// (id, name) of every area.
    areas: Vec<(i64, String)>,
    /// None: the whole region.
    selected: Option<i64>,
) -> impl IntoView {
    let t = lang.t();
    let choices = areas
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <SelectField
            lang=lang
            id="zona"
            label=t.area_label.to_owned()
            empty=t.any_area.to_owned()
            choices=choices
            selected=selected.map(|id| id.to_string()).unwrap_or_default()
            error=None
        />
    }
}
