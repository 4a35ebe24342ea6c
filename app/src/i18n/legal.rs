//! The texts of the legal pages (issue 16). Two kinds, in two files:
//!
//! * `LegalTexts`, short texts shown in every language: the footer's links and the pages'
//!   titles, the notice that a document exists only in Italian and English, the accessibility
//!   feedback form and the supervisors' pages of feedback. Read from the main Fluent file
//!   (`cupola.ftl`, the `## legal` block), reached as `Texts::legal`.
//! * `LegalDocuments`, the documents themselves (privacy notice, accessibility statement,
//!   cookies, source code), read from `legal.ftl`. They are written in Italian and English only:
//!   a legal text is not machine-translated. The other languages' `legal.ftl` hold no message,
//!   and their readers get the English text marked `lang="en"` (`Lang::legal`); a translation,
//!   once reviewed, is used as soon as its file is complete (the test checks that each file is
//!   either empty or complete).

use super::fluent::{self, texts};

/// Days within which accessibility feedback is answered (AgID guidelines, the enforcement
/// procedure of Law 4/2004 art. 3-quinquies); the database checks each due date against it.
pub const FEEDBACK_ANSWER_DAYS: i64 = 30;

texts! {
    /// The short texts of the legal pages, in every language.
    pub struct LegalTexts in fluent::MAIN {
        /// The footer's links; the accessibility one is also the statement's title (AgID asks
        /// for that wording in the footer).
        lg_privacy: str,
        lg_accessibility: str,
        lg_cookies: str,
        lg_source: str,
        lg_privacy_title: str,
        /// Above a document shown in English to a reader of another language.
        lg_english_only: str,
        fb_title: str,
        fb_intro: fn(days: i64),
        fb_page_label: str,
        fb_page_hint: str,
        fb_text_label: str,
        fb_text_hint: fn(n: usize),
        fb_email_label: str,
        fb_email_hint: str,
        fb_send_button: str,
        fb_text_missing: str,
        fb_too_long: fn(n: usize),
        fb_sent_title: str,
        /// The reference and the days within which the answer comes.
        fb_sent_body: fn(r: &str, days: i64),
        fb_back: str,
        af_title: str,
        af_intro: fn(days: i64),
        af_menu_text: str,
        /// Tabs: to answer, answered.
        af_states: [str; 2],
        af_reference_column: str,
        af_received_column: str,
        af_due_column: str,
        af_page_column: str,
        af_state_column: str,
        af_days_left: fn(n: i64),
        af_due_today: str,
        af_overdue: fn(n: i64),
        af_answered_on: fn(who: &str, d: &str),
        af_none_open: str,
        af_none_answered: str,
        af_open_link: str,
        af_detail_title: fn(r: &str),
        af_no_page: str,
        af_email_label: str,
        af_no_email: str,
        af_lang_label: str,
        af_answer_label: str,
        af_answer_hint: fn(n: usize),
        af_answer_missing: str,
        af_record_button: str,
        af_recorded: fn(r: &str),
        af_already_answered: str,
        af_back: str,
    }
}

texts! {
    /// The legal documents, in Italian and English (see the module's notes).
    pub struct LegalDocuments in fluent::LEGAL {
        pv_intro: str,
        pv_controller_heading: str,
        pv_controller: fn(controller: &str),
        pv_dpo: fn(dpo: &str),
        pv_data_heading: str,
        pv_data: [str; 6],
        pv_purposes_heading: str,
        pv_purposes: [str; 5],
        pv_required: str,
        pv_retention_heading: str,
        /// The audit's retention, in months (the setting the daily purge keeps).
        pv_retention_audit: fn(months: u32),
        pv_retention: [str; 4],
        pv_recipients_heading: str,
        pv_recipients: [str; 4],
        pv_rights_heading: str,
        pv_rights: str,
        pv_complaint: str,
        pv_updated: fn(d: &str),
        ac_intro: fn(controller: &str),
        ac_status_heading: str,
        ac_status: str,
        ac_limits_heading: str,
        ac_limits: [str; 6],
        ac_evidence_heading: str,
        ac_evidence: [str; 5],
        ac_prepared: fn(d: &str),
        ac_feedback_heading: str,
        ac_feedback: fn(days: i64),
        ac_enforcement_heading: str,
        ac_enforcement: fn(days: i64),
        ck_intro: str,
        ck_caption: str,
        ck_name_column: str,
        ck_purpose_column: str,
        ck_duration_column: str,
        /// In the order of `views::legal::COOKIES`.
        ck_purposes: [str; 7],
        ck_durations: [str; 7],
        /// The `__Host-` names used over HTTPS.
        ck_secure_name: fn(name: &str),
        ck_flags: str,
        ck_storage: str,
        ck_manage: str,
        sc_intro: str,
        sc_where: str,
        sc_demo_url: str,
        sc_version: fn(v: &str),
        sc_revision: fn(r: &str),
        sc_rights: str,
        sc_license_link: str,
    }
}
