-- An account's display name and email, both optional and set by an admin; the username stays the login name.
ALTER TABLE users ADD COLUMN display_name VARCHAR(200);
ALTER TABLE users ADD COLUMN email VARCHAR(320);
-- "Reviewed" is a state a manager sets on a session (a comment sets it too): when, and by whom. NULL: not reviewed.
ALTER TABLE practice_sessions ADD COLUMN reviewed_at BIGINT;
ALTER TABLE practice_sessions ADD COLUMN reviewed_by BIGINT REFERENCES users (id);
