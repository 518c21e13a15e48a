-- 监督举报: reports about an enterprise by anyone, anonymous allowed. The reporter's user is never
-- stored (a signed-in reporter stays anonymous too); the text and the optional contact are
-- encrypted (columns COMPLAINT_TEXT, COMPLAINT_CONTACT). The receipt is a bearer secret the
-- reporter keeps: only its SHA-256 is stored. Rows are deleted after the retention period
-- (ComplaintRetention).
CREATE TABLE complaint (
    id              uuid PRIMARY KEY,
    enterprise_id   uuid NOT NULL REFERENCES enterprise (id),
    category        text NOT NULL,
    text_cipher     bytea NOT NULL,
    contact_cipher  bytea,
    receipt_hash    bytea NOT NULL UNIQUE CHECK (length(receipt_hash) = 32),
    status          text NOT NULL CHECK (status IN ('RECEIVED', 'VERIFIED', 'INSPECTING', 'DISMISSED', 'RESOLVED')),
    reason          text CHECK (length(reason) <= 1000),
    inspection_id   uuid REFERENCES inspection (id),
    handled_by      uuid,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX complaint_enterprise_idx ON complaint (enterprise_id, created_at DESC);
CREATE INDEX complaint_status_idx ON complaint (status, created_at DESC);
CREATE INDEX complaint_created_idx ON complaint (created_at);

ALTER TABLE inspection ADD CONSTRAINT inspection_complaint_fk FOREIGN KEY (complaint_id) REFERENCES complaint (id)
    ON DELETE SET NULL;
