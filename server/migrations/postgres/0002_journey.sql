-- The citizen journey: a shared secret for the encrypted citizen cookie (the same on every
-- instance), and how many waiting-list offers a request let lapse (it then yields its turn).
create table app_secrets (
    name text primary key,
    value bytea not null check (length(value) >= 32)
);

alter table waiting_list add column missed_offers bigint not null default 0 check (missed_offers >= 0);
drop index waiting_list_queue;
create index waiting_list_queue on waiting_list (service_id, missed_offers, deadline, created_at)
    where status = 'waiting';

-- Holds are looked up by token at confirmation and swept by expiry.
create index holds_by_expiry on holds (expires_at);
