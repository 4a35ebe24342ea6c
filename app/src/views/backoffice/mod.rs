//! The back office: agendas of every facility, their weekly templates, slot generation, extra
//! slots and suspensions. Same rules as every page: no script, every field labelled, errors in a
//! summary that links to the fields they belong to. One file per page.

mod agenda;
mod agenda_forms;
mod agendas;
mod new_agenda;
mod suspensions;

pub use agenda::{AgendaData, AgendaForms, AgendaPage, DayCount, TemplateRow, clock_time};
pub use agendas::{AgendaRow, AgendasData, AgendasPage, FacilityAgendas, FacilityOverview};
pub use new_agenda::{NewAgendaData, NewAgendaForm, NewAgendaPage};
pub use suspensions::{
    AffectedView, Outcome, SuspensionDetailData, SuspensionDetailPage, SuspensionRow,
    SuspensionsData, SuspensionsPage,
};

/// Shared with every form now; still reachable from here.
pub use crate::views::form::{Choice, SelectField};

use leptos::prelude::*;

/// What the last action did, at the top of the page it led back to.
fn notice_view(notice: Option<String>) -> impl IntoView {
    notice.map(|n| view! { <p class="notice" role="status">{n}</p> })
}
