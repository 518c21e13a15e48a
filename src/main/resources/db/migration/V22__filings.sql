-- 复工备案: an enterprise's filing to resume, its materials and its review steps. The structured
-- materials are about the enterprise (counts, plans); the uploaded files may hold personal data
-- (a staff screening list names people), so their content is encrypted and purged after the
-- retention period (FilingFileRetention).
CREATE TABLE filing (
    id               uuid PRIMARY KEY,
    enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
    mode             text NOT NULL CHECK (mode IN ('APPROVAL', 'NOTIFY_ONLY')),
    state            text NOT NULL CHECK (state IN ('SUBMITTED', 'PRELIMINARY_REVIEWED', 'SITE_INSPECTED',
                                                    'APPROVED', 'RETURNED', 'FILED')),
    materials        jsonb NOT NULL,
    submitted_by     uuid NOT NULL,
    submitted_at     timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
-- One enterprise's filings, newest first.
CREATE INDEX filing_enterprise_idx ON filing (enterprise_id, submitted_at DESC);
-- The officials' queue by state.
CREATE INDEX filing_state_idx ON filing (state, submitted_at DESC);
-- One filing under way per enterprise: a returned one is closed, and the manager files anew.
CREATE UNIQUE INDEX filing_open_uq ON filing (enterprise_id)
    WHERE state IN ('SUBMITTED', 'PRELIMINARY_REVIEWED', 'SITE_INSPECTED');

-- Each step an official took, with its note: the filing's history.
CREATE TABLE filing_step (
    id          uuid PRIMARY KEY,
    filing_id   uuid NOT NULL REFERENCES filing (id) ON DELETE CASCADE,
    action      text NOT NULL CHECK (action IN ('SUBMIT', 'REVIEW', 'INSPECT', 'APPROVE', 'RETURN', 'FILE')),
    from_state  text,
    to_state    text NOT NULL,
    note        text CHECK (length(note) <= 2000),
    actor_id    uuid NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX filing_step_filing_idx ON filing_step (filing_id, at);

CREATE TABLE filing_file (
    id            uuid PRIMARY KEY,
    filing_id     uuid NOT NULL REFERENCES filing (id) ON DELETE CASCADE,
    kind          text NOT NULL,
    -- The name the client gave, cut and cleaned: shown, never used to decide a type or a path.
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Decided from the bytes (magic numbers), not from the name or the client's header.
    content_type  text NOT NULL,
    size          integer NOT NULL CHECK (size > 0),
    sha256        bytea NOT NULL CHECK (length(sha256) = 32),
    -- AES-256-GCM (PersonalDataCipher, column FILING_FILE).
    content       bytea NOT NULL,
    uploaded_by   uuid NOT NULL,
    uploaded_at   timestamptz NOT NULL
);
CREATE INDEX filing_file_filing_idx ON filing_file (filing_id, uploaded_at);
-- The retention purge deletes by upload time.
CREATE INDEX filing_file_uploaded_idx ON filing_file (uploaded_at);

-- The district's switch between approval and notify-only filing (seed 000: approvals were
-- abolished later). The newest row is in force; none means the configured default.
CREATE TABLE filing_mode_change (
    id          uuid PRIMARY KEY,
    mode        text NOT NULL CHECK (mode IN ('APPROVAL', 'NOTIFY_ONLY')),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    changed_by  uuid NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX filing_mode_change_at_idx ON filing_mode_change (changed_at DESC);
