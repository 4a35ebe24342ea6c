//! The legal pages (issue 16), linked from every footer: the privacy notice, the accessibility
//! statement, the cookies and the source code (AGPL-3.0 section 13: a network service offers
//! its source). Their settings (`LegalConfig`: controller, DPO, source address, the statement's
//! date) are handed to the views once at start; the pages are fixed texts, rendered once per
//! language and compressed at the highest level, like the data sources. The statement's
//! feedback form and its storage are `feedback`; the supervisors' pages, `review`.

pub mod feedback;
pub mod review;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use chrono::NaiveDate;
use leptos::prelude::*;

use app::i18n::Lang;
use app::routes;
use app::views::legal::{
    AccessibilityPage, CookiesPage, DEMO_CONTROLLER, DEMO_DPO, DEMO_SOURCE_URL, LegalSettings,
    PrivacyPage, STATEMENT_DATE, SourceCodePage, legal, set_legal,
};
use app::views::{PageContext, render_document};

use crate::assets::{Compressed, Effort};
use crate::state::AppState;
use crate::web::page::{Page, html_page};

/// What the legal pages say about this deployment. The defaults are the demo's and say so.
#[derive(Clone, Debug, PartialEq, Eq, clap::Args)]
pub struct LegalConfig {
    /// The data controller named by the privacy notice and the accessibility statement: name,
    /// address and a contact (PEC), as written for people.
    #[arg(long, env = "CUPOLA_PRIVACY_CONTROLLER", default_value = DEMO_CONTROLLER, global = true)]
    pub privacy_controller: String,
    /// How to reach the data protection officer (an address, a PEC, a phone).
    #[arg(long, env = "CUPOLA_DPO_CONTACT", default_value = DEMO_DPO, global = true)]
    pub dpo_contact: String,
    /// Where the source code of the version running is (AGPL-3.0 section 13). A deployment that
    /// changes Cupola must point it to its own changed source.
    #[arg(long, env = "CUPOLA_SOURCE_URL", default_value = DEMO_SOURCE_URL, global = true)]
    pub source_url: String,
    /// The revision of the source running (a tag or commit), shown beside the version.
    #[arg(long, env = "CUPOLA_SOURCE_REVISION", global = true)]
    pub source_revision: Option<String>,
    /// The date of the accessibility statement (YYYY-MM-DD): the last self-assessment.
    #[arg(
        long,
        env = "CUPOLA_ACCESSIBILITY_STATEMENT_DATE",
        default_value = STATEMENT_DATE,
        global = true
    )]
    pub accessibility_statement_date: NaiveDate,
}

impl LegalConfig {
    /// What the views show.
    pub fn settings(&self) -> LegalSettings {
        LegalSettings {
            controller: self.privacy_controller.trim().to_owned(),
            dpo_contact: self.dpo_contact.trim().to_owned(),
            source_url: self.source_url.trim().to_owned(),
            source_revision: self
                .source_revision
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
            statement_date: self.accessibility_statement_date,
        }
    }

    /// Hands the settings to the views, once at start (like the help line).
    pub fn apply(&self) {
        set_legal(self.settings());
    }
}

/// The four documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Document {
    Privacy,
    Accessibility,
    Cookies,
    SourceCode,
}

impl Document {
    fn path(self) -> &'static str {
        match self {
            Document::Privacy => routes::PRIVACY,
            Document::Accessibility => routes::ACCESSIBILITY,
            Document::Cookies => routes::COOKIES,
            Document::SourceCode => routes::SOURCE_CODE,
        }
    }

    fn render(self, ctx: PageContext, settings: LegalSettings, audit_months: u32) -> String {
        match self {
            Document::Privacy => render_document(view! {
                <PrivacyPage ctx=ctx settings=settings audit_months=audit_months />
            }),
            Document::Accessibility => {
                render_document(view! { <AccessibilityPage ctx=ctx settings=settings /> })
            }
            Document::Cookies => render_document(view! { <CookiesPage ctx=ctx /> }),
            Document::SourceCode => {
                render_document(view! { <SourceCodePage ctx=ctx settings=settings /> })
            }
        }
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            routes::PRIVACY,
            get(|state: State<AppState>, page: Page, headers: HeaderMap| {
                document(state, page, headers, Document::Privacy)
            }),
        )
        .route(
            routes::ACCESSIBILITY,
            get(|state: State<AppState>, page: Page, headers: HeaderMap| {
                document(state, page, headers, Document::Accessibility)
            }),
        )
        .route(
            routes::COOKIES,
            get(|state: State<AppState>, page: Page, headers: HeaderMap| {
                document(state, page, headers, Document::Cookies)
            }),
        )
        .route(
            routes::SOURCE_CODE,
            get(|state: State<AppState>, page: Page, headers: HeaderMap| {
                document(state, page, headers, Document::SourceCode)
            }),
        )
        .route(
            routes::ACCESSIBILITY_FEEDBACK,
            get(feedback::form).post(feedback::submit),
        )
}

/// What a rendered document depends on: which, the reader's language, the audit's retention
/// and the settings (set once at start; part of the key so that nothing rendered before they
/// were set is served after).
type Key = (Document, Lang, u32, LegalSettings);

/// A legal document: public, the same for everyone of a language, so rendered once and
/// compressed at the highest level (each first visit stays within 14 KB). On a kiosk, or with
/// a query string, it is rendered for the request (the kiosk's own frame; nothing kept).
async fn document(
    State(state): State<AppState>,
    Page(ctx): Page,
    headers: HeaderMap,
    which: Document,
) -> Response {
    static RENDERED: LazyLock<Mutex<HashMap<Key, Arc<Compressed>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let lang = ctx.lang;
    let settings = legal();
    let months = state.audit_retention_months;
    if ctx.kiosk.is_some() || ctx.path != which.path() {
        return html_page(lang, which.render(ctx, settings, months));
    }
    let key: Key = (which, lang, months, settings.clone());
    let cached = RENDERED
        .lock()
        .ok()
        .and_then(|pages| pages.get(&key).cloned());
    let page = match cached {
        Some(page) => page,
        None => {
            let page = Arc::new(Compressed::of(
                which.render(ctx, settings, months).into(),
                "text/html; charset=utf-8",
                "no-cache",
                Effort::Best,
            ));
            if let Ok(mut pages) = RENDERED.lock() {
                pages.insert(key, page.clone());
            }
            page
        }
    };
    let mut response = page.respond(&headers);
    let headers = response.headers_mut();
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie, Accept-Language"),
    );
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Settings {
        #[command(flatten)]
        legal: LegalConfig,
    }

    #[test]
    fn the_defaults_are_the_demos_and_say_so() {
        let parsed = Settings::try_parse_from(["cupola"]).expect("no arguments");
        if std::env::var_os("CUPOLA_PRIVACY_CONTROLLER").is_none() {
            assert!(parsed.legal.settings().controller.starts_with("DEMO"));
        }
        if std::env::var_os("CUPOLA_ACCESSIBILITY_STATEMENT_DATE").is_none() {
            assert_eq!(
                parsed.legal.accessibility_statement_date.to_string(),
                STATEMENT_DATE
            );
        }
        let set = Settings::try_parse_from([
            "cupola",
            "--source-url",
            " https://code.example.it/cupola ",
            "--source-revision",
            "",
        ])
        .expect("settings");
        assert_eq!(
            set.legal.settings().source_url,
            "https://code.example.it/cupola"
        );
        assert_eq!(set.legal.settings().source_revision, None);
    }
}
