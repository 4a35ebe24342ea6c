//! The one i18n layer: every text a person reads, in seven languages. The texts live in Fluent
//! files (`app/locales/LANG/{cupola,messages,recall}.ftl`, embedded in the binary), so that
//! translators work without Rust; the structs below list each text once with its kind and
//! arguments (`texts!`), and each language's values are formatted once, at first use. The test
//! `every_message_exists_in_every_language` fails on a message missing in any language.

mod citizen;
mod errors;
pub(crate) mod fluent;
mod guarantee;
mod legal;

pub use citizen::CitizenTexts;
pub use errors::ErrorCode;
pub use guarantee::GuaranteeTexts;
pub use legal::{FEEDBACK_ANSWER_DAYS, LegalDocuments, LegalTexts};

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use fluent::texts;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    It,
    En,
    Ro,
    Sq,
    ZhHans,
    Ar,
    Uk,
}

/// The Italian texts (the audit stores some of them, e.g. the reasons for opening a record).
pub static IT: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::It));
pub static EN: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::En));

impl Lang {
    /// In the order of the language switch (and of `fluent::SOURCES`).
    pub const ALL: [Lang; 7] = [
        Lang::It,
        Lang::En,
        Lang::Ro,
        Lang::Sq,
        Lang::ZhHans,
        Lang::Ar,
        Lang::Uk,
    ];

    /// The BCP 47 tag, for `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
            Lang::Ro => "ro",
            Lang::Sq => "sq",
            Lang::ZhHans => "zh-Hans",
            Lang::Ar => "ar",
            Lang::Uk => "uk",
        }
    }

    /// A language from its tag, as the cookie, a form or the switch writes it (any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
    }

    /// The best of our languages for an `Accept-Language` header ("ro-RO,ro;q=0.9,en;q=0.8"):
    /// the one with the highest weight, matched on the primary subtag (any Chinese is
    /// Simplified Chinese here). None when nothing matches.
    pub fn negotiate(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let lang = Lang::ALL
                .into_iter()
                .find(|lang| lang.code().split('-').next() == Some(primary))
                .or_else(|| Lang::from_code(tag));
            if let Some(lang) = lang
                && weight > 0.0
                && best.is_none_or(|(w, _)| weight > w)
            {
                best = Some((weight, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    /// The writing direction, for `<html dir>`: Arabic is written right to left.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language of the data that exist only in Italian and English (service names,
    /// preparation and access notes): English for English, Italian (the prescription's and the
    /// signs' language) for the others.
    pub fn data(self) -> Lang {
        match self {
            Lang::En => Lang::En,
            _ => Lang::It,
        }
    }

    /// The decimal separator of figures written with `views::transparency::decimal`.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::En | Lang::ZhHans | Lang::Ar => '.',
            Lang::It | Lang::Ro | Lang::Sq | Lang::Uk => ',',
        }
    }

    /// The name of the language, written in it ("Română", "العربية").
    pub fn name(self) -> &'static str {
        self.t().language_name
    }

    pub fn t(self) -> &'static Texts {
        static RO: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::Ro));
        static SQ: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::Sq));
        static ZH: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::ZhHans));
        static AR: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::Ar));
        static UK: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::Uk));
        match self {
            Lang::It => &IT,
            Lang::En => &EN,
            Lang::Ro => &RO,
            Lang::Sq => &SQ,
            Lang::ZhHans => &ZH,
            Lang::Ar => &AR,
            Lang::Uk => &UK,
        }
    }

    /// The texts of recall (one-tap pages, the record's recall column).
    pub fn recall(self) -> &'static RecallTexts {
        static RECALL: LazyLock<Vec<RecallTexts>> =
            LazyLock::new(|| Lang::ALL.into_iter().map(RecallTexts::load).collect());
        &RECALL[self as usize]
    }

    /// The legal documents for a reader of this language, and the language they are written
    /// in: this one when its `legal.ftl` is complete (Italian, English), else English.
    pub fn legal(self) -> (&'static LegalDocuments, Lang) {
        static LEGAL: LazyLock<Vec<LegalDocuments>> =
            LazyLock::new(|| Lang::ALL.into_iter().map(LegalDocuments::load).collect());
        let written = if fluent::bundle(self, fluent::LEGAL).has_message("pv_intro") {
            self
        } else {
            Lang::En
        };
        (&LEGAL[written as usize], written)
    }

    /// An amount in euro cents as people of this language write it.
    pub fn money(self, cents: i64) -> String {
        let (euros, cents) = (cents / 100, (cents % 100).abs());
        (self.t().money)(euros, &format!("{cents:02}"))
    }

    /// A day and time written out in full ("giovedì 3 dicembre 2026, ore 8:30").
    pub fn date_time(self, at: NaiveDateTime) -> String {
        (self.t().date_time)(&self.long_date(at.date()), &self.time(at))
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
        (t.long_date)(weekday, date.day(), month, date.year())
    }
}

