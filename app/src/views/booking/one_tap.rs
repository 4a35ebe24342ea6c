//! The pages a one-tap link in a message opens: what the link does (the visit and the action)
//! with one button that does it (a GET never changes anything: mail scanners follow links), or
//! why it can no longer be done.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::{AppointmentDetails, SlotView};
use crate::routes;
use crate::views::layout::{Layout, PageContext};

/// What the button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OneTapAction {
    /// Confirm attendance (a reminder).
    Confirm,
    /// Cancel the booking (a reminder).
    Cancel,
    /// Book the slot held for a waiting-list request until this time; or, for a request
    /// waiting for an earlier slot than its booking's, move that booking (starting at
    /// `moves_from`) to it.
    Accept {
        held_until: NaiveDateTime,
        moves_from: Option<NaiveDateTime>,
    },
}

#[derive(Clone, Debug)]
pub struct OneTapData {
    /// The token of the URL, which the form posts back to.
    pub token: String,
    pub action: OneTapAction,
    pub service_name: String,
    /// The booking's code as people read it (none for an offer: not booked yet).
    pub code_grouped: Option<String>,
    pub slot: SlotView,
}

#[component]
pub fn OneTapPage(ctx: PageContext, data: OneTapData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let r = lang.recall();
    let (title, intro, button, class) = match data.action {
        OneTapAction::Confirm => (
            r.confirm_title,
            r.confirm_intro.to_owned(),
            r.confirm_button,
            None,
        ),
        OneTapAction::Cancel => (
            r.cancel_title,
            r.cancel_intro.to_owned(),
            r.cancel_button,
            Some("danger"),
        ),
        OneTapAction::Accept {
            held_until,
            moves_from: None,
        } => (
            r.accept_title,
            (r.accept_intro)(&lang.date_time(held_until)),
            r.accept_button,
            None,
        ),
        OneTapAction::Accept {
            held_until,
            moves_from: Some(current),
        } => (
            r.accept_move_title,
            (r.accept_move_intro)(&lang.date_time(held_until), &lang.date_time(current)),
            r.accept_move_button,
            None,
        ),
    };
    let code = data.code_grouped.map(|code| {
        view! {
            <div>
                <dt>{t.code_label_booking}</dt>
                <dd class="code">{code}</dd>
            </div>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=r.confirm_intro>
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            <section aria-labelledby="visita">
                <h2 id="visita">{r.visit_legend}</h2>
                <dl class="summary">
                    <div>
                        <dt>{t.service_label}</dt>
                        <dd>{data.service_name}</dd>
                    </div>
                    {code}
                </dl>
                <AppointmentDetails lang=lang appointment=data.slot with_notes=false />
            </section>
            <form method="post" action=routes::one_tap(&data.token)>
                <button type="submit" class=class>{button}</button>
            </form>
        </Layout>
    }
}

/// Why a link did nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OneTapRefusal {
    /// A real link whose time is over (410).
    Expired,
    /// Not a link Cupola made (404).
    Invalid,
    /// The action can no longer be done: why, in words (409).
    NotPossible(String),
}

#[derive(Clone, Debug)]
pub struct OneTapRefusedData {
    pub refusal: OneTapRefusal,
    /// The booking's receipt, when the browser may now see it.
    pub receipt_code: Option<String>,
}

#[component]
pub fn OneTapRefusedPage(ctx: PageContext, data: OneTapRefusedData) -> impl IntoView {
    let lang = ctx.lang;
    let r = lang.recall();
    let (title, text) = match data.refusal {
        OneTapRefusal::Expired => (r.expired_title, r.expired_text.to_owned()),
        OneTapRefusal::Invalid => (r.invalid_title, r.invalid_text.to_owned()),
        OneTapRefusal::NotPossible(why) => (r.not_possible_title, why),
    };
    let next = match data.receipt_code {
        Some(code) => view! { <a href=routes::receipt(&code)>{r.receipt_link}</a> }.into_any(),
        None => view! { <a href=routes::MY_BOOKINGS>{r.my_bookings_link}</a> }.into_any(),
    };
    view! {
        <Layout ctx=ctx.clone() title=title.to_owned() description=r.expired_text>
            <h1>{title}</h1>
            <p class="lead">{text}</p>
            <p>{next}</p>
        </Layout>
    }
}
