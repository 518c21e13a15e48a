-- Dashboards (issue 13) answer from aggregates kept up to date as things change, never by
-- counting the district's tables on each request (ADR 0030).
--
-- stats_enterprise: one row of facts per enterprise, written only by the stats feature
-- (FactsRefresher) from the other features' public services. A row is rewritten only when a
-- fact changed (the upsert compares), and every write moves the counters below in the same
-- transaction, by trigger: subtract the old row's contribution, add the new one's.
CREATE TABLE stats_enterprise (
    enterprise_id     uuid PRIMARY KEY,
    zone_id           uuid NOT NULL,
    industry          text NOT NULL,
    filed             boolean NOT NULL,
    resumed           boolean NOT NULL,
    plate             text CHECK (plate IN ('BLUE', 'YELLOW', 'RED')),
    guides            integer NOT NULL,
    -- The day of the enterprise's latest guide report.
    reported_on       date,
    open_supplies     integer NOT NULL,
    open_labour       integer NOT NULL,
    open_logistics    integer NOT NULL,
    open_energy       integer NOT NULL,
    open_funding      integer NOT NULL,
    open_policy       integer NOT NULL,
    open_other        integer NOT NULL,
    -- Null while the platform has no returnee figures.
    returnees         integer,
    in_observation    integer,
    refreshed_at      timestamptz NOT NULL
);

-- The counters per zone and industry: a dashboard reads the cells of the zones in scope (a few
-- hundred rows at most) and adds them up.
CREATE TABLE stats_cell (
    zone_id         uuid NOT NULL,
    industry        text NOT NULL,
    enterprises     integer NOT NULL DEFAULT 0,
    filed           integer NOT NULL DEFAULT 0,
    resumed         integer NOT NULL DEFAULT 0,
    plate_blue      integer NOT NULL DEFAULT 0,
    plate_yellow    integer NOT NULL DEFAULT 0,
    plate_red       integer NOT NULL DEFAULT 0,
    guided          integer NOT NULL DEFAULT 0,
    open_supplies   integer NOT NULL DEFAULT 0,
    open_labour     integer NOT NULL DEFAULT 0,
    open_logistics  integer NOT NULL DEFAULT 0,
    open_energy     integer NOT NULL DEFAULT 0,
    open_funding    integer NOT NULL DEFAULT 0,
    open_policy     integer NOT NULL DEFAULT 0,
    open_other      integer NOT NULL DEFAULT 0,
    returnees       bigint NOT NULL DEFAULT 0,
    in_observation  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (zone_id, industry)
);

-- Enterprises with a guide and a guide report per day, zone and industry: today's row over the
-- cell's guided enterprises is the report coverage. A day's count grows as reports come in and
-- stays once the enterprises report again on later days.
CREATE TABLE stats_cell_day (
    day       date NOT NULL,
    zone_id   uuid NOT NULL,
    industry  text NOT NULL,
    reported  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, zone_id, industry)
);

-- Adds (sign 1) or removes (sign -1) one enterprise's facts to or from its cell.
CREATE FUNCTION stats_cell_add(r stats_enterprise, sign integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO stats_cell AS c (zone_id, industry, enterprises, filed, resumed, plate_blue, plate_yellow, plate_red,
                                 guided, open_supplies, open_labour, open_logistics, open_energy, open_funding,
                                 open_policy, open_other, returnees, in_observation)
    VALUES (r.zone_id, r.industry, sign, sign * r.filed::int, sign * r.resumed::int,
            sign * (r.plate IS NOT DISTINCT FROM 'BLUE')::int, sign * (r.plate IS NOT DISTINCT FROM 'YELLOW')::int,
            sign * (r.plate IS NOT DISTINCT FROM 'RED')::int, sign * (r.guides > 0)::int,
            sign * r.open_supplies, sign * r.open_labour, sign * r.open_logistics, sign * r.open_energy,
            sign * r.open_funding, sign * r.open_policy, sign * r.open_other,
            sign * coalesce(r.returnees, 0), sign * coalesce(r.in_observation, 0))
    ON CONFLICT (zone_id, industry) DO UPDATE SET
        enterprises = c.enterprises + EXCLUDED.enterprises, filed = c.filed + EXCLUDED.filed,
        resumed = c.resumed + EXCLUDED.resumed, plate_blue = c.plate_blue + EXCLUDED.plate_blue,
        plate_yellow = c.plate_yellow + EXCLUDED.plate_yellow, plate_red = c.plate_red + EXCLUDED.plate_red,
        guided = c.guided + EXCLUDED.guided, open_supplies = c.open_supplies + EXCLUDED.open_supplies,
        open_labour = c.open_labour + EXCLUDED.open_labour, open_logistics = c.open_logistics + EXCLUDED.open_logistics,
        open_energy = c.open_energy + EXCLUDED.open_energy, open_funding = c.open_funding + EXCLUDED.open_funding,
        open_policy = c.open_policy + EXCLUDED.open_policy, open_other = c.open_other + EXCLUDED.open_other,
        returnees = c.returnees + EXCLUDED.returnees, in_observation = c.in_observation + EXCLUDED.in_observation
$$;

CREATE FUNCTION stats_cell_day_add(d date, zone uuid, ind text, sign integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO stats_cell_day AS c (day, zone_id, industry, reported) VALUES (d, zone, ind, sign)
    ON CONFLICT (day, zone_id, industry) DO UPDATE SET reported = c.reported + EXCLUDED.reported
$$;

CREATE FUNCTION stats_enterprise_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    -- The day an enterprise counts as reported on: that of its latest report, while it has a
    -- guide (coverage is of the enterprises with guides).
    old_day date;
    new_day date;
    moved boolean := true;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stats_cell_add(OLD, -1);
        old_day := CASE WHEN OLD.guides > 0 THEN OLD.reported_on END;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stats_cell_add(NEW, 1);
        new_day := CASE WHEN NEW.guides > 0 THEN NEW.reported_on END;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        moved := (old_day, OLD.zone_id, OLD.industry) IS DISTINCT FROM (new_day, NEW.zone_id, NEW.industry);
    END IF;
    IF moved THEN
        -- The old day stops counting the enterprise, unless it simply reported again on a
        -- later day (the old day's count keeps it: that day it had reported).
        IF old_day IS NOT NULL AND NOT (new_day IS NOT NULL AND new_day > old_day) THEN
            PERFORM stats_cell_day_add(old_day, OLD.zone_id, OLD.industry, -1);
        END IF;
        IF new_day IS NOT NULL THEN
            PERFORM stats_cell_day_add(new_day, NEW.zone_id, NEW.industry, 1);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_enterprise_cells AFTER INSERT OR UPDATE OR DELETE ON stats_enterprise
    FOR EACH ROW EXECUTE FUNCTION stats_enterprise_changed();
