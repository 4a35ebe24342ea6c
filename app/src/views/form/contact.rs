//! The optional contacts for reminders (a mobile number and an e-mail address): their fields,
//! and reading what was typed into them, the same wherever they are asked for.

use leptos::prelude::*;

use super::{FormErrors, TextField};
use crate::domain::{Email, Phone};
use crate::i18n::Lang;

/// The typed phone and e-mail, each optional (blank: none); a wrong one is an error on its
/// field (`telefono`, `email`) and reads as none.
pub fn read_contacts(
    lang: Lang,
    phone: &str,
    email: &str,
    errors: &mut FormErrors,
) -> (Option<Phone>, Option<Email>) {
    let t = lang.t();
    let phone = (!phone.trim().is_empty())
        .then(|| Phone::parse(phone))
        .transpose()
        .map_err(|e| errors.push("telefono", t.phone_error(e)))
        .ok()
        .flatten();
    let email = (!email.trim().is_empty())
        .then(|| Email::parse(email))
        .transpose()
        .map_err(|e| errors.push("email", t.email_error(e)))
        .ok()
        .flatten();
    (phone, email)
}

/// The reminder fields in their fieldset, with a hint.
#[component]
pub fn ContactFields(
    lang: Lang,
    hint: &'static str,
    phone: String,
    email: String,
    errors: FormErrors,
    /// Whether the browser may fill them in (not on shared terminals, nor for someone else).
    #[prop(default = true)]
    autofill: bool,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <fieldset>
            <legend>{t.contacts_legend}</legend>
            <p class="hint">{hint}</p>
            <TextField
                lang=lang
                id="telefono"
                label=t.phone_label.to_owned()
                value=phone
                error=errors.get("telefono")
                input_type="tel"
                autocomplete=if autofill { "tel" } else { "off" }
                maxlength=20
            />
            <TextField
                lang=lang
                id="email"
                label=t.email_label.to_owned()
                value=email
                error=errors.get("email")
                input_type="email"
                autocomplete=if autofill { "email" } else { "off" }
                maxlength=254
            />
        </fieldset>
    }
}
