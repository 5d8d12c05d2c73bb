-- A session keeps the team its rep was in when it was recorded: after the rep moves team, the old team's manager
-- still reviews what happened on their watch and the new team's manager sees the sessions recorded from then on.
-- Sessions recorded before this version get the rep's team at the time of the upgrade (the best that is known).
ALTER TABLE practice_sessions ADD COLUMN team_id BIGINT REFERENCES teams (id);
UPDATE practice_sessions SET team_id = (SELECT u.team_id FROM users u WHERE u.id = practice_sessions.user_id);
CREATE INDEX practice_sessions_team ON practice_sessions (team_id, started_at);
