-- LLM personas: a turn's reply is the words the rep saw (the model's, or the scripted line it fell back to);
-- the engine's scripted line is kept next to it, and where the words came from. The session's persona kind
-- is practice_sessions.mode ('scripted' or 'llm'); the rep may switch it while the session is open.
ALTER TABLE turns ADD COLUMN scripted_reply VARCHAR;
UPDATE turns SET scripted_reply = reply;
ALTER TABLE turns ALTER COLUMN scripted_reply SET NOT NULL;
ALTER TABLE turns ADD COLUMN reply_source VARCHAR(30) DEFAULT 'SCRIPTED' NOT NULL;
