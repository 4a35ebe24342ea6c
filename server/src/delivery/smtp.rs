//! E-mail over SMTP (lettre, a pool of connections): each composed message becomes a
//! multipart/alternative (text, HTML), inside a multipart/mixed with the appointment as
//! `invite.ics` when there is one. Its `Message-ID` is made from the outbox id, so a message
//! sent again (a lost answer, a dead instance) is the same message to whoever receives it.

use anyhow::Context;
use lettre::message::header::{ContentDisposition, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::config::{DeliveryConfig, non_empty};
use super::outcome::Outcome;
use crate::messages::Email;

/// `X-Cupola-Message: {outbox id}`, for the receiving side to drop what it already has.
#[derive(Clone, Debug)]
struct XCupolaMessage(i64);

impl Header for XCupolaMessage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Cupola-Message")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XCupolaMessage(s.trim().parse()?))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_string())
    }
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    reply_to: Option<Mailbox>,
    /// The right-hand side of every Message-ID.
    domain: String,
}

impl Mailer {
    /// None when e-mail is not configured (no SMTP URL or no sender). `public_url`: the
    /// address one-tap links start with, whose host names the Message-IDs when it is a name.
    pub fn new(config: &DeliveryConfig, public_url: &str) -> anyhow::Result<Option<Mailer>> {
        let (Some(url), Some(from)) = (non_empty(&config.smtp_url), non_empty(&config.mail_from))
        else {
            return Ok(None);
        };
        let from: Mailbox = from.parse().context("CUPOLA_MAIL_FROM is not an address")?;
        let reply_to = non_empty(&config.mail_reply_to)
            .map(str::parse::<Mailbox>)
            .transpose()
            .context("CUPOLA_MAIL_REPLY_TO is not an address")?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("CUPOLA_SMTP_URL is not an SMTP URL (smtp://, smtps://)")?
            .timeout(Some(config.timeout()))
            .pool_config(PoolConfig::new().max_size(config.concurrency.max(1)))
            .build();
        let domain = message_id_domain(public_url, &from);
        Ok(Some(Mailer {
            transport,
            from,
            reply_to,
            domain,
        }))
    }

    /// The stable Message-ID of outbox row `id`.
    pub fn message_id(&self, id: i64) -> String {
        format!("<outbox-{id}@{}>", self.domain)
    }

    /// Builds the message of outbox row `id` to `to`.
    pub fn build(&self, id: i64, to: &str, email: &Email) -> Result<lettre::Message, Outcome> {
        let to: Mailbox = to
            .parse()
            .map_err(|_| Outcome::Failed("address".to_owned()))?;
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(self.message_id(id)))
            .header(XCupolaMessage(id));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let alternative = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
        let body = match &email.calendar {
            None => alternative,
            Some(calendar) => {
                let content_type = ContentType::parse(&format!(
                    "text/calendar; method={}; charset=utf-8",
                    calendar.method
                ))
                .map_err(|_| Outcome::Failed("calendar".to_owned()))?;
                MultiPart::mixed().multipart(alternative).singlepart(
                    SinglePart::builder()
                        .header(content_type)
                        .header(ContentDisposition::attachment("invite.ics"))
                        .body(calendar.ics.clone()),
                )
            }
        };
        builder
            .multipart(body)
            .map_err(|_| Outcome::Failed("message".to_owned()))
    }

    /// Hands the message to the SMTP server.
    pub async fn send(&self, id: i64, to: &str, email: &Email) -> Outcome {
        let message = match self.build(id, to, email) {
            Ok(message) => message,
            Err(outcome) => return outcome,
        };
        match self.transport.send(message).await {
            Ok(_) => Outcome::Sent,
            Err(err) => classify(&err),
        }
    }
}

/// A refusal as a class and a code: never the server's text, which may quote the address.
fn classify(err: &lettre::transport::smtp::Error) -> Outcome {
    if let Some(code) = err.status() {
        let class = format!("smtp {code}");
        return if err.is_permanent() {
            Outcome::Failed(class)
        } else {
            Outcome::Retry(class)
        };
    }
    let class = if err.is_timeout() {
        "timeout"
    } else if err.is_tls() {
        "tls"
    } else if err.is_client() || err.is_response() {
        "smtp protocol"
    } else {
        "connect"
    };
    Outcome::Retry(class.to_owned())
}

/// The host of the public URL when it is a name (not an address, not localhost), else the
/// sender's domain.
fn message_id_domain(public_url: &str, from: &Mailbox) -> String {
    let host = reqwest::Url::parse(public_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .filter(|h| {
            h != "localhost" && h.chars().any(|c| c.is_ascii_alphabetic()) && !h.contains(':')
        });
    host.unwrap_or_else(|| from.email.domain().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Calendar;

    fn mailer() -> Mailer {
        let config = DeliveryConfig {
            smtp_url: Some("smtp://127.0.0.1:2525".to_owned()),
            mail_from: Some("CUP <cup@asl.example.it>".to_owned()),
            ..DeliveryConfig::default()
        };
        Mailer::new(&config, "http://127.0.0.1:3000")
            .expect("valid settings")
            .expect("configured")
    }

    fn email(calendar: Option<Calendar>) -> Email {
        Email {
            subject: "Prenotazione confermata".to_owned(),
            text: "Testo".to_owned(),
            html: "<!doctype html><html lang=\"it\"><title>t</title><p>Testo</p></html>".to_owned(),
            calendar,
        }
    }

    #[tokio::test]
    async fn the_message_id_is_the_outbox_id_at_the_public_host_or_the_senders_domain() {
        let from: Mailbox = "cup@asl.example.it".parse().expect("address");
        assert_eq!(
            message_id_domain("https://cup.regione.example.it/", &from),
            "cup.regione.example.it"
        );
        assert_eq!(
            message_id_domain("http://127.0.0.1:3000", &from),
            "asl.example.it"
        );
        assert_eq!(
            message_id_domain("http://localhost:3000", &from),
            "asl.example.it"
        );
        assert_eq!(mailer().message_id(42), "<outbox-42@asl.example.it>");
    }

    #[tokio::test]
    async fn an_email_is_text_and_html_alternatives_with_its_ids() {
        let raw = String::from_utf8(
            mailer()
                .build(7, "a@b.example", &email(None))
                .expect("built")
                .formatted(),
        )
        .expect("utf-8");
        assert!(
            raw.contains("Message-ID: <outbox-7@asl.example.it>"),
            "{raw}"
        );
        assert!(raw.contains("X-Cupola-Message: 7"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(!raw.contains("multipart/mixed"));
        assert!(!raw.contains("text/calendar"));
    }

    #[tokio::test]
    async fn an_appointment_is_attached_as_a_calendar_with_its_method() {
        let calendar = Calendar {
            method: "CANCEL",
            ics: "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n".to_owned(),
        };
        let raw = String::from_utf8(
            mailer()
                .build(8, "a@b.example", &email(Some(calendar)))
                .expect("built")
                .formatted(),
        )
        .expect("utf-8");
        assert!(raw.contains("multipart/mixed"));
        assert!(raw.contains("multipart/alternative"));
        assert!(
            raw.contains("Content-Type: text/calendar; method=CANCEL; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("filename=\"invite.ics\""));
    }

    #[tokio::test]
    async fn a_malformed_address_fails_for_good() {
        assert!(matches!(
            mailer().build(9, "not an address", &email(None)),
            Err(Outcome::Failed(class)) if class == "address"
        ));
    }
}
