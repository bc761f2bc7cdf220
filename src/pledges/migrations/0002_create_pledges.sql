-- A pledge is a commitment (kind 'pledge') with who it was made for and what it serves.
-- Ambition ids are the places capability's, initiative ids the work capability's.
CREATE TABLE pledges (
  commitment_id {{bigint}} PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
  pledged_as TEXT NOT NULL,                 -- self | resident | organisation
  initiative_id {{bigint}},
  made_at_label TEXT NOT NULL DEFAULT ''    -- e.g. "Fourth Essex Assembly, 4 September 2018"
);
CREATE TABLE pledge_ambitions (
  commitment_id {{bigint}} NOT NULL REFERENCES pledges(commitment_id) ON DELETE CASCADE,
  ambition_id {{bigint}} NOT NULL,
  PRIMARY KEY (commitment_id, ambition_id)
);
CREATE INDEX pledge_ambitions_ambition ON pledge_ambitions (ambition_id, commitment_id);
