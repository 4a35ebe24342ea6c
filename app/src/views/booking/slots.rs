use leptos::prelude::*;

use super::{Journey, PrescriptionSummary, PrescriptionView, SlotView};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{AreaField, RadioField, SelectField, TextField};
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};

/// The filters of the list as the server understood them, with what was wrong in them.
#[derive(Clone, Debug, Default)]
pub struct SlotFilters {
    pub areas: Vec<(i64, String)>,
    /// The towns that may be chosen: those of the chosen area (all without one).
    pub towns: Vec<String>,
    pub area: Option<i64>,
    pub town: Option<String>,
    pub from: String,
    pub from_invalid: bool,
    pub from_past: bool,
    /// (town, area) when the town typed is not in the area chosen.
    pub town_not_in_area: Option<(String, String)>,
    /// Every town the citizen may say they live in, and the one used.
    pub home_towns: Vec<String>,
    pub home: Option<String>,
    pub nearest: bool,
    /// Nearest first was asked without a known town.
    pub nearest_needs_home: bool,
    /// The query string of these filters (carried to the next steps and back).
    pub query: String,
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

/// A slot as offered in the list: how far it is, and whether it could still be changed online
/// once booked.
#[derive(Clone, Debug)]
pub struct OfferedSlot {
    pub slot: SlotView,
    /// Kilometres from the citizen's town, when known.
    pub km: Option<u32>,
    pub changeable: bool,
}

#[derive(Clone, Debug)]
pub struct SlotsData {
    pub journey: Journey,
    pub prescription: PrescriptionView,
    pub filters: SlotFilters,
    pub slots: Vec<OfferedSlot>,
    /// Slots that could no longer be changed online once booked, offered after the others.
    pub late: Vec<OfferedSlot>,
    /// The citizen's town, for the distances.
    pub home: Option<String>,
    /// The area guessed for the citizen had nothing: the whole region is shown instead.
    pub widened_from: Option<String>,
    /// The query string of the next page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
    pub notice: Option<Notice>,
    /// Some when nothing in the whole region meets the deadline.
    pub waiting: Option<WaitingState>,
}

/// `path` with the query string `query` (none when empty).
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[component]
pub fn SlotsPage(ctx: PageContext, data: SlotsData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let query = data.filters.query.clone();
    let (title, base, choose_action, back) = match &data.journey {
        Journey::Book => (
            t.slots_title,
            routes::BOOK_SLOTS.to_owned(),
            with_query(routes::BOOK_CHOOSE, &query),
            routes::BOOK.to_owned(),
        ),
        Journey::Move { code, .. } => (
            t.move_title,
            routes::move_slots(code),
            with_query(&routes::move_slots(code), &query),
            routes::receipt(code),
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
                <p>
                    <a class="button secondary" href=routes::BOOK_GUARANTEE>
                        {t.guarantee.gt_ask_button}
                    </a>
                </p>
                <HelpBox lang=lang />
            </section>
        }
    });
    let heading = if data.filters.nearest {
        t.slots_heading_nearest
    } else {
        t.slots_heading
    };
    let home = data.home.clone().unwrap_or_default();
    let row = {
        let home = home.clone();
        let action = choose_action.clone();
        move |slot: OfferedSlot| {
            view! {
                <AppointmentRow lang=lang offered=slot home=home.clone() action=action.clone() />
            }
        }
    };
    let slots = data.slots;
    let empty = slots.is_empty() && data.late.is_empty();
    let late = (!data.late.is_empty()).then(|| {
        let row = row.clone();
        view! {
            <section aria-labelledby="late-title">
                <h2 id="late-title">{t.late_slots_heading}</h2>
                <p>{t.late_slots_intro}</p>
                <ol class="slots" aria-labelledby="late-title">
                    {data.late.into_iter().map(row).collect_view()}
                </ol>
            </section>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=t.rx_intro>
            <BackLink lang=lang href=back />
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{title}</h1>
            {intro.map(|i| view! { <p class="lead">{i}</p> })}
            <PrescriptionSummary lang=lang prescription=data.prescription.clone() />
            {waiting}
            {data
                .widened_from
                .map(|area| view! { <p class="notice" role="status">{(t.area_empty_widened)(&area)}</p> })}
            <Filters lang=lang filters=data.filters.clone() action=base.clone() />
            <h2 id="slots-title">{heading}</h2>
            {empty.then(|| view! { <p>{t.no_slots}</p> })}
            <ol class="slots" aria-labelledby="slots-title">
                {slots.into_iter().map(row).collect_view()}
            </ol>
            <nav class="pager" aria-label=heading>
                {(!data.first_page)
                    .then(|| view! { <a href=with_query(&base, &query)>{t.first_page}</a> })}
                {data
                    .next_page
                    .map(|next| {
                        view! { <a href=format!("{base}?{next}") rel="next">{t.next_page}</a> }
                    })}
            </nav>
            {late}
        </Layout>
    }
}

#[component]
fn Filters(lang: Lang, filters: SlotFilters, action: String) -> impl IntoView {
    let t = lang.t();
    let from_error = if filters.from_past {
        Some(t.from_past.to_owned())
    } else {
        filters.from_invalid.then(|| t.from_invalid.to_owned())
    };
    let town_error = filters
        .town_not_in_area
        .as_ref()
        .map(|(town, area)| (t.town_not_in_area)(town, area));
    let home_error = filters
        .nearest_needs_home
        .then(|| t.nearest_needs_home.to_owned());
    let towns = filters
        .towns
        .iter()
        .map(|x| (x.clone(), x.clone()))
        .collect();
    let home_towns = filters
        .home_towns
        .iter()
        .map(|x| (x.clone(), x.clone()))
        .collect();
    let order = if filters.nearest { "vicino" } else { "primo" };
    view! {
        <form method="get" action=action class="filters">
            <fieldset>
                <legend>{t.filters_legend}</legend>
                <SelectField
                    lang=lang
                    id="da"
                    label=t.home_label.to_owned()
                    hint=t.home_hint.to_owned()
                    empty=t.home_unknown.to_owned()
                    choices=home_towns
                    selected=filters.home.unwrap_or_default()
                    error=home_error
                />
                <AreaField lang=lang areas=filters.areas selected=filters.area />
                <SelectField
                    lang=lang
                    id="comune"
                    label=t.town_label.to_owned()
                    empty=t.any_town.to_owned()
                    choices=towns
                    selected=filters.town.unwrap_or_default()
                    error=town_error
                />
                <TextField
                    lang=lang
                    id="dal"
                    label=t.from_label.to_owned()
                    hint=t.from_hint.to_owned()
                    value=filters.from
                    error=from_error
                    inputmode="numeric"
                    maxlength=10
                />
                <RadioField
                    lang=lang
                    id="ordine"
                    legend=t.order_legend.to_owned()
                    choices=vec![
                        ("primo".to_owned(), t.order_earliest.to_owned()),
                        ("vicino".to_owned(), t.order_nearest.to_owned()),
                    ]
                    selected=order.to_owned()
                    error=None
                />
                <button type="submit" class="secondary">{t.filter_button}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn AppointmentRow(lang: Lang, offered: OfferedSlot, home: String, action: String) -> impl IntoView {
    let t = lang.t();
    let appointment = offered.slot;
    let when = lang.date_time(appointment.starts);
    let context = format!(" {when}, {}", appointment.facility);
    let (badge_class, badge) = if appointment.within_deadline {
        ("badge ok", t.within_deadline)
    } else {
        ("badge", t.beyond_deadline)
    };
    let distance = offered
        .km
        .filter(|_| !home.is_empty())
        .map(|km| view! { <p class="slot-distance">{(t.km_from)(km, &home)}</p> });
    view! {
        <li class="slot">
            <p class="slot-when">{when}</p>
            <p class="slot-where">
                <strong>{appointment.facility}</strong>
                ", "
                {appointment.address}
                ", "
                <span class="slot-town">{appointment.town}</span>
            </p>
            {distance}
            <p class=badge_class>{badge}</p>
            {(!offered.changeable)
                .then(|| view! { <p class="badge warn">{t.not_changeable_online}</p> })}
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
