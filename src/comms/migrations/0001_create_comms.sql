-- Communications (src/comms/README.md): the newsletter (double opt-in subscribers, issues),
-- news, and each person's mail preferences for notifications and their digests.
-- interests / tags: " ambition:12 area:E10000012 " (space-delimited, matched with LIKE).
CREATE TABLE newsletter_subscribers (
  id {{id}},
  email TEXT NOT NULL UNIQUE,
  token TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending',
  interests TEXT NOT NULL DEFAULT ' ',
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT
);
CREATE INDEX newsletter_subscribers_status ON newsletter_subscribers (status, id);
CREATE TABLE newsletter_issues (
  id {{id}},
  subject TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  segment TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  recipients {{bigint}} NOT NULL DEFAULT 0,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE TABLE news_items (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT ' ',
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  author_user_id {{bigint}} NOT NULL DEFAULT 0,
  author_name TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL
);
CREATE INDEX news_items_published ON news_items (published_at, id);
-- frequency: now | daily | weekly | never. No row: the default (daily).
CREATE TABLE comms_preferences (
  user_id {{bigint}} NOT NULL,
  kind TEXT NOT NULL,
  frequency TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
-- The secret in a person's one-click "stop these e-mails" links.
CREATE TABLE comms_mail_tokens (
  user_id {{bigint}} PRIMARY KEY,
  token TEXT NOT NULL UNIQUE
);
-- One digest per person per period: the primary key makes `comms digest` idempotent.
CREATE TABLE comms_digests (
  user_id {{bigint}} NOT NULL,
  period TEXT NOT NULL,
  period_key TEXT NOT NULL,
  entries INTEGER NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (user_id, period, period_key)
);
