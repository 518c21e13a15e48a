-- Residential compounds (小区) of a grid zone and their checkpoints (卡点), ADR 0050.
-- A community is an organisation unit of its own kind, not an enterprise: it has no USCC,
-- industry, plate or staff. It owns places, like an enterprise does, so its checkpoints get
-- the same signed codes, posters and scan-ins.
CREATE TABLE community (
    id          uuid PRIMARY KEY,
    zone_id     uuid NOT NULL REFERENCES zone (id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    address     text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- The console lists a zone's communities oldest first.
CREATE INDEX community_zone_idx ON community (zone_id, created_at, id);

-- A place belongs to exactly one enterprise or one community.
ALTER TABLE place ALTER COLUMN enterprise_id DROP NOT NULL;
ALTER TABLE place ADD COLUMN community_id uuid REFERENCES community (id);
ALTER TABLE place ADD CONSTRAINT place_one_owner CHECK (num_nonnulls(enterprise_id, community_id) = 1);
-- Partial: enterprises' places (the many) do not carry an entry in it.
CREATE INDEX place_community_idx ON place (community_id, created_at, id) WHERE community_id IS NOT NULL;

-- The direction of a scan: residents scan in and out at a checkpoint. A boolean with a
-- constant default is a catalogue change only on PostgreSQL 11+ (no rewrite, no scan of the
-- existing partitions, unlike a text column with a CHECK, which would be validated against
-- every row of the hot table under an exclusive lock). scan_in.enterprise_id holds the
-- place's owning unit: the community's id for a checkpoint (ids are unique across tables).
ALTER TABLE scan_in ADD COLUMN outbound boolean NOT NULL DEFAULT false;
