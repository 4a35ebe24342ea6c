//! The audit search, for supervisors: who looked at or changed a citizen's data, when, through
//! which channel and why. The fiscal code searched for is posted, never put in a URL.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::{StaffBar, StaffView};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{
    ErrorSummary, FiscalCodeField, FormErrors, SelectField, TextField, title_with_errors,
};
use crate::views::layout::{Layout, PageContext};

/// The actions the search offers by name, in the order of the texts' `audit_action_names`.
/// Others (the demo seed's) are found by leaving the action empty.
pub const AUDIT_ACTIONS: [&str; 17] = [
    "citizen_viewed",
    "booking_viewed",
    "booking.created",
    "booking.cancelled",
    "booking.moved",
    "audit_searched",
    "booking.attended",
    "booking.no_show",
    "message.retried",
    "staff.signed_in",
    "staff.sign_in_failed",
    "waitlist.offered",
    "agenda.created",
    "agenda.template_added",
    "agenda.slots_generated",
    "agenda.extra_slots",
    "agenda.suspended",
];

/// The action in words, or as recorded when it has no name here.
pub fn action_name(lang: Lang, action: &str) -> String {
    AUDIT_ACTIONS.iter().position(|a| *a == action).map_or_else(
        || action.to_owned(),
        |i| lang.t().audit_action_names[i].to_owned(),
    )
}

/// What was typed in the search form.
#[derive(Clone, Debug, Default)]
pub struct AuditFilters {
    pub fiscal_code: String,
    pub username: String,
    pub from: String,
    pub to: String,
    /// One of `AUDIT_ACTIONS`, or empty for all.
    pub action: String,
}

/// Who did it.
#[derive(Clone, Debug)]
pub enum AuditWho {
    Staff { name: String, username: String },
    Citizen,
    System,
}

#[derive(Clone, Debug)]
pub struct AuditEntryView {
    pub at: NaiveDateTime,
    pub who: AuditWho,
    pub channel: Option<String>,
    pub action: String,
    pub fiscal_code: Option<String>,
    /// The booking's code as people read it.
    pub booking_code: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct AuditData {
    pub filters: AuditFilters,
    pub errors: FormErrors,
    /// None until a search was made.
    pub entries: Option<Vec<AuditEntryView>>,
    /// The query string of the next (older) page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
}

fn channel_name(lang: Lang, channel: &str) -> String {
    crate::domain::Channel::ALL
        .iter()
        .position(|c| c.as_str() == channel)
        .map_or_else(
            || channel.to_owned(),
            |i| lang.t().channel_names[i].to_owned(),
        )
}

#[component]
pub fn AuditPage(ctx: PageContext, staff: StaffView, data: AuditData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.audit_title, &data.errors);
    let csrf = staff.csrf.clone();
    let filters = data.filters;
    let actions = AUDIT_ACTIONS
        .iter()
        .zip(t.audit_action_names)
        .map(|(code, name)| ((*code).to_owned(), name.to_owned()))
        .collect();
    let results = data.entries.map(|entries| {
        let body = if entries.is_empty() {
            view! { <p>{t.audit_no_results}</p> }.into_any()
        } else {
            view! {
                <table class="times">
                    <caption class="vh">{t.audit_results_heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.audit_when_column}</th>
                            <th scope="col">{t.audit_who_column}</th>
                            <th scope="col">{t.audit_channel_column}</th>
                            <th scope="col">{t.audit_action_column}</th>
                            <th scope="col">{t.audit_citizen_column}</th>
                            <th scope="col">{t.audit_booking_column}</th>
                            <th scope="col">{t.audit_reason_column}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {entries
                            .into_iter()
                            .map(|e| {
                                let who = match e.who {
                                    AuditWho::Staff { name, username } => format!("{name} ({username})"),
                                    AuditWho::Citizen => t.audit_actor_citizen.to_owned(),
                                    AuditWho::System => t.audit_actor_system.to_owned(),
                                };
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {lang.short_date(e.at.date())} " " {lang.time(e.at)}
                                        </th>
                                        <td>{who}</td>
                                        <td>{e.channel.map(|c| channel_name(lang, &c))}</td>
                                        <td>{action_name(lang, &e.action)}</td>
                                        <td class="code">{e.fiscal_code}</td>
                                        <td class="code">{e.booking_code}</td>
                                        <td>{e.reason}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        };
        view! {
            <section aria-labelledby="results-title">
                <h2 id="results-title">{t.audit_results_heading}</h2>
                {body}
                <p>
                    <a href=routes::STAFF_AUDIT_FHIR download="audit-event.json">
                        {t.audit_export_fhir}
                    </a>
                </p>
                <nav class="pager" aria-label=t.audit_results_heading>
                    {(!data.first_page).then(|| view! { <a href=routes::STAFF_AUDIT>{t.first_page}</a> })}
                    {data
                        .next_page
                        .map(|query| {
                            view! {
                                <a href=format!("{}?{query}", routes::STAFF_AUDIT) rel="next">
                                    {t.next_page}
                                </a>
                            }
                        })}
                </nav>
            </section>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=title description=t.audit_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.audit_title}</h1>
            <p class="lead">{t.audit_intro}</p>
            <form method="post" action=routes::STAFF_AUDIT novalidate=true role="search">
                <input type="hidden" name="csrf" value=csrf />
                <fieldset>
                    <legend>{t.audit_filters_legend}</legend>
                    <FiscalCodeField
                        lang=lang
                        value=filters.fiscal_code
                        error=data.errors.get("codice_fiscale")
                    />
                    <TextField
                        lang=lang
                        id="utente"
                        label=t.audit_staff_label.to_owned()
                        value=filters.username
                        error=data.errors.get("utente")
                        autocomplete="off"
                        maxlength=64
                    />
                    <TextField
                        lang=lang
                        id="dal"
                        label=t.audit_from_label.to_owned()
                        hint=t.audit_date_hint.to_owned()
                        value=filters.from
                        error=data.errors.get("dal")
                        inputmode="numeric"
                        autocomplete="off"
                        maxlength=10
                    />
                    <TextField
                        lang=lang
                        id="al"
                        label=t.audit_to_label.to_owned()
                        hint=t.audit_date_hint.to_owned()
                        value=filters.to
                        error=data.errors.get("al")
                        inputmode="numeric"
                        autocomplete="off"
                        maxlength=10
                    />
                    <SelectField
                        lang=lang
                        id="azione"
                        label=t.audit_action_label.to_owned()
                        empty=t.audit_any_action.to_owned()
                        choices=actions
                        selected=filters.action
                        error=None
                    />
                    <button type="submit">{t.audit_search_button}</button>
                </fieldset>
            </form>
            {results}
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_offered_has_a_name_in_each_language_and_others_show_as_recorded() {
        for lang in Lang::ALL {
            assert_eq!(lang.t().audit_action_names.len(), AUDIT_ACTIONS.len());
            for action in AUDIT_ACTIONS {
                assert_ne!(action_name(lang, action), action);
            }
            assert_eq!(action_name(lang, "something.else"), "something.else");
        }
    }
}
