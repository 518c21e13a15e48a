-- A returnee list filtered to IN_OBSERVATION or REPORT_OVERDUE read, for its first page, every
-- observed row of the enterprise (or zone) in arrival order and dropped those of the other
-- status: after an afternoon deadline most of an enterprise's observed returnees can be
-- overdue, and a page of IN_OBSERVATION then read 50,000 rows to find none (63 ms p50 in
-- the benchmark of 1,000,000 returnees, most of it heap reads). Whether a returnee is
-- overdue depends on its stored facts only, not on the clock, so it can be stored and
-- indexed: each of those two statuses becomes one range of an index, in arrival order,
-- cut at the page's end. (ABNORMAL is rare and stays a filter; EXPECTED and CLEARED are
-- ranges of arrival_at in the indexes of V10.)
ALTER TABLE returnee
    ADD COLUMN overdue boolean NOT NULL GENERATED ALWAYS AS (
        missed_slot_at IS NOT NULL AND (last_report_at IS NULL OR last_report_at < missed_slot_at)) STORED;

CREATE INDEX returnee_enterprise_overdue_idx ON returnee (enterprise_id, overdue, arrival_at DESC, id DESC);
CREATE INDEX returnee_zone_overdue_idx ON returnee (zone_id, overdue, arrival_at DESC, id DESC);
