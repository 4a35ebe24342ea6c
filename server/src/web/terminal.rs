//! Which terminal a request comes from: a pharmacy kiosk (a browser enrolled once at
//! `/chiosco`, carrying a mark signed with the server's key: setting the cookie by hand does
//! not make a kiosk) or any other browser. `mark` decides it once per request, ahead of
//! everything that depends on it (pages, the pass's lifetime, `no-store`, error pages).

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, CookieJar, SameSite};

use super::seal::CookieSeal;

/// The cookie that marks a kiosk terminal.
pub const KIOSK_COOKIE: &str = "cupola_chiosco";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Terminal {
    #[default]
    Browser,
    Kiosk,
}

impl Terminal {
    /// The terminal the request's cookies name.
    pub fn of(headers: &HeaderMap, config: &CookieSeal) -> Terminal {
        let mut jar = CookieJar::new();
        for cookie in headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(Cookie::split_parse)
            .filter_map(Result::ok)
            .filter(|c| c.name() == KIOSK_COOKIE)
        {
            jar.add_original(cookie.into_owned());
        }
        let marked = jar
            .signed(&config.key)
            .get(KIOSK_COOKIE)
            .is_some_and(|c| c.value() == "1");
        if marked {
            Terminal::Kiosk
        } else {
            Terminal::Browser
        }
    }

    pub fn is_kiosk(self) -> bool {
        self == Terminal::Kiosk
    }
}

/// The `Set-Cookie` value that enrols this browser as a kiosk (a year, nothing personal).
pub fn kiosk_mark(config: &CookieSeal) -> Option<HeaderValue> {
    let mut jar = CookieJar::new();
    jar.signed_mut(&config.key).add(
        Cookie::build((KIOSK_COOKIE, "1"))
            .path("/")
            .http_only(true)
            .secure(config.secure)
            .same_site(SameSite::Lax)
            .max_age(cookie::time::Duration::days(365)),
    );
    let cookie = jar.get(KIOSK_COOKIE)?;
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// The middleware: checks the kiosk mark once and leaves the answer in the request.
pub async fn mark(State(config): State<CookieSeal>, mut request: Request, next: Next) -> Response {
    let terminal = Terminal::of(request.headers(), &config);
    request.extensions_mut().insert(terminal);
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for Terminal {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Terminal>()
            .copied()
            .unwrap_or_default())
    }
}
