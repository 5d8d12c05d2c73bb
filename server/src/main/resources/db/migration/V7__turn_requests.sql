-- Turns posted with an Idempotency-Key: the same key on the same session gets the answer stored here, and no second
-- turn. Written in the transaction that stores the turn, so a key is stored exactly when its turn is.
-- request_hash is the SHA-256 of the turn's text: the key sent again with another text is refused.
CREATE TABLE turn_requests (
    session_id     VARCHAR(40) NOT NULL REFERENCES practice_sessions (id),
    idem_key       VARCHAR(200) NOT NULL,
    request_hash   VARCHAR(64) NOT NULL,
    turn_number    INT NOT NULL,
    response_json  VARCHAR NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (session_id, idem_key)
);
