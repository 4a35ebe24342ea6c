//! Choosing a slot for the citizen being served: to book one of their prescriptions, or to move
//! one of their bookings.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::citizen_banner::{CitizenBanner, CitizenSummary};
use crate::routes;
use crate::views::booking::{
    AppointmentDetails, Notice, PrescriptionSummary, PrescriptionView, SlotView,
};
use crate::views::form::AreaField;
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{StaffBar, StaffView};

/// What the chosen slot is for.
#[derive(Clone, Debug)]
pub enum ConsoleJourney {
    Book { prescription_id: i64 },
    Move { code: String, current: SlotView },
}

/// A free slot as operators choose it: reservations shown, deadline marked.
#[derive(Clone, Debug)]
pub struct ConsoleSlotChoice {
    pub id: i64,
    pub starts: NaiveDateTime,
    pub facility: String,
    pub town: String,
    pub address: String,
    pub within_deadline: bool,
    /// What the slot is kept for, in words, if anything.
    pub reserved: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ConsoleChooseData {
    pub journey: ConsoleJourney,
    pub citizen: CitizenSummary,
    pub prescription: PrescriptionView,
    pub areas: Vec<(i64, String)>,
    pub area: Option<i64>,
    pub slots: Vec<ConsoleSlotChoice>,
    /// The query string of the next page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
    pub notice: Option<Notice>,
}

#[component]
pub fn ConsoleChoosePage(
    ctx: PageContext,
    staff: StaffView,
    data: ConsoleChooseData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let csrf = staff.csrf.clone();
    let (title, intro, base, button, prescription_id) = match &data.journey {
        ConsoleJourney::Book { prescription_id } => (
            t.console_book_title,
            t.console_book_intro.to_owned(),
            routes::STAFF_CITIZEN_BOOK.to_owned(),
            t.console_choose_slot,
            Some(*prescription_id),
        ),
        ConsoleJourney::Move { code, current } => (
            t.move_title,
            (t.console_move_intro)(&lang.date_time(current.starts)),
            routes::staff_booking_move(code),
            t.move_slot_button,
            None,
        ),
    };
    let notice = data.notice.map(|n| match n {
        Notice::SlotTaken => t.slot_taken,
        Notice::SlotUnavailable => t.slot_unavailable,
        Notice::HoldExpired => t.hold_expired,
    });
    let current = match &data.journey {
        ConsoleJourney::Move { current, .. } => Some(current.clone()),
        ConsoleJourney::Book { .. } => None,
    };
    // The filter and pager keep the prescription in the query (an id, not personal data).
    let with_rx = |query: &str| match prescription_id {
        Some(id) if query.is_empty() => format!("{base}?ricetta={id}"),
        Some(id) => format!("{base}?ricetta={id}&{query}"),
        None if query.is_empty() => base.clone(),
        None => format!("{base}?{query}"),
    };
    let first = with_rx("");
    let next = data.next_page.as_deref().map(with_rx);
    let empty = data.slots.is_empty();
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=t.console_book_intro>
            <StaffBar lang=lang staff=staff />
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            <div class="console-split">
            <div>
            <CitizenBanner lang=lang citizen=data.citizen />
            <PrescriptionSummary lang=lang prescription=data.prescription />
            {current.map(|c| view! { <AppointmentDetails lang=lang appointment=c with_notes=false /> })}
            <form method="get" action=base.clone() class="filters">
                {prescription_id
                    .map(|id| view! { <input type="hidden" name="ricetta" value=id.to_string() /> })}
                <AreaField lang=lang areas=data.areas selected=data.area />
                <button type="submit" class="secondary">{t.filter_button}</button>
            </form>
            </div>
            <div>
            <h2 id="slots-title">{t.slots_heading}</h2>
            {empty.then(|| view! { <p>{t.no_slots}</p> })}
            <ol class="slots" aria-labelledby="slots-title">
                {data
                    .slots
                    .into_iter()
                    .enumerate()
                    .map(|(i, slot)| {
                        let when = lang.date_time(slot.starts);
                        let context = format!(" {when}, {}", slot.facility);
                        let (badge_class, badge) = if slot.within_deadline {
                            ("badge ok", t.console_within_deadline)
                        } else {
                            ("badge", t.console_beyond_deadline)
                        };
                        view! {
                            <li class="slot">
                                <p class="slot-when">{when}</p>
                                <p class="slot-where">
                                    <strong>{slot.facility}</strong>
                                    ", "
                                    {slot.address}
                                    ", "
                                    {slot.town}
                                </p>
                                <p class=badge_class>{badge}</p>
                                {slot.reserved.map(|r| view! { <p class="badge">{(t.reserved_for)(&r)}</p> })}
                                {match prescription_id {
                                    // Booking: choosing only opens the confirmation step.
                                    Some(rx) => {
                                        let href = format!(
                                            "{}?ricetta={rx}&slot={}",
                                            routes::STAFF_CITIZEN_BOOK_CONFIRM,
                                            slot.id,
                                        );
                                        let focus = i == 0;
                                        view! {
                                            <p class="slot-choose">
                                                <a class="button" href=href autofocus=focus>
                                                    {button}
                                                    <span class="vh">{context}</span>
                                                </a>
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <form method="post" action=base.clone()>
                                                <input type="hidden" name="csrf" value=csrf.clone() />
                                                <input type="hidden" name="slot" value=slot.id.to_string() />
                                                <button type="submit">
                                                    {button}
                                                    <span class="vh">{context}</span>
                                                </button>
                                            </form>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <nav class="pager" aria-label=t.slots_heading>
                {(!data.first_page).then(|| view! { <a href=first.clone()>{t.first_page}</a> })}
                {next.map(|href| view! { <a href=href rel="next">{t.next_page}</a> })}
            </nav>
            <p>
                <a href=routes::STAFF_CITIZEN>{t.back_to_record}</a>
            </p>
            </div>
            </div>
        </Layout>
    }
}
