//! What a message says: each outbox row composed, in the language the citizen used, as an
//! e-mail (plain text, an HTML alternative, the appointment as an `.ics` when there is one) or
//! as an SMS (date, time, place, booking code and link; no health detail).
//!
//! INTERFACE FIXED FOR ISSUE 13: the delivery worker calls `compose`; the content (texts,
//! HTML, calendar) is filled in behind it.

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
/// or entry it is about no longer exists), and the row is not sent.
pub async fn compose(state: &AppState, out: &Outgoing) -> anyhow::Result<Option<Composed>> {
    let _ = state;
    // Placeholder until the content lands: a plain line naming the kind.
    let line = format!("Cupola: {} ({})", out.message.kind(), out.lang.code());
    Ok(Some(match out.channel {
        Channel::Email => Composed::Email(Email {
            subject: line.clone(),
            text: line.clone(),
            html: format!(
                "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{line}</title></head><body><p>{line}</p></body></html>",
                out.lang.code()
            ),
            calendar: None,
        }),
        Channel::Sms => Composed::Sms(line),
    }))
}
