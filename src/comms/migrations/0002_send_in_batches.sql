-- Sending an issue in batches (issue 16.6). status: draft | sending | sent. While sending,
-- send_cursor is the id of the last subscriber queued (each batch of 500 moves it in the
-- transaction that queues the batch, so a crash or a second click never queues anyone twice)
-- and queued counts the messages queued so far; recipients is the number of matching
-- subscribers when the sending began, then, once sent, the number queued.
ALTER TABLE newsletter_issues ADD COLUMN send_cursor {{bigint}} NOT NULL DEFAULT 0;
ALTER TABLE newsletter_issues ADD COLUMN queued {{bigint}} NOT NULL DEFAULT 0;
UPDATE newsletter_issues SET queued = recipients WHERE status = 'sent';
