-- Scan-ins: the hot table. Partitioned by day (in the district's time zone), so "one person
-- over 14 days" and "one place over a window" touch a few small partitions, and retention is
-- a DROP of whole partitions. ScanPartitions creates them ahead and drops old ones.
-- No foreign keys: every insert would check three parents, and the rows outlive nothing
-- they point to (a place is only ever soft-deleted; persons are purged after their scans).
CREATE TABLE scan_in (
    id                  uuid        NOT NULL,
    scanned_at          timestamptz NOT NULL,
    person_id           uuid        NOT NULL,
    place_id            uuid        NOT NULL,
    enterprise_id       uuid        NOT NULL,
    client_scan_id      text        NOT NULL CHECK (length(client_scan_id) BETWEEN 1 AND 64),
    source              text        NOT NULL CHECK (source IN ('PLACE_CODE', 'DYNAMIC_CODE', 'PASS_CODE', 'PASS_CARD')),
    admitted            boolean     NOT NULL,
    reasons             text        NOT NULL,
    pass_color          text        NOT NULL CHECK (pass_color IN ('GREEN', 'YELLOW', 'RED')),
    -- Personal data: AES-GCM ciphertext of the measured temperature, or null.
    temperature_cipher  bytea,
    fever               boolean     NOT NULL,
    recorded_by         uuid,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE INDEX scan_in_person_idx ON scan_in (person_id, scanned_at);
CREATE INDEX scan_in_place_idx ON scan_in (place_id, scanned_at);

-- Creates the partitions for `days` days from `first_day`, each [00:00, 24:00) in `zone`.
CREATE FUNCTION ensure_scan_in_partitions(first_day date, days integer, zone text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    day date;
    name text;
BEGIN
    -- Every pod runs this at start-up and daily: one at a time.
    PERFORM pg_advisory_xact_lock(hashtext('scan_in_partitions'));
    FOR i IN 0 .. days - 1 LOOP
        day := first_day + i;
        name := 'scan_in_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF scan_in FOR VALUES FROM (%L) TO (%L)', name,
                (day::timestamp AT TIME ZONE zone), ((day + 1)::timestamp AT TIME ZONE zone));
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END $$;

-- Drops the partitions of days before `first_kept_day`.
CREATE FUNCTION drop_scan_in_partitions_before(first_kept_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    dropped integer := 0;
    partition record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('scan_in_partitions'));
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'scan_in'::regclass AND c.relname ~ '^scan_in_[0-9]{8}$'
          AND to_date(substring(c.relname FROM 9), 'YYYYMMDD') < first_kept_day
    LOOP
        EXECUTE format('DROP TABLE %I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;
