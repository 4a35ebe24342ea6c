//! Who is being served: the summary at the top of their record and of the choice of a slot.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::Lang;

/// Who is being served, shown at the top of their pages so that nobody books for the wrong
/// person.
#[derive(Clone, Debug)]
pub struct CitizenSummary {
    pub fiscal_code: String,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    /// The reason given for opening the record.
    pub reason: String,
}

#[component]
pub fn CitizenBanner(lang: Lang, citizen: CitizenSummary) -> impl IntoView {
    let t = lang.t();
    view! {
        <dl class="summary">
            <div>
                <dt>{t.citizen_name_label}</dt>
                <dd>{citizen.name}</dd>
            </div>
            <div>
                <dt>{t.fc_label}</dt>
                <dd class="code">{citizen.fiscal_code}</dd>
            </div>
            {citizen
                .birth_date
                .map(|d| {
                    view! {
                        <div>
                            <dt>{t.citizen_born_label}</dt>
                            <dd>{lang.short_date(d)}</dd>
                        </div>
                    }
                })}
        </dl>
        <p class="hint">{(t.citizen_record_reason)(&citizen.reason)}</p>
    }
}
