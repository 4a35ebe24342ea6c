//! The citizen's record: their prescriptions (and what can be done with each), bookings and
//! waiting-list entries, from the fiscal code kept in the staff session. Each booking shows its
//! recall (reminders, the answer) and the messages about it, their recipients masked.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use serde::Deserialize;

use app::domain::FiscalCode;
use app::i18n::Lang;
use app::routes;
use app::views::form::FormErrors;
use app::views::render_document;
use app::views::staff::{CitizenRecordData, CitizenRecordPage, PaperDelegationForm};

use super::{CITIZEN_KEY, ServedCitizen, Serving, actor, citizen_summary, to_search};
use crate::audit::Actor;
use crate::citizen::delegation::{self, Grant, Refusal};
use crate::error::AppError;
use crate::records;
use crate::staff::csrf::{CsrfForm, TokenOnly};
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

async fn record_data(
    state: &AppState,
    lang: Lang,
    served: &ServedCitizen,
    actor: Actor,
    paper: PaperDelegationForm,
) -> Result<Option<CitizenRecordData>, AppError> {
    let Some(citizen) = citizen_summary(state, served).await? else {
        return Ok(None);
    };
    let record = records::of(state, lang, &served.fiscal_code, actor).await?;
    Ok(Some(CitizenRecordData {
        citizen,
        prescriptions: record.prescriptions,
        bookings: record.bookings,
        waiting: record.waiting,
        delegations: delegation_lines(state, lang, &served.fiscal_code).await?,
        paper,
    }))
}

/// The citizen's live delegations, given and held, as the record lists them.
async fn delegation_lines(
    state: &AppState,
    lang: Lang,
    fiscal_code: &str,
) -> Result<Vec<(i64, String)>, AppError> {
    let c = &lang.t().citizen;
    let today = state.clock.today();
    let masked =
        |code: &str| FiscalCode::parse(code).map_or_else(|_| code.to_owned(), |c| c.masked());
    let kind = |d: &delegation::Delegation| {
        c.ci_kind_names
            .get(d.kind().index())
            .copied()
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    for d in delegation::given_by(&state.db, fiscal_code).await? {
        if d.is_live(today) {
            let until = lang.short_date(d.valid_to);
            let line = (c.ci_delegation_line)(&masked(&d.delegate), kind(&d), &until);
            lines.push((d.id, line));
        }
    }
    for d in delegation::held_by(&state.db, fiscal_code, today).await? {
        let until = lang.short_date(d.valid_to);
        let line = (c.ci_delegation_line)(&masked(&d.delegator), kind(&d), &until);
        let line = format!("{}: {line}", (c.ci_for_heading)(&masked(&d.delegator)));
        lines.push((d.id, line));
    }
    Ok(lines)
}

pub async fn citizen_record(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let paper = PaperDelegationForm::default();
    let Some(data) = record_data(&state, lang, &served, actor(&signed_in), paper).await? else {
        return Ok(to_search());
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenRecordPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

/// "Close the record": the citizen is no longer kept in the session.
pub async fn citizen_close(
    signed_in: SignedIn,
    _: CsrfForm<TokenOnly>,
) -> Result<Response, AppError> {
    signed_in.remove::<ServedCitizen>(CITIZEN_KEY).await?;
    Ok(to_search())
}

#[derive(Debug, Default, Deserialize)]
pub struct PaperForm {
    #[serde(default)]
    delegato: String,
    #[serde(default)]
    valida_fino: String,
    #[serde(default)]
    documento: String,
}

/// Registers a delegation the citizen being served presents on paper (audited, with the
/// operator and the document's reference).
pub async fn delegation_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    CsrfForm(form): CsrfForm<PaperForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let delegator = FiscalCode::parse(&served.fiscal_code).map_err(|_| AppError::NotFound)?;
    let typed = delegation::read_delegate(lang, &form.delegato, &form.valida_fino, &mut errors);
    let (today, now) = (state.clock.today(), state.clock.now());
    let mut recorded = false;
    if let Some((delegate, until)) = typed {
        match Grant::paper(
            &state.db,
            delegator,
            delegate,
            until,
            &form.documento,
            today,
        )
        .await?
        {
            Ok(grant) => {
                grant
                    .insert(&state.db, Some(signed_in.staff.id), today, now)
                    .await?;
                recorded = true;
            }
            Err(refusal) => {
                let (field, text) = match refusal {
                    Refusal::NoDocument => ("documento", t.citizen.ci_err_document),
                    Refusal::BadPeriod => ("valida_fino", t.citizen.ci_err_period),
                    Refusal::Oneself => ("delegato", t.citizen.ci_err_oneself),
                    _ => ("delegato", t.citizen.ci_err_delegate_minor),
                };
                errors.push(field, text);
            }
        }
    }
    let status = if recorded {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let paper = if recorded {
        PaperDelegationForm {
            recorded,
            ..PaperDelegationForm::default()
        }
    } else {
        PaperDelegationForm {
            delegate: form.delegato.trim().chars().take(32).collect(),
            until: form.valida_fino.trim().chars().take(32).collect(),
            document: form.documento.trim().chars().take(100).collect(),
            errors,
            recorded,
        }
    };
    let Some(data) = record_data(&state, lang, &served, actor(&signed_in), paper).await? else {
        return Ok(to_search());
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenRecordPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

/// Revokes a delegation of the citizen being served, as they ask on paper (audited with the
/// operator); then the record again.
pub async fn delegation_revoke(
    State(state): State<AppState>,
    Serving { signed_in, served }: Serving,
    Path(id): Path<i64>,
    _: CsrfForm<TokenOnly>,
) -> Result<Response, AppError> {
    let revoked = delegation::revoke(
        &state.db,
        id,
        delegation::Revoker::Staff {
            id: signed_in.staff.id,
            serving: &served.fiscal_code,
        },
        state.clock.now(),
    )
    .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(routes::STAFF_CITIZEN).into_response())
}
