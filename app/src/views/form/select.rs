//! Selects: a labelled list of choices (with an empty first choice if asked), and the area
//! filter built on it.

use leptos::prelude::*;

use super::Choice;
use super::field::{Field, described_by};
use crate::i18n::Lang;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    #[test]
    fn a_select_marks_the_chosen_value_and_is_described_by_its_hint_and_error() {
        let choices = vec![
            ("a".to_owned(), "Uno".to_owned()),
            ("b".to_owned(), "Due".to_owned()),
        ];
        let html = render_document(view! {
            <SelectField
                lang=Lang::En
                id="scelta"
                label="Scelta".to_owned()
                hint="Una sola".to_owned()
                empty="Scegli…".to_owned()
                choices=choices
                selected="b".to_owned()
                error=Some("Sbagliata".to_owned())
                required=true
            />
        });
        assert!(html.contains(
            "<select id=\"scelta\" name=\"scelta\" required aria-describedby=\"scelta-hint \
             scelta-error\" aria-invalid=\"true\">"
        ));
        assert!(html.contains("<option value=\"\">Scegli…</option>"));
        assert!(html.contains("<option value=\"b\" selected>Due</option>"));
    }

    #[test]
    fn the_area_field_offers_the_whole_region_first() {
        let areas = vec![(1, "Nord".to_owned()), (2, "Sud".to_owned())];
        let region = render_document(
            view! { <AreaField lang=Lang::It areas=areas.clone() selected=None /> },
        );
        assert!(region.contains("<select id=\"zona\" name=\"zona\"><option value=\"\" selected>"));
        let south =
            render_document(view! { <AreaField lang=Lang::It areas=areas selected=Some(2) /> });
        assert!(south.contains("<option value=\"2\" selected>Sud</option>"));
        assert!(!south.contains("<option value=\"\" selected>"));
    }
}