/// How long the oldest pending message has waited, for `dl_oldest_pending`: the unit...
fn oldest_unit(seconds: Option<i64>) -> &'static str {
    match seconds {
        None => "none",
        Some(s) if s < 120 => "seconds",
        Some(s) if s < 7200 => "minutes",
        Some(_) => "hours",
    }
}

/// ...and the amount in that unit.
fn oldest_amount(seconds: Option<i64>) -> i64 {
    match seconds {
        None => 0,
        Some(s) if s < 120 => s,
        Some(s) if s < 7200 => s / 60,
        Some(s) => s / 3600,
    }
}

texts! {
    /// Every text of the interface. Closures build the texts that carry values.
    pub struct Texts in fluent::MAIN {
        site_name: str,
        site_tagline: str,
        skip_to_content: str,
        language_nav_label: str,
        /// The name of this language, written in it (shown on the switch that leads to it).
        language_name: str,
        footer_demo_notice: str,
        footer_sources: str,
        home_title: str,
        home_heading: str,
        home_intro: str,
        search_label: str,
        search_hint: str,
        search_button: str,
        catalog_title: str,
        catalog_intro: str,
        catalog_results: fn(n: usize, q: &str),
        catalog_no_results: fn(q: &str),
        catalog_all_link: str,
        kind_visit: str,
        kind_exam: str,
        code_label: str,
        tariff_label: str,
        tariff_unknown: str,
        not_found_title: str,
        not_found_body: str,
        /// 413: a request body over the route's limit.
        too_large_title: str,
        too_large_body: str,
        /// 408: a request whose body did not arrive in time.
        slow_request_title: str,
        slow_request_body: str,
        back_home: str,
        error_title: str,
        error_body: str,
        unavailable_title: str,
        unavailable_body: str,
        /// On the staff sign-in page while the database does not answer.
        login_outage_notice: str,
        /// On every staff page while the database does not answer.
        staff_outage_notice: str,
        too_many_title: str,
        /// Too many wrong tries; the argument is the minutes until the next one is allowed.
        too_many_body: fn(m: u64),
        home_book_title: str,
        home_book_text: str,
        home_mine_title: str,
        home_mine_text: str,
        home_times_title: str,
        home_times_text: str,
        home_what_heading: str,
        error_summary_title: str,
        error_title_prefix: str,
        optional: str,
        back: str,
        rx_title: str,
        rx_intro: str,
        fc_label: str,
        fc_hint: str,
        nre_label: str,
        nre_hint: str,
        rx_button: str,
        fc_empty: str,
        fc_length: fn(n: usize),
        fc_character: fn(p: usize),
        fc_date: str,
        fc_check: str,
        nre_empty: str,
        nre_length: fn(n: usize),
        nre_character: fn(p: usize),
        nre_region: str,
        /// This fiscal code and this NRE are not a prescription (whoever the NRE belongs to).
        rx_no_match: str,
        rx_booked: str,
        rx_not_bookable: str,
        rx_expired: fn(d: &str),
        slots_title: str,
        rx_for: str,
        priority_label: str,
        priority_names: [str; 4],
        deadline_label: str,
        filters_legend: str,
        area_label: str,
        any_area: str,
        town_label: str,
        any_town: str,
        from_label: str,
        from_hint: str,
        from_invalid: str,
        filter_button: str,
        slots_heading: str,
        within_deadline: str,
        beyond_deadline: str,
        choose_button: str,
        no_slots: str,
        next_page: str,
        first_page: str,
        slot_taken: str,
        slot_unavailable: str,
        none_in_time_title: str,
        none_in_time_body: fn(d: &str),
        guarantee_route: str,
        join_waitlist: str,
        already_waiting: fn(d: &str),
        confirm_title: str,
        held_until: fn(t: &str),
        offered_until: fn(t: &str),
        hold_expired: str,
        service_label: str,
        when_label: str,
        where_label: str,
        address_label: str,
        contacts_legend: str,
        contacts_hint: str,
        phone_label: str,
        email_label: str,
        phone_characters: str,
        phone_length: str,
        email_malformed: str,
        email_domain: str,
        email_long: str,
        confirm_button: str,
        choose_other: str,
        receipt_new_title: str,
        receipt_title: str,
        code_label_booking: str,
        code_keep: str,
        qr_alt: fn(c: &str),
        status_label: str,
        status_names: [str; 4],
        prep_label: str,
        access_label: str,
        amount_label: str,
        amount_text: fn(a: &str),
        amount_unknown: str,
        booked_on_label: str,
        print_link: str,
        ics_link: str,
        move_link: str,
        cancel_link: str,
        change_until: fn(d: &str),
        change_too_late: str,
        moved_notice: str,
        cancelled_notice: str,
        print_title: str,
        print_hint: str,
        back_to_booking: str,
        lookup_intro: str,
        bc_label: str,
        bc_hint: str,
        bc_empty: str,
        bc_length: fn(n: usize),
        bc_character: fn(p: usize),
        lookup_not_found: str,
        lookup_button: str,
        cancel_title: str,
        cancel_intro: str,
        reason_legend: str,
        reasons: [str; 4],
        reason_required: str,
        reason_details_label: str,
        cancel_button: str,
        keep_booking: str,
        too_late: fn(d: &str),
        not_active: str,
        move_title: str,
        move_intro: fn(w: &str),
        move_confirm_title: str,
        move_from: str,
        move_to: str,
        move_button: str,
        waitlist_title: str,
        waitlist_body: fn(d: &str),
        waitlist_since: fn(d: &str),
        times_title: str,
        times_intro: str,
        first_by_area: str,
        first_by_facility: str,
        no_date: str,
        updated_at: fn(t: &str),
        book_cta: str,
        times_service_link: str,
        reason_too_long: str,
        stale_notice: fn(t: &str),
        area_times_title: fn(s: &str, a: &str),
        first_slots_heading: str,
        area_details: str,
        no_free_slots: str,
        waiting_room_title: str,
        waiting_room_intro: str,
        waiting_room_position: fn(n: i64) where { ahead = (n - 1).max(0) },
        waiting_room_eta: fn(m: i64),
        waiting_room_refresh: fn(s: u32),
        waiting_room_times: str,
        waiting_room_joining: str,
        waiting_room_line: fn(n: i64),
        waiting_room_limited_title: str,
        waiting_room_limited: str,
        waiting_room_retry: fn(s: u32),
        staff_area: str,
        login_title: str,
        login_intro: str,
        username_label: str,
        password_label: str,
        login_button: str,
        /// A wrong password, an unknown username and a locked account: one answer.
        login_failed: str,
        login_required: str,
        logout_button: str,
        signed_in_as: fn(n: &str, r: &str),
        role_names: [str; 3],
        console_title: str,
        console_slots_title: str,
        console_slots_intro: str,
        service_code_label: str,
        show_slots_button: str,
        reserved_for: fn(w: &str),
        unknown_service: str,
        form_expired: str,
        forbidden_title: str,
        forbidden_body: str,
        /// Someone else's change came first (HTTP 409).
        conflict_title: str,
        conflict_body: str,
        /// A request that cannot be met (HTTP 422).
        unprocessable_title: str,
        unprocessable_body: str,
        channel_names: [str; 4],
        priority_reservation: fn(p: &str),
        first_date_column: str,
        weekdays: [str; 7],
        months: [str; 12],
        /// A date written out: the weekday and month names above, the day and year in figures.
        long_date: fn(weekday: &str, day: u32, month: &str, year: i32),
        /// A day written out and a time.
        date_time: fn(date: &str, time: &str),
        /// An amount in euro: whole euros and the cents in two figures.
        money: fn(euros: i64, cents: &str),
        // Operator console (issue 5)
        console_nav_label: str,
        console_home_link: str,
        console_home_intro: str,
        menu_find_citizen: str,
        menu_find_citizen_text: str,
        menu_current_citizen: str,
        menu_current_citizen_text: str,
        menu_slots_text: str,
        menu_audit_text: str,
        menu_agendas: str,
        menu_agendas_text: str,
        citizen_search_title: str,
        citizen_search_intro: str,
        access_reason_label: str,
        access_reason_choose: str,
        /// Why a member of staff opens a citizen's record. The Italian ones are stored in the audit.
        access_reasons: [str; 4],
        access_note_label: str,
        access_note_hint: str,
        access_reason_required: str,
        access_note_too_long: str,
        citizen_not_found: str,
        citizen_search_button: str,
        citizen_record_title: str,
        citizen_record_reason: fn(r: &str),
        citizen_name_label: str,
        citizen_born_label: str,
        close_record_button: str,
        another_citizen_link: str,
        prescriptions_heading: str,
        no_prescriptions: str,
        nre_column: str,
        prescribed_on_column: str,
        /// To book, booked, expired, revoked, delivered, on the waiting list.
        rx_status_names: [str; 6],
        actions_column: str,
        book_for_link: str,
        bookings_heading: str,
        no_bookings: str,
        open_link: str,
        print_short_link: str,
        move_short_link: str,
        cancel_short_link: str,
        waiting_heading: str,
        no_waiting: str,
        waiting_since_column: str,
        /// Waiting, offered, booked, expired, withdrawn.
        waiting_status_names: [str; 5],
        console_book_title: str,
        console_book_intro: str,
        console_move_intro: fn(w: &str),
        book_slot_button: str,
        move_slot_button: str,
        console_receipt_title: str,
        console_booked_notice: str,
        console_change_until_start: str,
        console_change_closed: str,
        back_to_record: str,
        console_cancel_legend: str,
        keep_booking_console: str,
        form_expired_body: str,
        audit_title: str,
        audit_intro: str,
        audit_filters_legend: str,
        audit_staff_label: str,
        audit_from_label: str,
        audit_to_label: str,
        audit_date_hint: str,
        audit_date_invalid: str,
        audit_dates_reversed: str,
        audit_unknown_staff: str,
        audit_action_label: str,
        audit_any_action: str,
        /// Names of the actions in `views::staff::AUDIT_ACTIONS`, in the same order.
        audit_action_names: [str; 17],
        audit_search_button: str,
        audit_results_heading: str,
        audit_export_fhir: str,
        audit_no_results: str,
        audit_when_column: str,
        audit_who_column: str,
        audit_channel_column: str,
        audit_action_column: str,
        audit_citizen_column: str,
        audit_booking_column: str,
        audit_reason_column: str,
        audit_actor_citizen: str,
        console_within_deadline: str,
        console_beyond_deadline: str,
        audit_actor_system: str,
        // The facility desk and message delivery (issue 13).
        menu_desk_text: str,
        desk_title: str,
        desk_intro: str,
        /// The ticket a missed visit may owe, even for exempt citizens.
        desk_ticket_note: str,
        desk_facility_label: str,
        desk_facility_required: str,
        desk_day_label: str,
        desk_day_invalid: str,
        desk_show_button: str,
        /// The table's caption, given the day written out and the facility.
        desk_caption: fn(day: &str, facility: &str),
        desk_no_visits: str,
        desk_time_column: str,
        desk_code_column: str,
        desk_patient_column: str,
        desk_service_column: str,
        desk_status_column: str,
        desk_action_column: str,
        desk_attended_button: str,
        desk_no_show_button: str,
        desk_not_yet: str,
        desk_ticket_due: str,
        desk_marked_notice: str,
        menu_deliveries_text: str,
        dl_title: str,
        dl_intro: str,
        dl_channels_heading: str,
        /// A channel and whether it is configured (None: not known here).
        dl_channel_configured: fn(channel: &str, configured: Option<bool>),
        /// The wait of the oldest pending message, in seconds (None: nothing pending).
        dl_oldest_pending: fn(s: Option<i64>)
            where { unit = oldest_unit(s), amount = oldest_amount(s) },
        dl_counts_heading: str,
        dl_counts_caption: str,
        dl_no_messages: str,
        dl_list_heading: str,
        dl_list_caption: str,
        dl_no_undelivered: str,
        dl_id_column: str,
        dl_kind_column: str,
        dl_channel_column: str,
        dl_recipient_column: str,
        dl_state_column: str,
        dl_attempts_column: str,
        dl_error_column: str,
        dl_created_column: str,
        dl_next_column: str,
        dl_action_column: str,
        dl_retry_button: str,
        dl_retried_notice: str,
        dl_not_retried_notice: str,
        /// In the order of `views::staff::MESSAGE_KINDS`.
        dl_kind_names: [str; 6],
        /// In the order of `views::staff::MESSAGE_STATES`.
        dl_state_names: [str; 4],
        /// In the order of `views::staff::MESSAGE_CHANNELS`.
        dl_channel_names: [str; 3],
        // Back office (issue 5)
        bo_yes: str,
        bo_no: str,
        bo_choose: str,
        bo_agendas_title: str,
        bo_agendas_intro: str,
        bo_new_agenda_link: str,
        bo_filters_legend: str,
        bo_facility_label: str,
        bo_any_facility: str,
        bo_any_service: str,
        bo_filter_button: str,
        bo_facilities_caption: str,
        bo_agendas_count_column: str,
        bo_no_agendas: str,
        bo_label_label: str,
        bo_label_hint: str,
        bo_slot_minutes_column: str,
        bo_slot_minutes_label: str,
        bo_slot_minutes_hint: str,
        bo_active_column: str,
        bo_new_agenda_title: str,
        bo_new_agenda_intro: str,
        bo_create_button: str,
        bo_back_to_agendas: str,
        bo_agenda_title: fn(label: &str, facility: &str),
        bo_templates_heading: str,
        bo_templates_caption: str,
        bo_no_templates: str,
        bo_weekday_label: str,
        bo_hours_column: str,
        bo_reservation_column: str,
        bo_validity_column: str,
        bo_validity: fn(from: &str, to: Option<&str>),
        bo_no_reservation: str,
        bo_no_reservation_choice: str,
        bo_template_legend: str,
        bo_start_label: str,
        bo_end_label: str,
        bo_time_hint: str,
        bo_reservation_label: str,
        bo_valid_from_label: str,
        bo_valid_to_label: str,
        bo_valid_to_hint: str,
        bo_date_hint: str,
        bo_add_template_button: str,
        bo_days_heading: str,
        bo_days_caption: str,
        bo_no_days: str,
        bo_day_column: str,
        bo_free_column: str,
        bo_booked_column: str,
        bo_suspended_column: str,
        bo_slots_heading: str,
        bo_generate_legend: str,
        bo_generate_hint: str,
        bo_from_label: str,
        bo_to_label: str,
        bo_generate_button: str,
        bo_extra_legend: str,
        bo_extra_hint: str,
        bo_count_label: str,
        bo_count_hint: str,
        bo_extra_button: str,
        bo_suspend_legend: str,
        bo_suspend_hint: str,
        bo_suspend_to_hint: str,
        bo_reason_label: str,
        bo_reason_hint: str,
        bo_suspend_button: str,
        bo_facility_required: str,
        bo_service_required: str,
        bo_label_required: str,
        bo_label_too_long: str,
        bo_label_taken: str,
        bo_minutes_invalid: str,
        bo_weekday_required: str,
        bo_time_invalid: str,
        bo_end_before_start: fn(m: i64),
        bo_reservation_invalid: str,
        bo_template_overlap: str,
        bo_date_required: str,
        bo_date_invalid: str,
        bo_date_past: str,
        bo_date_far: str,
        bo_to_before_from: str,
        bo_period_too_long: str,
        bo_count_invalid: fn(n: i64),
        bo_extra_midnight: str,
        bo_extra_past: str,
        bo_reason_required: str,
        bo_reason_too_long: fn(n: usize),
        bo_created_notice: str,
        bo_template_added: str,
        bo_generated: fn(created: u64, existing: u64, offered: u64),
        bo_extra_added: fn(created: u64, existing: u64, offered: u64),
        bo_suspended_notice: fn(slots: u64, moved: u64, waitlisted: u64),
        tr_link: str,
        tr_title: fn(place: &str),
        tr_intro: str,
        tr_law: str,
        tr_show_button: str,
        tr_no_data: str,
        tr_class_column: str,
        tr_max_wait_column: str,
        tr_first_column: str,
        tr_median_column: str,
        tr_bookings_column: fn(d: i64),
        tr_within_column: str,
        tr_class_names: [str; 4],
        tr_days: fn(d: u32),
        tr_none: str,
        tr_open_data_heading: str,
        tr_open_data_intro: str,
        /// The open data section of the page, in a line: the columns have a page of their own.
        tr_open_data_short: str,
        tr_columns_link: str,
        tr_columns_title: str,
        tr_csv_link: str,
        tr_json_link: str,
        /// One description per open-data column, in the order of `views::transparency::COLUMNS`.
        tr_column_docs: [str; 14],
        tr_no_show_heading: str,
        /// How the no-show rate is computed (its denominator), given the window in days.
        tr_no_show_intro: fn(d: i64),
        tr_no_show_caption: str,
        tr_service_column: str,
        tr_attended_column: str,
        tr_no_show_column: str,
        tr_no_show_rate_column: str,
        tr_total_row: str,
        // Pharmacy kiosk (issue 6).
        kiosk_title: str,
        kiosk_intro: str,
        kiosk_book_text: str,
        kiosk_mine_text: str,
        kiosk_privacy: str,
        kiosk_ended: str,
        kiosk_end_button: str,
        kiosk_idle_title: str,
        /// The warning before the reset, given the seconds left.
        kiosk_idle_text: fn(s: u32),
        kiosk_continue: str,
        print_now: str,
        sources_intro: str,
        /// The label of the list of the sources document's parts.
        sources_parts: str,
        /// The parts: overview and caveats, facilities, services.
        sources_part_names: [str; 3],
        // issue 14 — journey
        from_past: str,
        order_legend: str,
        order_earliest: str,
        order_nearest: str,
        slots_heading_nearest: str,
        home_label: str,
        home_hint: str,
        home_unknown: str,
        nearest_needs_home: str,
        town_not_in_area: fn(town: &str, area: &str),
        km_from: fn(km: u32, town: &str),
        not_changeable_online: str,
        late_slots_heading: str,
        late_slots_intro: str,
        help_heading: str,
        help_call: str,
        help_hours: fn(hours: &str),
        check_heading: str,
        patient_label: str,
        date_label: str,
        time_label: str,
        online_change_label: str,
        changeable_until: fn(day: &str),
        change_link: str,
        hold_renewed: fn(time: &str),
        extend_button: str,
        extend_refused: str,
        hold_warning: str,
        lost_code_link: str,
        lost_code_title: str,
        lost_code_intro: str,
        lost_code_button: str,
        lost_code_not_found: str,
        area_empty_widened: fn(area: &str),
        // issue 14 — receipt
        /// The heading of a cancelled booking's receipt.
        receipt_cancelled_title: str,
        /// When it was cancelled, given the long date.
        receipt_cancelled_on: fn(d: &str),
        receipt_cancel_reason_label: str,
        /// What a cancelled booking's receipt says first: the appointment no longer holds.
        receipt_cancelled_body: str,
        /// The heading of a booking that is over (attended or missed).
        receipt_closed_title: str,
        /// The printable version of a cancelled booking.
        print_cancelled_title: str,
        /// The print page's button (shown when the script runs).
        print_button: str,
        // issue 14 — operator
        /// A slot in the console's list: opens the confirmation step (it books nothing).
        console_choose_slot: str,
        console_confirm_title: str,
        console_confirm_intro: str,
        /// The confirmation step's first and focused action: back to the list, booking nothing.
        console_back_to_slots: str,
        /// The last day the citizen may move or cancel online (a date).
        console_change_online_until: fn(d: &str),
        console_change_online_closed: str,
        console_contacts_hint: str,
        /// The guarantee route's texts (the `## guarantee` block of the same file).
        guarantee: GuaranteeTexts,
        /// The legal pages' short texts (the `## legal` block of the same file).
        legal: LegalTexts,
        /// Signing in and the signed-in area (the `## citizen` block of the same file).
        citizen: CitizenTexts,
        // ## suspensions — agendas never closed, shown (issue 14)
        /// The suspend form's select of the kind of reason.
        su_reason_kind_label: str,
        su_reason_kind_required: str,
        /// In the order of `SuspensionReason::ALL`: equipment, staff absence, facility, other.
        su_reason_names: [str; 4],
        /// A period of more than one day (dates in figures).
        su_period: fn(from: &str, to: &str),
        su_menu_text: str,
        su_report_title: str,
        su_report_intro: str,
        su_report_caption: str,
        su_none_report: str,
        su_agenda_column: str,
        su_period_column: str,
        su_reason_column: str,
        su_by_column: str,
        su_slots_column: str,
        su_moved_column: str,
        su_waitlisted_column: str,
        su_rebooked_column: str,
        su_count_column: str,
        su_detail_title: fn(agenda: &str, facility: &str),
        su_detail_intro: str,
        su_counts_label: str,
        su_counts: fn(slots: i64, moved: i64, waitlisted: i64, rebooked: i64),
        su_audit_column: str,
        /// Opens the audit search on the entries of this kind, that day, by that member of staff.
        su_audit_button: str,
        /// An audit entry past the retention period.
        su_audit_gone: str,
        su_no_bookings: str,
        su_bookings_heading: str,
        su_bookings_caption: str,
        su_booking_column: str,
        su_previous_column: str,
        su_outcome_column: str,
        su_message_column: str,
        /// Moved: the new day and time, and the facility.
        su_outcome_moved: fn(when: &str, place: &str),
        su_outcome_waitlisted: str,
        su_since_rebooked: str,
        su_since_unknown: str,
        su_no_message: str,
        su_back_to_report: str,
        su_public_title: str,
        su_public_area_title: fn(area: &str),
        su_public_intro: str,
        su_public_areas_caption: fn(days: i64),
        su_public_list_caption: fn(days: i64),
        su_public_none: fn(days: i64),
        su_public_all_areas: str,
        /// When the page was made (date and time in figures).
        su_public_updated: fn(at: &str),
        // keepwaiting — book now, keep waiting for an earlier slot
        /// The confirmation step's checkbox, and its one-line explanation (also on the receipt).
        keep_waiting_label: str,
        keep_waiting_hint: str,
        /// The receipt's section on the waiting list for an earlier slot.
        earlier_heading: str,
        earlier_join_button: str,
        earlier_leave_button: str,
        /// Waiting since this day (written out).
        earlier_waiting: fn(d: &str),
        /// An earlier slot is offered: when it starts, and until when it is held.
        earlier_offered: fn(when: &str, until: &str),
        earlier_offer_link: str,
        earlier_left_notice: str,
        /// The messages sent to citizens (e-mail and SMS).
        messages: MessageTexts,
    }
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
    /// The day of the booking an offered earlier slot would replace ("10/12"), or "".
    pub current: &'a str,
}

