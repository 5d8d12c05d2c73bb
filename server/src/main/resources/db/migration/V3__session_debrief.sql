-- The model-written debrief of an ended session, kept with the session so that every node, and the server after
-- a restart, shows the same text; the first one stored wins.
ALTER TABLE practice_sessions ADD COLUMN debrief VARCHAR;
