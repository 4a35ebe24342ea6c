//! The step between choosing a slot and booking it for the citizen being served: the slot, the
//! citizen, whether they can still change it online, and the contacts for reminders. Its first
//! focused action goes back to the slots; only the booking button books (Enter in a field does
//! not).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::citizen_banner::{CitizenBanner, CitizenSummary};
use crate::routes;
use crate::views::booking::{AppointmentDetails, PrescriptionSummary, PrescriptionView, SlotView};
use crate::views::form::{ContactFields, ErrorSummary, FormErrors, title_with_errors};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

#[derive(Clone, Debug)]
pub struct ConsoleConfirmData {
    pub prescription_id: i64,
    pub citizen: CitizenSummary,
    pub prescription: PrescriptionView,
    pub slot: SlotView,
    /// The last day the citizen may move or cancel it online; None: already too close.
    pub change_online_until: Option<NaiveDate>,
    /// The token of this confirmation step (kept in the staff session): a booking form without
    /// it books nothing.
    pub token: String,
    pub phone: String,
    pub email: String,
    pub errors: FormErrors,
}

#[component]
pub fn ConsoleConfirmPage(
    ctx: PageContext,
    staff: StaffView,
    data: ConsoleConfirmData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let title = title_with_errors(lang, t.console_confirm_title, &data.errors);
    let csrf = staff.csrf.clone();
    let back = format!(
        "{}?ricetta={}",
        routes::STAFF_CITIZEN_BOOK,
        data.prescription_id
    );
    let change = match data.change_online_until {
        Some(day) => (t.console_change_online_until)(&lang.long_date(day)),
        None => t.console_change_online_closed.to_owned(),
    };
    // The error summary takes the focus when there are errors; otherwise the way back does.
    let focus_back = data.errors.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title description=t.console_confirm_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=data.errors.clone() />
            <h1>{t.console_confirm_title}</h1>
            <p class="lead">{t.console_confirm_intro}</p>
            <div class="console-split">
                <div>
                    <CitizenBanner lang=lang citizen=data.citizen />
                    <PrescriptionSummary lang=lang prescription=data.prescription />
                </div>
                <div>
                    <AppointmentDetails lang=lang appointment=data.slot.clone() with_notes=false />
                    <p class="notice">{change}</p>
                    <form method="post" action=routes::STAFF_CITIZEN_BOOK_CONFIRM novalidate=true>
                        // The form's default button, disabled: Enter in a field submits nothing.
                        // Booking takes the explicit press of the button below.
                        <button type="submit" disabled=true hidden=true aria-hidden="true"></button>
                        <input type="hidden" name="csrf" value=csrf />
                        <input type="hidden" name="ricetta" value=data.prescription_id.to_string() />
                        <input type="hidden" name="slot" value=data.slot.id.to_string() />
                        <input type="hidden" name="conferma" value=data.token />
                        <ContactFields
                            lang=lang
                            hint=t.console_contacts_hint
                            phone=data.phone
                            email=data.email
                            errors=data.errors.clone()
                            autofill=false
                        />
                        <button type="submit" name="prenota" value="1">
                            {t.book_slot_button}
                        </button>
                    </form>
                    <p>
                        <a class="back" href=back autofocus=focus_back>
                            {t.console_back_to_slots}
                        </a>
                    </p>
                </div>
            </div>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{PriorityClass, Role};
    use crate::i18n::Lang;
    use crate::views::render_document;

    fn data(errors: FormErrors) -> ConsoleConfirmData {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).expect("a date");
        ConsoleConfirmData {
            prescription_id: 7,
            citizen: CitizenSummary {
                fiscal_code: "RSSMRA48C55D612S".to_owned(),
                name: "Maria Rossi".to_owned(),
                birth_date: None,
                reason: "Telefonata del cittadino".to_owned(),
            },
            prescription: PrescriptionView {
                service_name: "Visita cardiologica".to_owned(),
                service_code: "89.7A.3".to_owned(),
                priority: PriorityClass::P,
                deadline: day,
            },
            slot: SlotView {
                id: 42,
                starts: day.and_hms_opt(9, 0, 0).expect("a time"),
                facility: "Ospedale".to_owned(),
                town: "Firenze".to_owned(),
                address: "Piazza".to_owned(),
                access_notes: String::new(),
                within_deadline: true,
            },
            change_online_until: None,
            token: "tok".to_owned(),
            phone: "+393331234567".to_owned(),
            email: String::new(),
            errors,
        }
    }

    fn render(errors: FormErrors) -> String {
        let ctx = PageContext {
            lang: Lang::It,
            css_href: "/static/style.test.css",
            path: routes::STAFF_CITIZEN_BOOK_CONFIRM.to_owned(),
            kiosk: None,
        };
        let staff = StaffView {
            name: "Anna Neri".to_owned(),
            role: Role::Operator,
            csrf: "token".to_owned(),
            outage: false,
        };
        render_document(view! { <ConsoleConfirmPage ctx=ctx staff=staff data=data(errors) /> })
    }

    #[test]
    fn the_confirmation_focuses_the_way_back_and_its_default_button_books_nothing() {
        let html = render(FormErrors::default());
        assert_eq!(html.matches("autofocus").count(), 1);
        assert!(html.contains("class=\"back\""));
        let form =
            html.find("<form method=\"post\" action=\"/operatore/cittadino/prenota/conferma\"");
        let form = &html[form.expect("the booking form")..];
        let first_button = &form[form.find("<button").expect("a button")..];
        assert!(first_button.starts_with("<button type=\"submit\" disabled"));
        assert!(html.contains("name=\"conferma\" value=\"tok\""));
        assert!(
            html.contains("value=\"+393331234567\""),
            "the phone, prefilled"
        );
        assert!(html.contains("<body class=\"staff\""));
        assert!(!html.contains("style="));
    }

    #[test]
    fn with_errors_the_summary_takes_the_focus() {
        let mut errors = FormErrors::default();
        errors.push("email", "Errore");
        let html = render(errors);
        assert_eq!(html.matches("autofocus").count(), 1);
        assert!(html.contains("aria-describedby=\"email-error\""));
    }
}
