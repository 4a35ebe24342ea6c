-- Public waiting times (transparency) read the bookings made in the last 90 days, every few
-- minutes: a range of this index instead of every booking ever made.
create index bookings_by_creation on bookings (created_at);
