//! The texts of signing in (SPID or CIE through OpenID Connect) and of the signed-in citizen's
//! own area. Read from the main Fluent file (`cupola.ftl`, the `## citizen` block), reached as
//! `Texts::citizen`.

use super::fluent::{self, texts};

texts! {
    /// Every text of signing in and of the signed-in area.
    pub struct CitizenTexts in fluent::MAIN {
        ci_sign_in_title: str,
        ci_sign_in_intro: str,
        /// A button that starts signing in with one identity provider (its name).
        ci_sign_in_with: fn(name: &str),
        ci_sign_in_none: str,
        ci_sign_in_kiosk: str,
        /// The link to signing in, on the page that asks for codes.
        ci_sign_in_link: str,
        ci_sign_in_or_codes: str,
        ci_failed_title: str,
        ci_failed_refused: str,
        ci_failed_unavailable: str,
        ci_failed_no_fiscal_code: str,
        ci_failed_cancelled: str,
        ci_expired: str,
        ci_signed_out: str,
        /// Who is signed in (their name as the identity provider gives it).
        ci_signed_in_as: fn(name: &str),
        ci_idle_note: fn(minutes: usize),
        ci_prescriptions_none: str,
        ci_bookings_none: str,
        ci_waiting_none: str,
        ci_deadline: fn(d: &str),
        ci_messages_heading: str,
        ci_sign_out_button: str,
        ci_sign_out_everywhere_button: str,
        ci_sign_out_everywhere_hint: str,
        ci_not_yours: str,
        // Delegations (deleghe).
        /// The heading of what a delegate sees for a delegator (their name or masked code).
        ci_for_heading: fn(name: &str),
        ci_delegations_heading: str,
        ci_delegations_intro: str,
        ci_delegate_label: str,
        ci_until_label: str,
        ci_until_hint: str,
        ci_grant_button: str,
        ci_minor_heading: str,
        ci_minor_intro: str,
        ci_minor_label: str,
        ci_minor_button: str,
        ci_given_heading: str,
        ci_held_heading: str,
        ci_none: str,
        /// One delegation: who (masked code), what kind, until when.
        ci_delegation_line: fn(who: &str, kind: &str, until: &str),
        ci_revoked_on: fn(d: &str),
        /// adult, guardian, paper.
        ci_kind_names: [str; 3],
        ci_revoke_button: str,
        ci_renounce_button: str,
        ci_done_for_heading: str,
        /// One thing done for the citizen: when, what, by whom (masked code).
        ci_done_line: fn(when: &str, what: &str, who: &str),
        /// booking made, moved, cancelled; waiting list joined; anything else.
        ci_action_names: [str; 5],
        ci_granted_notice: str,
        ci_revoked_notice: str,
        ci_err_oneself: str,
        ci_err_delegate_minor: str,
        ci_err_delegator_minor: str,
        ci_err_not_minor: str,
        ci_err_period: str,
        ci_err_document: str,
        ci_err_date: str,
        /// On the receipt: what a delegate did (the action, who, when).
        ci_acted_by: fn(what: &str, who: &str, when: &str),
        ci_paper_heading: str,
        ci_paper_intro: str,
        ci_document_label: str,
        ci_paper_button: str,
    }
}
