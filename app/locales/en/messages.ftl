footer = An automatic message from Cupola, the healthcare booking service of Tuscany. Please do not reply: replies are not read.
details_caption = The appointment
label_service = Service
label_when = When
label_where = Where
label_code = Booking code
label_prep = Preparation
label_access = Getting there
label_hold_until = Held for you until
label_previous = Previous appointment
label_reason = Reason
label_deadline = Due by
actions_heading = What you can do
receipt_link = Open the booking receipt
cancel_link = Cancel the booking
confirm_link = Confirm that you will come
accept_link = Accept the offered slot
change_until = You can move or cancel the booking online until { $day }.
too_late_online = The booking can no longer be moved or cancelled online: to do so, contact the CUP (the booking centre) or the facility.
calendar_attached = The appointment is attached, to add to your calendar.
calendar_cancel_attached = The cancellation is attached, to apply to your calendar.
confirmed_subject = Booking confirmed for { $day }
confirmed_heading = Your booking is confirmed
confirmed_intro = We have recorded your booking. Bring the prescription, an identity document and your health card.
moved_subject = Booking moved to { $day }
moved_heading = Your booking has been moved
moved_intro = This is your appointment now. The previous one is no longer valid.
cancelled_subject = Booking of { $day } cancelled
cancelled_heading = Your booking has been cancelled
cancelled_intro = The appointment is cancelled and the slot has been freed for others. If you still need the service you can book it again with the same prescription.
offered_subject = A slot has opened up for you: { $day }
offered_heading = A slot has opened up for you
offered_intro = You were on the waiting list and a slot has opened up within the time of your prescription. We are holding it for you: accept it with the link below.
offered_until = If you do not accept it by { $until } the slot goes to the next person and you stay on the waiting list.
suspended_subject = A change to your appointment of { $day }
suspended_moved_heading = Your appointment has been moved
suspended_moved_intro = The facility suspended the agenda your appointment was in. We moved it for you to the first free slot: this is your new appointment.
suspended_waitlisted_heading = Your appointment has been cancelled
suspended_waitlisted_intro = The facility suspended the agenda your appointment was in and there was no other free slot in time. We cancelled the appointment and put your prescription on the waiting list: as soon as a slot opens up by { $deadline } we will offer it to you.
reminder_subject =
    { $days ->
        [one] Reminder: your appointment is tomorrow, { $day }
       *[other] Reminder: your appointment is in { $days } days, { $day }
    }
reminder_heading = A reminder of your appointment
reminder_intro = This is a reminder of the appointment below. Please confirm that you will come, or cancel it: the slot will go back to people who are waiting.
reminder_answer = You can confirm or cancel with the links below until { $day }.
reminder_missed_visit = If you do not come and do not cancel in time you may be asked to pay the ticket (the patient's share of the cost), even if you are exempt.
sms_confirmed = Booking { $code } confirmed: { $date } at { $time }, { $place }. Receipt: { $link }
sms_moved = Booking { $code } moved to { $date } at { $time }, { $place }. Receipt: { $link }
sms_cancelled = Booking { $code } of { $date } at { $time } ({ $place }) cancelled. { $link }
sms_offered = A slot for you: { $date } at { $time }, { $place }. Accept by { $until }: { $link }
sms_suspended_moved = Agenda suspended: booking { $code } moved to { $date } at { $time }, { $place }. { $link }
sms_suspended_waitlisted = Agenda suspended: booking { $code } of { $date } at { $time } cancelled, you are on the waiting list. { $link }
sms_reminder = Reminder { $code }: { $date } at { $time }, { $place }. Confirm: { $link } Cancel: { $link2 }
sms_reminder_late = Reminder { $code }: { $date } at { $time }, { $place }. Receipt: { $link }

## keepwaiting
offered_move_intro = You are on the waiting list for a slot earlier than your booking of { $current }, and one has freed up within the time of your prescription. If you accept it with the link below, your booking moves here and the current slot is released.
offered_move_until = If you do not accept it by { $until } the slot goes to the next person and you keep your current booking.
label_current = Current booking
accept_move_link = Move my booking to the offered slot
sms_offered_move = Earlier slot: { $date } { $time }, { $place }. Move your { $current } booking by { $until }: { $link }
