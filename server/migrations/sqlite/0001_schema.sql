-- Cupola schema, SQLite flavour. Kept column-for-column identical to migrations/postgres so that
-- the same SQL (with $1 placeholders) runs on both backends:
--   * instants are unix seconds (UTC) in integer columns; calendar dates are ISO 'YYYY-MM-DD';
--   * booleans are 0/1 integers here and boolean there (sqlx decodes both to `bool`);
--   * every invariant the database can hold is declared here, not only in Rust.
-- Tables are STRICT so that a wrongly typed value is an error, not a silent conversion.

create table health_authorities (
    id integer primary key,
    code text not null unique check (length(code) = 6),   -- NSIS code, text (leading zero)
    name text not null,
    kind text not null check (kind in ('usl', 'aou'))
) strict;

-- Territorial areas (zone-distretto) belong to the local health authority (USL) that runs them.
create table areas (
    id integer primary key,
    authority_id integer not null references health_authorities (id),
    name text not null unique
) strict;

create table facilities (
    id integer primary key,
    authority_id integer not null references health_authorities (id),
    area_id integer not null references areas (id),
    name text not null unique,
    kind text not null check (kind in ('hospital', 'outpatient')),
    town text not null,
    province text not null check (length(province) = 2),
    address text not null,
    latitude real check (latitude between -90 and 90),
    longitude real check (longitude between -180 and 180),
    access_notes_it text not null default '',
    access_notes_en text not null default ''
) strict;
create index facilities_by_area on facilities (area_id);

create table services (
    id integer primary key,
    code text not null unique,                 -- national catalogue code, e.g. 89.7A.3
    name_it text not null,
    name_en text not null,
    kind text not null check (kind in ('visit', 'exam')),
    discipline text not null,
    synonyms text not null default '',         -- '|'-separated words people use
    ticket_cents integer check (ticket_cents >= 0), -- null = tariff unknown, never zero by default
    prep_notes_it text not null default '',
    prep_notes_en text not null default ''
) strict;

-- An agenda is one schedule (a room or a doctor) of one service at one facility.
create table agendas (
    id integer primary key,
    facility_id integer not null references facilities (id),
    service_id integer not null references services (id),
    label text not null,
    slot_minutes integer not null check (slot_minutes between 5 and 240),
    active integer not null default 1 check (active in (0, 1)),
    created_at integer not null,
    unique (facility_id, service_id, label),
    unique (id, service_id, facility_id)        -- target of the slots' consistency key
) strict;
create index agendas_by_service on agendas (service_id);

