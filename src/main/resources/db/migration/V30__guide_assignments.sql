-- 派驻复工指导员 (seed 000, 四位一体, 一对一): guides stationed in enterprises. An enterprise's team is
-- two guides from different departments (行业主管部门, 园区, 镇街, 卫生系统); a guide may serve several
-- enterprises. Each active assignment holds the guide's GUIDE role grant for the enterprise
-- (role_grant, written only through the identity feature's RoleGrantService); ending the
-- assignment revokes it. Ended assignments stay: the history of who was stationed where. No
-- personal data: user ids of guides and officials only.
CREATE TABLE guide_assignment (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    guide_user_id  uuid NOT NULL REFERENCES app_user (id),
    department     text NOT NULL CHECK (department IN ('INDUSTRY', 'PARK', 'TOWN', 'HEALTH')),
    -- The GUIDE grant this assignment holds (or adopted, where the guide already held one).
    grant_id       uuid NOT NULL,
    assigned_by    uuid NOT NULL,
    assigned_at    timestamptz NOT NULL,
    ended_by       uuid,
    ended_at       timestamptz,
    CHECK ((ended_by IS NULL) = (ended_at IS NULL))
);
-- A guide once per team, and one guide per department in a team: races between two officials
-- end at these indexes (the team's size of two is checked under an advisory lock).
CREATE UNIQUE INDEX guide_assignment_guide_uq ON guide_assignment (enterprise_id, guide_user_id)
    WHERE ended_at IS NULL;
CREATE UNIQUE INDEX guide_assignment_department_uq ON guide_assignment (enterprise_id, department)
    WHERE ended_at IS NULL;
-- "The enterprises I am stationed in" and reminders by guide.
CREATE INDEX guide_assignment_guide_idx ON guide_assignment (guide_user_id, assigned_at DESC);
-- An enterprise's history, newest first.
CREATE INDEX guide_assignment_enterprise_idx ON guide_assignment (enterprise_id, assigned_at DESC);
