-- 指导员日报: one report per enterprise and day, filed by one of its guides. A second filing the
-- same day amends it: the earlier version stays, marked superseded, and the new one carries the
-- next version number. Counts about the enterprise's staff (no person is named); the notes are
-- about the enterprise's matters.
CREATE TABLE guide_report (
    id              uuid PRIMARY KEY,
    enterprise_id   uuid NOT NULL REFERENCES enterprise (id),
    report_date     date NOT NULL,
    version         integer NOT NULL CHECK (version >= 1),
    returned        integer NOT NULL CHECK (returned >= 0),
    planned         integer NOT NULL CHECK (planned >= 0),
    local           integer NOT NULL CHECK (local >= 0),
    out_of_town     integer NOT NULL CHECK (out_of_town >= 0),
    in_observation  integer NOT NULL CHECK (in_observation >= 0),
    notes           text CHECK (length(notes) <= 2000),
    filed_by        uuid NOT NULL,
    filed_at        timestamptz NOT NULL,
    superseded_at   timestamptz,
    UNIQUE (enterprise_id, report_date, version)
);
-- The report in force per enterprise and day: also the index every read by enterprise and date
-- range uses (a year of reports for 20,000 enterprises is 7.3 million rows; this reads one
-- enterprise's days in order, and an enterprise's latest day with one backward step).
CREATE UNIQUE INDEX guide_report_current_uq ON guide_report (enterprise_id, report_date)
    WHERE superseded_at IS NULL;
-- Who filed on a day (missing reports, reminders): one day's reports, not the year.
CREATE INDEX guide_report_date_idx ON guide_report (report_date, enterprise_id) WHERE superseded_at IS NULL;
