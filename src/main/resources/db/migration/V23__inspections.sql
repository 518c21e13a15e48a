-- 督查检查: inspection plans (a seeded random draw of a zone's or industry's enterprises) and
-- inspections (a checklist, each item pass or fail with a note and an optional photo).
CREATE TABLE inspection_plan (
    id                   uuid PRIMARY KEY,
    zone_id              uuid REFERENCES zone (id),
    industry             text,
    fraction             numeric(5, 4) NOT NULL CHECK (fraction > 0 AND fraction <= 1),
    seed                 text NOT NULL CHECK (length(seed) BETWEEN 1 AND 64),
    headcount_threshold  integer NOT NULL CHECK (headcount_threshold >= 1),
    population           integer NOT NULL CHECK (population >= 0),
    created_by           uuid NOT NULL,
    created_at           timestamptz NOT NULL
);
CREATE INDEX inspection_plan_created_idx ON inspection_plan (created_at DESC);

CREATE TABLE inspection_plan_item (
    plan_id        uuid NOT NULL REFERENCES inspection_plan (id) ON DELETE CASCADE,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    -- ALWAYS (headcount at or above the threshold) or DRAWN.
    reason         text NOT NULL CHECK (reason IN ('ALWAYS', 'DRAWN')),
    position       integer NOT NULL,
    PRIMARY KEY (plan_id, enterprise_id)
);

CREATE TABLE inspection (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    kind           text NOT NULL CHECK (kind IN ('ROUTINE', 'FOLLOW_UP', 'COMPLAINT')),
    plan_id        uuid REFERENCES inspection_plan (id),
    complaint_id   uuid,
    passed         boolean NOT NULL,
    summary        text CHECK (length(summary) <= 2000),
    inspector_id   uuid NOT NULL,
    inspected_at   timestamptz NOT NULL,
    -- The plate change the result led to, if any.
    plate_change_id uuid REFERENCES plate_change (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX inspection_enterprise_idx ON inspection (enterprise_id, inspected_at DESC);
CREATE INDEX inspection_plan_idx ON inspection (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX inspection_inspected_idx ON inspection (inspected_at DESC);

CREATE TABLE inspection_item (
    inspection_id  uuid NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
    item           text NOT NULL,
    passed         boolean NOT NULL,
    note           text CHECK (length(note) <= 1000),
    PRIMARY KEY (inspection_id, item)
);

-- A photo of one item. May show people: encrypted (column INSPECTION_PHOTO) and purged after the
-- retention period (InspectionPhotoRetention).
CREATE TABLE inspection_photo (
    inspection_id  uuid NOT NULL,
    item           text NOT NULL,
    content_type   text NOT NULL,
    size           integer NOT NULL CHECK (size > 0),
    content        bytea NOT NULL,
    uploaded_by    uuid NOT NULL,
    uploaded_at    timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, item),
    FOREIGN KEY (inspection_id, item) REFERENCES inspection_item (inspection_id, item) ON DELETE CASCADE
);
CREATE INDEX inspection_photo_uploaded_idx ON inspection_photo (uploaded_at);
