-- Book now, keep waiting for earlier (issue 14): a waiting entry may be linked to the booking it
-- would improve. Such an entry is offered only slots earlier than its booking; accepting moves
-- the booking. At most one open entry per prescription still (waiting_list_one_open_per_prescription).
alter table waiting_list add column booking_id bigint;
-- The key the composite foreign key below points at (SQLite keeps the rule with triggers).
create unique index bookings_id_prescription on bookings (id, prescription_id);
-- A linked booking is of the entry's own prescription.
alter table waiting_list add constraint waiting_list_booking_same_prescription
    foreign key (booking_id, prescription_id) references bookings (id, prescription_id);
create index waiting_list_by_booking on waiting_list (booking_id) where booking_id is not null;
