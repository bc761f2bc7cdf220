-- The description rendered once when it is saved, so a view never runs Markdown (see
-- docs/SECURITY.md, "Markdown"). NULL for rows saved before: rendered at first read.
ALTER TABLE initiatives ADD COLUMN description_html TEXT;
