use leptos::prelude::*;

use super::{Journey, PrescriptionSummary, PrescriptionView, SlotView};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::AreaField;
use crate::views::layout::{Layout, PageContext};

/// The area and town filters and the date typed.
#[derive(Clone, Debug, Default)]
pub struct SlotFilters {
    pub areas: Vec<(i64, String)>,
    pub towns: Vec<String>,
    pub area: Option<i64>,
    pub town: Option<String>,
    pub from: String,
    pub from_invalid: bool,
}

/// Why the person is back on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    SlotTaken,
    SlotUnavailable,
    HoldExpired,
}

/// The waiting list, when no slot meets the deadline anywhere in the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitingState {
    CanJoin,
    Waiting,
}

#[derive(Clone, Debug)]
pub struct SlotsData {
    pub journey: Journey,
    pub prescription: PrescriptionView,
    pub filters: SlotFilters,
    pub slots: Vec<SlotView>,
    /// The query string of the next page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
    pub notice: Option<Notice>,
    /// Some when nothing in the whole region meets the deadline.
    pub waiting: Option<WaitingState>,
}

#[component]
pub fn SlotsPage(ctx: PageContext, data: SlotsData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let (title, base, choose_action) = match &data.journey {
        Journey::Book => (
            t.slots_title,
            routes::BOOK_SLOTS.to_owned(),
            routes::BOOK_CHOOSE.to_owned(),
        ),
        Journey::Move { code, .. } => (
            t.move_title,
            routes::move_slots(code),
            routes::move_slots(code),
        ),
    };
    let deadline = lang.long_date(data.prescription.deadline);
    let notice = data.notice.map(|n| match n {
        Notice::SlotTaken => t.slot_taken,
        Notice::SlotUnavailable => t.slot_unavailable,
        Notice::HoldExpired => t.hold_expired,
    });
    let intro = match &data.journey {
        Journey::Book => None,
        Journey::Move { current, .. } => Some((t.move_intro)(&lang.date_time(current.starts))),
    };
    let waiting = data.waiting.clone().map(|state| {
        let deadline = deadline.clone();
        view! {
            <section class="panel" aria-labelledby="waiting-title">
                <h2 id="waiting-title">{t.none_in_time_title}</h2>
                {match state {
                    WaitingState::CanJoin => {
                        view! {
                            <p>{(t.none_in_time_body)(&deadline)}</p>
                            <form method="post" action=routes::BOOK_WAITLIST>
                                <button type="submit">{t.join_waitlist}</button>
                            </form>
                        }
                            .into_any()
                    }
                    WaitingState::Waiting => {
                        view! {
                            <p>{(t.already_waiting)(&deadline)}</p>
                        }
                            .into_any()
                    }
                }}
                <p>{t.guarantee_route}</p>
            </section>
        }
    });
    let slots = data.slots;
    let empty = slots.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=t.rx_intro>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{title}</h1>
            {intro.map(|i| view! { <p class="lead">{i}</p> })}
            <PrescriptionSummary lang=lang prescription=data.prescription.clone() />
            {waiting}
            <Filters lang=lang filters=data.filters.clone() action=base.clone() />
            <h2 id="slots-title">{t.slots_heading}</h2>
            {empty.then(|| view! { <p>{t.no_slots}</p> })}
            <ol class="slots" aria-labelledby="slots-title">
                {slots
                    .into_iter()
                    .map(|slot| view! { <AppointmentRow lang=lang appointment=slot action=choose_action.clone() /> })
                    .collect_view()}
            </ol>
            <nav class="pager" aria-label=t.slots_heading>
                {(!data.first_page).then(|| view! { <a href=base.clone()>{t.first_page}</a> })}
                {data
                    .next_page
                    .map(|query| {
                        view! { <a href=format!("{base}?{query}") rel="next">{t.next_page}</a> }
                    })}
            </nav>
        </Layout>
    }
}

#[component]
fn Filters(lang: Lang, filters: SlotFilters, action: String) -> impl IntoView {
    let t = lang.t();
    let from_error = filters.from_invalid.then_some(t.from_invalid);
    let from_described = if from_error.is_some() {
        "dal-hint dal-error"
    } else {
        "dal-hint"
    };
    view! {
        <form method="get" action=action class="filters">
            <fieldset>
                <legend>{t.filters_legend}</legend>
                <AreaField lang=lang areas=filters.areas selected=filters.area />
                <div class="field">
                    <label for="comune">{t.town_label}</label>
                    <select id="comune" name="comune">
                        <option value="" selected=filters.town.is_none()>{t.any_town}</option>
                        {filters
                            .towns
                            .into_iter()
                            .map(|town| {
                                let selected = filters.town.as_deref() == Some(town.as_str());
                                view! { <option selected=selected>{town}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class=if from_error.is_some() { "field field-error" } else { "field" }>
                    <label for="dal">{t.from_label}</label>
                    <p id="dal-hint" class="hint">{t.from_hint}</p>
                    {from_error.map(|e| view! { <p id="dal-error" class="error-message">{e}</p> })}
                    <input
                        id="dal"
                        name="dal"
                        type="text"
                        inputmode="numeric"
                        value=filters.from
                        aria-describedby=from_described
                        aria-invalid=from_error.map(|_| "true")
                        maxlength="10"
                    />
                </div>
                <button type="submit" class="secondary">{t.filter_button}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn AppointmentRow(lang: Lang, appointment: SlotView, action: String) -> impl IntoView {
    let t = lang.t();
    let when = lang.date_time(appointment.starts);
    let context = format!(" {when}, {}", appointment.facility);
    let (badge_class, badge) = if appointment.within_deadline {
        ("badge ok", t.within_deadline)
    } else {
        ("badge", t.beyond_deadline)
    };
    view! {
        <li class="slot">
            <p class="slot-when">{when}</p>
            <p class="slot-where">
                <strong>{appointment.facility}</strong>
                ", "
                {appointment.address}
                ", "
                {appointment.town}
            </p>
            <p class=badge_class>{badge}</p>
            <form method="post" action=action>
                <input type="hidden" name="slot" value=appointment.id.to_string() />
                <button type="submit">
                    {t.choose_button}
                    <span class="vh">{context}</span>
                </button>
            </form>
        </li>
    }
}
