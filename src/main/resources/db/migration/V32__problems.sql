-- 企业困难问题: a difficulty reported for an enterprise (by its guide, its manager or an official),
-- open until an official resolves it with an answer: OPEN → IN_PROGRESS → RESOLVED, each step with
-- who and when (problem_step keeps them in order). About the enterprise's matters: user ids of
-- actors, no person's data.
CREATE TABLE problem (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    category       text NOT NULL CHECK (category IN ('SUPPLIES', 'LABOUR', 'LOGISTICS', 'ENERGY', 'FUNDING',
                                                     'POLICY', 'OTHER')),
    description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    status         text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED')),
    reported_by    uuid NOT NULL,
    reported_at    timestamptz NOT NULL,
    taken_by       uuid,
    taken_at       timestamptz,
    resolved_by    uuid,
    resolved_at    timestamptz,
    answer         text CHECK (length(answer) <= 2000),
    updated_at     timestamptz NOT NULL,
    CHECK (status <> 'RESOLVED' OR (resolved_by IS NOT NULL AND answer IS NOT NULL))
);
-- An enterprise's problems, newest first (its page shows the open ones).
CREATE INDEX problem_enterprise_idx ON problem (enterprise_id, reported_at DESC);
-- The unresolved ones, oldest first: the overdue list reads the head of this index only.
CREATE INDEX problem_unresolved_idx ON problem (reported_at) WHERE status <> 'RESOLVED';

CREATE TABLE problem_step (
    problem_id   uuid NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    seq          integer NOT NULL,
    from_status  text,
    to_status    text NOT NULL,
    note         text CHECK (length(note) <= 2000),
    actor_id     uuid NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (problem_id, seq)
);
