//! Radio groups: one question, its choices in a fieldset, its error tied to the group.

use leptos::prelude::*;

use super::Choice;
use super::field::{ErrorMessage, error_id, field_class};
use crate::i18n::Lang;

/// A group of radio buttons. The first button takes the field's id, so that the error summary's
/// link lands on the group.
#[component]
pub fn RadioField(
    lang: Lang,
    id: &'static str,
    legend: String,
    choices: Vec<Choice>,
    selected: String,
    error: Option<String>,
) -> impl IntoView {
    let class = field_class(error.is_some());
    let described = error.as_ref().map(|_| error_id(id));
    view! {
        <div class=class>
            <fieldset aria-describedby=described>
                <legend>{legend}</legend>
                <ErrorMessage lang=lang id=id error=error />
                {choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (value, label))| {
                        let input_id = if i == 0 { id.to_owned() } else { format!("{id}-{i}") };
                        let checked = value == selected;
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    id=input_id.clone()
                                    name=id
                                    value=value
                                    checked=checked
                                />
                                <label for=input_id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    #[test]
    fn the_first_button_takes_the_field_id_and_the_error_is_tied_to_the_group() {
        let choices = vec![
            ("a".to_owned(), "Uno".to_owned()),
            ("b".to_owned(), "Due".to_owned()),
        ];
        let html = render_document(view! {
            <RadioField
                lang=Lang::It
                id="motivo"
                legend="Perché?".to_owned()
                choices=choices
                selected="b".to_owned()
                error=Some("Scegli".to_owned())
            />
        });
        assert!(
            html.contains("<fieldset aria-describedby=\"motivo-error\"><legend>Perché?</legend>")
        );
        assert!(
            html.contains("<p id=\"motivo-error\" class=\"error-message\"><span class=\"vh\">")
        );
        assert!(html.contains("<input type=\"radio\" id=\"motivo\" name=\"motivo\" value=\"a\">"));
        assert!(html.contains(
            "<input type=\"radio\" id=\"motivo-1\" name=\"motivo\" value=\"b\" checked>"
        ));
    }
}
