//! One-tap links from messages (`/r/{token}`): a reminder's confirm and cancel, a waiting-list
//! offer's accept. The signed token (`links`) is the authority — no fiscal code is asked — and
//! only for its one action on its one row. A GET shows what the link does and one button; only
//! the POST of that button acts (mail scanners follow links), and it checks the booking rules
//! again whatever the token's expiry says. An offer to a booking waiting for an earlier slot
//! moves that booking when accepted (the page says so, with its current date). Forged tokens count as wrong guesses per client
//! (`throttle`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

use app::domain::{BookingStatus, Channel, Email, Phone, WaitingStatus};
use app::i18n::Lang;
use app::routes;
use app::views::booking::{
    OneTapAction, OneTapData, OneTapPage, OneTapRefusal, OneTapRefusedData, OneTapRefusedPage,
};
use app::views::{PageContext, render_document};

use crate::audit::Actor;
use crate::booking::book::{Contacts, confirm};
use crate::booking::change::{Accepted, accept_earlier, cancel};
use crate::booking::details::{self, BookingRow};
use crate::booking::error::BookingError;
use crate::booking::hold::live_hold_of;
use crate::booking::recall::{ONE_TAP_CANCEL_REASON, confirm_attendance, state_of};
use crate::booking::receipt::{current_slot, slot_place, slot_view};
use crate::booking::rules::{CancelReason, may_change};
use crate::clock::local;
use crate::db::on_read;
use crate::error::AppError;
use crate::links::{Action, Grant, Refused};
use crate::state::AppState;
use crate::web::client::Client;
use crate::web::page::{Page, private_page};
use crate::web::pass::Pass;

/// One-tap links come from messages, never from a kiosk: they act as the portal.
const ACTOR: Actor = Actor::Citizen(Channel::Web);

/// The token checked, a forged one counted against the client.
async fn grant(
    state: &AppState,
    client: crate::web::client::ClientKey,
    token: &str,
) -> Result<Result<Grant, Refused>, AppError> {
    let guess = state.throttle.client(client).await?;
    let checked = state.links.verify(token, state.clock.now());
    if checked == Err(Refused::Invalid) {
        guess.wrong();
    }
    Ok(checked)
}

/// A page saying why the link did nothing; with a receipt the browser may now open.
fn refused(
    ctx: PageContext,
    mut pass: Pass,
    refusal: OneTapRefusal,
    booking: Option<(i64, String)>,
) -> Response {
    let lang = ctx.lang;
    let status = match refusal {
        OneTapRefusal::Expired => StatusCode::GONE,
        OneTapRefusal::Invalid => StatusCode::NOT_FOUND,
        OneTapRefusal::NotPossible(_) => StatusCode::CONFLICT,
    };
    let receipt_code = booking.map(|(id, code)| {
        pass.remember_booking(id);
        code
    });
    let data = OneTapRefusedData {
        refusal,
        receipt_code,
    };
    let html = render_document(view! { <OneTapRefusedPage ctx=ctx data=data /> });
    pass.page(private_page(lang, status, html))
}

/// Why a confirm or cancel cannot be done, in words.
fn not_possible(lang: Lang, booking: &BookingRow, err: &BookingError) -> String {
    let r = lang.recall();
    match err {
        BookingError::TooLateToChange { last_day } => (r.too_late)(&lang.long_date(*last_day)),
        _ if booking.status == BookingStatus::Cancelled => r.already_cancelled.to_owned(),
        _ => r.visit_passed.to_owned(),
    }
}

/// The waiting entry an offer link is for: (status, prescription, the booking it would move).
async fn waiting_entry(
    state: &AppState,
    id: i64,
) -> Result<Option<(WaitingStatus, i64, Option<i64>)>, sqlx::Error> {
    let row: Option<(String, i64, Option<i64>)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select status, prescription_id, booking_id from waiting_list where id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.and_then(|(status, rx, booking)| Some((WaitingStatus::parse(&status)?, rx, booking))))
}

/// The contacts the citizen registered (where the offer was sent), for the booking's messages,
/// which are written in the language of the page they accepted on.
async fn citizen_contacts(
    state: &AppState,
    prescription_id: i64,
    lang: Lang,
) -> Result<Contacts, sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select c.phone, c.email from prescriptions p \
             join citizens c on c.fiscal_code = p.fiscal_code where p.id = $1",
        )
        .bind(prescription_id)
        .fetch_optional(pool)
        .await?
    });
    let (phone, email) = row.unwrap_or_default();
    Ok(Contacts {
        phone: phone.and_then(|p| Phone::parse(&p).ok()),
        email: email.and_then(|e| Email::parse(&e).ok()),
        lang,
    })
}

fn service_name(state: &AppState, lang: Lang, service_id: i64) -> String {
    state
        .catalog
        .by_id(service_id)
        .map(|s| s.name(lang).to_owned())
        .unwrap_or_default()
}

