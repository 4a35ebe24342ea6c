//! Step 2c: with no slot inside the deadline, the citizen asks for the guarantee route
//! (percorso di tutela): what it is and the request (GET), the request made once, whatever the
//! repeats (POST), then its reference and what happens next. The rule (no slot in time for this
//! prescription) is checked on the server, from the database, at both steps.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::routes;
use app::views::guarantee::{
    Eligibility, GuaranteeAskData, GuaranteeAskPage, GuaranteeFiledData, GuaranteeFiledPage,
    RequestForm, reference,
};
use app::views::{PageContext, render_document};

use super::proof::Proven;
use crate::booking::receipt::prescription_view;
use crate::error::AppError;
use crate::guarantee::form::{RequestInput, empty_form, read};
use crate::guarantee::requests;
use crate::prescriptions::Prescription;
use crate::state::AppState;
use crate::web::page::{Page, private_page};

fn ask_page(
    state: &AppState,
    ctx: PageContext,
    prescription: &Prescription,
    eligibility: Eligibility,
    form: RequestForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let data = GuaranteeAskData {
        prescription: view,
        eligibility,
        form,
    };
    let html = render_document(view! { <GuaranteeAskPage ctx=ctx data=data /> });
    Ok(private_page(lang, status, html))
}

/// What it is, and the form, when no slot meets the deadline; an open request's reference.
pub async fn form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven { prescription, .. }: Proven,
) -> Result<Response, AppError> {
    if requests::open_for(&state.db, prescription.id)
        .await?
        .is_some()
    {
        return Ok(Redirect::to(routes::BOOK_GUARANTEE_FILED).into_response());
    }
    let eligibility = requests::eligibility(
        &state.db,
        &state.catalog,
        &prescription,
        ctx.channel(),
        state.clock.now(),
    )
    .await?;
    let form = empty_form(&state);
    ask_page(
        &state,
        ctx,
        &prescription,
        eligibility,
        form,
        StatusCode::OK,
    )
}

/// Makes the request: refused (409, the page says why) while a slot in time exists; a repeat
/// finds the open request and goes to its confirmation.
pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven {
        pass,
        prescription,
        actor,
    }: Proven,
    Form(input): Form<RequestInput>,
) -> Result<Response, AppError> {
    if requests::open_for(&state.db, prescription.id)
        .await?
        .is_some()
    {
        return Ok(pass.see_other(routes::BOOK_GUARANTEE_FILED));
    }
    let now = state.clock.now();
    let eligibility =
        requests::eligibility(&state.db, &state.catalog, &prescription, ctx.channel(), now).await?;
    let (form, wanted) = read(&state, ctx.lang, &input);
    if eligibility != Eligibility::Eligible {
        return ask_page(
            &state,
            ctx,
            &prescription,
            eligibility,
            form,
            StatusCode::CONFLICT,
        );
    }
    let Some(wanted) = wanted else {
        return ask_page(
            &state,
            ctx,
            &prescription,
            eligibility,
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let deadline = prescription_view(&state, ctx.lang, &prescription)
        .ok_or(AppError::NotFound)?
        .deadline;
    requests::file(&state.db, &prescription, deadline, wanted, actor, now).await?;
    Ok(pass.see_other(routes::BOOK_GUARANTEE_FILED))
}

/// The reference and what happens next.
pub async fn filed(
    State(state): State<AppState>,
    Page(ctx): Page,
    Proven { prescription, .. }: Proven,
) -> Result<Response, AppError> {
    let Some(request) = requests::open_for(&state.db, prescription.id).await? else {
        return Ok(Redirect::to(routes::BOOK_GUARANTEE).into_response());
    };
    let lang = ctx.lang;
    let view = prescription_view(&state, lang, &prescription).ok_or(AppError::NotFound)?;
    let data = GuaranteeFiledData {
        prescription: view,
        reference: reference(request.id),
    };
    let html = render_document(view! { <GuaranteeFiledPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::OK, html))
}
