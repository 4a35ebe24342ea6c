//! The back office's pages and forms. Supervisors see agendas, generate slots, add extra slots
//! and suspend days; administrators also create agendas and add template rows. Every form
//! carries the session's CSRF token (refused with 403 without it) and answers a success with a
//! 303 to the agenda's page, where a one-time confirmation is shown (Post/Redirect/Get).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{Channel, PriorityClass, Role};
use app::i18n::{Lang, Texts};
use app::routes;
use app::views::backoffice::{
    AgendaData, AgendaForms, AgendaPage, AgendaRow, AgendasData, AgendasPage, Choice, DayCount,
    FacilityAgendas, FacilityOverview, NewAgendaData, NewAgendaForm, NewAgendaPage, TemplateRow,
};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::{
    Agenda, BackofficeError, MAX_EXTRA_SLOTS, MAX_LABEL_CHARS, MAX_PERIOD_DAYS, MAX_REASON_CHARS,
    NewTemplate,
};
use crate::error::AppError;
use crate::http::{AppState, Page};
use crate::staff::pages::{SignedIn, page as staff_page};

/// The session key of the one-time confirmation shown after a redirect.
const NOTICE_KEY: &str = "backoffice_notice";
/// Days of slot counts on an agenda's page.
const DAYS_SHOWN: u64 = 14;
/// How far ahead dates may be typed.
const MAX_DAYS_AHEAD: u64 = 2 * 366;

async fn take_notice(signed_in: &SignedIn) -> Option<String> {
    signed_in
        .session
        .remove::<String>(NOTICE_KEY)
        .await
        .ok()
        .flatten()
}

/// Remembers the confirmation and sends the browser to `to` (303 See Other).
async fn done(signed_in: &SignedIn, to: &str, notice: String) -> Result<Response, AppError> {
    signed_in
        .session
        .insert(NOTICE_KEY, notice)
        .await
        .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
    Ok(Redirect::to(to).into_response())
}

