-- The lead's reply to a request to connect (issue 9.3): status becomes 'replied'.
ALTER TABLE connect_requests ADD COLUMN reply TEXT NOT NULL DEFAULT '';
ALTER TABLE connect_requests ADD COLUMN replied_by_user_id {{bigint}};
ALTER TABLE connect_requests ADD COLUMN replied_at TEXT NOT NULL DEFAULT '';
