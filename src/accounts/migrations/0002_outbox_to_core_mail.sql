-- Mail moved to core (core::mail, table mail_outbox, created by core/0002 which runs before
-- this). The rows queued here before mail was delivered were never sent: they move as `dead`
-- with a note, so an operator sees them on /admin/outbox and may retry one, but old reset
-- links are not mailed out by surprise (docs/DECISIONS.md "Mail").
INSERT INTO mail_outbox (to_address, subject, text_body, html_body, message_id, status, attempts,
                         next_attempt_at, last_error, created_at, sent_at)
SELECT to_address, subject, body, '', '<outbox-' || id || '@goldthread.invalid>',
       CASE WHEN sent_at IS NULL THEN 'dead' ELSE 'sent' END, 0, created_at,
       CASE WHEN sent_at IS NULL THEN 'queued before mail delivery existed; not sent' ELSE '' END,
       created_at, sent_at
FROM outbox;
DROP TABLE outbox;
