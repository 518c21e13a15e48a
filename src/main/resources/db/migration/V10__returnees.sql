-- Returnees (返岗人员), their 14-day observation, nucleic-acid tests, health reports (健康打卡)
-- of every employee, staff-sheet imports, and the risk level officials set per region.
--
-- Status is never stored: EXPECTED, IN_OBSERVATION, CLEARED, REPORT_OVERDUE and ABNORMAL are
-- derived from the facts below and the clock (returnee.model.ObservationRules; the same
-- predicate in SQL in ReturneeQueries, so lists can filter and count by status).
-- Persons are the person feature's: only their ids are here, no foreign key across features.

-- Risk levels per GB/T 2260 region code, with the dates from which they hold. Never updated:
-- each change is a new row, the later set_at overriding the earlier ones where they overlap,
-- so the history of what was believed when stays answerable.
CREATE TABLE region_risk (
    id           uuid PRIMARY KEY,
    region_code  char(6) NOT NULL CHECK (region_code ~ '^[1-9][0-9]{5}$'),
    level        text NOT NULL CHECK (level IN ('LOW', 'MEDIUM', 'HIGH')),
    valid_from   timestamptz NOT NULL,
    valid_to     timestamptz,
    set_by       uuid,
    set_at       timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX region_risk_code_idx ON region_risk (region_code, set_at);

CREATE TABLE returnee (
    id                   uuid PRIMARY KEY,
    person_id            uuid NOT NULL,
    enterprise_id        uuid NOT NULL,
    -- The enterprise's zone when the returnee was registered: officials list their zone
    -- subtree by an index, without asking the enterprise feature for thousands of ids.
    zone_id              uuid NOT NULL,
    -- Where the person was: origin, transport and each leg of the last 14 days, as
    -- encrypted JSON (AES-GCM, column RETURNEE_TRAVEL). Location is personal data.
    travel_cipher        bytea NOT NULL,
    departed_at          timestamptz NOT NULL,
    -- The departure's day in the district's time zone: one trip per person and enterprise.
    departed_day         date NOT NULL,
    arrived_at           timestamptz,
    expected_arrival_at  timestamptz,
    -- arrived_at when known, else expected_arrival_at; the observation counts from it.
    arrival_at           timestamptz NOT NULL,
    -- arrival_at's day in the district's time zone (computed by the service: AT TIME ZONE
    -- is not immutable, so it cannot be a generated column). Observation ends at the start
    -- of arrival_day + observation-days.
    arrival_day          date NOT NULL,
    contact_with_case    boolean NOT NULL DEFAULT false,
    -- Why the person must not return yet (HIGH_RISK_REGION, CONTACT_WITH_CASE), comma
    -- separated; '' for none. Recomputed when a region's risk changes.
    flags                text NOT NULL DEFAULT '',
    -- When a positive test or an abnormal health report made the person abnormal.
    abnormal_at          timestamptz,
    -- The deadline of the last report slot the person missed while observed (OverdueJob).
    missed_slot_at       timestamptz,
    last_report_at       timestamptz,
    source               text NOT NULL CHECK (source IN ('SELF', 'MANAGER', 'IMPORT')),
    registered_by        uuid,
    created_at           timestamptz NOT NULL,
    -- Database time of the last change: every pod's gate cache polls for changes by it.
    changed_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (arrived_at IS NOT NULL OR expected_arrival_at IS NOT NULL),
    CHECK (departed_at <= arrival_at)
);
-- One trip per person, enterprise and departure day: a registration or an imported row
-- that repeats it changes nothing (INSERT … ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX returnee_trip_uq ON returnee (person_id, enterprise_id, departed_day);
-- The lists: a manager's enterprise or an official's zone subtree, newest arrival first. A
-- page is read as one ordered range per enterprise or zone, merged (ReturneeService.list);
-- a status is a range of arrival_at (expected, observed, cleared) plus a filter on the fact
-- columns, so a page stops early and a capped count reads little.
CREATE INDEX returnee_enterprise_idx ON returnee (enterprise_id, arrival_at DESC, id DESC);
CREATE INDEX returnee_zone_idx ON returnee (zone_id, arrival_at DESC, id DESC);
-- The district admin's list, without a scope to read by.
CREATE INDEX returnee_arrival_idx ON returnee (arrival_at DESC, id DESC);
CREATE INDEX returnee_person_idx ON returnee (person_id);
-- The gate cache's change poll, and the overdue job and retention by day.
CREATE INDEX returnee_changed_idx ON returnee (changed_at);
CREATE INDEX returnee_arrival_day_idx ON returnee (arrival_day);

-- 核酸检测 (seed 000): a POSITIVE makes the returnee ABNORMAL. Kept as long as its returnee.
CREATE TABLE nucleic_acid_test (
    id           uuid PRIMARY KEY,
    returnee_id  uuid NOT NULL REFERENCES returnee (id) ON DELETE CASCADE,
    taken_at     timestamptz NOT NULL,
    result       text NOT NULL CHECK (result IN ('NEGATIVE', 'POSITIVE', 'PENDING')),
    recorded_by  uuid,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX nucleic_acid_test_returnee_idx ON nucleic_acid_test (returnee_id, taken_at);

-- 健康打卡 of every employee, twice a day (seed 004). Temperature and symptoms are personal
-- data: encrypted. "abnormal" (37.3 °C or more, or any symptom) is kept in clear for the
-- lists, as a scan's pass colour is.
CREATE TABLE health_report (
    id                  uuid PRIMARY KEY,
    person_id           uuid NOT NULL,
    enterprise_id       uuid,
    reported_at         timestamptz NOT NULL,
    slot_date           date NOT NULL,
    slot                text NOT NULL CHECK (slot IN ('MORNING', 'AFTERNOON')),
    temperature_cipher  bytea NOT NULL,
    symptoms_cipher     bytea,
    abnormal            boolean NOT NULL
);
-- "Who has not reported": the reporters of one slot, looked up for an enterprise's persons.
CREATE INDEX health_report_slot_idx ON health_report (slot_date, slot, person_id);
CREATE INDEX health_report_person_idx ON health_report (person_id, reported_at DESC);
CREATE INDEX health_report_reported_idx ON health_report (reported_at);

-- A staff-sheet import job. Rejections name row, column and why, never the value.
CREATE TABLE staff_import (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL,
    created_by     uuid NOT NULL,
    format         text NOT NULL CHECK (format IN ('XLSX', 'CSV')),
    state          text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    total_rows     integer NOT NULL DEFAULT 0,
    processed      integer NOT NULL DEFAULT 0,
    imported       integer NOT NULL DEFAULT 0,
    unchanged      integer NOT NULL DEFAULT 0,
    rejected_count integer NOT NULL DEFAULT 0,
    rejected       jsonb NOT NULL DEFAULT '[]'::jsonb,
    failure        text,
    created_at     timestamptz NOT NULL,
    finished_at    timestamptz
);
CREATE INDEX staff_import_created_idx ON staff_import (created_at);
