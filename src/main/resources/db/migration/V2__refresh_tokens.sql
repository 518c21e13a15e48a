-- Refresh tokens: opaque, rotating, one family per sign-in. Only a SHA-256 of the token is kept
-- (the token itself has 256 random bits, so an unkeyed hash is enough). A spent token presented
-- again means it was stolen or replayed: the whole family is revoked.
CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    family_id   uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES app_user (id),
    audience    text NOT NULL CHECK (audience IN ('MINI_PROGRAM', 'CONSOLE')),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
-- Expired tokens are purged by retention; this finds them.
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);
