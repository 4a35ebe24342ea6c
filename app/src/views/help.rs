//! Help and a way back on every step of the journey: the CUP's phone number and hours (a
//! setting: `CUPOLA_HELP_PHONE`, `CUPOLA_HELP_HOURS`) wherever a page tells people to call, and
//! the GOV.UK "back link" to the previous step with its filters.

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::i18n::Lang;

/// Where people get help by phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    /// As written for people ("+39 055 000 0000").
    pub phone: String,
    /// Opening hours, as written for people.
    pub hours: String,
}

/// The demo's help line: a number no Italian operator assigns.
pub const DEMO_PHONE: &str = "+39 055 000 0000";
pub const DEMO_HOURS: &str = "lunedì–venerdì 8:00–18:00, sabato 8:00–13:00";

static HELP: OnceLock<Help> = OnceLock::new();

/// Sets the help line once, at start-up (later calls change nothing: the settings are read once).
pub fn set_help(help: Help) {
    let _ = HELP.set(help);
}

/// The help line: the setting, else the demo's.
pub fn help() -> Help {
    HELP.get().cloned().unwrap_or_else(|| Help {
        phone: DEMO_PHONE.to_owned(),
        hours: DEMO_HOURS.to_owned(),
    })
}

impl Help {
    /// The `tel:` link of the number: digits and a leading +.
    pub fn tel_href(&self) -> String {
        let digits: String = self
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    }
}

/// "Need help?": the CUP's number (a `tel:` link) and hours.
#[component]
pub fn HelpBox(lang: Lang) -> impl IntoView {
    let t = lang.t();
    let help = help();
    view! {
        <aside class="help" aria-labelledby="help-title">
            <h2 id="help-title">{t.help_heading}</h2>
            <p>
                {t.help_call} " " <a href=help.tel_href() class="help-phone">
                    {help.phone.clone()}
                </a>
            </p>
            <p>{(t.help_hours)(&help.hours)}</p>
        </aside>
    }
}

/// The link back to the previous step (GOV.UK "back link"), before the page's heading.
#[component]
pub fn BackLink(lang: Lang, href: String) -> impl IntoView {
    view! {
        <a href=href class="back-link">
            {lang.t().back}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_link_keeps_only_digits_and_the_plus() {
        let help = Help {
            phone: "+39 055 000 0000".to_owned(),
            hours: String::new(),
        };
        assert_eq!(help.tel_href(), "tel:+390550000000");
    }
}
