-- The guarantee route (percorso di tutela, issue 14): when no slot meets a prescription's
-- deadline, the citizen (online, or through an operator) asks the health authority to provide
-- the service in time anyway; a supervisor records how it ended. At most one open request per
-- prescription; an outcome exactly when resolved; who decided exactly when decided.
create table guarantee_requests (
    id integer primary key,
    prescription_id integer not null references prescriptions (id),
    service_id integer not null references services (id),
    priority text not null check (priority in ('U', 'B', 'D', 'P')),
    deadline text not null check (deadline glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    area_id integer references areas (id),       -- area wanted; null = anywhere
    town text check (town is null or length(town) between 1 and 80),
    contact_phone text check (contact_phone is null or length(contact_phone) between 6 and 20),
    contact_email text check (contact_email is null or length(contact_email) between 3 and 254),
    lang text not null default 'it' check (lang in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk')),
    filed_at integer not null,
    filed_via text not null check (filed_via in ('web', 'operator')),
    filed_by integer references staff (id),
    status text not null default 'open' check (status in ('open', 'resolved', 'withdrawn')),
    outcome text check (outcome in ('slot_found', 'intramoenia', 'other_provider')),
    note text check (note is null or length(note) <= 500),
    booking_id integer references bookings (id),
    decided_by integer references staff (id),
    decided_at integer,
    check ((filed_via = 'operator') = (filed_by is not null)),
    check ((status = 'resolved') = (outcome is not null)),
    check ((status = 'open') = (decided_at is null)),
    check ((decided_at is null) = (decided_by is null)),
    check (status <> 'open' or note is null),
    check ((coalesce(outcome, '') = 'slot_found') = (booking_id is not null)),
    check (decided_at is null or decided_at >= filed_at)
) strict;
create unique index guarantee_requests_one_open_per_prescription on guarantee_requests (prescription_id)
    where status = 'open';
create index guarantee_requests_open_by_deadline on guarantee_requests (deadline) where status = 'open';
create index guarantee_requests_by_filed_at on guarantee_requests (filed_at);
