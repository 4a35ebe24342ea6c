use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::{AppointmentDetails, Journey, PrescriptionSummary, PrescriptionView, SlotView};
use crate::i18n::Lang;
use crate::routes;
use crate::views::booking::with_query;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::help::BackLink;
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
    /// The patient's name from the registry (shown only after the fiscal code + NRE proof).
    pub patient: Option<String>,
    /// The last day the booking could still be changed online; None: it could not be.
    pub last_day_online: Option<NaiveDate>,
    /// The filters of the slot list this slot was chosen from (a query string).
    pub back_query: String,
    /// The hold had lapsed and was taken again on the same slot.
    pub renewed: bool,
    /// "Give me more time" may still be asked; and whether it was just refused.
    pub can_extend: bool,
    pub extend_refused: bool,
    /// Seconds left of the hold when the page was made (for the warning in `app.js`).
    pub seconds_left: i64,
    /// "Keep me on the waiting list for an earlier slot": offered (with whether it is ticked)
    /// when the slot is later than the earliest the person could want; None: not offered.
    pub keep_waiting: Option<bool>,
}

/// The answers to check before confirming (GOV.UK "check your answers"): who, when, where, and
/// whether it can still be changed online, each with a way to change it where one exists.
#[component]
fn CheckAnswers(lang: Lang, data: ConfirmData, change_slot: String) -> impl IntoView {
    let t = lang.t();
    let slot = data.slot;
    let online = match data.last_day_online {
        Some(day) => (t.changeable_until)(&lang.long_date(day)),
        None => t.not_changeable_online.to_owned(),
    };
    let change = move |what: &'static str, href: String| {
        view! {
            <a href=href>{t.change_link} <span class="vh">{format!(" {what}")}</span></a>
        }
    };
    let book = matches!(data.journey, Journey::Book);
    view! {
        <h2 id="check-title">{t.check_heading}</h2>
        <dl class="summary check" aria-labelledby="check-title">
            {data
                .patient
                .map(|name| {
                    view! {
                        <div>
                            <dt>{t.patient_label}</dt>
                            <dd>{name}</dd>
                        </div>
                    }
                })}
            <div>
                <dt>{t.service_label}</dt>
                <dd>{data.prescription.service_name}</dd>
                {book.then(|| view! { <dd>{change(t.service_label, routes::BOOK.to_owned())}</dd> })}
            </div>
            <div>
                <dt>{t.date_label}</dt>
                <dd>{lang.long_date(slot.starts.date())}</dd>
                <dd>{change(t.date_label, change_slot.clone())}</dd>
            </div>
            <div>
                <dt>{t.time_label}</dt>
                <dd>{lang.time(slot.starts)}</dd>
            </div>
            <div>
                <dt>{t.where_label}</dt>
                <dd>{slot.facility}</dd>
                <dd>{change(t.where_label, change_slot)}</dd>
            </div>
            <div>
                <dt>{t.address_label}</dt>
                <dd>{slot.address} ", " {slot.town}</dd>
            </div>
            {(!slot.access_notes.is_empty())
                .then(|| {
                    view! {
                        <div>
                            <dt>{t.access_label}</dt>
                            <dd>{slot.access_notes}</dd>
                        </div>
                    }
                })}
            <div>
                <dt>{t.online_change_label}</dt>
                <dd class=if data.last_day_online.is_some() { "" } else { "badge warn" }>{online}</dd>
            </div>
        </dl>
    }
}

