-- Messages that reach people (issue 13): delivery of the outbox, recall reminders with one-tap
-- answers, no-shows marked at the facility desk.

-- Delivery. A row is `pending` until sent, `failed` (dead letter) after a permanent refusal or
-- the last attempt. A worker claims a due row by setting a lease (owner and expiry); a lease
-- that expires (the instance died) makes the row claimable again.
alter table notification_outbox add column lang text not null default 'it' check (lang in ('it', 'en'));
alter table notification_outbox add column next_attempt_at bigint not null default 0;
alter table notification_outbox add column lease_owner text;
alter table notification_outbox add column lease_until bigint;
-- What went wrong last, as a class and a code (never an address or a body).
alter table notification_outbox add column last_error text;
alter table notification_outbox add column updated_at bigint;
create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'pending';
create index notification_outbox_by_booking on notification_outbox (booking_id);

-- The language the citizen used, for the messages about the booking or the waiting entry.
alter table bookings add column lang text not null default 'it' check (lang in ('it', 'en'));
alter table waiting_list add column lang text not null default 'it' check (lang in ('it', 'en'));
-- iCalendar SEQUENCE of the booking's event: raised by each move (same UID).
alter table bookings add column sequence bigint not null default 0 check (sequence >= 0);

-- Recall (D.L. 73/2024 art. 3): the citizen's answer to a reminder, or that none came before
-- the last day the booking could be changed.
alter table bookings add column recall text check (recall in ('confirmed', 'no_reply'));
alter table bookings add column recall_at bigint;
-- One row per reminder queued for a booking, so each is queued once by whichever instance
-- gets there first.
create table booking_reminders (
    booking_id bigint not null references bookings (id),
    days_before bigint not null check (days_before > 0),
    queued_at bigint not null,
    primary key (booking_id, days_before)
);

-- No-shows: the facility desk marks a visit attended or not; a missed visit that was not
-- cancelled in time may owe the ticket (regional rules).
alter table staff add column facility_id bigint references facilities (id);
alter table bookings add column attendance_marked_by bigint references staff (id);
alter table bookings add column attendance_marked_at bigint;
alter table bookings add column ticket_due integer not null default 0 check (ticket_due in (0, 1));
