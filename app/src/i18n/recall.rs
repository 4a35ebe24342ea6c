//! The texts of recall: the one-tap pages a reminder or an offer links to, and what the
//! operators' citizen record says about reminders and messages. Their own struct, so that the
//! recall's texts stay together; reached through `Lang::recall`.

/// Every text of the one-tap pages and of the record's recall column.
pub struct RecallTexts {
    pub confirm_title: &'static str,
    pub confirm_intro: &'static str,
    pub confirm_button: &'static str,
    pub cancel_title: &'static str,
    pub cancel_intro: &'static str,
    pub cancel_button: &'static str,
    pub accept_title: &'static str,
    /// The offer's hold ends at this day and time.
    pub accept_intro: fn(&str) -> String,
    pub accept_button: &'static str,
    /// The legend of the visit's summary.
    pub visit_legend: &'static str,
    pub expired_title: &'static str,
    pub expired_text: &'static str,
    pub invalid_title: &'static str,
    pub invalid_text: &'static str,
    pub not_possible_title: &'static str,
    pub already_cancelled: &'static str,
    /// The last day online was this day.
    pub too_late: fn(&str) -> String,
    pub visit_passed: &'static str,
    pub no_reply_recorded: &'static str,
    pub offer_lapsed: &'static str,
    pub offer_already_booked: &'static str,
    pub slot_taken: &'static str,
    pub receipt_link: &'static str,
    pub my_bookings_link: &'static str,
    pub waitlist_link: &'static str,
    /// Shown on the receipt after a confirmation of attendance.
    pub attendance_confirmed_notice: &'static str,
    /// The record's column of recall states.
    pub recall_column: &'static str,
    /// A reminder queued on this day, this many working days before.
    pub reminded_on: fn(&str, i64) -> String,
    pub confirmed_on: fn(&str) -> String,
    pub no_reply_on: fn(&str) -> String,
    pub messages_label: &'static str,
    pub no_messages: &'static str,
    /// Message kinds, in the order of `outbox::Message::ALL`: booking_confirmed, booking_moved,
    /// booking_cancelled, slot_offered, reminder, agenda_suspended.
    pub message_kinds: [&'static str; 6],
    /// Channels: e-mail, SMS, none.
    pub channel_names: [&'static str; 3],
    /// Delivery states: pending, sent, failed, no contact.
    pub delivery_states: [&'static str; 4],
}

pub const RECALL_IT: RecallTexts = RecallTexts {
    confirm_title: "Conferma che verrai",
    confirm_intro: "Conferma che ti presenterai a questo appuntamento. Se non puoi venire, annullalo: il posto andrà a chi è in attesa.",
    confirm_button: "Confermo che verrò",
    cancel_title: "Annulla la prenotazione",
    cancel_intro: "Il posto tornerà libero e sarà offerto a chi è in lista d'attesa. Un annullamento non si può ritirare.",
    cancel_button: "Annulla la prenotazione",
    accept_title: "Prenota il posto che ti è stato offerto",
    accept_intro: |until| {
        format!("Il posto è tenuto per te fino a {until}. Se lo prenoti, lasci la lista d'attesa.")
    },
    accept_button: "Prenota questo posto",
    visit_legend: "L'appuntamento",
    expired_title: "Il link è scaduto",
    expired_text: "Il link del messaggio non vale più. Puoi ritrovare la prenotazione in «Le mie prenotazioni» con il codice fiscale e il codice della prenotazione, oppure chiamare il CUP.",
    invalid_title: "Link non valido",
    invalid_text: "Questo link non è valido. Controlla di averlo aperto per intero dal messaggio, oppure ritrova la prenotazione in «Le mie prenotazioni».",
    not_possible_title: "Non è più possibile",
    already_cancelled: "Questa prenotazione è già stata annullata.",
    too_late: |d| {
        format!(
            "Non è più possibile annullarla online: l'ultimo giorno era {d}. Se non puoi presentarti, avvisa la struttura o chiama il CUP."
        )
    },
    visit_passed: "L'appuntamento è già passato o non è più attivo.",
    no_reply_recorded: "Il termine per rispondere al promemoria è passato. Se non puoi presentarti, avvisa la struttura o chiama il CUP.",
    offer_lapsed: "L'offerta di questo posto è scaduta o il posto non è più disponibile. La tua richiesta resta in lista d'attesa se la scadenza lo consente.",
    offer_already_booked: "Hai già una prenotazione per questa ricetta.",
    slot_taken: "Il posto non è più disponibile.",
    receipt_link: "Vedi la prenotazione",
    my_bookings_link: "Le mie prenotazioni",
    waitlist_link: "Prenota con la ricetta",
    attendance_confirmed_notice: "Grazie: la tua presenza è confermata.",
    recall_column: "Richiamo",
    reminded_on: |d, n| format!("Promemoria del {d} ({n} giorni lavorativi prima)"),
    confirmed_on: |d| format!("Presenza confermata il {d}"),
    no_reply_on: |d| format!("Nessuna risposta (registrato il {d})"),
    messages_label: "Messaggi",
    no_messages: "Nessun messaggio",
    message_kinds: [
        "conferma",
        "spostamento",
        "annullamento",
        "offerta di un posto",
        "promemoria",
        "sospensione dell'agenda",
    ],
    channel_names: ["e-mail", "SMS", "nessun recapito"],
    delivery_states: ["in attesa", "inviato", "non recapitato", "nessun recapito"],
};

pub const RECALL_EN: RecallTexts = RecallTexts {
    confirm_title: "Confirm that you will come",
    confirm_intro: "Confirm that you will attend this appointment. If you cannot come, cancel it: the slot will go to someone who is waiting.",
    confirm_button: "I confirm that I will come",
    cancel_title: "Cancel the booking",
    cancel_intro: "The slot will be free again and offered to the waiting list. A cancellation cannot be undone.",
    cancel_button: "Cancel the booking",
    accept_title: "Book the slot offered to you",
    accept_intro: |until| {
        format!(
            "The slot is held for you until {until}. If you book it, you leave the waiting list."
        )
    },
    accept_button: "Book this slot",
    visit_legend: "The appointment",
    expired_title: "The link has expired",
    expired_text: "The link in the message is no longer valid. You can find the booking in “My bookings” with your tax code and booking code, or call the CUP (the booking centre).",
    invalid_title: "Invalid link",
    invalid_text: "This link is not valid. Check that you opened it whole from the message, or find the booking in “My bookings”.",
    not_possible_title: "No longer possible",
    already_cancelled: "This booking has already been cancelled.",
    too_late: |d| {
        format!(
            "It can no longer be cancelled online: the last day was {d}. If you cannot attend, tell the facility or call the CUP (the booking centre)."
        )
    },
    visit_passed: "The appointment has passed or is no longer active.",
    no_reply_recorded: "The time to answer the reminder is over. If you cannot attend, tell the facility or call the CUP (the booking centre).",
    offer_lapsed: "The offer of this slot has lapsed or the slot is no longer available. Your request stays on the waiting list if its deadline allows.",
    offer_already_booked: "You already have a booking for this prescription.",
    slot_taken: "The slot is no longer available.",
    receipt_link: "See the booking",
    my_bookings_link: "My bookings",
    waitlist_link: "Book with the prescription",
    attendance_confirmed_notice: "Thank you: your attendance is confirmed.",
    recall_column: "Recall",
    reminded_on: |d, n| format!("Reminder of {d} ({n} working days before)"),
    confirmed_on: |d| format!("Attendance confirmed on {d}"),
    no_reply_on: |d| format!("No reply (recorded on {d})"),
    messages_label: "Messages",
    no_messages: "No messages",
    message_kinds: [
        "confirmation",
        "move",
        "cancellation",
        "slot offer",
        "reminder",
        "agenda suspension",
    ],
    channel_names: ["e-mail", "SMS", "no contact"],
    delivery_states: ["pending", "sent", "failed", "no contact"],
};
