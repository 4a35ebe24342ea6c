//! The supervisors' pages of accessibility feedback: the reports against their due date, and
//! one report with the form that records its answer (CSRF-checked, audited as
//! `accessibility_feedback.answered`, Post/Redirect/Get back to the list with a one-time
//! notice). Merged into the staff area by `staff::routes`, behind the supervisors' guard.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::Role;
use app::i18n::Lang;
use app::routes;
use app::views::accessibility_feedback::{
    AnswerForm, FeedbackDetailData, FeedbackDetailPage, FeedbackLine, FeedbackListData,
    FeedbackListPage,
};
use app::views::form::FormErrors;
use app::views::legal::{ANSWER_NOTE_MAX, feedback_reference};
use app::views::{PageContext, render_document};

use super::feedback::{self, Stored};
use crate::clock::local;
use crate::error::AppError;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::{SignedIn, require};
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// The session key of the one-time notice after an answer is recorded.
const NOTICE_KEY: &str = "accessibility_feedback_notice";

/// The pages, for supervisors (and administrators) only.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(routes::STAFF_ACCESSIBILITY_FEEDBACKS, get(list))
        .route(routes::STAFF_ACCESSIBILITY_FEEDBACK, get(show).post(record))
        .route_layer(from_fn_with_state(
            (state.clone(), Role::Supervisor),
            require,
        ))
}

fn line(stored: Stored) -> FeedbackLine {
    let answered = match (stored.answered_at, stored.answer_note) {
        (Some(at), Some(note)) => Some((
            stored.answered_by_name.unwrap_or_default(),
            local(at).date(),
            note,
        )),
        _ => None,
    };
    FeedbackLine {
        id: stored.id,
        received_on: local(stored.received_at).date(),
        due_on: local(stored.due_at).date(),
        page: stored.page,
        text: stored.description,
        email: stored.email,
        lang: Lang::from_code(&stored.lang).unwrap_or_default(),
        answered,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    stato: Option<String>,
}

/// `/operatore/segnalazioni-accessibilita[?stato=risposte]`.
pub async fn list(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let open = query.stato.as_deref() != Some("risposte");
    let lines = feedback::list(&state.db, open)
        .await?
        .into_iter()
        .map(line)
        .collect();
    let notice = signed_in.remove::<String>(NOTICE_KEY).await.ok().flatten();
    let data = FeedbackListData {
        open,
        lines,
        today: state.clock.today(),
        notice,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <FeedbackListPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

async fn report_of(state: &AppState, id: &str) -> Result<Stored, AppError> {
    let id = id.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    feedback::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn detail_page(
    state: &AppState,
    ctx: PageContext,
    signed_in: &SignedIn,
    stored: Stored,
    form: AnswerForm,
    status: StatusCode,
) -> Response {
    let lang = ctx.lang;
    let data = FeedbackDetailData {
        line: line(stored),
        today: state.clock.today(),
        form,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <FeedbackDetailPage ctx=ctx staff=staff data=data /> });
    staff_page(lang, status, html)
}

/// `/operatore/segnalazioni-accessibilita/{id}`.
pub async fn show(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = report_of(&state, &id).await?;
    Ok(detail_page(
        &state,
        ctx,
        &signed_in,
        stored,
        AnswerForm::default(),
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct AnswerInput {
    #[serde(default)]
    risposta: String,
}

/// Records the answer: what was answered or done, required, at most `ANSWER_NOTE_MAX`
/// characters.
pub async fn record(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<AnswerInput>,
) -> Result<Response, AppError> {
    let t = &ctx.lang.t().legal;
    let stored = report_of(&state, &id).await?;
    let note = crate::text::lines(&input.risposta);
    let note = note.as_str();
    let mut errors = FormErrors::default();
    if note.is_empty() {
        errors.push("risposta", t.af_answer_missing);
    } else if note.chars().count() > ANSWER_NOTE_MAX {
        errors.push("risposta", (t.fb_too_long)(ANSWER_NOTE_MAX));
    }
    if !errors.is_empty() {
        let form = AnswerForm {
            note: input.risposta.clone(),
            errors,
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(detail_page(&state, ctx, &signed_in, stored, form, status));
    }
    let reference = feedback_reference(stored.id);
    let answered = feedback::answer(
        &state.db,
        stored.id,
        note.to_owned(),
        signed_in.staff.id,
        state.clock.now(),
    )
    .await?;
    if !answered {
        let mut errors = FormErrors::default();
        errors.push("risposta", t.af_already_answered);
        let stored = report_of(&state, &id).await?;
        let form = AnswerForm {
            note: input.risposta,
            errors,
        };
        return Ok(detail_page(
            &state,
            ctx,
            &signed_in,
            stored,
            form,
            StatusCode::CONFLICT,
        ));
    }
    signed_in
        .insert(NOTICE_KEY, &(t.af_recorded)(&reference))
        .await?;
    Ok(Redirect::to(routes::STAFF_ACCESSIBILITY_FEEDBACKS).into_response())
}
