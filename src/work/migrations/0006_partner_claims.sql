-- Listing another organisation as a partner of an initiative is a claim until an
-- administrator of that organisation confirms it (issue 10.8; docs/DECISIONS.md, "Partner
-- claims"). status: 'claimed' | 'confirmed' | 'declined'. Rows from before this migration were
-- never agreed by the listed organisation, so they start as claims made by the owner.
ALTER TABLE initiative_partners ADD COLUMN status TEXT NOT NULL DEFAULT 'claimed';
ALTER TABLE initiative_partners ADD COLUMN claimed_by_organisation_id {{bigint}};
ALTER TABLE initiative_partners ADD COLUMN claimed_by_user_id {{bigint}};
ALTER TABLE initiative_partners ADD COLUMN claimed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE initiative_partners ADD COLUMN decided_by_user_id {{bigint}};
ALTER TABLE initiative_partners ADD COLUMN decided_at TEXT NOT NULL DEFAULT '';
UPDATE initiative_partners SET claimed_by_organisation_id =
  (SELECT owner_organisation_id FROM initiatives WHERE initiatives.id = initiative_partners.initiative_id);
CREATE INDEX initiative_partners_status ON initiative_partners (organisation_id, status);