fn facility_choices(state: &AppState) -> Vec<Choice> {
    let mut out: Vec<Choice> = state
        .directory
        .all()
        .map(|f| (f.id.to_string(), format!("{}, {}", f.name, f.town)))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn service_choices(state: &AppState, lang: Lang) -> Vec<Choice> {
    let mut out: Vec<Choice> = state
        .catalog
        .all()
        .iter()
        .map(|s| {
            (
                s.row.code.clone(),
                format!("{} ({})", s.name(lang), s.row.code),
            )
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

#[derive(Debug, Default, Deserialize)]
pub struct AgendasQuery {
    struttura: Option<String>,
    servizio: Option<String>,
}

/// Facilities and their agendas; with a facility or service chosen, the agendas themselves.
pub async fn list(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<AgendasQuery>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Supervisor)?;
    let lang = ctx.lang;
    let facility = query
        .struttura
        .as_deref()
        .and_then(|f| f.trim().parse::<i64>().ok())
        .filter(|id| state.directory.get(*id).is_some());
    let service = query
        .servizio
        .as_deref()
        .and_then(|code| state.catalog.by_code(code.trim()));
    let filtered = facility.is_some() || service.is_some();
    let mut data = AgendasData {
        facilities: facility_choices(&state),
        services: service_choices(&state, lang),
        facility: facility.map(|f| f.to_string()).unwrap_or_default(),
        service: service.map(|s| s.row.code.clone()).unwrap_or_default(),
        filtered,
        can_create: signed_in.staff.role.allows(Role::Admin),
        notice: take_notice(&signed_in).await,
        ..AgendasData::default()
    };
    if filtered {
        let agendas = super::list(&state.db, facility, service.map(|s| s.row.id)).await?;
        for agenda in agendas {
            let Some(f) = state.directory.get(agenda.facility_id) else {
                continue;
            };
            let (service_name, service_code) = state
                .catalog
                .by_id(agenda.service_id)
                .map(|s| (s.name(lang).to_owned(), s.row.code.clone()))
                .unwrap_or_default();
            let row = AgendaRow {
                id: agenda.id,
                service: service_name,
                service_code,
                label: agenda.label,
                slot_minutes: agenda.slot_minutes,
                active: agenda.active,
            };
            match data.groups.last_mut() {
                Some(group) if group.facility == f.name => group.agendas.push(row),
                _ => data.groups.push(FacilityAgendas {
                    facility: f.name.clone(),
                    town: f.town.clone(),
                    agendas: vec![row],
                }),
            }
        }
    } else {
        let counts = super::counts_by_facility(&state.db).await?;
        data.overview = state
            .directory
            .all()
            .map(|f| FacilityOverview {
                id: f.id,
                name: f.name.clone(),
                town: f.town.clone(),
                area: state
                    .directory
                    .area_name(f.area_id)
                    .unwrap_or_default()
                    .to_owned(),
                agendas: counts
                    .iter()
                    .find(|(id, _)| *id == f.id)
                    .map_or(0, |(_, n)| *n),
            })
            .collect();
        data.overview.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let staff = signed_in.view();
    let html = render_document(view! { <AgendasPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

fn new_agenda_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    form: NewAgendaForm,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let lang = ctx.lang;
    let data = NewAgendaData {
        facilities: facility_choices(state),
        services: service_choices(state, lang),
        form,
        errors,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <NewAgendaPage ctx=ctx staff=staff data=data /> });
    staff_page(lang, status, html)
}

pub async fn new_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    signed_in.require(Role::Admin)?;
    let form = NewAgendaForm {
        slot_minutes: "30".to_owned(),
        ..NewAgendaForm::default()
    };
    Ok(new_agenda_page(
        &state,
        ctx,
        &signed_in,
        form,
        FormErrors::default(),
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct NewAgendaInput {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    struttura: String,
    #[serde(default)]
    servizio: String,
    #[serde(default)]
    nome: String,
    #[serde(default)]
    minuti: String,
}

pub async fn create(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Form(input): Form<NewAgendaInput>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Admin)?;
    let lang = ctx.lang;
    let t = lang.t();
    let form = NewAgendaForm {
        facility: input.struttura.trim().to_owned(),
        service: input.servizio.trim().to_owned(),
        label: clean_text(&input.nome, MAX_LABEL_CHARS * 2),
        slot_minutes: input.minuti.trim().chars().take(10).collect(),
    };
    let mut errors = FormErrors::default();
    if !signed_in.check_csrf(&input.csrf).await {
        errors.push("struttura", t.form_expired);
        return Ok(new_agenda_page(
            &state,
            ctx,
            &signed_in,
            form,
            errors,
            StatusCode::FORBIDDEN,
        ));
    }
    let facility = form
        .facility
        .parse::<i64>()
        .ok()
        .and_then(|id| state.directory.get(id));
    if facility.is_none() {
        errors.push("struttura", t.bo_facility_required);
    }
    let service = state.catalog.by_code(&form.service);
    if service.is_none() {
        errors.push("servizio", t.bo_service_required);
    }
    if form.label.is_empty() {
        errors.push("nome", t.bo_label_required);
    } else if form.label.chars().count() > MAX_LABEL_CHARS {
        errors.push("nome", t.bo_label_too_long);
    }
    let minutes = form
        .slot_minutes
        .parse::<i64>()
        .ok()
        .filter(|m| (5..=240).contains(m));
    if minutes.is_none() {
        errors.push("minuti", t.bo_minutes_invalid);
    }
    if let (true, Some(f), Some(s), Some(m)) = (errors.is_empty(), facility, service, minutes) {
        let now = state.clock.now();
        match super::create(
            &state.db,
            f.id,
            s.row.id,
            &form.label,
            m,
            signed_in.staff.id,
            now,
        )
        .await
        {
            Ok(id) => {
                tracing::info!(
                    agenda.id = id,
                    staff.id = signed_in.staff.id,
                    "agenda created"
                );
                return done(
                    &signed_in,
                    &routes::staff_agenda(id),
                    t.bo_created_notice.to_owned(),
                )
                .await;
            }
            Err(BackofficeError::LabelTaken) => errors.push("nome", t.bo_label_taken),
            Err(BackofficeError::Db(err)) => return Err(err.into()),
            Err(BackofficeError::NotFound | BackofficeError::Overlap) => {
                return Err(AppError::NotFound);
            }
        }
    }
    Ok(new_agenda_page(
        &state,
        ctx,
        &signed_in,
        form,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// The agenda of a path (`/operatore/agende/{id}`), or 404.
async fn agenda_of(state: &AppState, id: &str) -> Result<Agenda, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    super::agenda(&state.db, id)
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

fn reservation_words(t: &Texts, channel: Option<&str>, priority: Option<&str>) -> Option<String> {
    if let Some(channel) = channel.and_then(Channel::parse) {
        let i = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        return Some(t.channel_names[i].to_owned());
    }
    priority.map(|p| (t.priority_reservation)(p))
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
    let templates = super::templates(&state.db, agenda.id).await?;
    let days = super::day_counts(&state.db, agenda.id, state.clock.today(), DAYS_SHOWN).await?;
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
        can_edit_template: signed_in.staff.role.allows(Role::Admin),
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
    signed_in.require(Role::Supervisor)?;
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

/// What the forms of an agenda's page send. Each form sends its own fields and the token.
#[derive(Debug, Default, Deserialize)]
pub struct AgendaInput {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    modello_giorno: String,
    #[serde(default)]
    modello_inizio: String,
    #[serde(default)]
    modello_fine: String,
    #[serde(default)]
    modello_riserva: String,
    #[serde(default)]
    modello_dal: String,
    #[serde(default)]
    modello_al: String,
    #[serde(default)]
    genera_dal: String,
    #[serde(default)]
    genera_al: String,
    #[serde(default)]
    extra_giorno: String,
    #[serde(default)]
    extra_ora: String,
    #[serde(default)]
    extra_numero: String,
    #[serde(default)]
    sospendi_dal: String,
    #[serde(default)]
    sospendi_al: String,
    #[serde(default)]
    sospendi_motivo: String,
}

impl AgendaInput {
    /// What was typed, trimmed and bounded, to show again with the errors.
    fn forms(&self) -> AgendaForms {
        let short = |s: &str| s.trim().chars().take(20).collect::<String>();
        AgendaForms {
            template_weekday: short(&self.modello_giorno),
            template_start: short(&self.modello_inizio),
            template_end: short(&self.modello_fine),
            template_reservation: short(&self.modello_riserva),
            template_from: short(&self.modello_dal),
            template_to: short(&self.modello_al),
            generate_from: short(&self.genera_dal),
            generate_to: short(&self.genera_al),
            extra_day: short(&self.extra_giorno),
            extra_time: short(&self.extra_ora),
            extra_count: short(&self.extra_numero),
            suspend_from: short(&self.sospendi_dal),
            suspend_to: short(&self.sospendi_al),
            suspend_reason: clean_text(&self.sospendi_motivo, MAX_REASON_CHARS * 2),
        }
    }
}

/// One line of plain text: control characters (newlines included) become spaces, runs of
/// spaces one, and at most `max` characters are kept.
fn clean_text(input: &str, max: usize) -> String {
    input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max)
        .collect()
}

/// A time of day typed as "8:30", "08.30" or "8": minutes after midnight (24:00 allowed).
pub fn parse_clock(input: &str) -> Option<i64> {
    let input = input.trim();
    let (hours, minutes) = match input.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (input, "00"),
    };
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !minutes.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

/// A required date: the error goes to `field` when it is missing or unreadable.
fn required_date(
    errors: &mut FormErrors,
    t: &Texts,
    field: &'static str,
    input: &str,
) -> Option<NaiveDate> {
    if input.trim().is_empty() {
        errors.push(field, t.bo_date_required);
        return None;
    }
    let date = Lang::parse_date(input);
    if date.is_none() {
        errors.push(field, t.bo_date_invalid);
    }
    date
}

fn optional_date(
    errors: &mut FormErrors,
    t: &Texts,
    field: &'static str,
    input: &str,
) -> Option<Option<NaiveDate>> {
    if input.trim().is_empty() {
        return Some(None);
    }
    match Lang::parse_date(input) {
        Some(date) => Some(Some(date)),
        None => {
            errors.push(field, t.bo_date_invalid);
            None
        }
    }
}

/// A period from today on, at most `MAX_PERIOD_DAYS` long and not too far ahead. `to` empty
/// means the same day as `from`.
fn period(
    errors: &mut FormErrors,
    t: &Texts,
    today: NaiveDate,
    (from_field, from): (&'static str, &str),
    (to_field, to): (&'static str, &str),
    to_required: bool,
) -> Option<(NaiveDate, NaiveDate)> {
    let from = required_date(errors, t, from_field, from);
    let to = if to_required {
        required_date(errors, t, to_field, to).map(Some)
    } else {
        optional_date(errors, t, to_field, to)
    };
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    let to = to.unwrap_or(from);
    let horizon = today
        .checked_add_days(Days::new(MAX_DAYS_AHEAD))
        .unwrap_or(today);
    let before = errors.0.len();
    if from < today {
        errors.push(from_field, t.bo_date_past);
    } else if from > horizon {
        errors.push(from_field, t.bo_date_far);
    }
    if to < from {
        errors.push(to_field, t.bo_to_before_from);
    } else if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
        errors.push(to_field, t.bo_period_too_long);
    }
    (errors.0.len() == before).then_some((from, to))
}

/// Renders the agenda's page again with these errors: 403 when the token was wrong, 422 else.
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

/// Checks the token; without the session's one the form is refused (403) and nothing changes.
async fn refused(
    state: &AppState,
    ctx: &PageContext,
    signed_in: &SignedIn,
    agenda: &Agenda,
    input: &AgendaInput,
    first_field: &'static str,
) -> Result<Option<Response>, AppError> {
    if signed_in.check_csrf(&input.csrf).await {
        return Ok(None);
    }
    tracing::warn!(
        staff.id = signed_in.staff.id,
        "back-office form without its token refused"
    );
    let mut errors = FormErrors::default();
    errors.push(first_field, ctx.lang.t().form_expired);
    again(
        state,
        ctx.clone(),
        signed_in,
        agenda,
        input,
        errors,
        StatusCode::FORBIDDEN,
    )
    .await
    .map(Some)
}

/// Adds a weekly template row (administrators).
pub async fn add_template(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Form(input): Form<AgendaInput>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Admin)?;
    let agenda = agenda_of(&state, &id).await?;
    if let Some(response) =
        refused(&state, &ctx, &signed_in, &agenda, &input, "modello_giorno").await?
    {
        return Ok(response);
    }
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
        match super::add_template(
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
    Form(input): Form<AgendaInput>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Supervisor)?;
    let agenda = agenda_of(&state, &id).await?;
    if let Some(response) = refused(&state, &ctx, &signed_in, &agenda, &input, "genera_dal").await?
    {
        return Ok(response);
    }
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
    let templates = super::templates(&state.db, agenda.id).await?;
    let slots = super::slots_from_templates(&templates, agenda.slot_minutes, from, to, now);
    let added = super::add_slots(
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
    Form(input): Form<AgendaInput>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Supervisor)?;
    let agenda = agenda_of(&state, &id).await?;
    if let Some(response) =
        refused(&state, &ctx, &signed_in, &agenda, &input, "extra_giorno").await?
    {
        return Ok(response);
    }
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
            slots = super::extra_slots(day, start, count, agenda.slot_minutes);
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
    let added = super::add_slots(
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
    Form(input): Form<AgendaInput>,
) -> Result<Response, AppError> {
    signed_in.require(Role::Supervisor)?;
    let agenda = agenda_of(&state, &id).await?;
    if let Some(response) =
        refused(&state, &ctx, &signed_in, &agenda, &input, "sospendi_dal").await?
    {
        return Ok(response);
    }
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
    let reason = clean_text(&input.sospendi_motivo, MAX_REASON_CHARS + 1);
    if reason.is_empty() {
        errors.push("sospendi_motivo", t.bo_reason_required);
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push("sospendi_motivo", (t.bo_reason_too_long)(MAX_REASON_CHARS));
    }
    let kind = state.catalog.by_id(agenda.service_id).map(|s| s.kind);
    let (Some((from, to)), Some(kind), true) = (period, kind, errors.is_empty()) else {
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
    let outcome = super::suspend(
        &state.db,
        &agenda,
        kind,
        from,
        to,
        &reason,
        signed_in.staff.id,
        state.clock.now(),
    )
    .await?;
    tracing::info!(
        agenda.id = agenda.id,
        slots.suspended = outcome.slots,
        bookings.moved = outcome.moved,
        bookings.waitlisted = outcome.waitlisted,
        "agenda suspended"
    );
    let notice = (t.bo_suspended_notice)(outcome.slots, outcome.moved, outcome.waitlisted);
    done(&signed_in, &routes::staff_agenda(agenda.id), notice).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_the_ways_people_type_them() {
        assert_eq!(parse_clock("8:30"), Some(510));
        assert_eq!(parse_clock(" 08.05 "), Some(485));
        assert_eq!(parse_clock("14"), Some(840));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for wrong in [
            "", "24:01", "8:60", "8:5", "830", "ab:cd", "-1:00", "8:30:00",
        ] {
            assert_eq!(parse_clock(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_reason_is_one_line_of_bounded_text() {
        assert_eq!(
            clean_text("  Guasto\r\n  della   TAC ", 100),
            "Guasto della TAC"
        );
        assert_eq!(clean_text("abcdef", 3), "abc");
    }

    #[test]
    fn a_period_starts_today_or_later_and_lasts_at_most_a_leap_year() {
        let t = Lang::It.t();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let mut errors = FormErrors::default();
        let ok = period(&mut errors, t, today, ("a", "2/3/2026"), ("b", ""), false);
        assert_eq!(ok, Some((today, today)));
        let long = period(
            &mut errors,
            t,
            today,
            ("a", "2/3/2026"),
            ("b", "3/3/2027"),
            true,
        );
        assert_eq!(long, None);
        assert_eq!(errors.get("b").as_deref(), Some(t.bo_period_too_long));
        let mut errors = FormErrors::default();
        let past = period(
            &mut errors,
            t,
            today,
            ("a", "1/3/2026"),
            ("b", "2/3/2026"),
            true,
        );
        assert_eq!(past, None);
        assert_eq!(errors.get("a").as_deref(), Some(t.bo_date_past));
        let mut errors = FormErrors::default();
        let year = period(
            &mut errors,
            t,
            today,
            ("a", "2/3/2026"),
            ("b", "2/3/2027"),
            true,
        );
        assert!(year.is_some(), "366 days");
    }
}
