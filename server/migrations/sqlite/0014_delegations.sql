-- Delegations (deleghe, issue 16): the delegator lets the delegate see and manage their
-- prescriptions and bookings, from one day to another, until revoked. Three kinds:
--   'adult'    granted online by the delegator, signed in with SPID or CIE;
--   'guardian' declared online by a parent or guardian, signed in, for a minor (the fiscal code
--              gives the age): it lasts until the day before the minor turns 18;
--   'paper'    registered by an operator from a signed paper form, with its reference.
-- At most one live (not revoked) delegation per pair. What a delegate does is in the audit with
-- the delegation it was done under (audit_log.delegation_id), so the delegator, the receipt and
-- supervisors see who acted for whom.
create table delegations (
    id integer primary key,
    delegator text not null check (length(delegator) = 16 and delegator = upper(delegator)),
    delegate text not null check (length(delegate) = 16 and delegate = upper(delegate)),
    kind text not null check (kind in ('adult', 'guardian', 'paper')),
    valid_from text not null check (valid_from glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to text not null check (valid_to glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    document_ref text check (document_ref is null or length(document_ref) between 1 and 100),
    created_at integer not null,
    created_by_staff integer references staff (id),
    revoked_at integer,
    revoked_by_staff integer references staff (id),
    check (delegator <> delegate),
    check (valid_to >= valid_from),
    check ((kind = 'paper') = (document_ref is not null)),
    check ((kind = 'paper') = (created_by_staff is not null)),
    check (revoked_by_staff is null or revoked_at is not null)
) strict;
create unique index delegations_one_live on delegations (delegator, delegate) where revoked_at is null;
create index delegations_by_delegate on delegations (delegate) where revoked_at is null;

alter table audit_log add column delegation_id integer references delegations (id);
create index audit_log_by_delegation on audit_log (delegation_id) where delegation_id is not null;
