-- Book now, keep waiting for earlier (issue 14): a waiting entry may be linked to the booking it
-- would improve. Such an entry is offered only slots earlier than its booking; accepting moves
-- the booking. At most one open entry per prescription still (waiting_list_one_open_per_prescription).
alter table waiting_list add column booking_id integer references bookings (id);
create index waiting_list_by_booking on waiting_list (booking_id) where booking_id is not null;
-- A linked booking is of the entry's own prescription. PostgreSQL says so with a composite
-- foreign key (onto a unique index of its own); SQLite cannot add one to an existing table, so
-- triggers keep the same rule.
create trigger waiting_list_booking_same_prescription_insert before insert on waiting_list
when new.booking_id is not null and not exists (
    select 1 from bookings b where b.id = new.booking_id and b.prescription_id = new.prescription_id)
begin
    select raise(abort, 'waiting_list: the linked booking is of another prescription');
end;
create trigger waiting_list_booking_same_prescription_update
before update of booking_id, prescription_id on waiting_list
when new.booking_id is not null and not exists (
    select 1 from bookings b where b.id = new.booking_id and b.prescription_id = new.prescription_id)
begin
    select raise(abort, 'waiting_list: the linked booking is of another prescription');
end;
create trigger bookings_keep_prescription_of_linked_entries
before update of prescription_id on bookings
when exists (select 1 from waiting_list w where w.booking_id = old.id)
    and new.prescription_id <> old.prescription_id
begin
    select raise(abort, 'bookings: a waiting entry is linked to this booking and its prescription');
end;
