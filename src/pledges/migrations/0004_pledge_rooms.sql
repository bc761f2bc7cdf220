-- The solution room a pledge was made in (issue 11.5): a room id of the assemblies capability,
-- like event_id (no foreign key across capabilities). NULL: not made in a room. A pledge made in
-- a room is also made at the room's event (event_id is set too).
ALTER TABLE pledges ADD COLUMN room_id {{bigint}};
CREATE INDEX pledges_room ON pledges (room_id, commitment_id);