pub async fn page(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    pass: Pass,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let grant = match grant(&state, client, &token).await? {
        Ok(grant) => grant,
        Err(Refused::Expired) => return Ok(refused(ctx, pass, OneTapRefusal::Expired, None)),
        Err(Refused::Invalid) => return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None)),
    };
    let (now, today) = (state.clock.now(), state.clock.today());
    let data = match grant.action {
        Action::Confirm | Action::Cancel => {
            let Some(booking) = details::by_id(&state.db, grant.id).await? else {
                return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None));
            };
            let receipt = Some((booking.id, booking.code.clone()));
            let recall = state_of(&state.db, booking.id).await?;
            let answered = grant.action == Action::Confirm && recall.is_some_and(|r| r.confirmed());
            if !answered
                && let Err(err) = may_change(ACTOR, booking.status, booking.starts_at, today, now)
            {
                let why = not_possible(lang, &booking, &err);
                return Ok(refused(ctx, pass, OneTapRefusal::NotPossible(why), receipt));
            }
            OneTapData {
                token,
                action: if grant.action == Action::Confirm {
                    OneTapAction::Confirm
                } else {
                    OneTapAction::Cancel
                },
                service_name: service_name(&state, lang, booking.service_id),
                code_grouped: booking.booking_code().map(|c| c.display_grouped()),
                slot: current_slot(&state, lang, &booking),
            }
        }
        Action::Accept => {
            let Some((status, prescription_id, linked)) = waiting_entry(&state, grant.id).await?
            else {
                return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None));
            };
            let hold = match status {
                WaitingStatus::Offered => live_hold_of(&state.db, prescription_id, now).await?,
                _ => None,
            };
            let place = match &hold {
                Some(hold) => slot_place(&state, hold.slot_id).await?,
                None => None,
            };
            // Waiting for an earlier slot than a booking: accepting moves that booking.
            let current = match linked {
                Some(booking_id) => details::by_id(&state.db, booking_id).await?,
                None => None,
            };
            if let Some(booking) = &current
                && (hold.is_none() || !booking.status.is_active())
            {
                return Ok(earlier_gone(ctx, pass, status, booking));
            }
            let (Some(hold), Some((starts_at, facility_id))) = (hold, place) else {
                return offer_gone(&state, ctx, pass, prescription_id).await;
            };
            let service_id = crate::prescriptions::by_id(&state.db, prescription_id)
                .await?
                .map(|p| p.service_id)
                .unwrap_or_default();
            OneTapData {
                token,
                action: OneTapAction::Accept {
                    held_until: local(hold.expires_at),
                    moves_from: current.map(|b| local(b.starts_at)),
                },
                service_name: service_name(&state, lang, service_id),
                code_grouped: None,
                slot: slot_view(
                    &state,
                    lang,
                    hold.slot_id,
                    starts_at,
                    facility_id,
                    chrono::NaiveDate::MAX,
                ),
            }
        }
    };
    let html = render_document(view! { <OneTapPage ctx=ctx data=data /> });
    Ok(pass.page(private_page(lang, StatusCode::OK, html)))
}

/// An earlier slot's offer that can no longer be taken: the booking moved to it already, or the
/// booking is gone, or the offer lapsed (the booking stays); with the booking's receipt.
fn earlier_gone(
    ctx: PageContext,
    pass: Pass,
    status: WaitingStatus,
    booking: &BookingRow,
) -> Response {
    let r = ctx.lang.recall();
    let why = if !booking.status.is_active() {
        r.offer_booking_gone
    } else if status == WaitingStatus::Booked {
        r.offer_already_booked
    } else {
        r.earlier_offer_lapsed
    };
    let receipt = Some((booking.id, booking.code.clone()));
    refused(
        ctx,
        pass,
        OneTapRefusal::NotPossible(why.to_owned()),
        receipt,
    )
}

/// An offer that can no longer be taken: booked already (with its receipt), or lapsed.
async fn offer_gone(
    state: &AppState,
    ctx: PageContext,
    pass: Pass,
    prescription_id: i64,
) -> Result<Response, AppError> {
    let r = ctx.lang.recall();
    Ok(
        match crate::booking::details::active_of(&state.db, prescription_id).await? {
            Some(booking) => refused(
                ctx,
                pass,
                OneTapRefusal::NotPossible(r.offer_already_booked.to_owned()),
                Some(booking),
            ),
            None => refused(
                ctx,
                pass,
                OneTapRefusal::NotPossible(r.offer_lapsed.to_owned()),
                None,
            ),
        },
    )
}

