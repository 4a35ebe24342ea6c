-- Pending messages had two partial indexes: by creation (0001, for a worker that took the oldest
-- first) and by next attempt (0007, what the delivery worker claims by, and counts with). Nothing
-- reads the first any more, and every message paid for it: once when queued (a booking queues
-- one or two) and again when it leaves the pending state.
drop index notification_outbox_pending;
