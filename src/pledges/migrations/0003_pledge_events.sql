-- The event a pledge was made at (issue 11.7): an event id of the assemblies capability, as
-- initiative ids are the work capability's (no foreign key across capabilities). NULL: made
-- elsewhere. made_at_label stays for bundled pledges whose event is not (yet) known.
ALTER TABLE pledges ADD COLUMN event_id {{bigint}};
CREATE INDEX pledges_event ON pledges (event_id, commitment_id);
