//! My bookings: the fiscal code and the booking code prove the right to see (and change) a
//! booking; a wrong code and someone else's code are the same answer, and a wrong guess
//! (`throttle`). A lost booking code is found again with the same proof as booking: the fiscal
//! code and the NRE of the prescription show its active booking's receipt (with the code), and
//! nothing else: no match, another person's prescription, no active booking all read the same,
//! and a fiscal code and an NRE that do not go together count as a wrong guess.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::{BookingCode, FiscalCode};
use app::routes;
use app::views::booking::{LookupData, LookupPage, LostCodePage, PrescriptionData};
use app::views::citizen::DelegationForm;
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::mine;
use super::prescription::PrescriptionForm;
use crate::booking::details;
use crate::citizen::session::Current;
use crate::error::AppError;
use crate::prescriptions;
use crate::state::AppState;
use crate::web::client::Client;
use crate::web::page::{Page, private_page};
use crate::web::pass::Pass;

#[derive(Debug, Default, Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    codice_prenotazione: String,
}

/// The page that asks for codes, or, for a citizen signed in with SPID or CIE, their own area.
pub async fn form(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
) -> Result<Response, AppError> {
    match mine::who(&state, &ctx, &session).await? {
        Current::Signed(citizen) => {
            let form = DelegationForm::default();
            mine::area(&state, ctx, &citizen, form, None, StatusCode::OK).await
        }
        Current::Ended => {
            Ok(Redirect::to(&format!("{}?scaduta=1", routes::SIGN_IN)).into_response())
        }
        Current::Anonymous => {
            let lang = ctx.lang;
            let data = LookupData {
                sign_in: offers_sign_in(&state, &ctx),
                ..LookupData::default()
            };
            let html = render_document(view! { <LookupPage ctx=ctx data=data /> });
            Ok(private_page(lang, StatusCode::OK, html))
        }
    }
}

/// Whether the page offers signing in: some provider is configured, and not on a kiosk.
fn offers_sign_in(state: &AppState, ctx: &PageContext) -> bool {
    !state.sign_in.is_off() && ctx.kiosk.is_none()
}

pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    mut pass: Pass,
    Form(form): Form<LookupForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let fiscal_code = FiscalCode::parse(&form.codice_fiscale)
        .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
        .ok();
    let code = BookingCode::parse(&form.codice_prenotazione)
        .map_err(|e| errors.push("codice_prenotazione", t.booking_code_error(e)))
        .ok();
    if let (Some(fiscal_code), Some(code)) = (&fiscal_code, &code) {
        let guess = state.throttle.citizen(client, fiscal_code.as_str()).await?;
        match details::by_code_for(&state.db, code, fiscal_code).await? {
            Some(booking) => {
                guess.right();
                pass.remember_booking(booking.id);
                return Ok(pass.see_other(&routes::receipt(code.as_str())));
            }
            None => {
                guess.wrong();
                errors.push("codice_prenotazione", t.lookup_not_found);
            }
        }
    }
    let data = LookupData {
        fiscal_code: form.codice_fiscale.trim().to_owned(),
        booking_code: form.codice_prenotazione.trim().to_owned(),
        errors,
        sign_in: offers_sign_in(&state, &ctx),
    };
    let html = render_document(view! { <LookupPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}

pub async fn lost_code_form(Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    let html = render_document(view! { <LostCodePage ctx=ctx data=PrescriptionData::default() /> });
    private_page(lang, StatusCode::OK, html)
}

pub async fn lost_code_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    mut pass: Pass,
    Form(form): Form<PrescriptionForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    if let Some((fiscal_code, nre)) = form.parse(lang, &mut errors) {
        let (fiscal_code, nre) = (&fiscal_code, &nre);
        let guess = state.throttle.citizen(client, fiscal_code.as_str()).await?;
        let found = match prescriptions::matching(&state.db, fiscal_code, nre).await? {
            Some(id) => {
                guess.right();
                details::active_of(&state.db, id).await?
            }
            None => {
                guess.wrong();
                None
            }
        };
        match found {
            Some((id, code)) => {
                pass.remember_booking(id);
                return Ok(pass.see_other(&routes::receipt(&code)));
            }
            None => errors.push("nre", t.lost_code_not_found),
        }
    }
    let data = form.typed(errors);
    let html = render_document(view! { <LostCodePage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}
