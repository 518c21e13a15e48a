-- The service's runtime role (ADR 0040): what the service's statements run as. It may read
-- and write the tables, but never UPDATE, DELETE or TRUNCATE audit_event: a bug, an
-- injected statement or an insider with the service's credentials cannot rewrite who read
-- what. The migration role (the owner of the tables) keeps every right; the two things the
-- service needs an owner for run as SECURITY DEFINER functions owned by it:
--   purge_audit_events(): retention of the audit trail, never closer than 180 days (the
--     Cybersecurity Law asks six months of logs at least), so the function does not make
--     the trail erasable either;
--   ensure_scan_in_partitions() and drop_scan_in_partitions_before(): the scan-in
--     partitions, which only their owner may create and drop.
-- Creating a role needs CREATEROLE. Where the migration role lacks it (a managed database),
-- the DBA creates fugong_app beforehand and this migration only grants; if neither, it
-- leaves a notice and the service runs as its login role (as before).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fugong_app') THEN
        BEGIN
            CREATE ROLE fugong_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'fugong_app does not exist and cannot be created here: create it, then migrate again';
            RETURN;
        END;
    END IF;
    GRANT USAGE ON SCHEMA public TO fugong_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fugong_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO fugong_app;
    -- Tables and partitions created later by the migration role (or by its SECURITY
    -- DEFINER functions) get the same grants.
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fugong_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO fugong_app;
    -- Append-only for the service: it inserts and reads audit rows, nothing else.
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM fugong_app;
    -- Flyway's own history is the migration role's business.
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM fugong_app;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION purge_audit_events(older_than timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    deleted bigint;
BEGIN
    IF older_than > now() - interval '180 days' THEN
        RAISE EXCEPTION 'audit events are kept 180 days at least' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('fugong.audit_purge', 'on', true);
    DELETE FROM audit_event WHERE occurred_at < older_than;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('fugong.audit_purge', 'off', true);
    RETURN deleted;
END;
$$;
ALTER FUNCTION ensure_scan_in_partitions(date, integer, text) SECURITY DEFINER SET search_path = public;
ALTER FUNCTION drop_scan_in_partitions_before(date) SECURITY DEFINER SET search_path = public;
REVOKE EXECUTE ON FUNCTION purge_audit_events(timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ensure_scan_in_partitions(date, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION drop_scan_in_partitions_before(date) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fugong_app') THEN
        GRANT EXECUTE ON FUNCTION purge_audit_events(timestamptz) TO fugong_app;
        GRANT EXECUTE ON FUNCTION ensure_scan_in_partitions(date, integer, text) TO fugong_app;
        GRANT EXECUTE ON FUNCTION drop_scan_in_partitions_before(date) TO fugong_app;
        -- Partitions that exist already (created by afterMigrate as the migration role).
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fugong_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM fugong_app;
    END IF;
END $$;
