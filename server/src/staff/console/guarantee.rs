//! The guarantee route asked for by an operator for the citizen being served: the same rule as
//! online (no slot the operator channel may book meets the deadline, checked on the server),
//! the same single open request per prescription, audited with the operator as the actor.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

use app::domain::Channel;
use app::routes;
use app::views::guarantee::{
    ConsoleGuaranteeData, ConsoleGuaranteePage, Eligibility, RequestForm, reference,
};
use app::views::render_document;

use super::book::ChooseParams;
use super::{ServedCitizen, Serving, actor, citizen_summary, prescriptions_of};
use crate::booking::receipt::prescription_view;
use crate::error::AppError;
use crate::guarantee::form::{RequestInput, empty_form, read};
use crate::guarantee::requests;
use crate::prescriptions::Prescription;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

/// The served citizen's prescription of the query (404 when not theirs) and whether a request
/// may be made for it now.
async fn prescription_of(
    state: &AppState,
    served: &ServedCitizen,
    params: &ChooseParams,
) -> Result<(Prescription, Eligibility), AppError> {
    let id = params
        .ricetta
        .as_deref()
        .and_then(|i| i.trim().parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let row = prescriptions_of(&state.db, &served.fiscal_code, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let prescription = row
        .prescription(&served.fiscal_code)
        .ok_or(AppError::NotFound)?;
    let bookable = row.status(state).is_some_and(|(s, _)| s.bookable());
    let eligibility = if bookable {
        requests::eligibility(
            &state.db,
            &state.catalog,
            &prescription,
            Channel::Operator,
            state.clock.now(),
        )
        .await?
    } else {
        Eligibility::NotPossible
    };
    Ok((prescription, eligibility))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one page, many ingredients; a struct would only rename them"
)]
async fn page(
    state: &AppState,
    ctx: app::views::PageContext,
    signed_in: &SignedIn,
    served: &ServedCitizen,
    prescription: &Prescription,
    eligibility: Eligibility,
    form: RequestForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let citizen = citizen_summary(state, served)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = prescription_view(state, lang, prescription).ok_or(AppError::NotFound)?;
    let filed = requests::open_for(&state.db, prescription.id)
        .await?
        .map(|r| reference(r.id));
    let data = ConsoleGuaranteeData {
        citizen,
        prescription_id: prescription.id,
        prescription: view,
        eligibility,
        filed,
        form,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <ConsoleGuaranteePage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, status, html))
}

/// `GET /operatore/cittadino/tutela?ricetta=ID`.
pub async fn guarantee_form(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    Query(params): Query<ChooseParams>,
) -> Result<Response, AppError> {
    let (prescription, eligibility) = prescription_of(&state, &served, &params).await?;
    let form = empty_form(&state);
    page(
        &state,
        ctx,
        &signed_in,
        &served,
        &prescription,
        eligibility,
        form,
        StatusCode::OK,
    )
    .await
}

/// `POST /operatore/cittadino/tutela?ricetta=ID`: makes the request (once), then shows its
/// reference to read to the citizen.
pub async fn guarantee_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Serving { signed_in, served }: Serving,
    Query(params): Query<ChooseParams>,
    CsrfForm(input): CsrfForm<RequestInput>,
) -> Result<Response, AppError> {
    let (prescription, eligibility) = prescription_of(&state, &served, &params).await?;
    let again = format!(
        "{}?ricetta={}",
        routes::STAFF_CITIZEN_GUARANTEE,
        prescription.id
    );
    if requests::open_for(&state.db, prescription.id)
        .await?
        .is_some()
    {
        return Ok(Redirect::to(&again).into_response());
    }
    let (form, wanted) = read(&state, ctx.lang, &input);
    let status = match (&eligibility, &wanted) {
        (Eligibility::Eligible, Some(_)) => None,
        (Eligibility::Eligible, None) => Some(StatusCode::UNPROCESSABLE_ENTITY),
        _ => Some(StatusCode::CONFLICT),
    };
    let (None, Some(wanted)) = (status, wanted) else {
        return page(
            &state,
            ctx,
            &signed_in,
            &served,
            &prescription,
            eligibility,
            form,
            status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
        )
        .await;
    };
    let deadline = prescription_view(&state, ctx.lang, &prescription)
        .ok_or(AppError::NotFound)?
        .deadline;
    requests::file(
        &state.db,
        &prescription,
        deadline,
        wanted,
        actor(&signed_in),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&again).into_response())
}
