-- Single sign-on. An account made or claimed by an OpenID Connect login carries the provider's issuer and subject
-- ("issuer sub"), which finds it again at the next login whatever its username; local accounts have none.
ALTER TABLE users ADD COLUMN sso_subject VARCHAR(600);
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject);

-- A login sent to the provider and not yet back: found by the SHA-256 of its state (the browser holds the state
-- in a cookie), used once. The nonce and PKCE verifier never leave the server except to the provider.
CREATE TABLE sso_requests (
    state_hash     VARCHAR(64) PRIMARY KEY,
    nonce          VARCHAR(64) NOT NULL,
    code_verifier  VARCHAR(128) NOT NULL,
    redirect_uri   VARCHAR(1000) NOT NULL,
    next_path      VARCHAR(1000),
    expires_at     BIGINT NOT NULL
);
CREATE INDEX sso_requests_expiry ON sso_requests (expires_at);
