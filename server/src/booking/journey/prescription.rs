//! Step 1: the fiscal code and the prescription number (NRE). A prescription that is theirs,
//! unbooked and in time goes on to the free slots — or straight to confirmation when the
//! waiting list set a slot aside for it. A fiscal code and an NRE that do not go together get
//! one answer whoever the NRE belongs to, and count as a wrong guess (`throttle`).

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::{FiscalCode, Nre};
use app::i18n::Lang;
use app::routes;
use app::views::booking::{PrescriptionData, PrescriptionPage};
use app::views::form::FormErrors;
use app::views::render_document;

use crate::booking::hold::live_hold_of;
use crate::error::AppError;
use crate::prescriptions;
use crate::state::AppState;
use crate::web::client::Client;
use crate::web::page::{Page, private_page};
use crate::web::pass::Pass;

#[derive(Debug, Default, Deserialize)]
pub struct PrescriptionForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    nre: String,
}

impl PrescriptionForm {
    /// Both codes, or their errors on their fields.
    pub(super) fn parse(&self, lang: Lang, errors: &mut FormErrors) -> Option<(FiscalCode, Nre)> {
        let t = lang.t();
        let fiscal_code = FiscalCode::parse(&self.codice_fiscale)
            .map_err(|e| errors.push("codice_fiscale", t.fiscal_code_error(e)))
            .ok();
        let nre = Nre::parse(&self.nre)
            .map_err(|e| errors.push("nre", t.nre_error(e)))
            .ok();
        fiscal_code.zip(nre)
    }

    /// What was typed, to show again with its errors.
    pub(super) fn typed(&self, errors: FormErrors) -> PrescriptionData {
        PrescriptionData {
            fiscal_code: self.codice_fiscale.trim().to_owned(),
            nre: self.nre.trim().to_owned(),
            errors,
        }
    }
}

pub async fn form(Page(ctx): Page) -> Response {
    let lang = ctx.lang;
    let html =
        render_document(view! { <PrescriptionPage ctx=ctx data=PrescriptionData::default() /> });
    private_page(lang, StatusCode::OK, html)
}

/// The journey begins for a prescription the browser may book (proven by its codes, or chosen
/// by its signed-in holder): on to the free slots, or, when the waiting list has set a slot
/// aside for it, straight to confirming that slot.
pub(super) async fn begin(
    state: &AppState,
    mut pass: Pass,
    prescription_id: i64,
) -> Result<Response, AppError> {
    pass.prescription = Some(prescription_id);
    pass.hold = None;
    let offered = live_hold_of(&state.db, prescription_id, state.clock.now()).await?;
    let to = match offered {
        Some(hold) => {
            pass.hold = Some(hold.token);
            routes::BOOK_CONFIRM
        }
        None => routes::BOOK_SLOTS,
    };
    Ok(pass.see_other(to))
}

pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    mut pass: Pass,
    Form(form): Form<PrescriptionForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let mut errors = FormErrors::default();
    if let Some((fiscal_code, nre)) = form.parse(lang, &mut errors) {
        let (fiscal_code, nre) = (&fiscal_code, &nre);
        let guess = state.throttle.citizen(client, fiscal_code.as_str()).await?;
        let catalog = state.catalog.clone();
        let checked =
            prescriptions::check(&state.db, fiscal_code, nre, state.clock.today(), |id| {
                catalog.by_id(id).map(|s| s.kind)
            })
            .await?;
        match checked {
            Ok(prescription) => {
                guess.right();
                pass.signed_in = false;
                return begin(&state, pass, prescription.id).await;
            }
            Err(problem) => {
                if problem.is_wrong_guess() {
                    guess.wrong();
                }
                errors.push("nre", problem.message(lang));
            }
        }
    }
    let data = form.typed(errors);
    let html = render_document(view! { <PrescriptionPage ctx=ctx data=data /> });
    Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}
