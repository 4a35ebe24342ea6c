//! Creating an agenda: a facility, a service, a label and the length of its slots.

use leptos::prelude::*;

use crate::routes;
use crate::views::form::{
    Choice, ErrorSummary, FormErrors, SelectField, TextField, title_with_errors,
};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// What was typed in the new-agenda form.
#[derive(Clone, Debug, Default)]
pub struct NewAgendaForm {
    pub facility: String,
    pub service: String,
    pub label: String,
    pub slot_minutes: String,
}

#[derive(Clone, Debug, Default)]
pub struct NewAgendaData {
    pub facilities: Vec<Choice>,
    pub services: Vec<Choice>,
    pub form: NewAgendaForm,
    pub errors: FormErrors,
}

#[component]
pub fn NewAgendaPage(ctx: PageContext, staff: StaffView, data: NewAgendaData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.bo_new_agenda_title, &data.errors);
    let csrf = staff.csrf.clone();
    let errors = data.errors;
    view! {
        <Layout ctx=ctx.clone() title=title description=t.bo_new_agenda_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=errors.clone() />
            <h1>{t.bo_new_agenda_title}</h1>
            <p class="lead">{t.bo_new_agenda_intro}</p>
            <form method="post" action=routes::STAFF_AGENDA_NEW novalidate=true>
                <input type="hidden" name="csrf" value=csrf />
                <SelectField
                    lang=lang
                    id="struttura"
                    label=t.bo_facility_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=data.facilities
                    selected=data.form.facility
                    error=errors.get("struttura")
                />
                <SelectField
                    lang=lang
                    id="servizio"
                    label=t.service_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=data.services
                    selected=data.form.service
                    error=errors.get("servizio")
                />
                <TextField
                    lang=lang
                    id="nome"
                    label=t.bo_label_label.to_owned()
                    hint=t.bo_label_hint.to_owned()
                    value=data.form.label
                    error=errors.get("nome")
                    autocomplete="off"
                    maxlength=80
                />
                <TextField
                    lang=lang
                    id="minuti"
                    label=t.bo_slot_minutes_label.to_owned()
                    hint=t.bo_slot_minutes_hint.to_owned()
                    value=data.form.slot_minutes
                    error=errors.get("minuti")
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength=3
                />
                <button type="submit">{t.bo_create_button}</button>
            </form>
            <p>
                <a href=routes::STAFF_AGENDAS>{t.bo_back_to_agendas}</a>
            </p>
        </Layout>
    }
}
