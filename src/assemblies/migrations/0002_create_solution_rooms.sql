-- Solution rooms inside an event: a host organisation, a facilitator, a problem brief
-- (Markdown, its sanitised HTML stored beside it), the ambition (places) or initiative (work)
-- it concerns, by id, and a capacity (0: no limit). signup_seq is bumped by every sign-up so
-- the room's row is locked while its places are counted (as events.registration_seq).
CREATE TABLE solution_rooms (
  id {{id}},
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  host_organisation_id {{bigint}} NOT NULL DEFAULT 0,
  facilitator TEXT NOT NULL DEFAULT '',
  brief TEXT NOT NULL DEFAULT '',
  brief_html TEXT NOT NULL DEFAULT '',
  ambition_id {{bigint}} NOT NULL DEFAULT 0,
  initiative_id {{bigint}} NOT NULL DEFAULT 0,
  capacity INTEGER NOT NULL DEFAULT 0,
  signup_seq {{bigint}} NOT NULL DEFAULT 0,
  room_order INTEGER NOT NULL DEFAULT 0,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, slug)
);
CREATE INDEX solution_rooms_host ON solution_rooms (host_organisation_id);

CREATE TABLE room_signups (
  room_id {{bigint}} NOT NULL REFERENCES solution_rooms(id) ON DELETE CASCADE,
  user_id {{bigint}} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_signups_user ON room_signups (user_id);

-- Peer advice, attributed; the host hides and restores it (audited), nothing is deleted.
CREATE TABLE room_advice (
  id {{id}},
  room_id {{bigint}} NOT NULL REFERENCES solution_rooms(id) ON DELETE CASCADE,
  author_user_id {{bigint}} NOT NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX room_advice_room ON room_advice (room_id, id);

-- Agreed next steps are commitments (pledges.hpp, kind 'next-step'); this links them to the
-- room that agreed them.
CREATE TABLE room_next_steps (
  commitment_id {{bigint}} PRIMARY KEY,
  room_id {{bigint}} NOT NULL REFERENCES solution_rooms(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);
CREATE INDEX room_next_steps_room ON room_next_steps (room_id, commitment_id);

-- Carried forward: the next event in a series marks each open next step of the previous one
-- reviewed.
CREATE TABLE next_step_reviews (
  event_id {{bigint}} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  commitment_id {{bigint}} NOT NULL,
  reviewed_by {{bigint}} NOT NULL DEFAULT 0,
  reviewed_at TEXT NOT NULL,
  PRIMARY KEY (event_id, commitment_id)
);
