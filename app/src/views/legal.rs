//! The legal pages (issue 16), linked from every footer: the privacy notice (GDPR art. 13), the
//! accessibility statement (Law 4/2004, AgID's model) with its feedback form, the technical
//! cookies, and where the source code of the running version is (AGPL-3.0 section 13).
//!
//! The documents are written in Italian and English (`i18n::LegalDocuments`); a reader of
//! another language gets the English text inside an element marked `lang="en"`, after a notice
//! in their own language. The deployment's own facts (controller, DPO, source address, the
//! statement's date) are settings, set once at start like the help line.

use std::sync::OnceLock;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::{FEEDBACK_ANSWER_DAYS, Lang, LegalDocuments};
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextAreaField, TextField, title_with_errors};
use crate::views::layout::{Layout, PageContext};

/// The demo's controller and DPO: invented, and saying so.
pub const DEMO_CONTROLLER: &str = "DEMO: Azienda sanitaria di esempio, Via dell'Esempio 1, 50100 Firenze, titolare@example.invalid";
pub const DEMO_DPO: &str = "DEMO: dpo@example.invalid";
/// Where the demo says its source is; a deployment sets its own (`CUPOLA_SOURCE_URL`).
pub const DEMO_SOURCE_URL: &str = "https://example.org/cupola";
/// The date of the accessibility statement when none is set (the self-assessment of issue 16).
pub const STATEMENT_DATE: &str = "2026-12-01";
/// The version running: the workspace's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// When the privacy notice and the cookie list were last changed.
const TEXTS_UPDATED: &str = "2026-12-01";

const GARANTE_URL: &str = "https://www.garanteprivacy.it/";
const AGID_FORM_URL: &str = "https://form.agid.gov.it/";
const LICENSE_URL: &str = "https://www.gnu.org/licenses/agpl-3.0.html";

/// The longest texts of the feedback form, in characters (the database checks them too).
pub const FEEDBACK_PAGE_MAX: usize = 200;
pub const FEEDBACK_TEXT_MAX: usize = 1000;
/// The longest note of a supervisor's answer, in characters (the database checks it too).
pub const ANSWER_NOTE_MAX: usize = 1000;

/// Every cookie Cupola may set, as named over plain HTTP and, when it differs, over HTTPS
/// (`__Host-`), in the order of `LegalDocuments::ck_purposes`.
pub const COOKIES: [(&str, Option<&str>); 7] = [
    ("lang", None),
    ("cupola_pass", Some("__Host-cupola_pass")),
    ("cupola_ticket", None),
    ("cupola_admitted", None),
    ("cupola_chiosco", None),
    ("cupola_citizen", Some("__Host-cupola_citizen")),
    ("cupola_staff", Some("__Host-cupola_staff")),
];

/// The deployment's facts the documents state.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LegalSettings {
    /// Who the data controller is, with an address or contact, as written for people.
    pub controller: String,
    /// How to reach the data protection officer.
    pub dpo_contact: String,
    /// Where the source code of the running version is.
    pub source_url: String,
    /// The source's revision (a tag or commit), when the deployment says.
    pub source_revision: Option<String>,
    /// The date of the accessibility statement.
    pub statement_date: NaiveDate,
}

impl Default for LegalSettings {
    fn default() -> LegalSettings {
        LegalSettings {
            controller: DEMO_CONTROLLER.to_owned(),
            dpo_contact: DEMO_DPO.to_owned(),
            source_url: DEMO_SOURCE_URL.to_owned(),
            source_revision: None,
            statement_date: STATEMENT_DATE.parse().unwrap_or_default(),
        }
    }
}

static SETTINGS: OnceLock<LegalSettings> = OnceLock::new();

/// Sets the legal facts once, at start-up (later calls change nothing).
pub fn set_legal(settings: LegalSettings) {
    let _ = SETTINGS.set(settings);
}

/// The legal facts: the settings, else the demo's.
pub fn legal() -> LegalSettings {
    SETTINGS.get().cloned().unwrap_or_default()
}

