-- Seven languages (issue 14): the language of a booking, a waiting entry and a message may be
-- any of them. SQLite cannot change a CHECK in place: each column is rebuilt with its values.
alter table notification_outbox add column lang_new text not null default 'it' check (lang_new in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
update notification_outbox set lang_new = lang;
alter table notification_outbox drop column lang;
alter table notification_outbox rename column lang_new to lang;
alter table bookings add column lang_new text not null default 'it' check (lang_new in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
update bookings set lang_new = lang;
alter table bookings drop column lang;
alter table bookings rename column lang_new to lang;
alter table waiting_list add column lang_new text not null default 'it' check (lang_new in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
update waiting_list set lang_new = lang;
alter table waiting_list drop column lang;
alter table waiting_list rename column lang_new to lang;
