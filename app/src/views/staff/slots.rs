//! Free appointments of a service as operators see them: every free slot, those kept for
//! operators, kiosks or urgent classes included.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::{StaffBar, StaffView};
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

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
