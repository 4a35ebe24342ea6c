-- The operator console (issue 5): supervisors search the audit by member of staff, newest first,
-- and the daily purge deletes by age (audit_log_by_time serves it).
create index audit_log_by_staff on audit_log (staff_id, at);
create index audit_log_by_action on audit_log (action, at);