/// How long the slot is held, the warning `app.js` shows before the end, and "give me more
/// time" (a POST: it works without JavaScript too).
#[component]
fn HoldStatus(lang: Lang, data: ConfirmData, extend_action: Option<String>) -> impl IntoView {
    let t = lang.t();
    let held = if data.renewed {
        (t.hold_renewed)(&lang.time(data.held_until))
    } else if data.offered {
        (t.offered_until)(&lang.date_time(data.held_until))
    } else {
        (t.held_until)(&lang.time(data.held_until))
    };
    let extend = extend_action.filter(|_| data.can_extend && !data.offered);
    let warn = extend.is_some();
    view! {
        <p class="notice" role="status">{held}</p>
        {data.extend_refused.then(|| view! { <p class="notice" role="status">{t.extend_refused}</p> })}
        {warn
            .then(|| {
                view! {
                    <div
                        id="hold-warning"
                        class="hold-warning"
                        aria-live="assertive"
                        data-seconds-left=data.seconds_left.to_string()
                        data-message=t.hold_warning
                    ></div>
                }
            })}
        {extend
            .map(|action| {
                view! {
                    <form method="post" action=action class="extend-hold">
                        <input type="hidden" name="posto" value=data.slot.id.to_string() />
                        <button type="submit" class="secondary">{t.extend_button}</button>
                    </form>
                }
            })}
    }
}

#[component]
pub fn ConfirmPage(ctx: PageContext, data: ConfirmData) -> impl IntoView {
    let lang = ctx.lang;
    // A shared kiosk must not offer to remember contacts for the next person.
    let kiosk = ctx.kiosk.is_some();
    let t = lang.t();
    match data.journey.clone() {
        Journey::Book => {
            let title = title_with_errors(lang, t.confirm_title, &data.errors);
            let q = data.back_query.clone();
            let back = with_query(routes::BOOK_SLOTS, &q);
            // With errors, the language switch sends what was typed again (see `Layout`).
            let keep_form = (!data.errors.is_empty()).then_some("confirm");
            view! {
                <Layout
                    ctx=ctx.clone()
                    title=title
                    description=t.rx_intro
                    keep_form=keep_form
                >
                    <BackLink lang=lang href=back.clone() />
                    <ErrorSummary lang=lang errors=data.errors.clone() />
                    <h1>{t.confirm_title}</h1>
                    <HoldStatus
                        lang=lang
                        data=data.clone()
                        extend_action=Some(with_query(routes::BOOK_EXTEND, &q))
                    />
                    <PrescriptionSummary lang=lang prescription=data.prescription.clone() />
                    <CheckAnswers lang=lang data=data.clone() change_slot=back />
                    <form
                        id="confirm"
                        method="post"
                        action=with_query(routes::BOOK_CONFIRM, &q)
                        novalidate=true
                    >
                        <input type="hidden" name="posto" value=data.slot.id.to_string() />
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
                        {data
                            .keep_waiting
                            .map(|checked| {
                                view! {
                                    <div class="choice">
                                        <input
                                            type="checkbox"
                                            id="prima"
                                            name="prima"
                                            value="si"
                                            checked=checked
                                            aria-describedby="prima-hint"
                                        />
                                        <label for="prima">{t.keep_waiting_label}</label>
                                    </div>
                                    <p class="hint" id="prima-hint">{t.keep_waiting_hint}</p>
                                }
                            })}
                        <button type="submit">{t.confirm_button}</button>
                    </form>
                    <form method="post" action=with_query(routes::BOOK_RELEASE, &q)>
                        <button type="submit" class="secondary">{t.choose_other}</button>
                    </form>
                </Layout>
            }
            .into_any()
        }
        Journey::Move { code, current } => {
            let back = with_query(&routes::move_slots(&code), &data.back_query);
            view! {
                <Layout ctx=ctx.clone() title=t.move_confirm_title.to_owned() description=t.rx_intro>
                    <BackLink lang=lang href=back.clone() />
                    <h1>{t.move_confirm_title}</h1>
                    <HoldStatus lang=lang data=data.clone() extend_action=None />
                    <h2>{t.move_from}</h2>
                    <AppointmentDetails lang=lang appointment=current with_notes=false />
                    <h2>{t.move_to}</h2>
                    <CheckAnswers lang=lang data=data.clone() change_slot=back.clone() />
                    <form method="post" action=with_query(&routes::move_confirm(&code), &data.back_query)>
                        <button type="submit">{t.move_button}</button>
                    </form>
                    <p>
                        <a href=back>{t.choose_other}</a>
                    </p>
                </Layout>
            }
            .into_any()
        }
    }
}
