//! The forms of an agenda's page: a row of the weekly template (administrators only), and
//! generating, adding and suspending slots.

use leptos::prelude::*;

use super::agenda::{AgendaForms, capitalised};
use crate::domain::{MAX_PUBLIC_REASON_CHARS, SuspensionReason};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{Choice, FormErrors, SelectField, TextField};

/// A text field of the agenda's forms: numbers and dates typed on a numeric keyboard.
#[expect(
    clippy::too_many_arguments,
    reason = "one field, one value per attribute"
)]
fn field(
    lang: Lang,
    id: &'static str,
    label: String,
    hint: &'static str,
    value: &str,
    errors: &FormErrors,
    maxlength: u32,
    numeric: bool,
) -> AnyView {
    view! {
        <TextField
            lang=lang
            id=id
            label=label
            hint=hint.to_owned()
            value=value.to_owned()
            error=errors.get(id)
            inputmode=if numeric { "numeric" } else { "text" }
            autocomplete="off"
            maxlength=maxlength
        />
    }
    .into_any()
}

pub(super) fn template_form(
    lang: Lang,
    id: i64,
    csrf: &str,
    errors: &FormErrors,
    forms: &AgendaForms,
    reservations: Vec<Choice>,
) -> AnyView {
    let t = lang.t();
    let weekdays: Vec<Choice> = (1..=7u32)
        .map(|d| (d.to_string(), capitalised(t.weekdays[d as usize - 1])))
        .collect();
    let optional = |label: &str| format!("{label} {}", t.optional);
    view! {
        <form method="post" action=routes::staff_agenda_template(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_template_legend}</legend>
                <SelectField
                    lang=lang
                    id="modello_giorno"
                    label=t.bo_weekday_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=weekdays
                    selected=forms.template_weekday.clone()
                    error=errors.get("modello_giorno")
                />
                {field(lang, "modello_inizio", t.bo_start_label.to_owned(), t.bo_time_hint, &forms.template_start, errors, 5, true)}
                {field(lang, "modello_fine", t.bo_end_label.to_owned(), t.bo_time_hint, &forms.template_end, errors, 5, true)}
                <SelectField
                    lang=lang
                    id="modello_riserva"
                    label=t.bo_reservation_label.to_owned()
                    choices=reservations
                    selected=forms.template_reservation.clone()
                    error=errors.get("modello_riserva")
                />
                {field(lang, "modello_dal", t.bo_valid_from_label.to_owned(), t.bo_date_hint, &forms.template_from, errors, 10, true)}
                {field(lang, "modello_al", optional(t.bo_valid_to_label), t.bo_valid_to_hint, &forms.template_to, errors, 10, true)}
                <button type="submit">{t.bo_add_template_button}</button>
            </fieldset>
        </form>
    }
    .into_any()
}

pub(super) fn slot_forms(
    lang: Lang,
    id: i64,
    csrf: &str,
    errors: &FormErrors,
    forms: &AgendaForms,
) -> AnyView {
    let t = lang.t();
    let optional = |label: &str| format!("{label} {}", t.optional);
    let generate = view! {
        <form method="post" action=routes::staff_agenda_generate(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_generate_legend}</legend>
                <p class="hint">{t.bo_generate_hint}</p>
                {field(lang, "genera_dal", t.bo_from_label.to_owned(), t.bo_date_hint, &forms.generate_from, errors, 10, true)}
                {field(lang, "genera_al", t.bo_to_label.to_owned(), t.bo_date_hint, &forms.generate_to, errors, 10, true)}
                <button type="submit">{t.bo_generate_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    let extra = view! {
        <form method="post" action=routes::staff_agenda_extra(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_extra_legend}</legend>
                <p class="hint">{t.bo_extra_hint}</p>
                {field(lang, "extra_giorno", t.bo_day_column.to_owned(), t.bo_date_hint, &forms.extra_day, errors, 10, true)}
                {field(lang, "extra_ora", t.bo_start_label.to_owned(), t.bo_time_hint, &forms.extra_time, errors, 5, true)}
                {field(lang, "extra_numero", optional(t.bo_count_label), t.bo_count_hint, &forms.extra_count, errors, 2, true)}
                <button type="submit">{t.bo_extra_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    let categories: Vec<Choice> = SuspensionReason::ALL
        .into_iter()
        .map(|r| {
            (
                r.as_str().to_owned(),
                t.su_reason_names[r.index()].to_owned(),
            )
        })
        .collect();
    let suspend = view! {
        <form method="post" action=routes::staff_agenda_suspend(id) novalidate=true class="panel">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <fieldset>
                <legend>{t.bo_suspend_legend}</legend>
                <p class="hint">{t.bo_suspend_hint}</p>
                {field(lang, "sospendi_dal", t.bo_from_label.to_owned(), t.bo_date_hint, &forms.suspend_from, errors, 10, true)}
                {field(lang, "sospendi_al", optional(t.bo_to_label), t.bo_suspend_to_hint, &forms.suspend_to, errors, 10, true)}
                <SelectField
                    lang=lang
                    id="sospendi_categoria"
                    label=t.su_reason_kind_label.to_owned()
                    empty=t.bo_choose.to_owned()
                    choices=categories
                    selected=forms.suspend_category.clone()
                    error=errors.get("sospendi_categoria")
                    required=true
                />
                {field(lang, "sospendi_motivo", t.bo_reason_label.to_owned(), t.bo_reason_hint, &forms.suspend_reason, errors, MAX_PUBLIC_REASON_CHARS as u32, false)}
                <button type="submit" class="danger">{t.bo_suspend_button}</button>
            </fieldset>
        </form>
    }
    .into_any();
    view! { {generate} {extra} {suspend} }.into_any()
}
