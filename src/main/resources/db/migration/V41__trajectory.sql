-- Trajectory queries and contact screening (issue 12).

-- "Who looked at my trajectory": a person's lookups are the audit events whose subject is
-- its person, newest first. Partial (person subjects only: a small share of the trail) and
-- ordered by time, so the list is one short backward index range, not a scan of a year.
CREATE INDEX audit_event_person_subject_idx ON audit_event (subject_id, occurred_at DESC)
    WHERE subject_type = 'person';

-- Contact screenings: of one person (answered at once) or of every returnee of an
-- enterprise (a job the console follows). The result names people, so it is stored as
-- AES-GCM ciphertext (column SCREENING_RESULT) and purged after fugong.trajectory.
-- screening-retention (ScreeningRetention).
CREATE TABLE contact_screening (
    id              uuid PRIMARY KEY,
    started_by      uuid NOT NULL,
    subject_kind    text NOT NULL CHECK (subject_kind IN ('PERSON', 'ENTERPRISE')),
    -- The person or the enterprise screened.
    subject_id      uuid NOT NULL,
    days            integer NOT NULL CHECK (days BETWEEN 1 AND 14),
    window_minutes  integer NOT NULL CHECK (window_minutes BETWEEN 1 AND 240),
    state           text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    total           integer NOT NULL DEFAULT 0,
    done            integer NOT NULL DEFAULT 0,
    result_cipher   bytea,
    created_at      timestamptz NOT NULL,
    -- Progress of a running job is written here, so any pod can answer its events.
    updated_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX contact_screening_created_idx ON contact_screening (created_at);
