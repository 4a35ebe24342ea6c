//! The staff side: sign-in and the operator console. Same layout and rules as the public pages
//! (no script, every field labelled), plus who is signed in and a way out on every page.

mod audit;
mod console;

pub use audit::{
    AUDIT_ACTIONS, AuditData, AuditEntryView, AuditFilters, AuditPage, AuditWho, action_name,
};
pub use console::{
    ACCESS_NOTE_MAX, BookingLine, CitizenRecordData, CitizenRecordPage, CitizenSearchData,
    CitizenSearchPage, CitizenSummary, ConsoleChooseData, ConsoleChoosePage, ConsoleHomePage,
    ConsoleJourney, ConsoleSlotChoice, FormExpiredPage, RxLine, RxStatus, StaffCancelPage,
    StaffPrintPage, StaffReceiptData, StaffReceiptPage, WaitingLine,
};

use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::domain::Role;
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// The member of staff signed in, and the token their forms must carry.
#[derive(Clone, Debug)]
pub struct StaffView {
    pub name: String,
    pub role: Role,
    pub csrf: String,
}

fn role_name(lang: Lang, role: Role) -> &'static str {
    let names = lang.t().role_names;
    match role {
        Role::Operator => names[0],
        Role::Supervisor => names[1],
        Role::Admin => names[2],
    }
}

/// Who is signed in, and the sign-out button.
#[component]
pub fn StaffBar(lang: Lang, staff: StaffView) -> impl IntoView {
    let t = lang.t();
    view! {
        <div class="staff-bar">
            <p>
                <strong>{t.staff_area}</strong>
                " · "
                {(t.signed_in_as)(&staff.name, role_name(lang, staff.role))}
                " · "
                <a href=routes::STAFF_HOME>{t.console_home_link}</a>
            </p>
            <form method="post" action=routes::STAFF_LOGOUT>
                <input type="hidden" name="csrf" value=staff.csrf />
                <button type="submit" class="secondary">{t.logout_button}</button>
            </form>
        </div>
    }
}

#[component]
pub fn LoginPage(
    ctx: PageContext,
    username: String,
    csrf: String,
    errors: FormErrors,
    /// Where to go once signed in (a local path).
    next: String,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.login_title, &errors);
    view! {
        <Layout ctx=ctx.clone() title=title description=t.login_intro>
            <ErrorSummary lang=lang errors=errors.clone() />
            <h1>{t.login_title}</h1>
            <p class="lead">{t.login_intro}</p>
            <form method="post" action=routes::STAFF_LOGIN novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <input type="hidden" name="next" value=next />
                <TextField
                    lang=lang
                    id="username"
                    label=t.username_label.to_owned()
                    value=username
                    error=errors.get("username")
                    autocomplete="username"
                    maxlength=64
                />
                <div class=if errors.get("password").is_some() { "field field-error" } else { "field" }>
                    <label for="password">{t.password_label}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        maxlength="256"
                        aria-invalid=errors.get("password").map(|_| "true")
                    />
                </div>
                <button type="submit">{t.login_button}</button>
            </form>
        </Layout>
    }
}

/// One free slot as operators see it: reservations shown.
#[derive(Clone, Debug)]
pub struct ConsoleSlot {
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    /// What the slot is kept for, if anything ("operator", "kiosk", "B"…).
    pub reserved: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ConsoleSlotsData {
    pub query: String,
    /// (name, code) of the service found.
    pub service: Option<(String, String)>,
    pub slots: Vec<ConsoleSlot>,
    pub errors: FormErrors,
}

#[component]
pub fn ConsoleSlotsPage(
    ctx: PageContext,
    staff: StaffView,
    data: ConsoleSlotsData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.console_slots_title, &data.errors);
    let heading = data.service.as_ref().map_or_else(
        || t.console_title.to_owned(),
        |(name, code)| format!("{name} ({code})"),
    );
    view! {
        <Layout ctx=ctx.clone() title=title description=t.console_slots_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{heading}</h1>
            <p class="lead">{t.console_slots_intro}</p>
            <form method="get" action=routes::STAFF_SLOTS class="search" role="search">
                <TextField
                    lang=lang
                    id="servizio"
                    label=t.service_code_label.to_owned()
                    value=data.query
                    error=data.errors.get("servizio")
                    autocomplete="off"
                    maxlength=100
                />
                <button type="submit">{t.show_slots_button}</button>
            </form>
            <ol class="slots">
                {data
                    .slots
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li class="slot">
                                <p class="slot-when">{lang.date_time(s.starts)}</p>
                                <p class="slot-where">
                                    <strong>{s.facility}</strong>
                                    ", "
                                    {s.town}
                                </p>
                                {s.reserved.map(|r| view! { <p class="badge">{(t.reserved_for)(&r)}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </Layout>
    }
}