/// A feedback report's reference, as said on the phone: "AC-000042".
pub fn feedback_reference(id: i64) -> String {
    format!("AC-{id:06}")
}

/// The frame of a legal document: its title in the reader's language, and the document in the
/// language it is written in (marked, with a notice, when that is not the reader's).
#[component]
fn LegalDocument(
    ctx: PageContext,
    title: &'static str,
    written: Lang,
    children: Children,
) -> impl IntoView {
    let lang = ctx.lang;
    let other = written != lang;
    let notice = other.then(|| view! { <p class="notice">{lang.t().legal.lg_english_only}</p> });
    view! {
        <Layout ctx=ctx title=title.to_owned() description=title>
            <h1>{title}</h1>
            {notice}
            <div
                class="prose"
                lang=other.then_some(written.code())
                dir=other.then_some(written.dir())
            >
                {children()}
            </div>
        </Layout>
    }
}

fn list(items: &[&'static str]) -> impl IntoView + use<> {
    let items = items
        .iter()
        .map(|item| view! { <li>{*item}</li> })
        .collect_view();
    view! { <ul>{items}</ul> }
}

fn date(written: Lang, iso: &str) -> String {
    iso.parse::<NaiveDate>()
        .map(|d| written.long_date(d))
        .unwrap_or_default()
}

/// `/privacy`: the GDPR art. 13 notice; `audit_months` is how long the audit is kept.
#[component]
pub fn PrivacyPage(ctx: PageContext, settings: LegalSettings, audit_months: u32) -> impl IntoView {
    let (d, written): (&LegalDocuments, Lang) = ctx.lang.legal();
    let title = ctx.lang.t().legal.lg_privacy_title;
    view! {
        <LegalDocument ctx=ctx title=title written=written>
            <p class="lead">{d.pv_intro}</p>
            <h2>{d.pv_controller_heading}</h2>
            <p>{(d.pv_controller)(&settings.controller)}</p>
            <p>{(d.pv_dpo)(&settings.dpo_contact)}</p>
            <h2>{d.pv_data_heading}</h2>
            {list(&d.pv_data)}
            <h2>{d.pv_purposes_heading}</h2>
            {list(&d.pv_purposes)}
            <p>{d.pv_required}</p>
            <h2>{d.pv_retention_heading}</h2>
            <ul>
                <li>{(d.pv_retention_audit)(audit_months)}</li>
                {d.pv_retention.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
            </ul>
            <p>
                <a href=routes::COOKIES>{written.t().legal.lg_cookies}</a>
            </p>
            <h2>{d.pv_recipients_heading}</h2>
            {list(&d.pv_recipients)}
            <h2>{d.pv_rights_heading}</h2>
            <p>{d.pv_rights}</p>
            <p>{d.pv_complaint} " " <a href=GARANTE_URL>"garanteprivacy.it"</a></p>
            <p>{(d.pv_updated)(&date(written, TEXTS_UPDATED))}</p>
        </LegalDocument>
    }
}

/// `/accessibilita`: the AgID accessibility statement, with the way to the feedback form and
/// to AgID's enforcement procedure.
#[component]
pub fn AccessibilityPage(ctx: PageContext, settings: LegalSettings) -> impl IntoView {
    let lang = ctx.lang;
    let (d, written) = lang.legal();
    let t = &lang.t().legal;
    let title = t.lg_accessibility;
    view! {
        <LegalDocument ctx=ctx title=title written=written>
            <p class="lead">{(d.ac_intro)(&settings.controller)}</p>
            <h2>{d.ac_status_heading}</h2>
            <p>{d.ac_status}</p>
            <h2>{d.ac_limits_heading}</h2>
            {list(&d.ac_limits)}
            <h2>{d.ac_evidence_heading}</h2>
            {list(&d.ac_evidence)}
            <p>{(d.ac_prepared)(&written.long_date(settings.statement_date))}</p>
            <h2>{d.ac_feedback_heading}</h2>
            <p>{(d.ac_feedback)(FEEDBACK_ANSWER_DAYS)}</p>
            <p>
                <a href=routes::ACCESSIBILITY_FEEDBACK lang=lang.code() dir=lang.dir()>
                    {t.fb_title}
                </a>
            </p>
            <h2>{d.ac_enforcement_heading}</h2>
            <p>{(d.ac_enforcement)(FEEDBACK_ANSWER_DAYS)} " " <a href=AGID_FORM_URL>"form.agid.gov.it"</a></p>
        </LegalDocument>
    }
}

/// `/cookie`: every cookie by name, what it is for and how long it lasts.
#[component]
pub fn CookiesPage(ctx: PageContext) -> impl IntoView {
    let (d, written) = ctx.lang.legal();
    let title = ctx.lang.t().legal.lg_cookies;
    let rows = COOKIES
        .iter()
        .enumerate()
        .map(|(i, (name, secure))| {
            view! {
                <tr>
                    <th scope="row">
                        <code>{*name}</code>
                        {secure.map(|s| view! { <br /> {(d.ck_secure_name)(s)} })}
                    </th>
                    <td>{d.ck_purposes[i]}</td>
                    <td>{d.ck_durations[i]}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <LegalDocument ctx=ctx title=title written=written>
            <p class="lead">{d.ck_intro}</p>
            <table>
                <caption>{d.ck_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{d.ck_name_column}</th>
                        <th scope="col">{d.ck_purpose_column}</th>
                        <th scope="col">{d.ck_duration_column}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p>{d.ck_flags}</p>
            <p>{d.ck_storage}</p>
            <p>{d.ck_manage}</p>
            <p>{(d.pv_updated)(&date(written, TEXTS_UPDATED))}</p>
        </LegalDocument>
    }
}

/// `/codice-sorgente`: the licence, where the source of the running version is, and which
/// version runs.
#[component]
pub fn SourceCodePage(ctx: PageContext, settings: LegalSettings) -> impl IntoView {
    let (d, written) = ctx.lang.legal();
    let title = ctx.lang.t().legal.lg_source;
    let demo = (settings.source_url == DEMO_SOURCE_URL).then(|| view! { <p>{d.sc_demo_url}</p> });
    view! {
        <LegalDocument ctx=ctx title=title written=written>
            <p class="lead">{d.sc_intro}</p>
            <p>
                {d.sc_where} " " <a href=settings.source_url.clone() class="code">
                    {settings.source_url.clone()}
                </a>
            </p>
            {demo}
            <ul>
                <li>{(d.sc_version)(&format!("Cupola {VERSION}"))}</li>
                {settings.source_revision.map(|r| view! { <li>{(d.sc_revision)(&r)}</li> })}
            </ul>
            <p>{d.sc_rights}</p>
            <p>
                <a href=LICENSE_URL>{d.sc_license_link}</a>
            </p>
        </LegalDocument>
    }
}

/// The feedback form as typed.
#[derive(Clone, Debug, Default)]
pub struct FeedbackForm {
    pub page: String,
    pub text: String,
    pub email: String,
    pub errors: FormErrors,
}

/// `/accessibilita/segnalazione`: the feedback form, or (`sent`, a reference) its receipt.
#[component]
pub fn FeedbackPage(ctx: PageContext, form: FeedbackForm, sent: Option<String>) -> impl IntoView {
    let lang = ctx.lang;
    let t = &lang.t().legal;
    // A kiosk is a shared terminal: the browser must not offer (or keep) an address there.
    let autocomplete = if ctx.kiosk.is_some() { "off" } else { "email" };
    let (heading, title, body) = match sent {
        Some(reference) => (
            t.fb_sent_title,
            t.fb_sent_title.to_owned(),
            view! {
                <p class="notice" role="status">
                    {(t.fb_sent_body)(&reference, FEEDBACK_ANSWER_DAYS)}
                </p>
            }
            .into_any(),
        ),
        None => (
            t.fb_title,
            title_with_errors(lang, t.fb_title, &form.errors),
            view! {
                <p class="lead">{(t.fb_intro)(FEEDBACK_ANSWER_DAYS)}</p>
                <ErrorSummary lang=lang errors=form.errors.clone() />
                <form method="post" action=routes::ACCESSIBILITY_FEEDBACK novalidate=true>
                    <TextField
                        lang=lang
                        id="pagina"
                        label=t.fb_page_label.to_owned()
                        hint=t.fb_page_hint.to_owned()
                        value=form.page
                        error=form.errors.get("pagina")
                        maxlength=FEEDBACK_PAGE_MAX as u32
                    />
                    <TextAreaField
                        lang=lang
                        id="descrizione"
                        label=t.fb_text_label.to_owned()
                        hint=(t.fb_text_hint)(FEEDBACK_TEXT_MAX)
                        value=form.text
                        error=form.errors.get("descrizione")
                        maxlength=FEEDBACK_TEXT_MAX as u32
                    />
                    <TextField
                        lang=lang
                        id="email"
                        label=t.fb_email_label.to_owned()
                        hint=t.fb_email_hint.to_owned()
                        value=form.email
                        error=form.errors.get("email")
                        input_type="email"
                        autocomplete=autocomplete
                        maxlength=254
                    />
                    <p>
                        <a href=routes::PRIVACY>{t.lg_privacy_title}</a>
                    </p>
                    <button type="submit">{t.fb_send_button}</button>
                </form>
            }
            .into_any(),
        ),
    };
    view! {
        <Layout ctx=ctx title=title description=t.fb_title>
            <h1>{heading}</h1>
            {body}
            <p>
                <a href=routes::ACCESSIBILITY>{t.fb_back}</a>
            </p>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::render_document;

    fn ctx(lang: Lang, path: &str) -> PageContext {
        PageContext {
            lang,
            css_href: "/static/style.test.css",
            path: path.to_owned(),
            kiosk: None,
        }
    }

    #[test]
    fn a_reader_of_another_language_gets_the_english_text_marked_and_announced() {
        let html = render_document(view! { <CookiesPage ctx=ctx(Lang::Uk, routes::COOKIES) /> });
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"uk\""));
        assert!(html.contains("<div lang=\"en\" dir=\"ltr\" class=\"prose\">"));
        assert!(html.contains(Lang::Uk.t().legal.lg_english_only));
        assert!(html.contains("Remembers the language you chose."));
        let arabic = render_document(view! { <CookiesPage ctx=ctx(Lang::Ar, routes::COOKIES) /> });
        assert!(
            arabic.contains("lang=\"en\" dir=\"ltr\""),
            "English reads left to right"
        );
        let italian = render_document(view! { <CookiesPage ctx=ctx(Lang::It, routes::COOKIES) /> });
        assert!(italian.contains("<div class=\"prose\">"));
        assert!(!italian.contains(Lang::It.t().legal.lg_english_only));
        assert!(italian.contains("Ricorda la lingua che hai scelto."));
    }

    #[test]
    fn every_cookie_is_listed_with_its_https_name() {
        let html = render_document(view! { <CookiesPage ctx=ctx(Lang::En, routes::COOKIES) /> });
        for (name, secure) in COOKIES {
            assert!(html.contains(&format!("<code>{name}</code>")), "{name}");
            if let Some(secure) = secure {
                assert!(html.contains(secure), "{secure}");
            }
        }
    }

    #[test]
    fn the_statement_links_the_feedback_form_in_the_readers_language_and_agid() {
        let html = render_document(view! {
            <AccessibilityPage ctx=ctx(Lang::Ro, routes::ACCESSIBILITY) settings=LegalSettings::default() />
        });
        assert!(html.contains(&format!(
            "<a href=\"{}\" lang=\"ro\" dir=\"ltr\">{}</a>",
            routes::ACCESSIBILITY_FEEDBACK,
            Lang::Ro.t().legal.fb_title
        )));
        assert!(html.contains("https://form.agid.gov.it/"));
        assert!(html.contains("partially compliant"));
    }
}
