//! The delivery settings (`CUPOLA_SMTP_URL`, `CUPOLA_SMS_GATEWAY_URL`, …), flattened into the
//! command line.

use std::time::Duration;

/// The default JSON body of a gateway request; `{{…}}` are replaced by JSON-escaped values.
pub const DEFAULT_SMS_TEMPLATE: &str = r#"{"to":"{{to}}","text":"{{text}}","id":"{{id}}"}"#;

#[derive(Clone, Debug, clap::Args)]
pub struct DeliveryConfig {
    /// The SMTP server e-mails are handed to, e.g. smtps://user:password@smtp.example.it (TLS
    /// from the start), smtp://smtp.example.it:587?tls=required (STARTTLS), or smtp://host:25
    /// (plain, a local relay). Unset: e-mails wait, pending.
    #[arg(long, env = "CUPOLA_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mails, e.g. "CUP Regione <cup@example.it>".
    #[arg(long, env = "CUPOLA_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// An address replies go to, if not the sender.
    #[arg(long, env = "CUPOLA_MAIL_REPLY_TO", global = true)]
    pub mail_reply_to: Option<String>,

    /// The SMS gateway's URL, POSTed one JSON body per message. Unset: SMS wait, pending.
    #[arg(long, env = "CUPOLA_SMS_GATEWAY_URL", global = true)]
    pub sms_gateway_url: Option<String>,

    /// The value of the Authorization header sent to the gateway (e.g. "Bearer …").
    #[arg(
        long,
        env = "CUPOLA_SMS_GATEWAY_AUTH",
        hide_env_values = true,
        global = true
    )]
    pub sms_gateway_auth: Option<String>,

    /// The gateway's JSON body, with {{to}}, {{text}}, {{id}} and {{sender}} replaced by
    /// JSON-escaped values (write them inside quotes).
    #[arg(long, env = "CUPOLA_SMS_BODY_TEMPLATE", default_value = DEFAULT_SMS_TEMPLATE, global = true)]
    pub sms_body_template: String,

    /// The sender name or number put in {{sender}}.
    #[arg(long, env = "CUPOLA_SMS_SENDER", default_value = "", global = true)]
    pub sms_sender: String,

    /// Attempts of a message before it is given up (`failed`).
    #[arg(
        long = "delivery-max-attempts",
        env = "CUPOLA_DELIVERY_MAX_ATTEMPTS",
        default_value_t = 8,
        value_parser = clap::value_parser!(i64).range(1..=100),
        global = true
    )]
    pub max_attempts: i64,

    /// Messages being sent at once by this instance (and SMTP connections kept open): each
    /// hand-over waits about 40 ms on the network (lettre writes a message in two small
    /// writes without TCP_NODELAY), so 64 at once are needed for 500 messages a second.
    #[arg(
        long = "delivery-concurrency",
        env = "CUPOLA_DELIVERY_CONCURRENCY",
        default_value_t = 64,
        value_parser = clap::value_parser!(u32).range(1..=1024),
        global = true
    )]
    pub concurrency: u32,

    /// Milliseconds between looks at the outbox when nothing woke the worker.
    #[arg(
        long = "delivery-poll-ms",
        env = "CUPOLA_DELIVERY_POLL_MS",
        default_value_t = 1000,
        value_parser = clap::value_parser!(u64).range(10..=60_000),
        global = true
    )]
    pub poll_ms: u64,

    /// Seconds a claimed message is this instance's: if it dies, another sends it after that.
    #[arg(
        long = "delivery-lease-seconds",
        env = "CUPOLA_DELIVERY_LEASE_SECONDS",
        default_value_t = 60,
        value_parser = clap::value_parser!(i64).range(1..=3600),
        global = true
    )]
    pub lease_seconds: i64,

    /// Seconds before the first retry; each later one waits up to twice as long (random).
    #[arg(
        long = "delivery-backoff-seconds",
        env = "CUPOLA_DELIVERY_BACKOFF_SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=86_400),
        global = true
    )]
    pub backoff_seconds: u64,

    /// The longest wait between two attempts, in seconds.
    #[arg(
        long = "delivery-backoff-max-seconds",
        env = "CUPOLA_DELIVERY_BACKOFF_MAX_SECONDS",
        default_value_t = 3600,
        value_parser = clap::value_parser!(u64).range(1..=604_800),
        global = true
    )]
    pub backoff_max_seconds: u64,

    /// Seconds one SMTP command or gateway request may take before it counts as failed (and
    /// is retried).
    #[arg(
        long = "delivery-timeout-seconds",
        env = "CUPOLA_DELIVERY_TIMEOUT_SECONDS",
        default_value_t = 20,
        value_parser = clap::value_parser!(u64).range(1..=600),
        global = true
    )]
    pub timeout_seconds: u64,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            smtp_url: None,
            mail_from: None,
            mail_reply_to: None,
            sms_gateway_url: None,
            sms_gateway_auth: None,
            sms_body_template: DEFAULT_SMS_TEMPLATE.to_owned(),
            sms_sender: String::new(),
            max_attempts: 8,
            concurrency: 64,
            poll_ms: 1000,
            lease_seconds: 60,
            backoff_seconds: 30,
            backoff_max_seconds: 3600,
            timeout_seconds: 20,
        }
    }
}

impl DeliveryConfig {
    pub fn status(&self) -> super::status::Status {
        super::status::Status {
            email_configured: non_empty(&self.smtp_url).is_some()
                && non_empty(&self.mail_from).is_some(),
            sms_configured: non_empty(&self.sms_gateway_url).is_some(),
        }
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_seconds)
    }

    pub fn backoff(&self) -> (Duration, Duration) {
        (
            Duration::from_secs(self.backoff_seconds),
            Duration::from_secs(self.backoff_max_seconds),
        )
    }
}

pub(super) fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
