-- Actors (proposed_by, decided_by, and in the other oversight tables submitted_by, inspector_id,
-- ...) are user ids without a foreign key, like audit_event.actor_id: the history of who acted
-- outlives the account.
--
-- 红黄蓝挂牌: every change of an enterprise's plate, with its reason, actor and state. The
-- enterprise's own plate column holds the plate in force (what the gate reads); it is written only
-- through the plate feature. A RED waits for a second official (AWAITING_CONFIRMATION) before it
-- takes effect.
CREATE TABLE plate_change (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    from_color     text CHECK (from_color IN ('BLUE', 'YELLOW', 'RED')),
    color          text NOT NULL CHECK (color IN ('BLUE', 'YELLOW', 'RED')),
    reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    rectify_by     date,
    source         text NOT NULL CHECK (source IN ('OFFICIAL', 'FILING', 'INSPECTION', 'FOLLOW_UP')),
    source_id      uuid,
    state          text NOT NULL CHECK (state IN ('EFFECTIVE', 'AWAITING_CONFIRMATION', 'REJECTED', 'EXPIRED')),
    proposed_by    uuid NOT NULL,
    proposed_at    timestamptz NOT NULL,
    decided_by     uuid,
    decided_at     timestamptz,
    decision_note  text CHECK (length(decision_note) <= 1000),
    -- When it took effect: ordering of the history and "the plate in force since".
    effective_at   timestamptz,
    CHECK ((color = 'YELLOW') = (rectify_by IS NOT NULL)),
    CHECK ((state = 'EFFECTIVE') = (effective_at IS NOT NULL)),
    -- The second official is never the proposer (also checked in the service, with a clear
    -- problem; this is the backstop).
    CHECK (color <> 'RED' OR state <> 'EFFECTIVE' OR (decided_by IS NOT NULL AND decided_by <> proposed_by))
);
-- One enterprise's history, newest first.
CREATE INDEX plate_change_enterprise_idx ON plate_change (enterprise_id, proposed_at DESC);
-- At most one RED waiting per enterprise.
CREATE UNIQUE INDEX plate_change_pending_uq ON plate_change (enterprise_id) WHERE state = 'AWAITING_CONFIRMATION';
