-- Accessibility feedback (issue 16): what readers report from the accessibility statement (Law
-- 4/2004, AgID guidelines), each to be answered within 30 days; supervisors record the answer.
-- The text and the optional address are personal data: never logged, shown to supervisors only.
-- Due exactly 30 days after receipt; an answer exactly when answered, by whom, never before it
-- was received.
create table accessibility_feedback (
    id integer primary key,
    received_at integer not null,
    due_at integer not null,
    page text check (page is null or length(trim(page)) between 1 and 200),
    description text not null check (length(trim(description)) between 1 and 1000),
    email text check (email is null or length(email) between 3 and 254),
    lang text not null check (lang in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk')),
    answered_at integer,
    answered_by integer references staff (id),
    answer_note text check (answer_note is null or length(trim(answer_note)) between 1 and 1000),
    check (due_at = received_at + 30 * 86400),
    check ((answered_at is null) = (answered_by is null)),
    check ((answered_at is null) = (answer_note is null)),
    check (answered_at is null or answered_at >= received_at)
) strict;
create index accessibility_feedback_open_by_due on accessibility_feedback (due_at)
    where answered_at is null;
create index accessibility_feedback_by_answer on accessibility_feedback (answered_at)
    where answered_at is not null;
