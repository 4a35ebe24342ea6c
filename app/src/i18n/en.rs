use super::{MessageTexts, Texts};

pub static EN: Texts = Texts {
    site_name: "Cupola",
    site_tagline: "Healthcare bookings in Tuscany",
    skip_to_content: "Skip to main content",
    language_nav_label: "Language",
    language_name: "English",
    footer_demo_notice: "Cupola is a demonstration portal: facilities and services are real; \
        schedules, people and bookings are invented.",
    footer_sources: "Data sources",

    home_title: "Book visits and exams",
    home_heading: "Book visits and exams anywhere in Tuscany",
    home_intro: "Search for a service and find the first free appointment at any hospital or \
        clinic in the region.",
    search_label: "Search for a service",
    search_hint: "For example: eye visit, abdominal ultrasound, 89.7A.3",
    search_button: "Search",

    catalog_title: "Services you can book",
    catalog_intro: "Visits and exams of the regional catalogue that can be booked with an \
        electronic prescription.",
    catalog_results: |n, q| match n {
        1 => format!("1 service found for “{q}”"),
        n => format!("{n} services found for “{q}”"),
    },
    catalog_no_results: |q| {
        format!(
            "No service found for “{q}”. Check the spelling or try another word, for \
             example the name of the specialist."
        )
    },
    catalog_all_link: "See all services",
    kind_visit: "Visit",
    kind_exam: "Exam",
    code_label: "Code",
    tariff_label: "Tariff",
    tariff_unknown: "not available",

    not_found_title: "Page not found",
    not_found_body: "This address does not match any page. It may have been mistyped, or the \
        page no longer exists.",
    too_large_title: "Request too large",
    too_large_body: "The data sent is larger than this page accepts and was not processed: \
        nothing was booked or changed. Please go back and try again.",
    slow_request_title: "Request not completed",
    slow_request_body: "The data sent arrived too slowly and was not processed: nothing was \
        booked or changed. Please check your connection and try again.",
    back_home: "Back to the home page",
    error_title: "Something went wrong",
    error_body: "Your request could not be completed. Nothing was lost: please try again in a \
        moment.",
    unavailable_title: "Service temporarily unavailable",
    unavailable_body: "The service is temporarily unavailable. Nothing was booked or changed: \
        please try again in a few minutes.",
    login_outage_notice: "The service is temporarily unavailable: signing in may not work right \
        now. Please try again in a few minutes.",
    staff_outage_notice: "The database is not answering right now: you are still signed in, but \
        pages that need it cannot be opened and nothing can be saved. Please try again in a few \
        minutes.",
    too_many_title: "Too many failed attempts",
    too_many_body: |m| {
        let when = if m == 1 {
            "one minute".to_owned()
        } else {
            format!("{m} minutes")
        };
        format!(
            "There were too many failed attempts with these details or from this connection. \
             To protect people's data you can try again in {when}. Meanwhile check what you \
             typed (the codes are on the prescription slip and on the booking receipt); if you \
             cannot find them, call the CUP (the booking centre)."
        )
    },

    home_book_title: "Book with a prescription",
    home_book_text: "Have an electronic prescription? Find the first free appointment anywhere in Tuscany, for yourself or a relative.",
    home_mine_title: "My bookings",
    home_mine_text: "See, print, move or cancel a booking.",
    home_times_title: "Waiting times",
    home_times_text: "The first available date for each service, facility by facility.",
    home_what_heading: "What you can do here",
    error_summary_title: "There is a problem",
    error_title_prefix: "Error: ",
    optional: "(optional)",
    back: "Back",
    rx_title: "Book with your electronic prescription",
    rx_intro: "You need the tax code of the person to be seen and the electronic prescription number (NRE). You can also book for a relative.",
    fc_label: "Tax code",
    fc_hint: "16 characters, printed on the health card. Visitors from abroad: STP or ENI code.",
    nre_label: "Electronic prescription number (NRE)",
    nre_hint: "15 characters, at the top of the prescription slip. Tuscan numbers start with 090.",
    rx_button: "Find available appointments",
    fc_empty: "Enter the tax code",
    fc_length: |n| format!("A tax code has 16 characters: you entered {n}"),
    fc_character: |p| {
        format!(
            "The character in position {p} of the tax code cannot be there: check that no letter and digit are swapped, such as O and 0"
        )
    },
    fc_date: "The tax code holds an impossible date of birth: check it on the health card",
    fc_check: "The last character of the tax code does not match the others: there is probably a typing mistake. Check it on the health card",
    nre_empty: "Enter the prescription number (NRE)",
    nre_length: |n| format!("A prescription number has 15 characters: you entered {n}"),
    nre_character: |p| {
        format!(
            "The character in position {p} of the prescription number cannot be there: after the first 4 positions there are only digits"
        )
    },
    nre_region: "The prescription number does not start with a region code: Tuscan numbers start with 090",
    rx_no_match: "This tax code and this prescription number do not match a prescription to book. Check both on the prescription slip: the tax code is that of the person named on the prescription; a prescription from another region is booked with that region's CUP (booking centre)",
    rx_booked: "This prescription has already been used for a booking. To see, move or cancel it, go to “My bookings”",
    rx_not_bookable: "This prescription can no longer be booked: the service was already provided or the prescription was withdrawn",
    rx_expired: |d| {
        format!(
            "This prescription has expired: with its priority it had to be booked by {d}. Ask your doctor for a new prescription"
        )
    },
    slots_title: "Choose a date and place",
    rx_for: "Prescription for",
    priority_label: "Priority",
    priority_names: [
        "U, urgent: within 72 hours",
        "B, short: within 10 days",
        "D, deferred: within 30 days for visits, 60 for exams",
        "P, planned: within 120 days",
    ],
    deadline_label: "To be provided by",
    filters_legend: "Filter the appointments",
    area_label: "Area",
    any_area: "All of Tuscany",
    town_label: "Town",
    any_town: "All towns",
    from_label: "From",
    from_hint: "For example 24/12/2026. Leave empty to start from today.",
    from_invalid: "The date is not valid: write it as 24/12/2026",
    filter_button: "Show appointments",
    slots_heading: "Available appointments, earliest first",
    within_deadline: "Within your priority's time limit",
    beyond_deadline: "Beyond your priority's time limit",
    choose_button: "Choose",
    no_slots: "No appointment matches these filters. Try all of Tuscany or another date.",
    next_page: "Later appointments",
    first_page: "Back to the earliest appointments",
    slot_taken: "The appointment you chose was just taken by someone else. Here are the other available appointments.",
    slot_unavailable: "This appointment cannot be booked with your prescription. Please choose another.",
    none_in_time_title: "No appointment within your priority's time limit",
    none_in_time_body: |d| {
        format!(
            "Today there is no free appointment anywhere in Tuscany by {d}. Lists are never closed: join the waiting list and we will offer you the first appointment that frees up or opens by that date. You can also choose a later appointment below."
        )
    },
    guarantee_route: "If no appointment frees up in time, you are entitled to the guarantee route: the health authority must provide the service in time, even at another facility or privately, for the ticket only (the patient's share of the cost). Ask the CUP (the booking centre) or the URP (the public relations office) of your health authority.",
    join_waitlist: "Put me on the waiting list",
    already_waiting: |d| {
        format!(
            "You are already on the waiting list: we will offer you the first appointment that frees up by {d}."
        )
    },
    confirm_title: "Confirm the booking",
    held_until: |t| {
        format!(
            "This appointment is held for you until {t}. After that it becomes free for others again."
        )
    },
    offered_until: |t| {
        format!(
            "An appointment from the waiting list has been set aside for you. It is held for you until {t}."
        )
    },
    hold_expired: "The time to confirm has run out and the appointment is free again. Please choose a time again.",
    service_label: "Service",
    when_label: "Date and time",
    where_label: "Facility",
    address_label: "Address",
    contacts_legend: "Reminders (optional)",
    contacts_hint: "Leave a mobile number or an e-mail address to get the confirmation and a reminder. It is not required.",
    phone_label: "Mobile phone",
    email_label: "E-mail",
    phone_characters: "A mobile number can only contain digits, spaces and a leading +",
    phone_length: "A mobile number has 9 to 13 digits",
    email_malformed: "Write the e-mail address with an @ and text before and after it, like name@example.com",
    email_domain: "The part after the @ needs a full domain, like example.com",
    email_long: "The e-mail address is too long",
    confirm_button: "Confirm the booking",
    choose_other: "Choose another time",
    receipt_new_title: "Booking confirmed",
    receipt_title: "Your booking",
    code_label_booking: "Booking code",
    code_keep: "Keep it: you need it to see, move or cancel the booking.",
    qr_alt: |c| format!("QR code of booking code {c}"),
    status_label: "Status",
    status_names: ["Confirmed", "Cancelled", "Attended", "Did not attend"],
    prep_label: "Preparation",
    access_label: "Getting there",
    amount_label: "Ticket (the patient's share of the cost)",
    amount_text: |a| format!("{a} at most, unless you are exempt; paid before the appointment"),
    amount_unknown: "The desk will tell you the amount of the ticket",
    booked_on_label: "Booked on",
    print_link: "Print the receipt",
    ics_link: "Add to calendar (.ics)",
    move_link: "Move the booking",
    cancel_link: "Cancel the booking",
    change_until: |d| format!("You can move or cancel it online until {d}."),
    change_too_late: "It can no longer be moved or cancelled online. If you cannot attend, tell the facility or call the CUP (the booking centre).",
    moved_notice: "The booking has been moved.",
    cancelled_notice: "The booking has been cancelled. Thank you: the appointment is now free for someone else.",
    print_title: "Booking receipt",
    print_hint: "Use your browser's Print command to print this page.",
    back_to_booking: "Back to the booking",
    lookup_intro: "Enter the tax code and the booking code from your receipt or confirmation message.",
    bc_label: "Booking code",
    bc_hint: "10 characters, for example K7M2P-QX4TA",
    bc_empty: "Enter the booking code",
    bc_length: |n| {
        format!("A booking code has 10 characters, not counting the dash: you entered {n}")
    },
    bc_character: |p| {
        format!(
            "The character in position {p} cannot appear in booking codes, which do not use O, I, L, S, B, Z, 0 or 1: check the receipt"
        )
    },
    lookup_not_found: "No booking matches this tax code and booking code. Check both on the receipt",
    lookup_button: "Show the booking",
    cancel_title: "Cancel the booking",
    cancel_intro: "By cancelling you free the appointment for someone else who is waiting.",
    reason_legend: "Why are you cancelling?",
    reasons: [
        "I no longer need the service",
        "I cannot make that date",
        "I booked elsewhere",
        "For another reason",
    ],
    reason_required: "Choose why you are cancelling",
    reason_details_label: "Anything to add?",
    cancel_button: "Cancel the booking",
    keep_booking: "Do not cancel: back to the booking",
    too_late: |d| {
        format!(
            "It can no longer be changed online: the last day was {d}. If you cannot attend, tell the facility or call the CUP (the booking centre)"
        )
    },
    not_active: "This booking is no longer active.",
    move_title: "Move the booking",
    move_intro: |w| {
        format!(
            "It is now booked for {w}. Choose the new appointment: the current one stays yours until the new one is confirmed."
        )
    },
    move_confirm_title: "Confirm the move",
    move_from: "Current booking",
    move_to: "New appointment",
    move_button: "Move the booking",
    waitlist_title: "You are on the waiting list",
    waitlist_body: |d| {
        format!(
            "We will offer you the first appointment that frees up or opens by {d}. It will be held for you for 24 hours: if you left a contact we will tell you, otherwise come back here with the tax code and the prescription number."
        )
    },
    waitlist_since: |d| format!("On the list since {d}."),
    times_title: "Waiting times",
    times_intro: "The first available date for each service at every facility in Tuscany. To book you need an electronic prescription.",
    first_by_area: "First available date by area",
    first_by_facility: "First available date by facility",
    no_date: "no free appointment in the calendar",
    updated_at: |t| format!("Figures as of {t}."),
    book_cta: "Book with your prescription",
    times_service_link: "See waiting times",

    reason_too_long: "The reason can be at most 500 characters",
    stale_notice: |t| {
        format!(
            "These figures are from {t}: we cannot update them right now. The real situation may differ."
        )
    },
    area_times_title: |s, a| format!("{s}: first free appointments in the {a} area"),
    first_slots_heading: "First free appointments",
    area_details: "First appointments",
    no_free_slots: "No free appointment in the calendar in this area.",
    waiting_room_title: "Virtual waiting room",
    waiting_room_intro: "A great many people are booking right now. So that the service keeps working, people go in one at a time, in order of arrival. Keep this page open: it refreshes by itself and lets you in when it is your turn.",
    waiting_room_position: |n| match n {
        n if n <= 1 => "You are next.".to_owned(),
        2 => "There is 1 person ahead of you.".to_owned(),
        n => format!("There are {} people ahead of you.", n - 1),
    },
    waiting_room_eta: |m| {
        if m <= 1 {
            "Estimated wait: under a minute.".to_owned()
        } else {
            format!("Estimated wait: about {m} minutes.")
        }
    },
    waiting_room_refresh: |s| format!("This page refreshes every {s} seconds."),
    waiting_room_times: "Meanwhile you can look at the waiting times and the first free date of every service, with no wait.",
    waiting_room_joining: "We are giving you your place in line: stay on this page, in a moment it refreshes by itself and shows your position.",
    waiting_room_line: |n| match n {
        n if n <= 0 => "Nobody is in line right now.".to_owned(),
        1 => "There is 1 person in line right now.".to_owned(),
        n => format!("There are {n} people in line right now."),
    },
    waiting_room_limited_title: "Too many requests from this connection",
    waiting_room_limited: "Too many requests to enter the waiting room have come from this connection in a short time. No need to reload: this page tries again by itself.",
    waiting_room_retry: |s| {
        if s <= 1 {
            "Trying again in a second.".to_owned()
        } else {
            format!("Trying again in {s} seconds.")
        }
    },
    staff_area: "Staff area",
    login_title: "Staff sign-in",
    login_intro: "For staff of the CUP (the booking centre), pharmacies and health authorities only.",
    username_label: "Username",
    password_label: "Password",
    login_button: "Sign in",
    login_failed: "Wrong username or password, or the account is locked after too many attempts. Try again later; if you forgot your password, ask your supervisor",
    login_required: "Enter username and password",
    logout_button: "Sign out",
    signed_in_as: |n, r| format!("{n} ({r})"),
    role_names: ["operator", "supervisor", "administrator"],
    console_title: "Operator console",
    console_slots_title: "Free appointments",
    console_slots_intro: "Every free appointment of the service, including those kept for operators and urgent cases.",
    service_code_label: "Service code or name",
    show_slots_button: "Show appointments",
    reserved_for: |w| format!("Kept for: {w}"),
    unknown_service: "No service with this code or name",
    form_expired: "The form has expired: please try again",
    forbidden_title: "Page not allowed",
    forbidden_body: "Your role does not allow this page. If you need it, ask your supervisor.",
    conflict_title: "Something changed in the meantime",
    conflict_body: "While you were filling in the page, things changed (for example the slot was taken or the booking changed). Nothing was done: start again from the previous page.",
    unprocessable_title: "This request cannot be met",
    unprocessable_body: "This request cannot be met as it is. Nothing was done: go back and choose another option.",
    channel_names: ["portal", "app", "pharmacy kiosks", "operators"],
    priority_reservation: |p| format!("priority {p}"),
    first_date_column: "First date",

    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],

    // Operator console (issue 5)
    console_nav_label: "Console functions",
    console_home_link: "Console menu",
    console_home_intro: "Choose what to do. Every access to a citizen's data is recorded with your name and the reason.",
    menu_find_citizen: "Find a citizen",
    menu_find_citizen_text: "By tax code: prescriptions, bookings and waiting list; book, move or cancel for them.",
    menu_current_citizen: "Back to the open record",
    menu_current_citizen_text: "The record of the citizen you are serving.",
    menu_slots_text: "Every free appointment of a service, reserved ones included.",
    menu_audit_text: "Who looked at or changed citizens' data, when and why.",
    menu_agendas: "Agendas",
    menu_agendas_text: "Facility agendas, slot generation and suspensions.",
    citizen_search_title: "Find a citizen",
    citizen_search_intro: "Enter the tax code and why you need the record. The access is recorded with your name.",
    access_reason_label: "Reason for access",
    access_reason_choose: "Choose the reason",
    access_reasons: [
        "Phone call from the citizen",
        "Citizen at the desk",
        "Request from a pharmacy",
        "Calling the citizen back",
    ],
    access_note_label: "Notes on the reason",
    access_note_hint: "At most 200 characters. Do not write health data.",
    access_reason_required: "Choose the reason for access",
    access_note_too_long: "The notes can be at most 200 characters",
    citizen_not_found: "No patient with this tax code: check it with the citizen",
    citizen_search_button: "Open the record",
    citizen_record_title: "Citizen record",
    citizen_record_reason: |r| format!("Reason for access: {r}"),
    citizen_name_label: "Name",
    citizen_born_label: "Date of birth",
    close_record_button: "Close the record",
    another_citizen_link: "Find another citizen",
    prescriptions_heading: "Prescriptions",
    no_prescriptions: "No prescriptions for this citizen.",
    nre_column: "NRE",
    prescribed_on_column: "Prescribed on",
    rx_status_names: [
        "To book",
        "Booked",
        "Expired",
        "Withdrawn",
        "Already delivered",
        "On the waiting list",
    ],
    actions_column: "Actions",
    book_for_link: "Book",
    bookings_heading: "Bookings",
    no_bookings: "No bookings for this citizen.",
    open_link: "Open",
    print_short_link: "Reprint",
    move_short_link: "Move",
    cancel_short_link: "Cancel",
    waiting_heading: "Waiting list",
    no_waiting: "No requests on the waiting list.",
    waiting_since_column: "Waiting since",
    waiting_status_names: ["Waiting", "Slot offered", "Booked", "Expired", "Withdrawn"],
    console_book_title: "Book for the citizen",
    console_book_intro: "Free appointments for the operator channel, reserved ones included, earliest first. Once you choose one, you check it with the citizen before booking it.",
    console_move_intro: |w| {
        format!("The appointment is now {w}. Choose the new one: the move is immediate.")
    },
    book_slot_button: "Book this appointment",
    move_slot_button: "Move here",
    console_receipt_title: "Booking",
    console_booked_notice: "Booked. Read the booking code to the citizen or print the receipt.",
    console_change_until_start: "As an operator you can move or cancel it until the appointment starts.",
    console_change_closed: "This booking can no longer be moved or cancelled.",
    back_to_record: "Back to the citizen's record",
    console_cancel_legend: "Why is the citizen cancelling?",
    keep_booking_console: "Do not cancel: back to the booking",
    form_expired_body: "The form has expired or did not come from this console, so nothing was done. Go back to the page and try again.",
    audit_title: "Access log",
    audit_intro: "Who looked at or changed citizens' data, when, through which channel and why, newest first. This search is recorded too.",
    audit_filters_legend: "Search the log",
    audit_staff_label: "Staff username",
    audit_from_label: "From",
    audit_to_label: "To",
    audit_date_hint: "For example 24/12/2026. Optional.",
    audit_date_invalid: "The date is not valid: write it as 24/12/2026",
    audit_dates_reversed: "The end day comes before the start day",
    audit_unknown_staff: "No member of staff has this username",
    audit_action_label: "Action",
    audit_any_action: "All actions",
    audit_action_names: [
        "Citizen record viewed",
        "Booking viewed",
        "Booking made",
        "Booking cancelled",
        "Booking moved",
        "Log searched",
        "Visit attended (desk)",
        "Did not attend (desk)",
        "Message queued again",
        "Staff signed in",
        "Staff sign-in failed",
        "Slot offered from the waiting list",
        "Agenda created",
        "Template row added",
        "Slots generated",
        "Extra slots",
        "Agenda suspended",
    ],
    audit_search_button: "Search",
    audit_results_heading: "Log entries",
    audit_no_results: "No entry matches the search.",
    audit_when_column: "When",
    audit_who_column: "Who",
    audit_channel_column: "Channel",
    audit_action_column: "Action",
    audit_citizen_column: "Citizen",
    audit_booking_column: "Booking",
    audit_reason_column: "Reason",
    audit_actor_citizen: "The citizen",
    console_within_deadline: "Within the priority's time limit",
    console_beyond_deadline: "Beyond the priority's time limit",
    audit_actor_system: "The system",
    menu_desk_text: "The day's visits at the facility: mark who came and who did not.",
    desk_title: "Desk: the day's visits",
    desk_intro: "For each confirmed visit, mark whether the person came. Visits are marked from their day on; a mark can be corrected only on the day it was made.",
    desk_ticket_note: "Someone who does not come and did not cancel in time may have to pay the ticket even if exempt, under regional rules: the visit stays marked “ticket due”.",
    desk_facility_label: "Facility",
    desk_facility_required: "Choose a facility",
    desk_day_label: "Day",
    desk_day_invalid: "The date is not valid: write it as 24/12/2026",
    desk_show_button: "Show the visits",
    desk_caption: |day, facility| format!("Visits on {day} at {facility}"),
    desk_no_visits: "No visit is booked on this day.",
    desk_time_column: "Time",
    desk_code_column: "Code",
    desk_patient_column: "Person",
    desk_service_column: "Service",
    desk_status_column: "Status",
    desk_action_column: "Mark",
    desk_attended_button: "Attended",
    desk_no_show_button: "Did not attend",
    desk_not_yet: "From the visit's day",
    desk_ticket_due: "ticket due",
    desk_marked_notice: "Visit marked.",
    menu_deliveries_text: "Messages to citizens: how many in each state, those not delivered, and queueing them again.",
    dl_title: "Message delivery",
    dl_intro: "Messages to citizens by kind, channel and state, and those that failed or are still pending. A failed message can be queued again. Recipients are masked; texts are never shown.",
    dl_channels_heading: "Channels",
    dl_channel_configured: |channel, configured| match configured {
        Some(true) => format!("{channel}: configured"),
        Some(false) => format!("{channel}: not configured, messages stay pending"),
        None => format!("{channel}: configuration not known"),
    },
    dl_oldest_pending: |s| match s {
        None => "No message is pending.".to_owned(),
        Some(s) if s < 120 => format!("The oldest pending message has waited {s} seconds."),
        Some(s) if s < 7200 => format!("The oldest pending message has waited {} minutes.", s / 60),
        Some(s) => format!("The oldest pending message has waited {} hours.", s / 3600),
    },
    dl_counts_heading: "Messages by state",
    dl_counts_caption: "Messages by kind, channel and state",
    dl_no_messages: "No message.",
    dl_list_heading: "Failed and pending messages",
    dl_list_caption: "Failed and pending messages, newest first",
    dl_no_undelivered: "No failed or pending message.",
    dl_id_column: "Number",
    dl_kind_column: "Kind",
    dl_channel_column: "Channel",
    dl_recipient_column: "Recipient",
    dl_state_column: "State",
    dl_attempts_column: "Attempts",
    dl_error_column: "Last error",
    dl_created_column: "Written",
    dl_next_column: "Next attempt",
    dl_action_column: "Action",
    dl_retry_button: "Queue again",
    dl_retried_notice: "The message is queued again.",
    dl_not_retried_notice: "The message had not failed: nothing changed.",
    dl_kind_names: [
        "Booking confirmation",
        "Move",
        "Cancellation",
        "Slot offered",
        "Reminder",
        "Agenda suspended",
    ],
    dl_state_names: ["Pending", "Sent", "Failed", "No contact"],
    dl_channel_names: ["SMS", "E-mail", "None"],
    // Back office (issue 5)
    bo_yes: "yes",
    bo_no: "no",
    bo_choose: "Choose…",
    bo_agendas_title: "Agendas",
    bo_agendas_intro: "The agendas of every facility. Here slots are generated from the weekly template, extra slots added and days suspended: lists are never closed.",
    bo_new_agenda_link: "New agenda",
    bo_filters_legend: "Filter the agendas",
    bo_facility_label: "Facility",
    bo_any_facility: "All facilities",
    bo_any_service: "All services",
    bo_filter_button: "Show agendas",
    bo_facilities_caption: "Facilities and their number of agendas",
    bo_agendas_count_column: "Agendas",
    bo_no_agendas: "No agenda matches these filters.",
    bo_label_label: "Agenda name",
    bo_label_hint: "For example \"Clinic 2\" or the doctor's name, at most 80 characters.",
    bo_slot_minutes_column: "Slot length (minutes)",
    bo_slot_minutes_label: "Length of one slot, in minutes",
    bo_slot_minutes_hint: "A number from 5 to 240.",
    bo_active_column: "Active",
    bo_new_agenda_title: "New agenda",
    bo_new_agenda_intro: "An agenda is the schedule of one service at one facility (a room or a doctor). Once it is created, add its weekly template and generate its slots.",
    bo_create_button: "Create the agenda",
    bo_back_to_agendas: "Back to the list of agendas",
    bo_agenda_title: |label, facility| format!("Agenda \"{label}\", {facility}"),
    bo_templates_heading: "Weekly template",
    bo_templates_caption: "Weekly opening hours from which slots are generated",
    bo_no_templates: "The template is empty: without opening hours no slots can be generated.",
    bo_weekday_label: "Day of the week",
    bo_hours_column: "Hours",
    bo_reservation_column: "Slots kept for",
    bo_validity_column: "Valid",
    bo_validity: |from, to| match to {
        Some(to) => format!("from {from} to {to}"),
        None => format!("from {from}, no end"),
    },
    bo_no_reservation: "everyone",
    bo_no_reservation_choice: "No reservation: slots for everyone",
    bo_template_legend: "Add opening hours to the template",
    bo_start_label: "Start time",
    bo_end_label: "End time",
    bo_time_hint: "Hours and minutes, for example 8:30.",
    bo_reservation_label: "Reservation of the slots",
    bo_valid_from_label: "Valid from",
    bo_valid_to_label: "Valid until",
    bo_valid_to_hint: "Day, month and year, for example 30/6/2026. Leave empty if the hours have no end.",
    bo_date_hint: "Day, month and year, for example 24/12/2026.",
    bo_add_template_button: "Add the opening hours",
    bo_days_heading: "The next 14 days",
    bo_days_caption: "Slots of each day: free, booked and suspended",
    bo_no_days: "No slots in the next 14 days.",
    bo_day_column: "Day",
    bo_free_column: "Free",
    bo_booked_column: "Booked",
    bo_suspended_column: "Suspended",
    bo_slots_heading: "Slots",
    bo_generate_legend: "Generate slots from the template",
    bo_generate_hint: "Creates the period's slots from the weekly template, at most 366 days at a time (public holidays excluded). Slots that already exist are not duplicated; new ones are offered first to people on the waiting list.",
    bo_from_label: "From",
    bo_to_label: "To",
    bo_generate_button: "Generate slots",
    bo_extra_legend: "Add extra slots",
    bo_extra_hint: "Extra slots on one day, one after the other from the given time, with the agenda's slot length. They are offered first to people on the waiting list.",
    bo_count_label: "Number of slots",
    bo_count_hint: "From 1 to 48; empty means one slot.",
    bo_extra_button: "Add the slots",
    bo_suspend_legend: "Suspend a day or a period",
    bo_suspend_hint: "The period's slots are suspended, never deleted. Each booking is moved to the earliest free slot of the same service within its priority's deadline (at the same facility, then in the same area, then anywhere in the region); if there is none, it is cancelled and the prescription joins the waiting list. Everyone affected gets a message with the reason.",
    bo_suspend_to_hint: "Leave empty to suspend a single day.",
    bo_reason_label: "Reason for the suspension",
    bo_reason_hint: "Required, at most 300 characters: it is recorded and told to the people affected.",
    bo_suspend_button: "Suspend",
    bo_facility_required: "Choose the facility",
    bo_service_required: "Choose the service",
    bo_label_required: "Enter the agenda's name",
    bo_label_too_long: "The agenda's name can have at most 80 characters",
    bo_label_taken: "This facility already has an agenda with this name for the same service: choose another name",
    bo_minutes_invalid: "The slot length is a number of minutes from 5 to 240",
    bo_weekday_required: "Choose the day of the week",
    bo_time_invalid: "Enter the time as 8:30, from 0:00 to 24:00",
    bo_end_before_start: |m| {
        format!(
            "The end time must come after the start time, leaving room for at least one {m}-minute slot"
        )
    },
    bo_reservation_invalid: "Choose one of the reservations offered",
    bo_template_overlap: "These hours overlap other hours of the same weekday with a validity in common",
    bo_date_required: "Enter the date",
    bo_date_invalid: "Enter the date as 24/12/2026",
    bo_date_past: "The date cannot be in the past",
    bo_date_far: "The date is too far away: at most two years from today",
    bo_to_before_from: "The end date cannot come before the start date",
    bo_period_too_long: "The period can last at most 366 days",
    bo_count_invalid: |n| format!("The number of slots is a number from 1 to {n}"),
    bo_extra_midnight: "The slots must end by midnight: add fewer or start earlier",
    bo_extra_past: "The first slot must start later than now",
    bo_reason_required: "Enter the reason for the suspension",
    bo_reason_too_long: |n| format!("The reason can have at most {n} characters"),
    bo_created_notice: "Agenda created. Now add its weekly template and generate its slots.",
    bo_template_added: "Opening hours added to the template.",
    bo_generated: |created, existing, offered| {
        format!(
            "Slots generated: {created} new, {existing} already there (not duplicated), {offered} offered to people on the waiting list."
        )
    },
    bo_extra_added: |created, existing, offered| {
        format!(
            "Extra slots added: {created} new, {existing} already there or overlapping, {offered} offered to people on the waiting list."
        )
    },
    bo_suspended_notice: |slots, moved, waitlisted| {
        format!(
            "Suspension recorded: {slots} slots suspended, {moved} bookings moved, {waitlisted} bookings cancelled with their prescription put on the waiting list. The people affected will get a message."
        )
    },
    tr_link: "Transparency data: waiting times by priority class, with open data",
    tr_title: |place| format!("Waiting times by priority class: {place}"),
    tr_intro: "For every service and priority class: the first available date, the median wait of the bookings of the last 90 days (from the prescription's date to the appointment's) and how many were booked within the guaranteed maximum wait.",
    tr_law: "Published under article 41(6) of Italian Legislative Decree 33/2013 and updated every 10 minutes.",
    tr_show_button: "Show waiting times",
    tr_no_data: "No service has figures in this area.",
    tr_class_column: "Priority class",
    tr_max_wait_column: "Guaranteed maximum wait",
    tr_first_column: "First available date",
    tr_median_column: "Median wait (days)",
    tr_bookings_column: |d| format!("Bookings of the last {d} days"),
    tr_within_column: "Within the maximum wait",
    tr_class_names: ["U (urgent)", "B (short)", "D (deferred)", "P (planned)"],
    tr_days: |d| {
        if d == 1 {
            "1 day".to_owned()
        } else {
            format!("{d} days")
        }
    },
    tr_none: "no data",
    tr_open_data_heading: "Open data",
    tr_open_data_intro: "The same figures for every area as CSV (UTF-8, comma-separated, decimals with a point, empty cells where a figure does not exist) and JSON. Rows with an empty area_id are about the whole region. The columns:",
    tr_csv_link: "Download the CSV",
    tr_json_link: "Download the JSON",
    tr_column_docs: [
        "the service's code in the national catalogue",
        "the service's name (Italian)",
        "visit or exam",
        "the area's identifier; empty for the whole region",
        "the area's name, or Toscana",
        "the prescription's priority class: U, B, D or P",
        "the class's guaranteed maximum wait, in days from the prescription's date",
        "the first day with a free slot the class can book online (YYYY-MM-DD)",
        "the median wait in days, from prescription to appointment, of the bookings of the last 90 days",
        "the number of bookings made in the last 90 days (cancelled ones excluded)",
        "the percentage of those bookings set within the guaranteed maximum wait",
        "visits of the last 90 days the person came to (marked by the desk)",
        "visits of the last 90 days the person missed without cancelling",
        "the no-show rate in percent: missed / (attended + missed); empty without marked visits",
    ],
    tr_no_show_heading: "Visits missed without cancelling",
    tr_no_show_intro: |d| {
        format!(
            "How many visits of the last {d} days were lost because the person neither came nor cancelled. The rate is computed over the visits the desk marked: missed divided by (attended + missed)."
        )
    },
    tr_no_show_caption: "No-shows by service",
    tr_service_column: "Service",
    tr_attended_column: "Attended",
    tr_no_show_column: "Missed",
    tr_no_show_rate_column: "No-show rate",
    tr_total_row: "All services",
    kiosk_title: "Booking at the pharmacy",
    kiosk_intro: "Book a visit or an exam with your prescription, or find a booking. Tap one of the two choices.",
    kiosk_book_text: "You need your tax code and the prescription number (NRE).",
    kiosk_mine_text: "You need your tax code and the booking code.",
    kiosk_privacy: "This is a shared terminal: when you are done, tap “End and clear my data”. After a few minutes without activity the session ends by itself and nothing of yours stays on this terminal.",
    kiosk_ended: "Session ended: what you typed has been cleared from this terminal.",
    kiosk_end_button: "End and clear my data",
    kiosk_idle_title: "Are you still there?",
    kiosk_idle_text: |s| {
        format!(
            "To protect your data, the session will end in {s} seconds and what you typed will be cleared."
        )
    },
    kiosk_continue: "Yes, continue",
    print_now: "Print the receipt",
    sources_intro: "Where the facilities and services of the demo region come from, with the caveats of each value.",

    // issue 14 — journey
    from_past: "That date has passed: type today or a day still to come, for example 24/12/2026",
    order_legend: "Order of the slots",
    order_earliest: "Earliest first",
    order_nearest: "Nearest to your town first",
    slots_heading_nearest: "Available appointments, nearest to your town first",
    home_label: "Your town",
    home_hint: "To show your area first and how far each place is. If you have not chosen it, we take the town of birth in your tax code: change it if you live elsewhere.",
    home_unknown: "Choose your town",
    nearest_needs_home: "To see the nearest slots first, choose your town: meanwhile they are shown earliest first",
    town_not_in_area: |town, area| {
        format!(
            "{town} is not in the {area} area: these are the slots in {town}. For another town, choose its area first"
        )
    },
    km_from: |km, town| format!("about {km} km from {town}"),
    not_changeable_online: "Once booked, it cannot be changed or cancelled online",
    late_slots_heading: "Appointments within two working days",
    late_slots_intro: "These appointments are sooner, but once booked they cannot be changed or cancelled online: to do so you will have to call the CUP (the booking centre).",
    help_heading: "Need help?",
    help_call: "Call the CUP (the regional booking centre):",
    help_hours: |hours| format!("Opening hours: {hours}"),
    check_heading: "Check your answers before confirming",
    patient_label: "Patient",
    date_label: "Date",
    time_label: "Time",
    online_change_label: "Change or cancel online",
    changeable_until: |day| format!("Yes, until {day}"),
    change_link: "Change",
    hold_renewed: |time| {
        format!(
            "The time to confirm had run out, but the slot was still free: it is held for you again until {time}. What you typed is still here."
        )
    },
    extend_button: "Give me more time",
    extend_refused: "No more time can be given for this slot: confirm it now or choose another.",
    hold_warning: "About 2 minutes left: then the slot will no longer be held for you.",
    lost_code_link: "Lost your booking code?",
    lost_code_title: "Find a booking without its code",
    lost_code_intro: "Type the tax code of the person to be seen and the number of the prescription (NRE) you booked: they are on the prescription slip. If that prescription has an active booking, we show you its receipt with the booking code. These are the same details needed to book: nothing is shown that booking would not show.",
    lost_code_button: "Find the booking",
    lost_code_not_found: "No active booking matches this tax code and this prescription number. Check both on the prescription slip.",
    area_empty_widened: |area| {
        format!(
            "There are no free appointments for this service in the {area} area: these are the ones across Tuscany."
        )
    },
    // issue 14 — receipt
    receipt_cancelled_title: "Booking cancelled",
    receipt_cancelled_on: |d| format!("Cancelled on {d}."),
    receipt_cancel_reason_label: "Reason",
    receipt_cancelled_body: "This appointment is no longer valid: do not go. If you still need it, you can book again with the same prescription.",
    receipt_closed_title: "Booking closed",
    print_cancelled_title: "Cancellation record",
    print_button: "Print",
    // issue 14 — operator
    console_choose_slot: "Choose this slot",
    console_confirm_title: "Check and book",
    console_confirm_intro: "Nothing is booked yet. Read the day, time and place to the citizen, ask for the contacts for reminders, then book.",
    console_back_to_slots: "Back to the slots",
    console_change_online_until: |d| format!("The citizen can move or cancel it online until {d}."),
    console_change_online_closed: "It is too close: the citizen cannot move or cancel it online, only by calling the CUP.",
    console_contacts_hint: "For the confirmation and reminders. Filled in when the registry knows them: check them with the citizen.",

    messages: MessageTexts {
        footer: "An automatic message from Cupola, the healthcare booking service of Tuscany. \
            Please do not reply: replies are not read.",
        details_caption: "The appointment",
        label_service: "Service",
        label_when: "When",
        label_where: "Where",
        label_code: "Booking code",
        label_prep: "Preparation",
        label_access: "Getting there",
        label_hold_until: "Held for you until",
        label_previous: "Previous appointment",
        label_reason: "Reason",
        label_deadline: "Due by",
        actions_heading: "What you can do",
        receipt_link: "Open the booking receipt",
        cancel_link: "Cancel the booking",
        confirm_link: "Confirm that you will come",
        accept_link: "Accept the offered slot",
        change_until: |day| format!("You can move or cancel the booking online until {day}."),
        too_late_online: "The booking can no longer be moved or cancelled online: to do so, \
            contact the CUP (the booking centre) or the facility.",
        calendar_attached: "The appointment is attached, to add to your calendar.",
        calendar_cancel_attached: "The cancellation is attached, to apply to your calendar.",

        confirmed_subject: |day| format!("Booking confirmed for {day}"),
        confirmed_heading: "Your booking is confirmed",
        confirmed_intro: "We have recorded your booking. Bring the prescription, an identity \
            document and your health card.",
        moved_subject: |day| format!("Booking moved to {day}"),
        moved_heading: "Your booking has been moved",
        moved_intro: "This is your appointment now. The previous one is no longer valid.",
        cancelled_subject: |day| format!("Booking of {day} cancelled"),
        cancelled_heading: "Your booking has been cancelled",
        cancelled_intro: "The appointment is cancelled and the slot has been freed for others. \
            If you still need the service you can book it again with the same prescription.",
        offered_subject: |day| format!("A slot has opened up for you: {day}"),
        offered_heading: "A slot has opened up for you",
        offered_intro: "You were on the waiting list and a slot has opened up within the time \
            of your prescription. We are holding it for you: accept it with the link below.",
        offered_until: |until| {
            format!(
                "If you do not accept it by {until} the slot goes to the next person and you stay on the waiting list."
            )
        },
        suspended_subject: |day| format!("A change to your appointment of {day}"),
        suspended_moved_heading: "Your appointment has been moved",
        suspended_moved_intro: "The facility suspended the agenda your appointment was in. We \
            moved it for you to the first free slot: this is your new appointment.",
        suspended_waitlisted_heading: "Your appointment has been cancelled",
        suspended_waitlisted_intro: |deadline| {
            format!(
                "The facility suspended the agenda your appointment was in and there was no other \
             free slot in time. We cancelled the appointment and put your prescription on the \
             waiting list: as soon as a slot opens up by {deadline} we will offer it to you."
            )
        },
        reminder_subject: |days, day| match days {
            1 => format!("Reminder: your appointment is tomorrow, {day}"),
            n => format!("Reminder: your appointment is in {n} days, {day}"),
        },
        reminder_heading: "A reminder of your appointment",
        reminder_intro: "This is a reminder of the appointment below. Please confirm that you \
            will come, or cancel it: the slot will go back to people who are waiting.",
        reminder_answer: |day| {
            format!("You can confirm or cancel with the links below until {day}.")
        },
        reminder_missed_visit: "If you do not come and do not cancel in time you may be asked \
            to pay the ticket (the patient's share of the cost), even if you are exempt.",

        sms_confirmed: |f| {
            format!(
                "Booking {} confirmed: {} at {}, {}. Receipt: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_moved: |f| {
            format!(
                "Booking {} moved to {} at {}, {}. Receipt: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_cancelled: |f| {
            format!(
                "Booking {} of {} at {} ({}) cancelled. {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_offered: |f| {
            format!(
                "A slot for you: {} at {}, {}. Accept by {}: {}",
                f.date, f.time, f.place, f.until, f.link
            )
        },
        sms_suspended_moved: |f| {
            format!(
                "Agenda suspended: booking {} moved to {} at {}, {}. {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_suspended_waitlisted: |f| {
            format!(
                "Agenda suspended: booking {} of {} at {} cancelled, you are on the waiting list. {}",
                f.code, f.date, f.time, f.link
            )
        },
        sms_reminder: |f| {
            format!(
                "Reminder {}: {} at {}, {}. Confirm: {} Cancel: {}",
                f.code, f.date, f.time, f.place, f.link, f.link2
            )
        },
        sms_reminder_late: |f| {
            format!(
                "Reminder {}: {} at {}, {}. Receipt: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
    },
};
