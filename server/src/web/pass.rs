//! The citizen's pass: what this browser has proven during the journey (the prescription it
//! typed, the slot it holds, the bookings it may see), in one encrypted and authenticated cookie.
//! No server-side session: the crowd costs the database nothing, and any instance can read it.
//! Handlers take it as the `Pass` extractor and answer with it (`Pass::see_other`) when it
//! changed.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, CookieJar, SameSite};
use serde::{Deserialize, Serialize};

use super::seal::CookieSeal;
use super::terminal::Terminal;
use crate::clock::Clock;

/// How long a pass lasts after its last use.
const LIFETIME_SECONDS: i64 = 3600;
/// On a kiosk terminal, much less: without JavaScript (no inactivity reset) what someone left
/// behind becomes useless after ten minutes.
const KIOSK_LIFETIME_SECONDS: i64 = 600;
/// Bookings remembered per browser (the most recent ones).
const MAX_BOOKINGS: usize = 10;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct CitizenPass {
    /// The prescription whose fiscal code and NRE were typed correctly.
    #[serde(default, rename = "p")]
    pub prescription: Option<i64>,
    /// The token of the slot held for that prescription.
    #[serde(default, rename = "h")]
    pub hold: Option<String>,
    /// The token of a slot held to move a booking, with that booking's id.
    #[serde(default, rename = "m")]
    pub move_hold: Option<(i64, String)>,
    /// How many times the held slot's time was extended ("give me more time").
    #[serde(default, rename = "x")]
    pub hold_extensions: u8,
    /// The prescription was chosen by its signed-in holder, not proven by its codes: it is
    /// good only while that citizen's session lasts (`booking::journey::proof`).
    #[serde(default, rename = "s", skip_serializing_if = "std::ops::Not::not")]
    pub signed_in: bool,
    /// Bookings this browser has proven it may see.
    #[serde(default, rename = "b")]
    pub bookings: Vec<i64>,
    #[serde(rename = "e")]
    pub expires: i64,
    /// Read on a kiosk terminal (not stored: the terminal's own cookie says so).
    #[serde(skip)]
    pub kiosk: bool,
}

/// The pass cookie's name: the __Host- prefix pins it to this host and path /, over HTTPS only.
fn cookie_name(seal: &CookieSeal) -> &'static str {
    if seal.secure {
        "__Host-cupola_pass"
    } else {
        "cupola_pass"
    }
}

