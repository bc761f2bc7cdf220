-- Issue 16.3: followers hear once that a consultation is closing soon (`goldthread
-- consultations closing`, run daily); the date it was announced, or '' before then.
ALTER TABLE consultations ADD COLUMN closing_announced_on TEXT NOT NULL DEFAULT '';