pub async fn act(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    mut pass: Pass,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let grant = match grant(&state, client, &token).await? {
        Ok(grant) => grant,
        Err(Refused::Expired) => return Ok(refused(ctx, pass, OneTapRefusal::Expired, None)),
        Err(Refused::Invalid) => return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None)),
    };
    let (now, today) = (state.clock.now(), state.clock.today());
    match grant.action {
        Action::Confirm | Action::Cancel => {
            let Some(booking) = details::by_id(&state.db, grant.id).await? else {
                return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None));
            };
            let receipt = routes::receipt(&booking.code);
            let done = if grant.action == Action::Confirm {
                confirm_attendance(&state.db, booking.id, ACTOR, now, today)
                    .await
                    .map(|()| format!("{receipt}?presenza"))
            } else {
                let reason = CancelReason::from_text(ONE_TAP_CANCEL_REASON)
                    .map_err(|e| AppError::internal(format!("{e:?}")))?;
                cancel(&state.db, booking.id, &reason, ACTOR, now, today)
                    .await
                    .map(|()| format!("{receipt}?annullata"))
            };
            match done {
                Ok(to) => {
                    pass.remember_booking(booking.id);
                    Ok(pass.see_other(&to))
                }
                Err(err @ (BookingError::TooLateToChange { .. } | BookingError::NotActive)) => {
                    // Read again: it may have been cancelled meanwhile.
                    let booking = details::by_id(&state.db, grant.id)
                        .await?
                        .unwrap_or(booking);
                    let why = not_possible(lang, &booking, &err);
                    let receipt = Some((booking.id, booking.code.clone()));
                    Ok(refused(ctx, pass, OneTapRefusal::NotPossible(why), receipt))
                }
                Err(err) => Err(err.into()),
            }
        }
        Action::Accept => {
            let Some((status, prescription_id, linked)) = waiting_entry(&state, grant.id).await?
            else {
                return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None));
            };
            let hold = match status {
                WaitingStatus::Offered => live_hold_of(&state.db, prescription_id, now).await?,
                _ => None,
            };
            if let Some(booking_id) = linked {
                return accept_earlier_slot(&state, ctx, pass, grant.id, booking_id, status, hold)
                    .await;
            }
            let Some(hold) = hold else {
                // Posted twice: the first booked it.
                if let Some((id, code)) =
                    crate::booking::details::active_of(&state.db, prescription_id).await?
                {
                    pass.remember_booking(id);
                    return Ok(pass.see_other(&routes::receipt(&code)));
                }
                return offer_gone(&state, ctx, pass, prescription_id).await;
            };
            let contacts = citizen_contacts(&state, prescription_id, lang).await?;
            match confirm(&state.db, &hold.token, &contacts, None, ACTOR, now).await {
                Ok(confirmed) => {
                    pass.remember_booking(confirmed.booking_id);
                    let to = format!("{}?confermata", routes::receipt(confirmed.code.as_str()));
                    Ok(pass.see_other(&to))
                }
                Err(BookingError::HoldExpired | BookingError::AlreadyBooked) => {
                    if let Some((id, code)) =
                        crate::booking::details::active_of(&state.db, prescription_id).await?
                    {
                        pass.remember_booking(id);
                        return Ok(pass.see_other(&routes::receipt(&code)));
                    }
                    offer_gone(&state, ctx, pass, prescription_id).await
                }
                Err(BookingError::SlotTaken | BookingError::SlotUnavailable) => {
                    let why = lang.recall().slot_taken.to_owned();
                    Ok(refused(ctx, pass, OneTapRefusal::NotPossible(why), None))
                }
                Err(err) => Err(err.into()),
            }
        }
    }
}

/// Accepting an earlier slot for a booking: the booking moves (`change::accept_earlier`), or the
/// page says why it did not, with the booking's receipt.
async fn accept_earlier_slot(
    state: &AppState,
    ctx: PageContext,
    mut pass: Pass,
    waiting_id: i64,
    booking_id: i64,
    status: WaitingStatus,
    hold: Option<crate::booking::hold::Hold>,
) -> Result<Response, AppError> {
    let (now, today) = (state.clock.now(), state.clock.today());
    let Some(booking) = details::by_id(&state.db, booking_id).await? else {
        return Ok(refused(ctx, pass, OneTapRefusal::Invalid, None));
    };
    let Some(hold) = hold else {
        // Posted twice: the first moved it.
        if status == WaitingStatus::Booked {
            pass.remember_booking(booking.id);
            return Ok(pass.see_other(&routes::receipt(&booking.code)));
        }
        return Ok(earlier_gone(ctx, pass, status, &booking));
    };
    let r = ctx.lang.recall();
    let receipt = Some((booking.id, booking.code.clone()));
    match accept_earlier(&state.db, waiting_id, &hold.token, ACTOR, now, today).await {
        Ok(Accepted::Moved { booking_id }) => {
            pass.remember_booking(booking_id);
            Ok(pass.see_other(&format!("{}?spostata", routes::receipt(&booking.code))))
        }
        Ok(Accepted::Closed) | Err(BookingError::NotActive) => {
            let why = r.offer_booking_gone.to_owned();
            Ok(refused(ctx, pass, OneTapRefusal::NotPossible(why), receipt))
        }
        Err(BookingError::HoldExpired) => {
            let status = waiting_entry(state, waiting_id)
                .await?
                .map_or(status, |(status, _, _)| status);
            if status == WaitingStatus::Booked {
                pass.remember_booking(booking.id);
                return Ok(pass.see_other(&routes::receipt(&booking.code)));
            }
            Ok(earlier_gone(ctx, pass, status, &booking))
        }
        Err(BookingError::SlotTaken | BookingError::SlotUnavailable) => {
            let why = r.slot_taken.to_owned();
            Ok(refused(ctx, pass, OneTapRefusal::NotPossible(why), receipt))
        }
        Err(err) => Err(err.into()),
    }
}
