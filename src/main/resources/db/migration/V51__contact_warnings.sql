-- Warning the contacts of a confirmed case (issue 20, ADR 0051).
-- A screening's contacts as person ids, encrypted like its result (which names people,
-- masked, and never held the ids): what a warning reaches. Null for screenings made before.
ALTER TABLE contact_screening ADD COLUMN contacts_cipher bytea;

-- One row per contact warned of a case: the unique key is what makes "nobody is warned twice
-- for the same case" hold under concurrent clicks (INSERT … ON CONFLICT DO NOTHING). Who met
-- a case is personal data: purged after fugong.contact-warnings.retention (ContactWarningRetention).
-- No foreign keys: persons and screenings are purged on their own schedules.
CREATE TABLE contact_warning (
    id                 uuid PRIMARY KEY,
    case_person_id     uuid NOT NULL,
    contact_person_id  uuid NOT NULL,
    screening_id       uuid NOT NULL,
    warned_by          uuid NOT NULL,
    warned_at          timestamptz NOT NULL,
    -- PENDING until the WeChat message was tried: SENT, REFUSED (no subscription granted),
    -- NO_ACCOUNT (the contact never signed in to the mini-program), FAILED, DISABLED (no
    -- template configured).
    delivery           text NOT NULL CHECK (delivery IN ('PENDING', 'SENT', 'REFUSED', 'NO_ACCOUNT', 'FAILED',
                                                         'DISABLED')),
    delivered_at       timestamptz,
    UNIQUE (case_person_id, contact_person_id)
);
-- The purge deletes by age.
CREATE INDEX contact_warning_warned_idx ON contact_warning (warned_at);
