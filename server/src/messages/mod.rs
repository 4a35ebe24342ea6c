//! What a message says: each outbox row composed, in the language the citizen used, as an
//! e-mail (plain text, an HTML alternative, the appointment as an `.ics` when there is one) or
//! as an SMS (date, time, place, booking code and link; no health detail).
//!
//! INTERFACE FIXED FOR ISSUE 13: the delivery worker calls `compose`; the content (texts,
//! HTML, calendar) is filled in behind it.

mod facts;
pub mod gsm7;
mod write;

use app::i18n::Lang;

use crate::outbox::Message;
use crate::state::AppState;

/// The two channels a message goes by (the outbox's `channel` column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// One outbox row to compose (the recipient's address is not needed to write it).
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub id: i64,
    pub message: Message,
    pub channel: Channel,
    pub booking_id: Option<i64>,
    pub waiting_id: Option<i64>,
    /// JSON written with the row (`{}` when the booking says it all).
    pub payload: String,
    pub lang: Lang,
    pub created_at: i64,
}

/// An appointment attached to an e-mail as `text/calendar; method=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// `REQUEST` (booked, moved) or `CANCEL`.
    pub method: &'static str,
    /// The whole VCALENDAR, CRLF line endings.
    pub ics: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    /// A whole HTML document (`<html lang>`, title), accessible like the pages.
    pub html: String,
    pub calendar: Option<Calendar>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Composed {
    Email(Email),
    /// The SMS text: within 160 GSM-7 characters where possible.
    Sms(String),
}

/// Writes the message of an outbox row. `Ok(None)`: there is nothing left to say (the booking
/// or entry it is about no longer exists, a confirmation, move or reminder is about a booking
/// that is no longer active, an offer's hold has lapsed), and the row is not sent.
///
/// What it says is read now, not when the row was queued: a confirmation sent late shows the
/// booking as it is. The calendar file is dated by the row (`created_at`), so a retried send
/// is the same file.
pub async fn compose(state: &AppState, out: &Outgoing) -> anyhow::Result<Option<Composed>> {
    let Some(facts) = facts::load(
        state,
        out.message,
        out.booking_id,
        out.waiting_id,
        &out.payload,
        out.lang,
        out.created_at,
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(match out.channel {
        Channel::Email => {
            let written = write::email(out.lang, &facts);
            Composed::Email(Email {
                subject: written.view.subject.clone(),
                text: written.view.text(),
                html: written.view.html(),
                calendar: written.ics.map(|ics| Calendar {
                    method: ics.method,
                    ics: ics.text,
                }),
            })
        }
        Channel::Sms => Composed::Sms(write::sms(out.lang, &facts)),
    }))
}
