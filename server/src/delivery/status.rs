//! Which channels this instance delivers by, for the supervisor page and the log.

/// Set at start from the delivery settings (`AppState::with_delivery_status`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// `CUPOLA_SMTP_URL` and `CUPOLA_MAIL_FROM` are set: e-mails are sent.
    pub email_configured: bool,
    /// `CUPOLA_SMS_GATEWAY_URL` is set: SMS are sent.
    pub sms_configured: bool,
}
