//! The supervisors' pages of the guarantee route: the requests against their deadlines (no
//! personal data on the list), and one request with the citizen's name and contacts (a read
//! audited before it is shown) and the form that records how it ended (audited, CSRF-checked,
//! Post/Redirect/Get back to the list with a one-time notice).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{BookingCode, PriorityClass, Role};
use app::i18n::Lang;
use app::routes;
use app::views::form::FormErrors;
use app::views::guarantee::{
    GuaranteeDetailData, GuaranteeDetailPage, GuaranteeLine, GuaranteeListData, GuaranteeListPage,
    NOTE_MAX_CHARS, OutcomeForm, reference,
};
use app::views::{PageContext, render_document};

use super::requests::{self, Decision, Refused, Request};
use crate::clock::local;
use crate::error::AppError;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::{SignedIn, require};
use crate::state::AppState;
use crate::text::one_line;
use crate::web::page::{Page, staff_page};

/// The session key of the one-time notice after an outcome is recorded.
const NOTICE_KEY: &str = "guarantee_notice";

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(routes::STAFF_GUARANTEES, get(list))
        .route(routes::STAFF_GUARANTEE, get(show).post(record))
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Supervisor),
            require,
        ))
}

fn line(state: &AppState, lang: Lang, r: &Request) -> Option<GuaranteeLine> {
    let service = state.catalog.by_id(r.service_id)?;
    let area = r
        .area_id
        .and_then(|a| state.directory.area_name(a))
        .map(str::to_owned);
    let wanted = match (area, &r.town) {
        (Some(area), Some(town)) => Some(format!("{town} ({area})")),
        (area, town) => town.clone().or(area),
    };
    let closed = r.decided_at.map(|at| {
        let outcome = r.outcome.clone().unwrap_or_else(|| r.status.clone());
        (
            outcome,
            r.decided_by_name.clone().unwrap_or_default(),
            local(at).date(),
        )
    });
    Some(GuaranteeLine {
        id: r.id,
        service: service.name(lang).to_owned(),
        priority: PriorityClass::parse(&r.priority).ok()?,
        deadline: r.deadline,
        wanted,
        by_operator: r.filed_via == "operator",
        filed_on: local(r.filed_at).date(),
        closed,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    stato: Option<String>,
}

/// `/operatore/tutela[?stato=chiuse]`: open requests by deadline, or the closed ones.
pub async fn list(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let open = query.stato.as_deref() != Some("chiuse");
    let lines = requests::list(&state.db, open)
        .await?
        .iter()
        .filter_map(|r| line(&state, lang, r))
        .collect();
    let notice = signed_in.remove::<String>(NOTICE_KEY).await.ok().flatten();
    let data = GuaranteeListData {
        open,
        lines,
        today: state.clock.today(),
        notice,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <GuaranteeListPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

async fn request_of(state: &AppState, id: &str) -> Result<Request, AppError> {
    let id = id.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    requests::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The request's page: its read of the citizen's data is audited first.
async fn detail_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    request: &Request,
    form: OutcomeForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let line = line(state, lang, request).ok_or(AppError::NotFound)?;
    requests::viewed(&state.db, request, signed_in.staff.id, state.clock.now()).await?;
    let (given, family, fiscal_code, registry_phone, registry_email) =
        requests::citizen_of(&state.db, request)
            .await?
            .ok_or(AppError::NotFound)?;
    let own = request.contact_phone.is_some() || request.contact_email.is_some();
    let (phone, email) = if own {
        (request.contact_phone.clone(), request.contact_email.clone())
    } else {
        (registry_phone, registry_email)
    };
    let data = GuaranteeDetailData {
        line,
        citizen_name: format!("{given} {family}"),
        fiscal_code,
        phone,
        email,
        from_registry: !own,
        note: request.note.clone(),
        today: state.clock.today(),
        form,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <GuaranteeDetailPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

/// `/operatore/tutela/{id}`.
pub async fn show(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let request = request_of(&state, &id).await?;
    detail_page(
        &state,
        ctx,
        &signed_in,
        &request,
        OutcomeForm::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct OutcomeInput {
    #[serde(default)]
    esito: String,
    #[serde(default)]
    codice: String,
    #[serde(default)]
    nota: String,
}

/// Records the outcome: a slot found needs the code of the prescription's active booking.
pub async fn record(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<OutcomeInput>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let g = &lang.t().guarantee;
    let request = request_of(&state, &id).await?;
    let mut errors = FormErrors::default();
    let decision = Decision::parse(input.esito.trim());
    if decision.is_none() {
        errors.push("esito", g.gt_outcome_missing);
    }
    let code = match (decision, input.codice.trim()) {
        (Some(Decision::SlotFound), "") => {
            errors.push("codice", g.gt_booking_missing);
            None
        }
        (Some(Decision::SlotFound), typed) => match BookingCode::parse(typed) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.push("codice", g.gt_booking_unknown);
                None
            }
        },
        _ => None,
    };
    let note = one_line(&input.nota);
    if note.chars().count() > NOTE_MAX_CHARS {
        errors.push("nota", (g.gt_note_long)(NOTE_MAX_CHARS));
    }
    let form = |errors: FormErrors| OutcomeForm {
        outcome: input.esito.trim().to_owned(),
        booking_code: input.codice.trim().to_owned(),
        note: input.nota.clone(),
        errors,
    };
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return detail_page(
            &state,
            ctx,
            &signed_in,
            &request,
            form(errors),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let note = (!note.is_empty()).then_some(note);
    let decided = requests::decide(
        &state.db,
        request.id,
        decision,
        code,
        note,
        signed_in.staff.id,
        state.clock.now(),
    )
    .await?;
    match decided {
        Ok(()) => {
            signed_in
                .insert(NOTICE_KEY, &(g.gt_recorded)(&reference(request.id)))
                .await?;
            Ok(Redirect::to(routes::STAFF_GUARANTEES).into_response())
        }
        Err(Refused::NoSuchBooking) => {
            let mut errors = FormErrors::default();
            errors.push("codice", g.gt_booking_unknown);
            detail_page(
                &state,
                ctx,
                &signed_in,
                &request,
                form(errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Refused::NotOpen) => {
            let mut errors = FormErrors::default();
            errors.push("esito", g.gt_already_closed);
            let request = request_of(&state, &id).await?;
            detail_page(
                &state,
                ctx,
                &signed_in,
                &request,
                form(errors),
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}
