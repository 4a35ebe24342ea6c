//! SMS through an HTTP gateway: one JSON POST per message, its body written from a template
//! (Italian gateways each want their own field names), with `Idempotency-Key: cupola-{id}` so a
//! gateway can drop a message sent again.

use anyhow::Context;

use super::config::{DeliveryConfig, non_empty};
use super::outcome::Outcome;

#[derive(Clone)]
pub struct Gateway {
    client: reqwest::Client,
    url: reqwest::Url,
    auth: Option<String>,
    template: String,
    sender: String,
}

/// `value` as the inside of a JSON string (quotes and controls escaped, no surrounding quotes).
fn json_escaped(value: &str) -> String {
    let quoted = serde_json::Value::String(value.to_owned()).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

/// The template with its placeholders replaced by JSON-escaped values.
pub fn render(template: &str, to: &str, text: &str, id: i64, sender: &str) -> String {
    template
        .replace("{{to}}", &json_escaped(to))
        .replace("{{text}}", &json_escaped(text))
        .replace("{{id}}", &id.to_string())
        .replace("{{sender}}", &json_escaped(sender))
}

impl Gateway {
    /// None when SMS are not configured (no gateway URL).
    pub fn new(config: &DeliveryConfig) -> anyhow::Result<Option<Gateway>> {
        let Some(url) = non_empty(&config.sms_gateway_url) else {
            return Ok(None);
        };
        let url = reqwest::Url::parse(url).context("CUPOLA_SMS_GATEWAY_URL is not a URL")?;
        let sample = render(
            &config.sms_body_template,
            "+39 333 0000000",
            "a \"b\"\n",
            1,
            "CUP",
        );
        serde_json::from_str::<serde_json::Value>(&sample)
            .context("CUPOLA_SMS_BODY_TEMPLATE does not give JSON once filled in")?;
        let client = reqwest::Client::builder()
            .timeout(config.timeout())
            .connect_timeout(config.timeout().min(std::time::Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(config.concurrency as usize)
            .build()
            .context("cannot build the gateway's HTTP client")?;
        Ok(Some(Gateway {
            client,
            url,
            auth: non_empty(&config.sms_gateway_auth).map(str::to_owned),
            template: config.sms_body_template.clone(),
            sender: config.sms_sender.clone(),
        }))
    }

    /// Posts the SMS of outbox row `id` to the gateway.
    pub async fn send(&self, id: i64, to: &str, text: &str) -> Outcome {
        let body = render(&self.template, to, text, id, &self.sender);
        let mut request = self
            .client
            .post(self.url.clone())
            .header("content-type", "application/json")
            .header("idempotency-key", format!("cupola-{id}"))
            .body(body);
        if let Some(auth) = &self.auth {
            request = request.header("authorization", auth);
        }
        match request.send().await {
            Ok(response) => classify(response.status().as_u16()),
            Err(err) if err.is_timeout() => Outcome::Retry("timeout".to_owned()),
            Err(err) if err.is_connect() => Outcome::Retry("connect".to_owned()),
            Err(_) => Outcome::Retry("http".to_owned()),
        }
    }
}

/// 2xx: sent; 408, 429 and 5xx: try again; any other answer: the gateway will not take it.
fn classify(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Sent,
        408 | 429 | 500..=599 => Outcome::Retry(format!("http {status}")),
        _ => Outcome::Failed(format!("http {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_gets_json_escaped_values() {
        let body = render(
            super::super::config::DEFAULT_SMS_TEMPLATE,
            "+393330000000",
            "Visita \"ecografia\"\nil 3/12",
            42,
            "",
        );
        let value: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(value["to"], "+393330000000");
        assert_eq!(value["text"], "Visita \"ecografia\"\nil 3/12");
        assert_eq!(value["id"], "42");
    }

    #[test]
    fn gateway_answers_are_sent_retried_or_failed() {
        assert_eq!(classify(200), Outcome::Sent);
        assert_eq!(classify(202), Outcome::Sent);
        assert_eq!(classify(503), Outcome::Retry("http 503".to_owned()));
        assert_eq!(classify(429), Outcome::Retry("http 429".to_owned()));
        assert_eq!(classify(408), Outcome::Retry("http 408".to_owned()));
        assert_eq!(classify(400), Outcome::Failed("http 400".to_owned()));
        assert_eq!(classify(401), Outcome::Failed("http 401".to_owned()));
    }

    #[test]
    fn a_template_that_is_not_json_is_refused_at_start() {
        let config = DeliveryConfig {
            sms_gateway_url: Some("http://127.0.0.1:9/sms".to_owned()),
            sms_body_template: "{\"to\": {{to}}".to_owned(),
            ..DeliveryConfig::default()
        };
        assert!(Gateway::new(&config).is_err());
    }
}
