//! Accessible forms: the errors of a submitted form, the summary that links to each of them, and
//! the fields whose hint and error are tied to their input (`aria-describedby`,
//! `aria-invalid`). A field built from these reads the same on every page that has it.

mod contact;
mod field;
mod radio;
mod select;
mod text;

pub use contact::{ContactFields, read_contacts};
pub use radio::RadioField;
pub use select::{AreaField, SelectField};
pub use text::{FiscalCodeField, TextAreaField, TextField};

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

/// A choice of a select or a radio group: (value sent, label shown).
pub type Choice = (String, String);

/// Choices whose values are their positions in `labels`: lists of texts (reasons, mostly) that
/// the server reads back by index.
pub fn indexed_choices(labels: &[&str]) -> Vec<Choice> {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| (i.to_string(), (*label).to_owned()))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_choices_send_the_position_of_each_label() {
        assert_eq!(
            indexed_choices(&["uno", "due"]),
            [
                ("0".to_owned(), "uno".to_owned()),
                ("1".to_owned(), "due".to_owned())
            ]
        );
    }
}