/// The `Set-Cookie` value that deletes the pass.
pub fn removal_cookie(seal: &CookieSeal) -> Option<HeaderValue> {
    let cookie = Cookie::build((cookie_name(seal), ""))
        .path("/")
        .http_only(true)
        .secure(seal.secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

impl CitizenPass {
    /// The pass carried by the request, or an empty one (missing, tampered with or expired).
    pub fn read(
        headers: &HeaderMap,
        config: &CookieSeal,
        now: i64,
        terminal: Terminal,
    ) -> CitizenPass {
        let mut jar = CookieJar::new();
        for value in headers.get_all(header::COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            for cookie in Cookie::split_parse(value.to_owned()).flatten() {
                if cookie.name() == cookie_name(config) {
                    jar.add_original(cookie.into_owned());
                }
            }
        }
        let pass = jar
            .private(&config.key)
            .get(cookie_name(config))
            .and_then(|c| serde_json::from_str::<CitizenPass>(c.value()).ok())
            .filter(|pass| pass.expires > now)
            .unwrap_or_default();
        CitizenPass {
            kiosk: terminal.is_kiosk(),
            ..pass
        }
    }

    pub fn remember_booking(&mut self, booking_id: i64) {
        self.bookings.retain(|b| *b != booking_id);
        self.bookings.push(booking_id);
        if self.bookings.len() > MAX_BOOKINGS {
            self.bookings.remove(0);
        }
    }

    /// A booking the journey made or found for its prescription: remembered when the journey
    /// began with typed codes; one begun by a citizen signed in leaves it to the session, so
    /// that signing out (or a revoked delegation) takes it away.
    pub fn remember_journey_booking(&mut self, booking_id: i64) {
        if !self.signed_in {
            self.remember_booking(booking_id);
        }
    }

    pub fn may_see(&self, booking_id: i64) -> bool {
        self.bookings.contains(&booking_id)
    }

    /// The `Set-Cookie` value that stores this pass for another hour.
    pub fn set_cookie(mut self, config: &CookieSeal, now: i64) -> Option<HeaderValue> {
        let lifetime = if self.kiosk {
            KIOSK_LIFETIME_SECONDS
        } else {
            LIFETIME_SECONDS
        };
        self.expires = now + lifetime;
        let json = serde_json::to_string(&self).ok()?;
        let mut jar = CookieJar::new();
        jar.private_mut(&config.key).add(
            Cookie::build((cookie_name(config), json))
                .path("/")
                .http_only(true)
                .secure(config.secure)
                .same_site(SameSite::Lax)
                .max_age(cookie::time::Duration::seconds(lifetime)),
        );
        let cookie = jar.get(cookie_name(config))?;
        HeaderValue::from_str(&cookie.to_string()).ok()
    }
}

/// The request's pass, ready to be stored again with the answer.
pub struct Pass {
    pass: CitizenPass,
    config: CookieSeal,
    now: i64,
}

impl std::ops::Deref for Pass {
    type Target = CitizenPass;

    fn deref(&self) -> &CitizenPass {
        &self.pass
    }
}

impl std::ops::DerefMut for Pass {
    fn deref_mut(&mut self) -> &mut CitizenPass {
        &mut self.pass
    }
}

impl Pass {
    /// A 303 to `to`, storing the pass (for another hour).
    pub fn see_other(self, to: &str) -> Response {
        self.page(Redirect::to(to).into_response())
    }

    /// `response` (a page), storing the pass with it (for another hour).
    pub fn page(self, mut response: Response) -> Response {
        if let Some(cookie) = self.pass.set_cookie(&self.config, self.now) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        response
    }
}

impl<S> FromRequestParts<S> for Pass
where
    S: Send + Sync,
    CookieSeal: FromRef<S>,
    Clock: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let config = CookieSeal::from_ref(state);
        let now = Clock::from_ref(state).now();
        let terminal = Terminal::from_request_parts(parts, state).await?;
        Ok(Pass {
            pass: CitizenPass::read(&parts.headers, &config, now, terminal),
            config,
            now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookie::Key;

    fn config() -> CookieSeal {
        CookieSeal {
            key: Key::generate(),
            secure: false,
        }
    }

    fn request_with(set_cookie: &HeaderValue) -> HeaderMap {
        let pair = set_cookie
            .to_str()
            .expect("ascii")
            .split(';')
            .next()
            .expect("name=value")
            .to_owned();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&pair).expect("header"),
        );
        headers
    }

    #[test]
    fn a_pass_comes_back_as_it_was_written() {
        let config = config();
        let mut pass = CitizenPass {
            prescription: Some(7),
            hold: Some("abc".into()),
            ..CitizenPass::default()
        };
        pass.remember_booking(42);
        let cookie = pass.clone().set_cookie(&config, 1_000).expect("cookie");
        let read = CitizenPass::read(&request_with(&cookie), &config, 1_001, Terminal::Browser);
        assert_eq!(read.prescription, Some(7));
        assert!(read.may_see(42));
        assert!(!read.may_see(43));
    }

    #[test]
    fn a_pass_of_another_key_or_past_its_time_is_empty() {
        let config = config();
        let pass = CitizenPass {
            prescription: Some(7),
            ..CitizenPass::default()
        };
        let cookie = pass.set_cookie(&config, 1_000).expect("cookie");
        let headers = request_with(&cookie);
        assert_eq!(
            CitizenPass::read(&headers, &config, 1_000 + 3_601, Terminal::Browser),
            CitizenPass::default()
        );
        let other = CookieSeal {
            key: Key::generate(),
            secure: false,
        };
        assert_eq!(
            CitizenPass::read(&headers, &other, 1_001, Terminal::Browser),
            CitizenPass::default()
        );
    }

    #[test]
    fn only_the_latest_bookings_are_remembered() {
        let mut pass = CitizenPass::default();
        for id in 0..15 {
            pass.remember_booking(id);
        }
        assert_eq!(pass.bookings.len(), MAX_BOOKINGS);
        assert!(pass.may_see(14) && !pass.may_see(0));
    }
}
