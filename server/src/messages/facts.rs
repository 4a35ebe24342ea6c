//! What a message is about, read from the database when it is composed (not when it was
//! queued): the booking as it is now, or the slot held for a waiting-list entry. None when
//! there is nothing left to say: the booking or entry is gone, a confirmation, move or reminder
//! is about a booking no longer active, an offer's hold has lapsed.

use app::i18n::Lang;
use app::routes;
use chrono::{NaiveDate, NaiveDateTime};

use crate::booking::calendar::{Appointment, Method};
use crate::booking::details::{self, BookingRow};
use crate::booking::rules::last_day_online;
use crate::clock::{local, start_of_day};
use crate::db::on_read;
use crate::links::Action;
use crate::outbox::Message;
use crate::state::AppState;

/// The appointment as every message about a booking tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub code: String,
    pub code_grouped: String,
    pub service: String,
    pub prep: String,
    /// Italian wall-clock time.
    pub starts: NaiveDateTime,
    pub place: Place,
    pub receipt_url: String,
    /// While the citizen may still change it online: until when, and the one-tap links.
    pub online: Option<Online>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub facility: String,
    pub address: String,
    pub town: String,
    pub access: String,
}

/// The last day a booking may change online, and the links that act on it until its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Online {
    pub until: NaiveDate,
    pub confirm_url: String,
    pub cancel_url: String,
}

/// A slot held for a waiting-list entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub service: String,
    pub starts: NaiveDateTime,
    pub place: Place,
    /// When the hold ends (Italian wall-clock time).
    pub hold_until: NaiveDateTime,
    pub accept_url: String,
    /// For an entry waiting for a slot earlier than its booking: when that booking starts now
    /// (accepting moves it).
    pub moves_from: Option<NaiveDateTime>,
}

/// A calendar file to attach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ics {
    pub method: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Facts {
    Confirmed(Visit, Ics),
    Moved(Visit, Ics),
    Cancelled(Visit, Ics),
    Offered(Offer),
    /// Moved by a suspension of its agenda, from `previous`.
    SuspendedMoved {
        visit: Visit,
        previous: NaiveDateTime,
        reason: String,
        ics: Ics,
    },
    /// Cancelled by a suspension and put back on the waiting list, due by `deadline`.
    SuspendedWaitlisted {
        visit: Visit,
        reason: String,
        deadline: Option<NaiveDate>,
        ics: Ics,
    },
    Reminder {
        visit: Visit,
        days_before: i64,
    },
}