texts! {
    /// The texts of the messages to citizens: e-mail subjects, headings and sentences, the labels of
    /// the appointment's details, link texts that say what they do, and the SMS.
    pub struct MessageTexts in fluent::MESSAGES {
        /// The end of every e-mail: who wrote it and that replies are not read.
        footer: str,
        details_caption: str,
        label_service: str,
        label_when: str,
        label_where: str,
        label_code: str,
        label_prep: str,
        label_access: str,
        label_hold_until: str,
        label_previous: str,
        label_reason: str,
        label_deadline: str,
        actions_heading: str,
        receipt_link: str,
        cancel_link: str,
        confirm_link: str,
        accept_link: str,
        /// The argument is the last day, written out.
        change_until: fn(day: &str),
        too_late_online: str,
        calendar_attached: str,
        calendar_cancel_attached: str,
        /// The arguments of the subjects are the day of the visit, written out.
        confirmed_subject: fn(day: &str),
        confirmed_heading: str,
        confirmed_intro: str,
        moved_subject: fn(day: &str),
        moved_heading: str,
        moved_intro: str,
        cancelled_subject: fn(day: &str),
        cancelled_heading: str,
        cancelled_intro: str,
        offered_subject: fn(day: &str),
        offered_heading: str,
        offered_intro: str,
        /// The argument is when the hold ends, written out.
        offered_until: fn(until: &str),
        suspended_subject: fn(day: &str),
        suspended_moved_heading: str,
        suspended_moved_intro: str,
        suspended_waitlisted_heading: str,
        /// The argument is the day by which the visit is due (the prescription's deadline).
        suspended_waitlisted_intro: fn(deadline: &str),
        /// The arguments are the days before the visit and its day.
        reminder_subject: fn(days: i64, day: &str),
        reminder_heading: str,
        reminder_intro: str,
        reminder_answer: fn(day: &str),
        reminder_missed_visit: str,
        sms_confirmed: fn(f: &SmsFacts),
        sms_moved: fn(f: &SmsFacts),
        sms_cancelled: fn(f: &SmsFacts),
        sms_offered: fn(f: &SmsFacts),
        sms_suspended_moved: fn(f: &SmsFacts),
        sms_suspended_waitlisted: fn(f: &SmsFacts),
        sms_reminder: fn(f: &SmsFacts),
        /// A reminder when the booking can no longer change online (no links to act on it).
        sms_reminder_late: fn(f: &SmsFacts),
        // keepwaiting — an earlier slot offered to a booking waiting for one
        /// The argument is the current booking's day and time, written out.
        offered_move_intro: fn(current: &str),
        /// The argument is when the hold ends, written out.
        offered_move_until: fn(until: &str),
        label_current: str,
        accept_move_link: str,
        sms_offered_move: fn(f: &SmsFacts),
    }
}

