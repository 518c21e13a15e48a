-- Printed pass cards for people without a smartphone (一人一卡). The card's QR code carries
-- only the card id and a signature; revoking the card refuses it at every gate.
CREATE TABLE pass_card (
    id             uuid PRIMARY KEY,
    person_id      uuid NOT NULL REFERENCES person (id),
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    issued_by      uuid NOT NULL REFERENCES app_user (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_by     uuid REFERENCES app_user (id)
);
CREATE INDEX pass_card_person_idx ON pass_card (person_id);
CREATE INDEX pass_card_enterprise_idx ON pass_card (enterprise_id, created_at DESC);
