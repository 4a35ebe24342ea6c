-- Suspensions kept as data (issue 14, "agendas never closed, shown"): what was suspended, why
-- (a category and a short reason fit to publish), by whom and when, and what became of each
-- booking on the suspended slots. Written by `backoffice::suspend` in the transaction that moves
-- or cancels those bookings (the booking core stays the only writer of bookings).
create table suspensions (
    id integer primary key,
    agenda_id integer not null,
    facility_id integer not null,              -- copied from the agenda; the key below keeps
    service_id integer not null,               -- the copies honest (as for slots)
    from_day text not null check (from_day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    to_day text not null check (to_day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason_category text not null
        check (reason_category in ('equipment', 'staff_absence', 'facility', 'other')),
    -- Shown on the public page: a few words, on one line, never about a person.
    public_reason text not null
        check (length(trim(public_reason)) between 1 and 160 and instr(public_reason, char(10)) = 0),
    created_by integer not null references staff (id),
    created_at integer not null,
    slots integer not null check (slots >= 0),
    check (to_day >= from_day),
    foreign key (agenda_id, service_id, facility_id) references agendas (id, service_id, facility_id)
) strict;
create index suspensions_by_time on suspensions (created_at);
create index suspensions_by_period on suspensions (to_day);

-- One row per booking a suspension found: moved (to which slot, starting when) or cancelled and
-- put on the waiting list (which entry: the one made then, or the one already open).
create table suspension_bookings (
    suspension_id integer not null references suspensions (id),
    booking_id integer not null references bookings (id),
    previous_slot_id integer not null references slots (id),
    outcome text not null check (outcome in ('moved', 'waitlisted')),
    new_slot_id integer references slots (id),
    new_starts_at integer,
    waiting_id integer references waiting_list (id),
    primary key (suspension_id, booking_id),
    check ((outcome = 'moved') = (new_slot_id is not null)),
    check ((new_slot_id is null) = (new_starts_at is null)),
    check ((outcome = 'waitlisted') = (waiting_id is not null)),
    check (new_slot_id is null or new_slot_id <> previous_slot_id)
) strict;
create index suspension_bookings_by_booking on suspension_bookings (booking_id);
