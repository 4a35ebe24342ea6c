//! The one calendar builder: a booking as an iCalendar event, for the receipt's `.ics` and for
//! the e-mails about it. Both carry the same UID (`booking-{id}@cupola`) and SEQUENCE (the
//! booking's, raised by each move; one more once it is cancelled, as a change of STATUS is a
//! revision), so a calendar that imported one updates it from the other.

use app::i18n::Lang;

use super::details::BookingRow;
use crate::state::AppState;

/// What the calendar file asks of the application that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A file to import (the receipt's download).
    Publish,
    /// An invitation to add or update (e-mails about a booked or moved visit).
    Request,
    /// The appointment is off.
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// A booking as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appointment {
    pub booking_id: i64,
    pub sequence: i64,
    pub cancelled: bool,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// The receipt's absolute address.
    pub url: String,
}

impl Appointment {
    /// The booking as an event, its texts in `lang`. None when its service is not in the
    /// catalogue (a bug, not an answer).
    pub fn of(state: &AppState, lang: Lang, booking: &BookingRow) -> Option<Appointment> {
        let service = state.catalog.by_id(booking.service_id)?;
        let grouped = booking.booking_code()?.display_grouped();
        let prep = service.prep_notes(lang);
        let mut description = format!("{}: {grouped}", lang.t().code_label_booking);
        if !prep.is_empty() {
            description.push('\n');
            description.push_str(prep);
        }
        Some(Appointment {
            booking_id: booking.id,
            sequence: booking.sequence,
            cancelled: !booking.status.is_active(),
            summary: service.name(lang).to_owned(),
            location: format!(
                "{}, {}, {}",
                booking.facility_name, booking.address, booking.town
            ),
            description,
            starts_at: booking.starts_at,
            ends_at: booking.ends_at,
            url: state.links.absolute(&app::routes::receipt(&booking.code)),
        })
    }

    /// The event's UID: the booking's, never its code (codes are secrets of a kind).
    pub fn uid(&self) -> String {
        format!("booking-{}@cupola", self.booking_id)
    }

    /// The SEQUENCE: each move raised the booking's; the cancellation is one more revision.
    pub fn sequence(&self) -> i64 {
        self.sequence + i64::from(self.cancelled)
    }

    /// The method this event is sent with: `active` while the booking holds, CANCEL after.
    pub fn method(&self, active: Method) -> Method {
        if self.cancelled {
            Method::Cancel
        } else {
            active
        }
    }

    /// The whole VCALENDAR (CRLF line ends, lines folded at 75 octets). `stamp` is DTSTAMP:
    /// when this version of the event was written (for a message, when it was queued, so a
    /// retried send is the same file).
    pub fn ics(&self, active: Method, stamp: i64) -> String {
        let method = self.method(active);
        let status = if method == Method::Cancel {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        let lines = [
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Cupola//Prenotazioni sanitarie//IT".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            format!("METHOD:{}", method.as_str()),
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", self.uid()),
            format!("SEQUENCE:{}", self.sequence()),
            format!("DTSTAMP:{}", utc(stamp)),
            format!("DTSTART:{}", utc(self.starts_at)),
            format!("DTEND:{}", utc(self.ends_at)),
            format!("STATUS:{status}"),
            format!("SUMMARY:{}", escape(&self.summary)),
            format!("LOCATION:{}", escape(&self.location)),
            format!("DESCRIPTION:{}", escape(&self.description)),
            format!("URL:{}", self.url),
            "TRANSP:OPAQUE".to_owned(),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ];
        let mut out = String::new();
        for line in lines {
            fold(&line, &mut out);
        }
        out
    }
}

/// A UTC date-time (`20261203T073000Z`).
fn utc(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a character), CRLF after each piece.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appointment(cancelled: bool) -> Appointment {
        Appointment {
            booking_id: 42,
            sequence: 2,
            cancelled,
            summary: "Visita oculistica; controllo".into(),
            location:
                "Presidio Ospedaliero Santa Maria Annunziata, Via dell'Antella 58, Bagno a Ripoli"
                    .into(),
            description: "Codice: ABCDE-FGHJK\nPortare gli occhiali".into(),
            starts_at: 1_796_283_000, // 2026-12-03 07:30 UTC
            ends_at: 1_796_284_800,
            url: "https://cupola.example/prenotazioni/ABCDEFGHJK".into(),
        }
    }

    /// The content lines, unfolded.
    fn unfolded(ics: &str) -> Vec<String> {
        assert!(ics.ends_with("\r\n"));
        let mut lines: Vec<String> = Vec::new();
        for raw in ics.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(!raw.contains('\n'), "bare newline in {raw:?}");
            assert!(raw.len() <= 75, "unfolded line {raw:?}");
            match raw.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
                None => lines.push(raw.to_owned()),
            }
        }
        lines
    }

    #[test]
    fn an_active_booking_is_a_request_with_its_uid_sequence_and_utc_times() {
        let lines = unfolded(&appointment(false).ics(Method::Request, 1_796_000_000));
        for expected in [
            "METHOD:REQUEST",
            "UID:booking-42@cupola",
            "SEQUENCE:2",
            "DTSTART:20261203T073000Z",
            "DTEND:20261203T080000Z",
            "STATUS:CONFIRMED",
            "SUMMARY:Visita oculistica\\; controllo",
            "LOCATION:Presidio Ospedaliero Santa Maria Annunziata\\, Via dell'Antella 58\\, Bagno a Ripoli",
            "DESCRIPTION:Codice: ABCDE-FGHJK\\nPortare gli occhiali",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "{expected} in {lines:#?}"
            );
        }
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    }

    #[test]
    fn a_cancelled_booking_is_a_cancel_one_revision_later_whatever_was_asked() {
        let appointment = appointment(true);
        for asked in [Method::Publish, Method::Request] {
            let lines = unfolded(&appointment.ics(asked, 0));
            assert!(lines.contains(&"METHOD:CANCEL".to_owned()));
            assert!(lines.contains(&"STATUS:CANCELLED".to_owned()));
            assert!(lines.contains(&"SEQUENCE:3".to_owned()));
            assert!(lines.contains(&"UID:booking-42@cupola".to_owned()));
        }
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "è".repeat(60)), &mut out);
        for piece in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= 75);
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "è".repeat(60))
        );
    }
}
