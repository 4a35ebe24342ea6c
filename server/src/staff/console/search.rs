//! Finding a citizen: the console's menu, and the search by fiscal code with the reason for
//! the access, audited before anything about the citizen is shown.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::FiscalCode;
use app::i18n::IT;
use app::routes;
use app::views::form::FormErrors;
use app::views::render_document;
use app::views::staff::{ACCESS_NOTE_MAX, CitizenSearchData, CitizenSearchPage, ConsoleHomePage};

use super::{CITIZEN_KEY, ServedCitizen, citizen_of, served};
use crate::audit::{self, Actor};
use crate::error::AppError;
use crate::staff::csrf::CsrfForm;
use crate::staff::session::SignedIn;
use crate::state::AppState;
use crate::text::one_line;
use crate::web::page::{Page, staff_page};

/// Where the reason an operator gave last is kept in the staff session: the next search of
/// the session starts with it chosen (one keystroke less per call; still shown, still audited).
const LAST_REASON_KEY: &str = "console_last_reason";

/// The search form of a new search: the reason given last in this session, if any.
async fn new_search(signed_in: &SignedIn) -> CitizenSearchData {
    let reason = signed_in
        .get::<(i64, usize)>(LAST_REASON_KEY)
        .await
        .filter(|(staff, i)| *staff == signed_in.staff.id && *i < IT.access_reasons.len())
        .map(|(_, i)| i);
    CitizenSearchData {
        reason,
        ..CitizenSearchData::default()
    }
}

/// The search for a citizen, and the menu of what the member of staff's role may do.
pub async fn home(Page(ctx): Page, signed_in: SignedIn) -> Response {
    let has_citizen = served(&signed_in).await.is_some();
    let search = new_search(&signed_in).await;
    let desk =
        signed_in.staff.facility_id.is_some() || signed_in.may(app::domain::Role::Supervisor);
    let lang = ctx.lang;
    let staff = signed_in.view();
    let html = render_document(view! {
        <ConsoleHomePage ctx=ctx staff=staff has_citizen=has_citizen desk=desk search=search />
    });
    staff_page(lang, StatusCode::OK, html)
}

pub async fn citizen_search_form(
    Page(ctx): Page,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let data = new_search(&signed_in).await;
    let staff = signed_in.view();
    let html = render_document(view! {
        <CitizenSearchPage ctx=ctx staff=staff data=data />
    });
    Ok(staff_page(lang, StatusCode::OK, html))
}

#[derive(Debug, Default, Deserialize)]
pub struct CitizenSearchForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    motivo: String,
    #[serde(default)]
    note: String,
}

pub async fn citizen_search_submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<CitizenSearchForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let fiscal_code = FiscalCode::parse(&form.codice_fiscale)
        .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
        .ok();
    let reason = form
        .motivo
        .parse::<usize>()
        .ok()
        .and_then(|i| IT.access_reasons.get(i).map(|r| (i, *r)));
    if reason.is_none() {
        errors.push("motivo", t.access_reason_required);
    }
    let note = one_line(&form.note);
    if note.chars().count() > ACCESS_NOTE_MAX {
        errors.push("note", t.access_note_too_long);
    }
    if let (Some(fiscal_code), Some((index, reason))) = (&fiscal_code, reason)
        && errors.is_empty()
    {
        if citizen_of(&state.db, fiscal_code.as_str()).await?.is_some() {
            // Stored in Italian, for the supervisors who read the audit.
            let reason = if note.is_empty() {
                reason.to_owned()
            } else {
                format!("{reason}: {note}")
            };
            let (id, code, why, now) = (
                signed_in.staff.id,
                fiscal_code.as_str().to_owned(),
                reason.clone(),
                state.clock.now(),
            );
            // On record before anything is shown.
            state
                .db
                .transact(move |conn| {
                    Box::pin(async move {
                        audit::record(
                            conn,
                            Actor::Staff { id },
                            "citizen_viewed",
                            Some(&code),
                            Some(&why),
                            "",
                            now,
                        )
                        .await
                    })
                })
                .await?;
            let served = ServedCitizen {
                staff_id: signed_in.staff.id,
                fiscal_code: fiscal_code.as_str().to_owned(),
                reason,
            };
            signed_in.insert(CITIZEN_KEY, &served).await?;
            signed_in
                .insert(LAST_REASON_KEY, &(signed_in.staff.id, index))
                .await?;
            return Ok(Redirect::to(routes::STAFF_CITIZEN).into_response());
        }
        errors.push("codice_fiscale", t.citizen_not_found);
    }
    let data = CitizenSearchData {
        fiscal_code: form.codice_fiscale.trim().chars().take(20).collect(),
        reason: reason.map(|(i, _)| i),
        note: form.note.trim().chars().take(ACCESS_NOTE_MAX * 2).collect(),
        errors,
    };
    let staff = signed_in.view();
    let html = render_document(view! { <CitizenSearchPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}
