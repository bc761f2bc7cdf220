-- Events (assemblies, workshops, webinars, debates). Times are ISO-8601 UTC text; the
-- pages show them in Europe/London. registration_seq numbers registrations in the order
-- their transactions took the event's row lock (the waiting list's order).
CREATE TABLE events (
  id {{id}},
  place_id {{bigint}} NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  series TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  venue_name TEXT NOT NULL DEFAULT '',
  venue_address TEXT NOT NULL DEFAULT '',
  accessibility TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL,
  registration_opens_at TEXT NOT NULL DEFAULT '',
  registration_closes_at TEXT NOT NULL DEFAULT '',
  outcome_summary TEXT NOT NULL DEFAULT '',
  is_example INTEGER NOT NULL DEFAULT 0,
  ics_sequence INTEGER NOT NULL DEFAULT 0,
  registration_seq {{bigint}} NOT NULL DEFAULT 0,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_series ON events (series, starts_at);

-- Ambitions (places) and organising organisations (partners), by id: validated through
-- places.hpp and partners.hpp, not by foreign keys across capabilities.
CREATE TABLE event_ambitions (
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  ambition_id {{bigint}} NOT NULL,
  PRIMARY KEY (event_id, ambition_id)
);
CREATE TABLE event_organisers (
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  organisation_id {{bigint}} NOT NULL,
  PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_organisers_org ON event_organisers (organisation_id, event_id);
CREATE TABLE agenda_items (
  id {{id}},
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  item_order INTEGER NOT NULL,
  at_time TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  speakers TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_event ON agenda_items (event_id, item_order);

-- One row per person and event. status: confirmed | waiting | offered | cancelled | left |
-- declined | expired. queue_position: the event's registration_seq when they (re)joined.
CREATE TABLE registrations (
  id {{id}},
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id {{bigint}} NOT NULL,
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  access_needs TEXT NOT NULL DEFAULT '',
  dietary_needs TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  queue_position {{bigint}} NOT NULL,
  offer_expires_at TEXT NOT NULL DEFAULT '',
  attended_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, user_id)
);
CREATE INDEX registrations_event_status ON registrations (event_id, status, queue_position);
CREATE INDEX registrations_user ON registrations (user_id);
CREATE INDEX registrations_offers ON registrations (status, offer_expires_at);
