-- Seven languages (issue 14): the language of a booking, a waiting entry and a message may be
-- any of them.
alter table notification_outbox drop constraint notification_outbox_lang_check;
alter table notification_outbox add constraint notification_outbox_lang_check check (lang in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
alter table bookings drop constraint bookings_lang_check;
alter table bookings add constraint bookings_lang_check check (lang in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
alter table waiting_list drop constraint waiting_list_lang_check;
alter table waiting_list add constraint waiting_list_lang_check check (lang in ('it', 'en', 'ro', 'sq', 'zh-Hans', 'ar', 'uk'));