-- Weekly template rows from which slots are generated.
create table agenda_templates (
    id integer primary key,
    agenda_id integer not null references agendas (id) on delete cascade,
    weekday integer not null check (weekday between 1 and 7),          -- ISO: 1 = Monday
    start_minute integer not null check (start_minute between 0 and 1439),
    end_minute integer not null check (end_minute between 1 and 1440),
    reserved_channel text check (reserved_channel in ('web', 'app', 'kiosk', 'operator')),
    reserved_priority text check (reserved_priority in ('U', 'B', 'D', 'P')),
    valid_from text not null check (valid_from glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to text check (valid_to glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    check (end_minute > start_minute),
    check (valid_to is null or valid_to >= valid_from)
) strict;
create index agenda_templates_by_agenda on agenda_templates (agenda_id);

-- A slot is free when it is open, has no live hold and no active booking: that is derived from
-- holds and bookings rather than stored here, so it can never disagree with them.
create table slots (
    id integer primary key,
    agenda_id integer not null,
    service_id integer not null,               -- copied from the agenda (availability is read by service);
    facility_id integer not null,              -- the composite key below keeps the copies honest
    starts_at integer not null,
    ends_at integer not null,
    reserved_channel text check (reserved_channel in ('web', 'app', 'kiosk', 'operator')),
    reserved_priority text check (reserved_priority in ('U', 'B', 'D', 'P')),
    status text not null default 'open' check (status in ('open', 'suspended')),
    check (ends_at > starts_at),
    unique (agenda_id, starts_at),
    foreign key (agenda_id, service_id, facility_id) references agendas (id, service_id, facility_id)
) strict;
create index slots_by_service_time on slots (service_id, starts_at);
create index slots_by_facility_time on slots (facility_id, starts_at);

create table citizens (
    id integer primary key,
    fiscal_code text not null unique check (length(fiscal_code) = 16 and fiscal_code = upper(fiscal_code)),
    family_name text not null,
    given_name text not null,
    birth_date text check (birth_date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    phone text,
    email text
) strict;

-- Electronic prescriptions as fed by the regional registry. Whether one is booked is derived from
-- bookings (one active booking per prescription, enforced below), not stored twice.
create table prescriptions (
    id integer primary key,
    nre text not null unique check (length(nre) = 15 and nre = upper(nre)),
    fiscal_code text not null references citizens (fiscal_code),
    service_id integer not null references services (id),
    priority text not null check (priority in ('U', 'B', 'D', 'P')),
    prescribed_on text not null check (prescribed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status text not null default 'valid' check (status in ('valid', 'revoked', 'used')),
    created_at integer not null
) strict;
create index prescriptions_by_fiscal_code on prescriptions (fiscal_code);
create index prescriptions_by_service on prescriptions (service_id, priority);

-- At most one hold per slot: the slot id is the key. Taking a slot whose hold has expired
-- replaces the row in one conditional upsert, so two people can never hold the same slot.
create table holds (
    slot_id integer primary key references slots (id),
    prescription_id integer not null references prescriptions (id),
    token text not null unique,
    channel text not null check (channel in ('web', 'app', 'kiosk', 'operator')),
    created_at integer not null,
    expires_at integer not null,
    check (expires_at > created_at)
) strict;
create index holds_by_prescription on holds (prescription_id);

create table staff (
    id integer primary key,
    username text not null unique check (username = lower(username)),
    display_name text not null,
    role text not null check (role in ('operator', 'supervisor', 'admin')),
    password_hash text not null check (password_hash like '$argon2id$%'),
    authority_id integer references health_authorities (id),
    active integer not null default 1 check (active in (0, 1)),
    failed_logins integer not null default 0 check (failed_logins >= 0),
    locked_until integer,
    created_at integer not null
) strict;

create table bookings (
    id integer primary key,
    code text not null unique check (length(code) = 10),
    slot_id integer not null references slots (id),
    prescription_id integer not null references prescriptions (id),
    channel text not null check (channel in ('web', 'app', 'kiosk', 'operator')),
    status text not null default 'confirmed'
        check (status in ('confirmed', 'cancelled', 'attended', 'no_show')),
    contact_phone text,
    contact_email text,
    staff_id integer references staff (id),
    created_at integer not null,
    updated_at integer not null,
    cancelled_at integer,
    cancel_reason text,
    check ((status = 'cancelled') = (cancelled_at is not null)),
    check (channel <> 'operator' or staff_id is not null)
) strict;
-- The two rules no race may break: a slot is booked at most once, a prescription books at most once.
create unique index bookings_one_active_per_slot on bookings (slot_id) where status <> 'cancelled';
create unique index bookings_one_active_per_prescription on bookings (prescription_id) where status <> 'cancelled';
-- A citizen's history includes cancelled bookings, which the partial indexes above do not cover.
create index bookings_by_prescription on bookings (prescription_id);

-- Requests that found no slot inside their deadline. Lists are never closed: a request always
-- gets an entry here, and the first slot that frees up inside the deadline is offered to it.
create table waiting_list (
    id integer primary key,
    prescription_id integer not null references prescriptions (id),
    service_id integer not null references services (id),
    area_id integer references areas (id),     -- preferred area; null = anywhere in the region
    priority text not null check (priority in ('U', 'B', 'D', 'P')),
    deadline text not null check (deadline glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status text not null default 'waiting'
        check (status in ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
    channel text not null check (channel in ('web', 'app', 'kiosk', 'operator')),
    created_at integer not null,
    updated_at integer not null
) strict;
create unique index waiting_list_one_open_per_prescription on waiting_list (prescription_id)
    where status in ('waiting', 'offered');
create index waiting_list_queue on waiting_list (service_id, deadline, created_at) where status = 'waiting';

-- Who looked at or changed what, and why. Fiscal codes belong here (that is the point of an
-- audit trail) and never in the application logs.
create table audit_log (
    id integer primary key,
    at integer not null,
    actor text not null check (actor in ('citizen', 'staff', 'system')),
    staff_id integer references staff (id),
    channel text check (channel in ('web', 'app', 'kiosk', 'operator')),
    action text not null,
    fiscal_code text,
    booking_id integer references bookings (id),
    reason text,
    detail text not null default '',
    check (actor <> 'staff' or staff_id is not null)
) strict;
create index audit_log_by_time on audit_log (at);
create index audit_log_by_citizen on audit_log (fiscal_code, at);

-- Messages to send (SMS, e-mail), written in the same transaction as the change they announce.
create table notification_outbox (
    id integer primary key,
    created_at integer not null,
    kind text not null check (kind in ('booking_confirmed', 'booking_moved', 'booking_cancelled',
                                       'slot_offered', 'reminder', 'agenda_suspended')),
    booking_id integer references bookings (id),
    waiting_id integer references waiting_list (id),
    channel text check (channel in ('sms', 'email')),
    recipient text,
    payload text not null default '{}',
    status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'no_contact')),
    attempts integer not null default 0 check (attempts >= 0),
    sent_at integer,
    check ((channel is null) = (recipient is null)),
    check (booking_id is not null or waiting_id is not null)
) strict;
create index notification_outbox_pending on notification_outbox (created_at) where status = 'pending';
