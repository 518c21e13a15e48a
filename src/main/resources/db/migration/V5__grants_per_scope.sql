-- Scope is per grant (ADR 0006): a user may hold the same role for several enterprises (a guide
-- stationed in two) or zones (an official of two parks), each grant for its own object. So an
-- active grant is unique per user, role and object, not per user and role.
DROP INDEX role_grant_active_uq;
CREATE UNIQUE INDEX role_grant_active_uq ON role_grant (user_id, role, enterprise_id, zone_id) NULLS NOT DISTINCT
    WHERE revoked_at IS NULL;

-- Bumped whenever one of the user's grants is revoked. Access tokens carry the version they were
-- issued with; a revocation tells every pod (through Redis) that older versions are no longer
-- valid, so a withdrawn role stops working within seconds, not when the token expires.
ALTER TABLE app_user ADD COLUMN grants_version bigint NOT NULL DEFAULT 0;
