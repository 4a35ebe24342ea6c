//! The request form, the same for the citizen and for the operator: the area and town wanted
//! (optional, each one the region knows) and the contacts (optional: blank uses the registry's).

use serde::Deserialize;

use app::i18n::Lang;
use app::views::form::{FormErrors, read_contacts};
use app::views::guarantee::RequestForm;

use super::requests::Wanted;
use crate::state::AppState;

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct RequestInput {
    #[serde(default)]
    pub zona: String,
    #[serde(default)]
    pub comune: String,
    #[serde(default)]
    pub telefono: String,
    #[serde(default)]
    pub email: String,
}

/// An empty form with the region's areas and towns.
pub fn empty_form(state: &AppState) -> RequestForm {
    RequestForm {
        areas: state.directory.areas().to_vec(),
        towns: state.directory.towns().to_vec(),
        ..RequestForm::default()
    }
}

/// What was typed, understood: the request's wishes, or the form again with its errors. An area
/// or town the region does not know is no wish (the choices come from a select).
pub fn read(state: &AppState, lang: Lang, input: &RequestInput) -> (RequestForm, Option<Wanted>) {
    let dir = &state.directory;
    let area_id = input
        .zona
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| dir.area_name(*id).is_some());
    let town = Some(input.comune.trim())
        .filter(|t| dir.towns().iter().any(|known| known == t))
        .map(str::to_owned);
    let mut errors = FormErrors::default();
    let (phone, email) = read_contacts(lang, &input.telefono, &input.email, &mut errors);
    let form = RequestForm {
        area: area_id,
        town: town.clone().unwrap_or_default(),
        phone: input.telefono.trim().to_owned(),
        email: input.email.trim().to_owned(),
        errors: errors.clone(),
        ..empty_form(state)
    };
    let wanted = errors.is_empty().then_some(Wanted {
        area_id,
        town,
        phone,
        email,
        lang,
    });
    (form, wanted)
}
