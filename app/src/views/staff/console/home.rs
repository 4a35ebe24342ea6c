//! The console's menu: the functions the signed-in role may use.

use leptos::prelude::*;

use super::citizen_search::{CitizenSearchData, CitizenSearchForm};
use crate::domain::Role;
use crate::routes;
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// The search for a citizen first (the focus lands on it after sign-in), then the console's
/// functions that the signed-in role may use.
#[component]
pub fn ConsoleHomePage(
    ctx: PageContext,
    staff: StaffView,
    /// The search form (the reason used last in this session already chosen).
    #[prop(optional)]
    search: CitizenSearchData,
    /// Whether a citizen's record is open in this session.
    has_citizen: bool,
    /// Whether the member of staff works at a facility's desk (or may see any desk).
    #[prop(optional)]
    desk: bool,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let supervisor = staff.role.allows(Role::Supervisor);
    let csrf = staff.csrf.clone();
    let item = |href: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li>
                <a href=href>{title}</a>
                <p>{text}</p>
            </li>
        }
    };
    view! {
        <Layout ctx=ctx.clone() title=t.console_title.to_owned() description=t.console_home_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{t.console_title}</h1>
            <p class="lead">{t.console_home_intro}</p>
            <section class="console-search" aria-labelledby="search-title">
                <h2 id="search-title">{t.citizen_search_title}</h2>
                <CitizenSearchForm lang=lang csrf=csrf data=search />
            </section>
            <nav aria-label=t.console_nav_label>
                <ul class="entries">
                    {has_citizen
                        .then(|| {
                            item(
                                routes::STAFF_CITIZEN,
                                t.menu_current_citizen,
                                t.menu_current_citizen_text,
                            )
                        })}
                    {item(routes::STAFF_CITIZEN_SEARCH, t.menu_find_citizen, t.menu_find_citizen_text)}
                    {item(routes::STAFF_SLOTS, t.console_slots_title, t.menu_slots_text)}
                    {desk.then(|| item(routes::STAFF_DESK, t.desk_title, t.menu_desk_text))}
                    {supervisor.then(|| item(routes::STAFF_AUDIT, t.audit_title, t.menu_audit_text))}
                    {supervisor
                        .then(|| item(routes::STAFF_DELIVERIES, t.dl_title, t.menu_deliveries_text))}
                    {supervisor.then(|| item(routes::STAFF_AGENDAS, t.menu_agendas, t.menu_agendas_text))}
                    {supervisor
                        .then(|| {
                            item(
                                routes::STAFF_GUARANTEES,
                                t.guarantee.gt_list_title,
                                t.guarantee.gt_menu_text,
                            )
                        })}
                    {supervisor
                        .then(|| item(routes::STAFF_SUSPENSIONS, t.su_report_title, t.su_menu_text))}
                    {supervisor
                        .then(|| {
                            item(
                                routes::STAFF_ACCESSIBILITY_FEEDBACKS,
                                t.legal.af_title,
                                t.legal.af_menu_text,
                            )
                        })}
                </ul>
            </nav>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::views::render_document;

    fn ctx(lang: Lang) -> PageContext {
        PageContext {
            lang,
            css_href: "/static/style.test.css",
            path: routes::STAFF_CITIZEN_SEARCH.to_owned(),
            kiosk: None,
        }
    }

    fn staff(role: Role) -> StaffView {
        StaffView {
            name: "Anna Neri".to_owned(),
            role,
            csrf: "token".to_owned(),
            outage: false,
        }
    }

    #[test]
    fn the_menu_shows_the_audit_and_agendas_to_supervisors_only() {
        let operator = render_document(view! {
            <ConsoleHomePage ctx=ctx(Lang::It) staff=staff(Role::Operator) has_citizen=false />
        });
        assert!(operator.contains(routes::STAFF_CITIZEN_SEARCH));
        assert!(
            operator.contains("name=\"codice_fiscale\"") && operator.contains("autofocus"),
            "the search is on the home page, focused"
        );
        assert!(!operator.contains(routes::STAFF_AUDIT));
        assert!(!operator.contains(routes::STAFF_AGENDAS));
        assert!(!operator.contains(routes::STAFF_SUSPENSIONS));
        assert!(!operator.contains(routes::STAFF_ACCESSIBILITY_FEEDBACKS));
        let admin = render_document(view! {
            <ConsoleHomePage ctx=ctx(Lang::En) staff=staff(Role::Admin) has_citizen=true />
        });
        assert!(admin.contains(routes::STAFF_AUDIT));
        assert!(admin.contains(routes::STAFF_AGENDAS));
        assert!(admin.contains(routes::STAFF_SUSPENSIONS));
        assert!(admin.contains(routes::STAFF_ACCESSIBILITY_FEEDBACKS));
        assert!(admin.contains("Back to the open record"));
    }
}
