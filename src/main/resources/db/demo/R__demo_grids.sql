-- Residential grid checkpoints (issue 20) in the demo district: the community 两山秀苑 in the
-- grid 产业园第一网格 with one checkpoint, and a grid official of that grid (openid
-- demo-grid-official) who sees it. A second community in the town, outside that official's
-- scope. Fixed ids (the 20xxxx range) so that scripts and tests can rely on them.

INSERT INTO community (id, zone_id, name, address) VALUES
    ('00000000-0000-7000-8000-000000200001', '00000000-0000-7000-8000-000000000004', '两山秀苑',
     '高新区创新大道 66 号'),
    ('00000000-0000-7000-8000-000000200002', '00000000-0000-7000-8000-000000000003', '青杠花园',
     '青杠街道正街 12 号')
ON CONFLICT (id) DO NOTHING;

INSERT INTO place (id, community_id, name, kind, requires_dynamic_code) VALUES
    ('00000000-0000-7000-8000-000000200101', '00000000-0000-7000-8000-000000200001', '北门卡点', 'CHECKPOINT', false),
    ('00000000-0000-7000-8000-000000200102', '00000000-0000-7000-8000-000000200002', '正门卡点', 'CHECKPOINT', false)
ON CONFLICT (id) DO NOTHING;

INSERT INTO app_user (id, openid) VALUES
    ('00000000-0000-7000-8000-000000200301', 'demo-grid-official')
ON CONFLICT (id) DO NOTHING;

INSERT INTO role_grant (id, user_id, role, enterprise_id, zone_id) VALUES
    ('00000000-0000-7000-8000-000000200401', '00000000-0000-7000-8000-000000200301', 'OFFICIAL', NULL,
     '00000000-0000-7000-8000-000000000004')
ON CONFLICT (id) DO NOTHING;
