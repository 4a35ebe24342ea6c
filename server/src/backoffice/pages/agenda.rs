//! An agenda's page: its template, the next days' slots, and the forms that change it —
//! template rows (administrators), slot generation, extra slots and suspensions.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use leptos::prelude::*;

use app::domain::{Channel, MAX_PUBLIC_REASON_CHARS, PriorityClass, Role, SuspensionReason};
use app::i18n::Texts;
use app::routes;
use app::views::backoffice::{AgendaData, AgendaForms, AgendaPage, Choice, DayCount, TemplateRow};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::input::{AgendaInput, optional_date, parse_clock, period, required_date};
use super::notice::{done, take_notice};
use crate::backoffice::agendas::{self, Agenda, BackofficeError, MAX_EXTRA_SLOTS, NewTemplate};
use crate::backoffice::slots::{add_slots, extra_slots, slots_from_templates};
use crate::backoffice::suspend::{Why, suspend as suspend_agenda};
use crate::error::AppError;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::staff::slots::reservation_words;
use crate::state::AppState;
use crate::text::one_line_cut;
use crate::web::page::{Page, staff_page};

/// Days of slot counts on an agenda's page.
const DAYS_SHOWN: u64 = 14;

/// The agenda of a path (`/operatore/agende/{id}`), or 404.
async fn agenda_of(state: &AppState, id: &str) -> Result<Agenda, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    agendas::agenda(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Template reservations offered: (form value, words).
fn reservation_choices(t: &Texts) -> Vec<Choice> {
    let mut out = vec![(String::new(), t.bo_no_reservation_choice.to_owned())];
    for (i, channel) in Channel::ALL.iter().enumerate() {
        out.push((
            format!("canale:{}", channel.as_str()),
            (t.reserved_for)(t.channel_names[i]),
        ));
    }
    for class in PriorityClass::ALL {
        out.push((
            format!("priorita:{}", class.as_str()),
            (t.reserved_for)(&(t.priority_reservation)(class.as_str())),
        ));
    }
    out
}

async fn agenda_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    agenda: &Agenda,
    forms: AgendaForms,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let templates = agendas::templates(&state.db, agenda.id).await?;
    let days = agendas::day_counts(&state.db, agenda.id, state.clock.today(), DAYS_SHOWN).await?;
    let facility = state.directory.get(agenda.facility_id);
    let service = state.catalog.by_id(agenda.service_id);
    let data = AgendaData {
        id: agenda.id,
        facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
        town: facility.map(|f| f.town.clone()).unwrap_or_default(),
        service: service.map(|s| s.name(lang).to_owned()).unwrap_or_default(),
        service_code: service.map(|s| s.row.code.clone()).unwrap_or_default(),
        label: agenda.label.clone(),
        slot_minutes: agenda.slot_minutes,
        active: agenda.active,
        templates: templates
            .into_iter()
            .map(|row| TemplateRow {
                weekday: u32::try_from(row.weekday).unwrap_or(1),
                start_minute: row.start_minute,
                end_minute: row.end_minute,
                reserved: reservation_words(
                    t,
                    row.reserved_channel.as_deref(),
                    row.reserved_priority.as_deref(),
                ),
                valid_from: row.valid_from,
                valid_to: row.valid_to,
            })
            .collect(),
        days: days
            .into_iter()
            .map(|d| DayCount {
                day: d.day,
                free: d.free,
                booked: d.booked,
                suspended: d.suspended,
            })
            .collect(),
        reservations: reservation_choices(t),
        can_edit_template: signed_in.may(Role::Admin),
        forms,
        errors,
        notice: take_notice(signed_in).await,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <AgendaPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

pub async fn show(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let agenda = agenda_of(&state, &id).await?;
    let today = state.clock.today();
    let forms = AgendaForms {
        template_from: ctx.lang.short_date(today),
        generate_from: ctx.lang.short_date(today),
        extra_count: "1".to_owned(),
        ..AgendaForms::default()
    };
    agenda_page(
        &state,
        ctx,
        &signed_in,
        &agenda,
        forms,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// Renders the agenda's page again with these errors.
async fn again(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    agenda: &Agenda,
    input: &AgendaInput,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    agenda_page(state, ctx, signed_in, agenda, input.forms(), errors, status).await
}

/// Adds a weekly template row (administrators).
pub async fn add_template(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<AgendaInput>,
) -> Result<Response, AppError> {
    let agenda = agenda_of(&state, &id).await?;
    let t = ctx.lang.t();
    let mut errors = FormErrors::default();
    let weekday = input
        .modello_giorno
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=7).contains(d));
    if weekday.is_none() {
        errors.push("modello_giorno", t.bo_weekday_required);
    }
    let start = parse_clock(&input.modello_inizio).filter(|m| *m < 24 * 60);
    if start.is_none() {
        errors.push("modello_inizio", t.bo_time_invalid);
    }
    let end = parse_clock(&input.modello_fine).filter(|m| *m > 0);
    if end.is_none() {
        errors.push("modello_fine", t.bo_time_invalid);
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s + agenda.slot_minutes
    {
        errors.push("modello_fine", (t.bo_end_before_start)(agenda.slot_minutes));
    }
    let reservation = match input.modello_riserva.trim() {
        "" => Some((None, None)),
        value => match value.split_once(':') {
            Some(("canale", c)) => Channel::parse(c).map(|c| (Some(c), None)),
            Some(("priorita", p)) => PriorityClass::parse(p).ok().map(|p| (None, Some(p))),
            _ => None,
        },
    };
    if reservation.is_none() {
        errors.push("modello_riserva", t.bo_reservation_invalid);
    }
    let valid_from = required_date(&mut errors, t, "modello_dal", &input.modello_dal);
    let valid_to = optional_date(&mut errors, t, "modello_al", &input.modello_al);
    let today = state.clock.today();
    let plausible = |d: NaiveDate| (d - today).num_days().abs() <= 10 * 366;
    if let Some(from) = valid_from
        && !plausible(from)
    {
        errors.push("modello_dal", t.bo_date_far);
    }
    if let (Some(from), Some(Some(to))) = (valid_from, valid_to) {
        if to < from {
            errors.push("modello_al", t.bo_to_before_from);
        } else if !plausible(to) {
            errors.push("modello_al", t.bo_date_far);
        }
    }
    if let (
        true,
        Some(weekday),
        Some(start),
        Some(end),
        Some((channel, priority)),
        Some(from),
        Some(to),
    ) = (
        errors.is_empty(),
        weekday,
        start,
        end,
        reservation,
        valid_from,
        valid_to,
    ) {
        let row = NewTemplate {
            weekday,
            start_minute: start,
            end_minute: end,
            reserved_channel: channel,
            reserved_priority: priority,
            valid_from: from,
            valid_to: to,
        };
        match agendas::add_template(
            &state.db,
            agenda.id,
            row,
            signed_in.staff.id,
            state.clock.now(),
        )
        .await
        {
            Ok(()) => {
                tracing::info!(agenda.id = agenda.id, "template row added");
                return done(
                    &signed_in,
                    &routes::staff_agenda(agenda.id),
                    t.bo_template_added.to_owned(),
                )
                .await;
            }
            Err(BackofficeError::Overlap) => errors.push("modello_inizio", t.bo_template_overlap),
            Err(BackofficeError::Db(err)) => return Err(err.into()),
            Err(BackofficeError::NotFound | BackofficeError::LabelTaken) => {
                return Err(AppError::NotFound);
            }
        }
    }
    again(
        &state,
        ctx,
        &signed_in,
        &agenda,
        &input,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Generates a period's slots from the templates.
pub async fn generate(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<AgendaInput>,
) -> Result<Response, AppError> {
    let agenda = agenda_of(&state, &id).await?;
    let t = ctx.lang.t();
    let mut errors = FormErrors::default();
    let today = state.clock.today();
    let period = period(
        &mut errors,
        t,
        today,
        ("genera_dal", &input.genera_dal),
        ("genera_al", &input.genera_al),
        true,
    );
    let Some((from, to)) = period else {
        return again(
            &state,
            ctx,
            &signed_in,
            &agenda,
            &input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let now = state.clock.now();
    let templates = agendas::templates(&state.db, agenda.id).await?;
    let slots = slots_from_templates(&templates, agenda.slot_minutes, from, to, now);
    let added = add_slots(
        &state.db,
        &agenda,
        slots,
        "agenda.slots_generated",
        format!("agenda {}, {from} to {to}", agenda.id),
        signed_in.staff.id,
        now,
    )
    .await?;
    tracing::info!(
        agenda.id = agenda.id,
        slots.created = added.created,
        slots.offered = added.offered,
        "slots generated"
    );
    let notice = (t.bo_generated)(added.created, added.existing, added.offered);
    done(&signed_in, &routes::staff_agenda(agenda.id), notice).await
}

/// Adds consecutive extra slots on one day.
pub async fn extra(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<AgendaInput>,
) -> Result<Response, AppError> {
    let agenda = agenda_of(&state, &id).await?;
    let t = ctx.lang.t();
    let mut errors = FormErrors::default();
    let today = state.clock.today();
    let now = state.clock.now();
    let day = period(
        &mut errors,
        t,
        today,
        ("extra_giorno", &input.extra_giorno),
        ("extra_giorno", ""),
        false,
    )
    .map(|(day, _)| day);
    let start = parse_clock(&input.extra_ora).filter(|m| *m < 24 * 60);
    if start.is_none() {
        errors.push("extra_ora", t.bo_time_invalid);
    }
    let count = match input.extra_numero.trim() {
        "" => Some(1),
        typed => typed
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_EXTRA_SLOTS).contains(n)),
    };
    if count.is_none() {
        errors.push("extra_numero", (t.bo_count_invalid)(MAX_EXTRA_SLOTS));
    }
    let mut slots = Vec::new();
    if let (Some(day), Some(start), Some(count)) = (day, start, count) {
        if start + count * agenda.slot_minutes > 24 * 60 {
            errors.push("extra_numero", t.bo_extra_midnight);
        } else {
            slots = extra_slots(day, start, count, agenda.slot_minutes);
            if slots.first().is_none_or(|s| s.starts_at <= now) {
                errors.push("extra_ora", t.bo_extra_past);
            }
        }
    }
    if !errors.is_empty() {
        return again(
            &state,
            ctx,
            &signed_in,
            &agenda,
            &input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let added = add_slots(
        &state.db,
        &agenda,
        slots,
        "agenda.extra_slots",
        format!("agenda {}, extra slots", agenda.id),
        signed_in.staff.id,
        now,
    )
    .await?;
    tracing::info!(
        agenda.id = agenda.id,
        slots.created = added.created,
        slots.offered = added.offered,
        "extra slots added"
    );
    let notice = (t.bo_extra_added)(added.created, added.existing, added.offered);
    done(&signed_in, &routes::staff_agenda(agenda.id), notice).await
}

/// Suspends a day or a period of the agenda, with a reason.
pub async fn suspend(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<AgendaInput>,
) -> Result<Response, AppError> {
    let agenda = agenda_of(&state, &id).await?;
    let t = ctx.lang.t();
    let mut errors = FormErrors::default();
    let today = state.clock.today();
    let period = period(
        &mut errors,
        t,
        today,
        ("sospendi_dal", &input.sospendi_dal),
        ("sospendi_al", &input.sospendi_al),
        false,
    );
    let category = SuspensionReason::parse(&input.sospendi_categoria);
    if category.is_none() {
        errors.push("sospendi_categoria", t.su_reason_kind_required);
    }
    let reason = one_line_cut(&input.sospendi_motivo, MAX_PUBLIC_REASON_CHARS + 1);
    if reason.is_empty() {
        errors.push("sospendi_motivo", t.bo_reason_required);
    } else if reason.chars().count() > MAX_PUBLIC_REASON_CHARS {
        errors.push(
            "sospendi_motivo",
            (t.bo_reason_too_long)(MAX_PUBLIC_REASON_CHARS),
        );
    }
    let kind = state.catalog.by_id(agenda.service_id).map(|s| s.kind);
    let (Some((from, to)), Some(kind), Some(category), true) =
        (period, kind, category, errors.is_empty())
    else {
        return again(
            &state,
            ctx,
            &signed_in,
            &agenda,
            &input,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let outcome = suspend_agenda(
        &state.db,
        &agenda,
        kind,
        from,
        to,
        &Why {
            category,
            public_reason: reason,
        },
        signed_in.staff.id,
        state.clock.now(),
    )
    .await?;
    // This instance's public page shows it at once; others within their cache's life.
    state.suspensions.invalidate();
    tracing::info!(
        agenda.id = agenda.id,
        slots.suspended = outcome.slots,
        bookings.moved = outcome.moved,
        bookings.waitlisted = outcome.waitlisted,
        suspension.id = outcome.id,
        "agenda suspended"
    );
    let notice = (t.bo_suspended_notice)(outcome.slots, outcome.moved, outcome.waitlisted);
    done(&signed_in, &routes::staff_agenda(agenda.id), notice).await
}
