-- Where an initiative's link to an ambition or priority comes from when the initiative's own
-- owner did not decide it, e.g. "Inferred from the project's description, …" for the example
-- data's vision projects. '' = recorded by the initiative's owner. Pages show it beside the link.
ALTER TABLE initiative_alignments ADD COLUMN basis TEXT NOT NULL DEFAULT '';
