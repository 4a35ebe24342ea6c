//! What one attempt to hand a message over came to.

/// The error strings are a class and a code ("smtp 451", "http 503", "connect"): never an
/// address or the server's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted by the SMTP server or the gateway.
    Sent,
    /// Refused for now (4xx SMTP, 5xx/408/429 gateway, no connection, a timeout).
    Retry(String),
    /// Refused for good (5xx SMTP, other 4xx gateway, a malformed address).
    Failed(String),
}
