//! The one i18n layer: every text a person reads, Italian first, English second. Each language
//! is a value of the same struct (`it.rs`, `en.rs`), so a missing translation is a compile
//! error, not a blank.

mod en;
mod errors;
mod it;
mod recall;

pub use en::EN;
pub use errors::ErrorCode;
pub use it::IT;
pub use recall::{RECALL_EN, RECALL_IT, RecallTexts};

use chrono::{NaiveDate, NaiveDateTime, Timelike};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    /// The BCP 47 tag, for `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::It => Lang::En,
            Lang::En => Lang::It,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// The texts of recall (one-tap pages, the record's recall column).
    pub fn recall(self) -> &'static RecallTexts {
        match self {
            Lang::It => &RECALL_IT,
            Lang::En => &RECALL_EN,
        }
    }

    /// An amount in euro cents as people of this language write it.
    pub fn money(self, cents: i64) -> String {
        let (euros, cents) = (cents / 100, (cents % 100).abs());
        match self {
            Lang::It => format!("{euros},{cents:02} €"),
            Lang::En => format!("€{euros}.{cents:02}"),
        }
    }

    /// A day and time written out in full ("giovedì 3 dicembre 2026, ore 8:30").
    pub fn date_time(self, at: NaiveDateTime) -> String {
        match self {
            Lang::It => format!("{}, ore {}", self.long_date(at.date()), self.time(at)),
            Lang::En => format!("{}, {}", self.long_date(at.date()), self.time(at)),
        }
    }

    /// A time of day ("8:30").
    pub fn time(self, at: NaiveDateTime) -> String {
        format!("{}:{:02}", at.hour(), at.minute())
    }

    /// A date in figures ("3/12/2026"), as people type it.
    pub fn short_date(self, date: NaiveDate) -> String {
        date.format("%-d/%-m/%Y").to_string()
    }

    /// A date as people type it: day, month and year separated by "/", "-", "." or spaces
    /// (24/12/2026, 24-12-2026, 24.12.2026, 24 12 2026), or 2026-12-24. A two-digit year is
    /// of this century (24/12/26 is 2026): nobody books a visit in year 26.
    pub fn parse_date(input: &str) -> Option<NaiveDate> {
        let parts: Vec<&str> = input
            .split(|c: char| matches!(c, '/' | '-' | '.') || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        if ![a, b, c]
            .iter()
            .all(|part| part.bytes().all(|byte| byte.is_ascii_digit()))
        {
            return None;
        }
        let (year, month, day) = match (a.len(), b.len(), c.len()) {
            (4, 1..=2, 1..=2) => (a.parse().ok()?, b, c),
            (1..=2, 1..=2, 4) => (c.parse().ok()?, b, a),
            (1..=2, 1..=2, 2) => (2000 + c.parse::<i32>().ok()?, b, a),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
    }

    /// A date written out in full ("giovedì 26 novembre 2026").
    pub fn long_date(self, date: NaiveDate) -> String {
        use chrono::Datelike;
        let t = self.t();
        let weekday = t.weekdays[date.weekday().num_days_from_monday() as usize];
        let month = t.months[date.month0() as usize];
        format!("{weekday} {} {month} {}", date.day(), date.year())
    }
}

/// Every text of the interface. Functions build the texts that carry values.
pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language_nav_label: &'static str,
    /// The name of this language, written in it (shown on the switch that leads to it).
    pub language_name: &'static str,
    pub footer_demo_notice: &'static str,
    pub footer_sources: &'static str,

    pub home_title: &'static str,
    pub home_heading: &'static str,
    pub home_intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,

    pub catalog_title: &'static str,
    pub catalog_intro: &'static str,
    pub catalog_results: fn(usize, &str) -> String,
    pub catalog_no_results: fn(&str) -> String,
    pub catalog_all_link: &'static str,
    pub kind_visit: &'static str,
    pub kind_exam: &'static str,
    pub code_label: &'static str,
    pub tariff_label: &'static str,
    pub tariff_unknown: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    /// 413: a request body over the route's limit.
    pub too_large_title: &'static str,
    pub too_large_body: &'static str,
    /// 408: a request whose body did not arrive in time.
    pub slow_request_title: &'static str,
    pub slow_request_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_body: &'static str,
    /// On the staff sign-in page while the database does not answer.
    pub login_outage_notice: &'static str,
    /// On every staff page while the database does not answer.
    pub staff_outage_notice: &'static str,
    pub too_many_title: &'static str,
    /// Too many wrong tries; the argument is the minutes until the next one is allowed.
    pub too_many_body: fn(u64) -> String,

    pub home_book_title: &'static str,
    pub home_book_text: &'static str,
    pub home_mine_title: &'static str,
    pub home_mine_text: &'static str,
    pub home_times_title: &'static str,
    pub home_times_text: &'static str,
    pub home_what_heading: &'static str,
    pub error_summary_title: &'static str,
    pub error_title_prefix: &'static str,
    pub optional: &'static str,
    pub back: &'static str,
    pub rx_title: &'static str,
    pub rx_intro: &'static str,
    pub fc_label: &'static str,
    pub fc_hint: &'static str,
    pub nre_label: &'static str,
    pub nre_hint: &'static str,
    pub rx_button: &'static str,
    pub fc_empty: &'static str,
    pub fc_length: fn(usize) -> String,
    pub fc_character: fn(usize) -> String,
    pub fc_date: &'static str,
    pub fc_check: &'static str,
    pub nre_empty: &'static str,
    pub nre_length: fn(usize) -> String,
    pub nre_character: fn(usize) -> String,
    pub nre_region: &'static str,
    /// This fiscal code and this NRE are not a prescription (whoever the NRE belongs to).
    pub rx_no_match: &'static str,
    pub rx_booked: &'static str,
    pub rx_not_bookable: &'static str,
    pub rx_expired: fn(&str) -> String,
    pub slots_title: &'static str,
    pub rx_for: &'static str,
    pub priority_label: &'static str,
    pub priority_names: [&'static str; 4],
    pub deadline_label: &'static str,
    pub filters_legend: &'static str,
    pub area_label: &'static str,
    pub any_area: &'static str,
    pub town_label: &'static str,
    pub any_town: &'static str,
    pub from_label: &'static str,
    pub from_hint: &'static str,
    pub from_invalid: &'static str,
    pub filter_button: &'static str,
    pub slots_heading: &'static str,
    pub within_deadline: &'static str,
    pub beyond_deadline: &'static str,
    pub choose_button: &'static str,
    pub no_slots: &'static str,
    pub next_page: &'static str,
    pub first_page: &'static str,
    pub slot_taken: &'static str,
    pub slot_unavailable: &'static str,
    pub none_in_time_title: &'static str,
    pub none_in_time_body: fn(&str) -> String,
    pub guarantee_route: &'static str,
    pub join_waitlist: &'static str,
    pub already_waiting: fn(&str) -> String,
    pub confirm_title: &'static str,
    pub held_until: fn(&str) -> String,
    pub offered_until: fn(&str) -> String,
    pub hold_expired: &'static str,
    pub service_label: &'static str,
    pub when_label: &'static str,
    pub where_label: &'static str,
    pub address_label: &'static str,
    pub contacts_legend: &'static str,
    pub contacts_hint: &'static str,
    pub phone_label: &'static str,
    pub email_label: &'static str,
    pub phone_characters: &'static str,
    pub phone_length: &'static str,
    pub email_malformed: &'static str,
    pub email_domain: &'static str,
    pub email_long: &'static str,
    pub confirm_button: &'static str,
    pub choose_other: &'static str,
    pub receipt_new_title: &'static str,
    pub receipt_title: &'static str,
    pub code_label_booking: &'static str,
    pub code_keep: &'static str,
    pub qr_alt: fn(&str) -> String,
    pub status_label: &'static str,
    pub status_names: [&'static str; 4],
    pub prep_label: &'static str,
    pub access_label: &'static str,
    pub amount_label: &'static str,
    pub amount_text: fn(&str) -> String,
    pub amount_unknown: &'static str,
    pub booked_on_label: &'static str,
    pub print_link: &'static str,
    pub ics_link: &'static str,
    pub move_link: &'static str,
    pub cancel_link: &'static str,
    pub change_until: fn(&str) -> String,
    pub change_too_late: &'static str,
    pub moved_notice: &'static str,
    pub cancelled_notice: &'static str,
    pub print_title: &'static str,
    pub print_hint: &'static str,
    pub back_to_booking: &'static str,
    pub lookup_intro: &'static str,
    pub bc_label: &'static str,
    pub bc_hint: &'static str,
    pub bc_empty: &'static str,
    pub bc_length: fn(usize) -> String,
    pub bc_character: fn(usize) -> String,
    pub lookup_not_found: &'static str,
    pub lookup_button: &'static str,
    pub cancel_title: &'static str,
    pub cancel_intro: &'static str,
    pub reason_legend: &'static str,
    pub reasons: [&'static str; 4],
    pub reason_required: &'static str,
    pub reason_details_label: &'static str,
    pub cancel_button: &'static str,
    pub keep_booking: &'static str,
    pub too_late: fn(&str) -> String,
    pub not_active: &'static str,
    pub move_title: &'static str,
    pub move_intro: fn(&str) -> String,
    pub move_confirm_title: &'static str,
    pub move_from: &'static str,
    pub move_to: &'static str,
    pub move_button: &'static str,
    pub waitlist_title: &'static str,
    pub waitlist_body: fn(&str) -> String,
    pub waitlist_since: fn(&str) -> String,
    pub times_title: &'static str,
    pub times_intro: &'static str,
    pub first_by_area: &'static str,
    pub first_by_facility: &'static str,
    pub no_date: &'static str,
    pub updated_at: fn(&str) -> String,
    pub book_cta: &'static str,
    pub times_service_link: &'static str,

    pub reason_too_long: &'static str,
    pub stale_notice: fn(&str) -> String,
    pub area_times_title: fn(&str, &str) -> String,
    pub first_slots_heading: &'static str,
    pub area_details: &'static str,
    pub no_free_slots: &'static str,
    pub waiting_room_title: &'static str,
    pub waiting_room_intro: &'static str,
    pub waiting_room_position: fn(i64) -> String,
    pub waiting_room_eta: fn(i64) -> String,
    pub waiting_room_refresh: fn(u32) -> String,
    pub waiting_room_times: &'static str,
    pub waiting_room_joining: &'static str,
    pub waiting_room_line: fn(i64) -> String,
    pub waiting_room_limited_title: &'static str,
    pub waiting_room_limited: &'static str,
    pub waiting_room_retry: fn(u32) -> String,
    pub staff_area: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub login_button: &'static str,
    /// A wrong password, an unknown username and a locked account: one answer.
    pub login_failed: &'static str,
    pub login_required: &'static str,
    pub logout_button: &'static str,
    pub signed_in_as: fn(&str, &str) -> String,
    pub role_names: [&'static str; 3],
    pub console_title: &'static str,
    pub console_slots_title: &'static str,
    pub console_slots_intro: &'static str,
    pub service_code_label: &'static str,
    pub show_slots_button: &'static str,
    pub reserved_for: fn(&str) -> String,
    pub unknown_service: &'static str,
    pub form_expired: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,
    /// Someone else's change came first (HTTP 409).
    pub conflict_title: &'static str,
    pub conflict_body: &'static str,
    /// A request that cannot be met (HTTP 422).
    pub unprocessable_title: &'static str,
    pub unprocessable_body: &'static str,
    pub channel_names: [&'static str; 4],
    pub priority_reservation: fn(&str) -> String,
    pub first_date_column: &'static str,

    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],

    // Operator console (issue 5)
    pub console_nav_label: &'static str,
    pub console_home_link: &'static str,
    pub console_home_intro: &'static str,
    pub menu_find_citizen: &'static str,
    pub menu_find_citizen_text: &'static str,
    pub menu_current_citizen: &'static str,
    pub menu_current_citizen_text: &'static str,
    pub menu_slots_text: &'static str,
    pub menu_audit_text: &'static str,
    pub menu_agendas: &'static str,
    pub menu_agendas_text: &'static str,
    pub citizen_search_title: &'static str,
    pub citizen_search_intro: &'static str,
    pub access_reason_label: &'static str,
    pub access_reason_choose: &'static str,
    /// Why a member of staff opens a citizen's record. The Italian ones are stored in the audit.
    pub access_reasons: [&'static str; 4],
    pub access_note_label: &'static str,
    pub access_note_hint: &'static str,
    pub access_reason_required: &'static str,
    pub access_note_too_long: &'static str,
    pub citizen_not_found: &'static str,
    pub citizen_search_button: &'static str,
    pub citizen_record_title: &'static str,
    pub citizen_record_reason: fn(&str) -> String,
    pub citizen_name_label: &'static str,
    pub citizen_born_label: &'static str,
    pub close_record_button: &'static str,
    pub another_citizen_link: &'static str,
    pub prescriptions_heading: &'static str,
    pub no_prescriptions: &'static str,
    pub nre_column: &'static str,
    pub prescribed_on_column: &'static str,
    /// To book, booked, expired, revoked, delivered, on the waiting list.
    pub rx_status_names: [&'static str; 6],
    pub actions_column: &'static str,
    pub book_for_link: &'static str,
    pub bookings_heading: &'static str,
    pub no_bookings: &'static str,
    pub open_link: &'static str,
    pub print_short_link: &'static str,
    pub move_short_link: &'static str,
    pub cancel_short_link: &'static str,
    pub waiting_heading: &'static str,
    pub no_waiting: &'static str,
    pub waiting_since_column: &'static str,
    /// Waiting, offered, booked, expired, withdrawn.
    pub waiting_status_names: [&'static str; 5],
    pub console_book_title: &'static str,
    pub console_book_intro: &'static str,
    pub console_move_intro: fn(&str) -> String,
    pub book_slot_button: &'static str,
    pub move_slot_button: &'static str,
    pub console_receipt_title: &'static str,
    pub console_booked_notice: &'static str,
    pub console_change_until_start: &'static str,
    pub console_change_closed: &'static str,
    pub back_to_record: &'static str,
    pub console_cancel_legend: &'static str,
    pub keep_booking_console: &'static str,
    pub form_expired_body: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_filters_legend: &'static str,
    pub audit_staff_label: &'static str,
    pub audit_from_label: &'static str,
    pub audit_to_label: &'static str,
    pub audit_date_hint: &'static str,
    pub audit_date_invalid: &'static str,
    pub audit_dates_reversed: &'static str,
    pub audit_unknown_staff: &'static str,
    pub audit_action_label: &'static str,
    pub audit_any_action: &'static str,
    /// Names of the actions in `views::staff::AUDIT_ACTIONS`, in the same order.
    pub audit_action_names: [&'static str; 17],
    pub audit_search_button: &'static str,
    pub audit_results_heading: &'static str,
    pub audit_no_results: &'static str,
    pub audit_when_column: &'static str,
    pub audit_who_column: &'static str,
    pub audit_channel_column: &'static str,
    pub audit_action_column: &'static str,
    pub audit_citizen_column: &'static str,
    pub audit_booking_column: &'static str,
    pub audit_reason_column: &'static str,
    pub audit_actor_citizen: &'static str,
    pub console_within_deadline: &'static str,
    pub console_beyond_deadline: &'static str,
    pub audit_actor_system: &'static str,
    // The facility desk and message delivery (issue 13).
    pub menu_desk_text: &'static str,
    pub desk_title: &'static str,
    pub desk_intro: &'static str,
    /// The ticket a missed visit may owe, even for exempt citizens.
    pub desk_ticket_note: &'static str,
    pub desk_facility_label: &'static str,
    pub desk_facility_required: &'static str,
    pub desk_day_label: &'static str,
    pub desk_day_invalid: &'static str,
    pub desk_show_button: &'static str,
    /// The table's caption, given the day written out and the facility.
    pub desk_caption: fn(&str, &str) -> String,
    pub desk_no_visits: &'static str,
    pub desk_time_column: &'static str,
    pub desk_code_column: &'static str,
    pub desk_patient_column: &'static str,
    pub desk_service_column: &'static str,
    pub desk_status_column: &'static str,
    pub desk_action_column: &'static str,
    pub desk_attended_button: &'static str,
    pub desk_no_show_button: &'static str,
    pub desk_not_yet: &'static str,
    pub desk_ticket_due: &'static str,
    pub desk_marked_notice: &'static str,
    pub menu_deliveries_text: &'static str,
    pub dl_title: &'static str,
    pub dl_intro: &'static str,
    pub dl_channels_heading: &'static str,
    /// A channel and whether it is configured (None: not known here).
    pub dl_channel_configured: fn(&str, Option<bool>) -> String,
    /// The wait of the oldest pending message, in seconds (None: nothing pending).
    pub dl_oldest_pending: fn(Option<i64>) -> String,
    pub dl_counts_heading: &'static str,
    pub dl_counts_caption: &'static str,
    pub dl_no_messages: &'static str,
    pub dl_list_heading: &'static str,
    pub dl_list_caption: &'static str,
    pub dl_no_undelivered: &'static str,
    pub dl_id_column: &'static str,
    pub dl_kind_column: &'static str,
    pub dl_channel_column: &'static str,
    pub dl_recipient_column: &'static str,
    pub dl_state_column: &'static str,
    pub dl_attempts_column: &'static str,
    pub dl_error_column: &'static str,
    pub dl_created_column: &'static str,
    pub dl_next_column: &'static str,
    pub dl_action_column: &'static str,
    pub dl_retry_button: &'static str,
    pub dl_retried_notice: &'static str,
    pub dl_not_retried_notice: &'static str,
    /// In the order of `views::staff::MESSAGE_KINDS`.
    pub dl_kind_names: [&'static str; 6],
    /// In the order of `views::staff::MESSAGE_STATES`.
    pub dl_state_names: [&'static str; 4],
    /// In the order of `views::staff::MESSAGE_CHANNELS`.
    pub dl_channel_names: [&'static str; 3],
    // Back office (issue 5)
    pub bo_yes: &'static str,
    pub bo_no: &'static str,
    pub bo_choose: &'static str,
    pub bo_agendas_title: &'static str,
    pub bo_agendas_intro: &'static str,
    pub bo_new_agenda_link: &'static str,
    pub bo_filters_legend: &'static str,
    pub bo_facility_label: &'static str,
    pub bo_any_facility: &'static str,
    pub bo_any_service: &'static str,
    pub bo_filter_button: &'static str,
    pub bo_facilities_caption: &'static str,
    pub bo_agendas_count_column: &'static str,
    pub bo_no_agendas: &'static str,
    pub bo_label_label: &'static str,
    pub bo_label_hint: &'static str,
    pub bo_slot_minutes_column: &'static str,
    pub bo_slot_minutes_label: &'static str,
    pub bo_slot_minutes_hint: &'static str,
    pub bo_active_column: &'static str,
    pub bo_new_agenda_title: &'static str,
    pub bo_new_agenda_intro: &'static str,
    pub bo_create_button: &'static str,
    pub bo_back_to_agendas: &'static str,
    pub bo_agenda_title: fn(&str, &str) -> String,
    pub bo_templates_heading: &'static str,
    pub bo_templates_caption: &'static str,
    pub bo_no_templates: &'static str,
    pub bo_weekday_label: &'static str,
    pub bo_hours_column: &'static str,
    pub bo_reservation_column: &'static str,
    pub bo_validity_column: &'static str,
    pub bo_validity: fn(&str, Option<&str>) -> String,
    pub bo_no_reservation: &'static str,
    pub bo_no_reservation_choice: &'static str,
    pub bo_template_legend: &'static str,
    pub bo_start_label: &'static str,
    pub bo_end_label: &'static str,
    pub bo_time_hint: &'static str,
    pub bo_reservation_label: &'static str,
    pub bo_valid_from_label: &'static str,
    pub bo_valid_to_label: &'static str,
    pub bo_valid_to_hint: &'static str,
    pub bo_date_hint: &'static str,
    pub bo_add_template_button: &'static str,
    pub bo_days_heading: &'static str,
    pub bo_days_caption: &'static str,
    pub bo_no_days: &'static str,
    pub bo_day_column: &'static str,
    pub bo_free_column: &'static str,
    pub bo_booked_column: &'static str,
    pub bo_suspended_column: &'static str,
    pub bo_slots_heading: &'static str,
    pub bo_generate_legend: &'static str,
    pub bo_generate_hint: &'static str,
    pub bo_from_label: &'static str,
    pub bo_to_label: &'static str,
    pub bo_generate_button: &'static str,
    pub bo_extra_legend: &'static str,
    pub bo_extra_hint: &'static str,
    pub bo_count_label: &'static str,
    pub bo_count_hint: &'static str,
    pub bo_extra_button: &'static str,
    pub bo_suspend_legend: &'static str,
    pub bo_suspend_hint: &'static str,
    pub bo_suspend_to_hint: &'static str,
    pub bo_reason_label: &'static str,
    pub bo_reason_hint: &'static str,
    pub bo_suspend_button: &'static str,
    pub bo_facility_required: &'static str,
    pub bo_service_required: &'static str,
    pub bo_label_required: &'static str,
    pub bo_label_too_long: &'static str,
    pub bo_label_taken: &'static str,
    pub bo_minutes_invalid: &'static str,
    pub bo_weekday_required: &'static str,
    pub bo_time_invalid: &'static str,
    pub bo_end_before_start: fn(i64) -> String,
    pub bo_reservation_invalid: &'static str,
    pub bo_template_overlap: &'static str,
    pub bo_date_required: &'static str,
    pub bo_date_invalid: &'static str,
    pub bo_date_past: &'static str,
    pub bo_date_far: &'static str,
    pub bo_to_before_from: &'static str,
    pub bo_period_too_long: &'static str,
    pub bo_count_invalid: fn(i64) -> String,
    pub bo_extra_midnight: &'static str,
    pub bo_extra_past: &'static str,
    pub bo_reason_required: &'static str,
    pub bo_reason_too_long: fn(usize) -> String,
    pub bo_created_notice: &'static str,
    pub bo_template_added: &'static str,
    pub bo_generated: fn(u64, u64, u64) -> String,
    pub bo_extra_added: fn(u64, u64, u64) -> String,
    pub bo_suspended_notice: fn(u64, u64, u64) -> String,
    pub tr_link: &'static str,
    pub tr_title: fn(&str) -> String,
    pub tr_intro: &'static str,
    pub tr_law: &'static str,
    pub tr_show_button: &'static str,
    pub tr_no_data: &'static str,
    pub tr_class_column: &'static str,
    pub tr_max_wait_column: &'static str,
    pub tr_first_column: &'static str,
    pub tr_median_column: &'static str,
    pub tr_bookings_column: fn(i64) -> String,
    pub tr_within_column: &'static str,
    pub tr_class_names: [&'static str; 4],
    pub tr_days: fn(u32) -> String,
    pub tr_none: &'static str,
    pub tr_open_data_heading: &'static str,
    pub tr_open_data_intro: &'static str,
    pub tr_csv_link: &'static str,
    pub tr_json_link: &'static str,
    /// One description per open-data column, in the order of `views::transparency::COLUMNS`.
    pub tr_column_docs: [&'static str; 14],
    pub tr_no_show_heading: &'static str,
    /// How the no-show rate is computed (its denominator), given the window in days.
    pub tr_no_show_intro: fn(i64) -> String,
    pub tr_no_show_caption: &'static str,
    pub tr_service_column: &'static str,
    pub tr_attended_column: &'static str,
    pub tr_no_show_column: &'static str,
    pub tr_no_show_rate_column: &'static str,
    pub tr_total_row: &'static str,

    // Pharmacy kiosk (issue 6).
    pub kiosk_title: &'static str,
    pub kiosk_intro: &'static str,
    pub kiosk_book_text: &'static str,
    pub kiosk_mine_text: &'static str,
    pub kiosk_privacy: &'static str,
    pub kiosk_ended: &'static str,
    pub kiosk_end_button: &'static str,
    pub kiosk_idle_title: &'static str,
    /// The warning before the reset, given the seconds left.
    pub kiosk_idle_text: fn(u32) -> String,
    pub kiosk_continue: &'static str,
    pub print_now: &'static str,
    pub sources_intro: &'static str,

    // issue 14 — journey
    pub from_past: &'static str,
    pub order_legend: &'static str,
    pub order_earliest: &'static str,
    pub order_nearest: &'static str,
    pub slots_heading_nearest: &'static str,
    pub home_label: &'static str,
    pub home_hint: &'static str,
    pub home_unknown: &'static str,
    pub nearest_needs_home: &'static str,
    pub town_not_in_area: fn(&str, &str) -> String,
    pub km_from: fn(u32, &str) -> String,
    pub not_changeable_online: &'static str,
    pub late_slots_heading: &'static str,
    pub late_slots_intro: &'static str,
    pub help_heading: &'static str,
    pub help_call: &'static str,
    pub help_hours: fn(&str) -> String,
    pub check_heading: &'static str,
    pub patient_label: &'static str,
    pub date_label: &'static str,
    pub time_label: &'static str,
    pub online_change_label: &'static str,
    pub changeable_until: fn(&str) -> String,
    pub change_link: &'static str,
    pub hold_renewed: fn(&str) -> String,
    pub extend_button: &'static str,
    pub extend_refused: &'static str,
    pub hold_warning: &'static str,
    pub lost_code_link: &'static str,
    pub lost_code_title: &'static str,
    pub lost_code_intro: &'static str,
    pub lost_code_button: &'static str,
    pub lost_code_not_found: &'static str,
    pub area_empty_widened: fn(&str) -> String,
    // issue 14 — receipt
    /// The heading of a cancelled booking's receipt.
    pub receipt_cancelled_title: &'static str,
    /// When it was cancelled, given the long date.
    pub receipt_cancelled_on: fn(&str) -> String,
    pub receipt_cancel_reason_label: &'static str,
    /// What a cancelled booking's receipt says first: the appointment no longer holds.
    pub receipt_cancelled_body: &'static str,
    /// The heading of a booking that is over (attended or missed).
    pub receipt_closed_title: &'static str,
    /// The printable version of a cancelled booking.
    pub print_cancelled_title: &'static str,
    /// The print page's button (shown when the script runs).
    pub print_button: &'static str,
    // issue 14 — operator
    /// A slot in the console's list: opens the confirmation step (it books nothing).
    pub console_choose_slot: &'static str,
    pub console_confirm_title: &'static str,
    pub console_confirm_intro: &'static str,
    /// The confirmation step's first and focused action: back to the list, booking nothing.
    pub console_back_to_slots: &'static str,
    /// The last day the citizen may move or cancel online (a date).
    pub console_change_online_until: fn(&str) -> String,
    pub console_change_online_closed: &'static str,
    pub console_contacts_hint: &'static str,

    /// The messages sent to citizens (e-mail and SMS).
    pub messages: MessageTexts,
}

/// What a short message says: the values are already written out (date in figures, time, place,
/// link). Health details never go in an SMS.
pub struct SmsFacts<'a> {
    pub code: &'a str,
    pub date: &'a str,
    pub time: &'a str,
    pub place: &'a str,
    pub link: &'a str,
    /// A second link (a reminder's cancel link), or "".
    pub link2: &'a str,
    /// When an offered slot's hold ends ("3/12 18:00"), or "".
    pub until: &'a str,
}

/// The texts of the messages to citizens: e-mail subjects, headings and sentences, the labels of
/// the appointment's details, link texts that say what they do, and the SMS.
pub struct MessageTexts {
    /// The end of every e-mail: who wrote it and that replies are not read.
    pub footer: &'static str,
    pub details_caption: &'static str,
    pub label_service: &'static str,
    pub label_when: &'static str,
    pub label_where: &'static str,
    pub label_code: &'static str,
    pub label_prep: &'static str,
    pub label_access: &'static str,
    pub label_hold_until: &'static str,
    pub label_previous: &'static str,
    pub label_reason: &'static str,
    pub label_deadline: &'static str,
    pub actions_heading: &'static str,
    pub receipt_link: &'static str,
    pub cancel_link: &'static str,
    pub confirm_link: &'static str,
    pub accept_link: &'static str,
    /// The argument is the last day, written out.
    pub change_until: fn(&str) -> String,
    pub too_late_online: &'static str,
    pub calendar_attached: &'static str,
    pub calendar_cancel_attached: &'static str,

    /// The arguments of the subjects are the day of the visit, written out.
    pub confirmed_subject: fn(&str) -> String,
    pub confirmed_heading: &'static str,
    pub confirmed_intro: &'static str,
    pub moved_subject: fn(&str) -> String,
    pub moved_heading: &'static str,
    pub moved_intro: &'static str,
    pub cancelled_subject: fn(&str) -> String,
    pub cancelled_heading: &'static str,
    pub cancelled_intro: &'static str,
    pub offered_subject: fn(&str) -> String,
    pub offered_heading: &'static str,
    pub offered_intro: &'static str,
    /// The argument is when the hold ends, written out.
    pub offered_until: fn(&str) -> String,
    pub suspended_subject: fn(&str) -> String,
    pub suspended_moved_heading: &'static str,
    pub suspended_moved_intro: &'static str,
    pub suspended_waitlisted_heading: &'static str,
    /// The argument is the day by which the visit is due (the prescription's deadline).
    pub suspended_waitlisted_intro: fn(&str) -> String,
    /// The arguments are the days before the visit and its day.
    pub reminder_subject: fn(i64, &str) -> String,
    pub reminder_heading: &'static str,
    pub reminder_intro: &'static str,
    pub reminder_answer: fn(&str) -> String,
    pub reminder_missed_visit: &'static str,

    pub sms_confirmed: fn(&SmsFacts) -> String,
    pub sms_moved: fn(&SmsFacts) -> String,
    pub sms_cancelled: fn(&SmsFacts) -> String,
    pub sms_offered: fn(&SmsFacts) -> String,
    pub sms_suspended_moved: fn(&SmsFacts) -> String,
    pub sms_suspended_waitlisted: fn(&SmsFacts) -> String,
    pub sms_reminder: fn(&SmsFacts) -> String,
    /// A reminder when the booking can no longer change online (no links to act on it).
    pub sms_reminder_late: fn(&SmsFacts) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_the_local_way() {
        assert_eq!(Lang::It.money(2500), "25,00 €");
        assert_eq!(Lang::En.money(1790), "€17.90");
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date");
        assert_eq!(Lang::It.long_date(day), "giovedì 26 novembre 2026");
        assert_eq!(Lang::En.long_date(day), "Thursday 26 November 2026");
    }

    #[test]
    fn dates_are_read_the_ways_people_write_them() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 24).expect("valid date");
        for typed in ["24/12/2026", " 24-12-2026 ", "24.12.2026", "2026-12-24"] {
            assert_eq!(Lang::parse_date(typed), Some(day), "{typed}");
        }
        assert_eq!(Lang::parse_date("31/02/2026"), None);
        for typed in [
            "24/12/26",
            "24 12 2026",
            "24  12  26",
            "24-12-26",
            "24.12.26",
        ] {
            assert_eq!(Lang::parse_date(typed), Some(day), "{typed}");
        }
        for typed in [
            "",
            "24/12",
            "24/12/2026/1",
            "24/12/226",
            "2026/24/12",
            "a4/12/2026",
        ] {
            assert_eq!(Lang::parse_date(typed), None, "{typed}");
        }
        assert_eq!(Lang::It.short_date(day), "24/12/2026");
        let at = day.and_hms_opt(8, 5, 0).expect("valid time");
        assert_eq!(Lang::It.date_time(at), "giovedì 24 dicembre 2026, ore 8:05");
    }

    proptest::proptest! {
        #[test]
        fn any_date_reads_back_however_it_is_separated_and_whatever_the_year_digits(
            days in 0u64..36_500,
            sep in proptest::sample::select(vec!["/", "-", ".", " ", "  "]),
            short_year in proptest::bool::ANY,
        ) {
            let start = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
            let day = start + chrono::Days::new(days);
            let year = if short_year { day.format("%y") } else { day.format("%Y") };
            let typed = format!("{}{sep}{}{sep}{year}", day.format("%-d"), day.format("%m"));
            proptest::prop_assert_eq!(Lang::parse_date(&typed), Some(day));
        }

        #[test]
        fn parse_date_never_panics(input in "\\PC{0,20}") {
            let _ = Lang::parse_date(&input);
        }
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