texts! {
    /// Every text of the one-tap pages and of the record's recall column.
    pub struct RecallTexts in fluent::RECALL {
        confirm_title: str,
        confirm_intro: str,
        confirm_button: str,
        cancel_title: str,
        cancel_intro: str,
        cancel_button: str,
        accept_title: str,
        /// The offer's hold ends at this day and time.
        accept_intro: fn(until: &str),
        accept_button: str,
        /// The legend of the visit's summary.
        visit_legend: str,
        expired_title: str,
        expired_text: str,
        invalid_title: str,
        invalid_text: str,
        not_possible_title: str,
        already_cancelled: str,
        /// The last day online was this day.
        too_late: fn(d: &str),
        visit_passed: str,
        no_reply_recorded: str,
        offer_lapsed: str,
        offer_already_booked: str,
        slot_taken: str,
        receipt_link: str,
        my_bookings_link: str,
        waitlist_link: str,
        /// Shown on the receipt after a confirmation of attendance.
        attendance_confirmed_notice: str,
        /// The record's column of recall states.
        recall_column: str,
        /// A reminder queued on this day, this many working days before.
        reminded_on: fn(d: &str, n: i64),
        confirmed_on: fn(d: &str),
        no_reply_on: fn(d: &str),
        messages_label: str,
        no_messages: str,
        /// Message kinds, in the order of `outbox::Message::ALL`: booking_confirmed, booking_moved,
        /// booking_cancelled, slot_offered, reminder, agenda_suspended.
        message_kinds: [str; 6],
        /// Channels: e-mail, SMS, none.
        channel_names: [str; 3],
        /// Delivery states: pending, sent, failed, no contact.
        delivery_states: [str; 4],
        // keepwaiting — accepting an earlier slot moves the booking
        accept_move_title: str,
        /// When the hold ends, and the current booking's day and time (written out).
        accept_move_intro: fn(until: &str, current: &str),
        accept_move_button: str,
        /// The booking the offer would replace was cancelled, changed or is too close to move.
        offer_booking_gone: str,
        /// An earlier slot's offer that lapsed: the booking stays.
        earlier_offer_lapsed: str,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentArgs, FluentResource};

    /// The message ids each file must have, with the arguments each message is given.
    fn declared() -> [Vec<(String, Vec<&'static str>)>; 4] {
        [
            [
                Texts::message_ids(),
                GuaranteeTexts::message_ids(),
                CitizenTexts::message_ids(),
                LegalTexts::message_ids(),
            ]
            .concat(),
            MessageTexts::message_ids(),
            RecallTexts::message_ids(),
            LegalDocuments::message_ids(),
        ]
    }

    /// Languages whose legal documents must be complete. Every other language's `legal.ftl`
    /// may hold no message at all (its readers get the English text): a legal text is only
    /// added once reviewed, and then complete (a half-translated notice would mix languages).
    const LEGAL_WRITTEN_IN: [Lang; 2] = [Lang::It, Lang::En];

    #[test]
    fn every_message_exists_in_every_language() {
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            for (file, ids) in declared().iter().enumerate() {
                let name = format!("{}/{}", lang.code(), fluent::FILES[file]);
                let source = fluent::SOURCES[lang as usize][file].to_owned();
                let resource = match FluentResource::try_new(source) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        problems.push(format!("{name}: syntax errors {errors:?}"));
                        resource
                    }
                };
                let bundle = fluent::bundle(lang, file);
                let has_messages = resource
                    .entries()
                    .any(|entry| matches!(entry, fluent_syntax::ast::Entry::Message(_)));
                if file == fluent::LEGAL && !has_messages {
                    // Falls back to English as a whole (`Lang::legal`); English is checked.
                    if LEGAL_WRITTEN_IN.contains(&lang) {
                        problems.push(format!("{name}: empty"));
                    }
                    continue;
                }
                let mut missing = Vec::new();
                for (id, args) in ids {
                    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                        missing.push(id.as_str());
                        continue;
                    };
                    // Every message formats with its declared arguments, as a number and as a
                    // text (`none` for an absent option).
                    for value in [
                        fluent_bundle::FluentValue::from(1),
                        fluent_bundle::FluentValue::from(7),
                        fluent_bundle::FluentValue::from("none"),
                    ] {
                        let mut fargs = FluentArgs::new();
                        for arg in args {
                            fargs.set(*arg, value.clone());
                        }
                        let mut errors = Vec::new();
                        bundle.format_pattern(pattern, Some(&fargs), &mut errors);
                        if !errors.is_empty() {
                            problems.push(format!("{name}: {id}: {errors:?}"));
                        }
                    }
                }
                if !missing.is_empty() {
                    problems.push(format!("{name}: missing {}", missing.join(", ")));
                }
                let known: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
                let unknown: Vec<String> = resource
                    .entries()
                    .filter_map(|entry| match entry {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                        _ => None,
                    })
                    .filter(|id| !known.contains(id))
                    .map(str::to_owned)
                    .collect();
                if !unknown.is_empty() {
                    problems.push(format!(
                        "{name}: not declared in Rust {}",
                        unknown.join(", ")
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn no_isolation_marks_in_texts() {
        for lang in Lang::ALL {
            let text = (lang.t().catalog_results)(2, "cuore");
            assert!(
                !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                "{text}"
            );
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!((Lang::It.t().tr_days)(1), "1 giorno");
        assert_eq!((Lang::It.t().tr_days)(3), "3 giorni");
        assert_eq!(
            (Lang::En.t().catalog_results)(1, "eco"),
            "1 service found for “eco”"
        );
        assert_eq!((Lang::En.t().waiting_room_position)(1), "You are next.");
        assert_eq!(
            (Lang::En.t().waiting_room_position)(3),
            "There are 2 people ahead of you."
        );
        assert_eq!(
            (Lang::It.t().dl_oldest_pending)(Some(3 * 3600)),
            "Il messaggio in attesa più vecchio aspetta da 3 ore."
        );
        assert_eq!(
            (Lang::En.t().dl_oldest_pending)(None),
            "No message is pending."
        );
        assert_eq!(
            (Lang::En.t().bo_validity)("1/1/2027", None),
            "from 1/1/2027, no end"
        );
    }

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
            assert_eq!(Lang::from_code(&lang.code().to_uppercase()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Uk.dir(), "ltr");
    }

    #[test]
    fn accept_language_picks_the_best_of_ours() {
        assert_eq!(Lang::negotiate("ro-RO,ro;q=0.9,en;q=0.8"), Some(Lang::Ro));
        assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.5"), Some(Lang::En));
        assert_eq!(Lang::negotiate("en;q=0.5, uk"), Some(Lang::Uk));
        assert_eq!(Lang::negotiate("zh-CN,zh;q=0.9"), Some(Lang::ZhHans));
        assert_eq!(Lang::negotiate("ar-MA"), Some(Lang::Ar));
        assert_eq!(Lang::negotiate("sq-AL,it;q=0.1"), Some(Lang::Sq));
        assert_eq!(Lang::negotiate("de-DE,fr;q=0.9"), None);
        assert_eq!(Lang::negotiate("it;q=0, en"), Some(Lang::En));
        assert_eq!(Lang::negotiate(""), None);
    }
}