/// Reads what the outbox row `message` (about `booking_id` or `waiting_id`, with `payload`)
/// tells, in `lang`. `stamp` (when the row was queued) dates its calendar file.
pub async fn load(
    state: &AppState,
    message: Message,
    booking_id: Option<i64>,
    waiting_id: Option<i64>,
    payload: &str,
    lang: Lang,
    stamp: i64,
) -> anyhow::Result<Option<Facts>> {
    if message == Message::SlotOffered {
        let Some(waiting_id) = waiting_id else {
            return Ok(None);
        };
        return offer(state, lang, waiting_id).await;
    }
    let Some(booking_id) = booking_id else {
        return Ok(None);
    };
    let Some(booking) = details::by_id(&state.db, booking_id).await? else {
        return Ok(None);
    };
    let Some(appointment) = Appointment::of(state, lang, &booking) else {
        return Ok(None);
    };
    let ics = Ics {
        method: appointment.method(Method::Request).as_str(),
        text: appointment.ics(Method::Request, stamp),
    };
    let active = booking.status.is_active();
    let Some(visit) = visit(state, lang, &booking) else {
        return Ok(None);
    };
    let payload: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
    let facts = match message {
        Message::BookingConfirmed if active => Facts::Confirmed(visit, ics),
        Message::BookingMoved if active => Facts::Moved(visit, ics),
        Message::BookingCancelled if !active => Facts::Cancelled(visit, ics),
        Message::Reminder if active && booking.starts_at > state.clock.now() => Facts::Reminder {
            visit,
            days_before: payload["days_before"].as_i64().unwrap_or(0),
        },
        Message::AgendaSuspended => {
            let reason = payload["reason"].as_str().unwrap_or_default().to_owned();
            match payload["outcome"].as_str() {
                Some("moved") if active => Facts::SuspendedMoved {
                    visit,
                    previous: rfc3339_local(&payload["previous_starts_at"])
                        .unwrap_or(local(booking.starts_at)),
                    reason,
                    ics,
                },
                Some("waiting_list") => Facts::SuspendedWaitlisted {
                    visit,
                    reason,
                    deadline: payload["deadline"]
                        .as_str()
                        .and_then(|d| d.parse::<NaiveDate>().ok()),
                    ics,
                },
                _ => return Ok(None),
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(facts))
}

fn visit(state: &AppState, lang: Lang, booking: &BookingRow) -> Option<Visit> {
    let service = state.catalog.by_id(booking.service_id)?;
    let code = booking.booking_code()?;
    let online =
        last_day_online(booking.status, booking.starts_at, state.clock.today()).map(|until| {
            // The links work until the end of the last day the booking may change online.
            let expires = start_of_day(until.succ_opt().unwrap_or(until));
            Online {
                until,
                confirm_url: state.links.url(Action::Confirm, booking.id, expires),
                cancel_url: state.links.url(Action::Cancel, booking.id, expires),
            }
        });
    Some(Visit {
        code: code.as_str().to_owned(),
        code_grouped: code.display_grouped(),
        service: service.name(lang).to_owned(),
        prep: service.prep_notes(lang).to_owned(),
        starts: local(booking.starts_at),
        place: Place {
            facility: booking.facility_name.clone(),
            address: booking.address.clone(),
            town: booking.town.clone(),
            access: match lang.data() {
                Lang::En => booking.access_notes_en.clone(),
                _ => booking.access_notes_it.clone(),
            },
        },
        receipt_url: state.links.absolute(&routes::receipt(code.as_str())),
        online,
    })
}

/// The slot held for the entry, while the entry is offered it and the hold lasts.
async fn offer(state: &AppState, lang: Lang, waiting_id: i64) -> anyhow::Result<Option<Facts>> {
    let now = state.clock.now();
    // The hold's end, the slot's start, facility and service; the linked booking and its start.
    type Held = (i64, i64, i64, i64, Option<i64>, Option<i64>);
    let held: Option<Held> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select h.expires_at, s.starts_at, s.facility_id, s.service_id, w.booking_id, \
             (select bs.starts_at from bookings b join slots bs on bs.id = b.slot_id \
              where b.id = w.booking_id and b.status = 'confirmed') \
             from waiting_list w \
             join holds h on h.prescription_id = w.prescription_id \
             join slots s on s.id = h.slot_id \
             where w.id = $1 and w.status = 'offered' and h.expires_at > $2",
        )
        .bind(waiting_id)
        .bind(now)
        .fetch_optional(pool)
        .await?
    });
    let Some((expires_at, starts_at, facility_id, service_id, linked, current)) = held else {
        return Ok(None);
    };
    // Linked to a booking that is gone: nothing to offer (the entry is closing).
    if linked.is_some() && current.is_none() {
        return Ok(None);
    }
    let (Some(service), Some(facility)) = (
        state.catalog.by_id(service_id),
        state.directory.get(facility_id),
    ) else {
        return Ok(None);
    };
    Ok(Some(Facts::Offered(Offer {
        service: service.name(lang).to_owned(),
        starts: local(starts_at),
        place: Place {
            facility: facility.name.clone(),
            address: facility.address.clone(),
            town: facility.town.clone(),
            access: facility.access_notes(lang).to_owned(),
        },
        hold_until: local(expires_at),
        accept_url: state.links.url(Action::Accept, waiting_id, expires_at),
        moves_from: current.map(local),
    })))
}

/// An RFC 3339 time from a payload, as Italian wall-clock time.
fn rfc3339_local(value: &serde_json::Value) -> Option<NaiveDateTime> {
    let at = chrono::DateTime::parse_from_rfc3339(value.as_str()?).ok()?;
    Some(local(at.timestamp()))
}
