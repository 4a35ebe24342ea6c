//! The texts of the guarantee route (percorso di tutela): the citizen's request, the operator's,
//! the supervisors' list and outcome form, and the transparency figures. Read from the main
//! Fluent file (`cupola.ftl`, the `## guarantee` block), reached as `Texts::guarantee`.

use super::fluent::{self, texts};

texts! {
    /// Every text of the guarantee route.
    pub struct GuaranteeTexts in fluent::MAIN {
        /// The button where no slot meets the deadline.
        gt_ask_button: str,
        gt_title: str,
        /// What the route is, in plain words; the argument is the deadline, written out.
        gt_what: fn(d: &str),
        gt_how: str,
        gt_where_legend: str,
        gt_where_hint: str,
        gt_contacts_hint: str,
        gt_send_button: str,
        /// A slot within the deadline exists, from this day: no request.
        gt_slot_in_time: fn(d: &str),
        gt_to_slots: str,
        gt_not_possible: str,
        gt_filed_title: str,
        gt_reference: fn(r: &str),
        /// What happens next: called back within `n` working days, and before the deadline `d`.
        gt_next: fn(n: u32, d: &str),
        gt_keep_reference: str,
        /// The console's link on a prescription.
        gt_console_link: str,
        gt_console_intro: str,
        gt_console_filed: fn(r: &str),
        gt_list_title: str,
        gt_list_intro: str,
        /// Filter: open, closed.
        gt_states: [str; 2],
        gt_reference_column: str,
        gt_time_column: str,
        gt_where_column: str,
        gt_filed_column: str,
        gt_outcome_column: str,
        gt_days_left: fn(n: i64),
        gt_due_today: str,
        gt_overdue: fn(n: i64),
        gt_anywhere: str,
        /// Filed online, by an operator.
        gt_via: [str; 2],
        gt_none_open: str,
        gt_none_closed: str,
        gt_open_link: str,
        gt_detail_title: fn(r: &str),
        gt_citizen_label: str,
        gt_contact_label: str,
        gt_contact_registry: str,
        gt_no_contact: str,
        gt_outcome_legend: str,
        /// Outcomes: a slot found (booked), intramoenia at the ticket price, another provider,
        /// withdrawn.
        gt_outcomes: [str; 4],
        gt_booking_code_label: str,
        gt_booking_code_hint: str,
        gt_note_label: str,
        gt_note_hint: fn(n: usize),
        gt_record_button: str,
        gt_outcome_missing: str,
        gt_booking_missing: str,
        gt_booking_unknown: str,
        gt_note_long: fn(n: usize),
        gt_already_closed: str,
        gt_recorded: fn(r: &str),
        gt_decided: fn(who: &str, d: &str),
        gt_tr_heading: str,
        gt_tr_intro: fn(days: i64),
        gt_tr_count_column: str,
        /// Filed, a slot found, intramoenia, another provider, withdrawn, open, open past the
        /// deadline.
        gt_tr_rows: [str; 7],
        gt_menu_text: str,
    }
}
