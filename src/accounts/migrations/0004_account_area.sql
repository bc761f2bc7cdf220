-- A resident may give the area they live in (issue 14.6): one of the place's areas (a places
-- area code; no postcode lookup ships in ../shared/data, so it is chosen from the list). ''
-- = not given. Consultations prefill a response's area with it; deletion clears it.
ALTER TABLE users ADD COLUMN area_code TEXT NOT NULL DEFAULT '';
