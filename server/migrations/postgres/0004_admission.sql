-- The virtual waiting room, shared by every Cupola instance (on SQLite, whose one instance
-- keeps it in memory, none of this exists). Tickets are numbered by one sequence, so their
-- order is the order of arrival whichever instance issued them; one instance at a time (the
-- holder of an advisory lock) moves the frontier of admitted tickets at the admission rate.
create sequence admission_ticket_seq;

create table admission_state (
    id integer primary key check (id = 1),
    admitted_through bigint not null,
    updated_at bigint not null
);
insert into admission_state (id, admitted_through, updated_at) values (1, 0, 0);

-- A ticket lets one person in once: exchanging it twice for a pass is refused.
create table admission_redeemed (
    ticket bigint primary key,
    at bigint not null
);
create index admission_redeemed_by_time on admission_redeemed (at);
