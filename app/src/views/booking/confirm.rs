use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::{AppointmentDetails, Journey, PrescriptionSummary, PrescriptionView, SlotView};
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// A held slot waiting for confirmation (of a new booking, or of a move).
#[derive(Clone, Debug)]
pub struct ConfirmData {
    pub journey: Journey,
    pub prescription: PrescriptionView,
    pub slot: SlotView,
    pub held_until: NaiveDateTime,
    /// The slot was offered by the waiting list (held for a day, not minutes).
    pub offered: bool,
    pub phone: String,
    pub email: String,
    pub errors: FormErrors,
}

#[component]
pub fn ConfirmPage(ctx: PageContext, data: ConfirmData) -> impl IntoView {
    let lang = ctx.lang;
    // A shared kiosk must not offer to remember contacts for the next person.
    let kiosk = ctx.kiosk.is_some();
    let t = lang.t();
    let held = if data.offered {
        (t.offered_until)(&lang.date_time(data.held_until))
    } else {
        (t.held_until)(&lang.time(data.held_until))
    };
    match data.journey {
        Journey::Book => {
            let title = title_with_errors(lang, t.confirm_title, &data.errors);
            view! {
                <Layout ctx=ctx.clone() title=title description=t.rx_intro>
                    <ErrorSummary lang=lang errors=data.errors.clone() />
                    <h1>{t.confirm_title}</h1>
                    <p class="notice" role="status">{held}</p>
                    <PrescriptionSummary lang=lang prescription=data.prescription />
                    <AppointmentDetails lang=lang appointment=data.slot />
                    <form method="post" action=routes::BOOK_CONFIRM novalidate=true>
                        <fieldset>
                            <legend>{t.contacts_legend}</legend>
                            <p class="hint" id="contatti-hint">{t.contacts_hint}</p>
                            <TextField
                                lang=lang
                                id="telefono"
                                label=t.phone_label.to_owned()
                                value=data.phone
                                error=data.errors.get("telefono")
                                input_type="tel"
                                autocomplete=if kiosk { "off" } else { "tel" }
                                maxlength=20
                                shared_hint="contatti-hint"
                            />
                            <TextField
                                lang=lang
                                id="email"
                                label=t.email_label.to_owned()
                                value=data.email
                                error=data.errors.get("email")
                                input_type="email"
                                autocomplete=if kiosk { "off" } else { "email" }
                                maxlength=254
                                shared_hint="contatti-hint"
                            />
                        </fieldset>
                        <button type="submit">{t.confirm_button}</button>
                    </form>
                    <form method="post" action=routes::BOOK_RELEASE>
                        <button type="submit" class="secondary">{t.choose_other}</button>
                    </form>
                </Layout>
            }
            .into_any()
        }
        Journey::Move { code, current } => view! {
            <Layout ctx=ctx.clone() title=t.move_confirm_title.to_owned() description=t.rx_intro>
                <h1>{t.move_confirm_title}</h1>
                <p class="notice" role="status">{held}</p>
                <h2>{t.move_from}</h2>
                <AppointmentDetails lang=lang appointment=current with_notes=false />
                <h2>{t.move_to}</h2>
                <AppointmentDetails lang=lang appointment=data.slot />
                <form method="post" action=routes::move_confirm(&code)>
                    <button type="submit">{t.move_button}</button>
                </form>
                <p>
                    <a href=routes::move_slots(&code)>{t.choose_other}</a>
                </p>
            </Layout>
        }
        .into_any(),
    }
}
