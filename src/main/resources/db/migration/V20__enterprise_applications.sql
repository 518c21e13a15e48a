-- Enterprise applications: a signed-in person asks to register its enterprise; an official of the
-- zone accepts (the enterprise is created and the applicant becomes its manager) or refuses.
-- The fields are the registry's (enterprise); no personal data is held here: the applicant is a
-- user id.
CREATE TABLE enterprise_application (
    id             uuid PRIMARY KEY,
    applicant_id   uuid NOT NULL REFERENCES app_user (id),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    uscc           char(18) NOT NULL,
    industry       text NOT NULL,
    batch          smallint NOT NULL CHECK (batch BETWEEN 1 AND 3),
    zone_id        uuid NOT NULL REFERENCES zone (id),
    address        text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
    headcount      integer NOT NULL CHECK (headcount BETWEEN 1 AND 1000000),
    state          text NOT NULL CHECK (state IN ('SUBMITTED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
    reason         text CHECK (length(reason) <= 1000),
    decided_by     uuid,
    decided_at     timestamptz,
    enterprise_id  uuid REFERENCES enterprise (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((state = 'ACCEPTED') = (enterprise_id IS NOT NULL))
);
-- One open application per USCC: a second one while the first waits is a conflict, not a queue.
CREATE UNIQUE INDEX enterprise_application_open_uscc_uq ON enterprise_application (uscc)
    WHERE state = 'SUBMITTED';
-- The officials' queue: a zone's applications in a state, newest first.
CREATE INDEX enterprise_application_zone_idx ON enterprise_application (zone_id, state, created_at DESC);
-- An applicant's own applications.
CREATE INDEX enterprise_application_applicant_idx ON enterprise_application (applicant_id, created_at DESC);
