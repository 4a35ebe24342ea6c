//! The list of facilities and their agendas, and a new agenda (administrators).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::Role;
use app::i18n::Lang;
use app::routes;
use app::views::backoffice::{
    AgendaRow, AgendasData, AgendasPage, Choice, FacilityAgendas, FacilityOverview, NewAgendaData,
    NewAgendaForm, NewAgendaPage,
};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::notice::{done, take_notice};
use crate::backoffice::agendas::{self, BackofficeError, MAX_LABEL_CHARS, create as create_agenda};
use crate::error::AppError;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::text::one_line_cut;
use crate::web::page::{Page, staff_page};

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
        can_create: signed_in.may(Role::Admin),
        notice: take_notice(&signed_in).await,
        ..AgendasData::default()
    };
    if filtered {
        let agendas = agendas::list(&state.db, facility, service.map(|s| s.row.id)).await?;
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
        let counts = agendas::counts_by_facility(&state.db).await?;
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
    CsrfForm(input): CsrfForm<NewAgendaInput>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let form = NewAgendaForm {
        facility: input.struttura.trim().to_owned(),
        service: input.servizio.trim().to_owned(),
        label: one_line_cut(&input.nome, MAX_LABEL_CHARS * 2),
        slot_minutes: input.minuti.trim().chars().take(10).collect(),
    };
    let mut errors = FormErrors::default();
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
        match create_agenda(
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
