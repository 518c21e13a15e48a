-- Guides demo data for the local profile (issue 13): demo-guide is stationed in 瑞润电子 for the
-- park (its GUIDE grant, 0405, is the one the assignment holds) and has filed the reports of the
-- last three days, not today's (so 瑞润电子 is on today's missing list); 瑞润电子 has an overdue
-- labour problem and a resolved supplies one. demo-guide-2 has signed in once and holds no role
-- yet: the README stations it with demo-guide in 天友乳业. Ids are fixed (…13xxxx); re-running
-- changes nothing.

INSERT INTO app_user (id, openid) VALUES
    ('00000000-0000-7000-8000-000000130001', 'demo-guide-2')
ON CONFLICT (id) DO NOTHING;

INSERT INTO role_grant (id, user_id, role) VALUES
    ('00000000-0000-7000-8000-000000130002', '00000000-0000-7000-8000-000000130001', 'EMPLOYEE')
ON CONFLICT (id) DO NOTHING;

INSERT INTO guide_assignment (id, enterprise_id, guide_user_id, department, grant_id, assigned_by, assigned_at)
VALUES ('00000000-0000-7000-8000-000000130101', '00000000-0000-7000-8000-000000000101',
        '00000000-0000-7000-8000-000000000305', 'PARK', '00000000-0000-7000-8000-000000000405',
        '00000000-0000-7000-8000-000000000302', now() - interval '10 days')
ON CONFLICT (id) DO NOTHING;

INSERT INTO guide_report (id, enterprise_id, report_date, version, returned, planned, local, out_of_town,
                          in_observation, notes, filed_by, filed_at)
SELECT ('00000000-0000-7000-8000-00000013020' || d)::uuid, '00000000-0000-7000-8000-000000000101',
       (now() AT TIME ZONE 'Asia/Shanghai')::date - d, 1, 700 + 20 * (3 - d), 800, 560 + 20 * (3 - d), 140, 12 - d,
       '员工返岗有序，测温登记到位', '00000000-0000-7000-8000-000000000305', now() - make_interval(days => d)
FROM generate_series(1, 3) AS d
ON CONFLICT (id) DO NOTHING;

INSERT INTO problem (id, enterprise_id, category, description, status, reported_by, reported_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000130301', '00000000-0000-7000-8000-000000000101', 'LABOUR',
        '外地员工返岗受阻，生产线缺员约 60 人，需协调返岗专车', 'OPEN', '00000000-0000-7000-8000-000000000305',
        now() - interval '5 days', now() - interval '5 days')
ON CONFLICT (id) DO NOTHING;

INSERT INTO problem (id, enterprise_id, category, description, status, reported_by, reported_at, taken_by,
                     taken_at, resolved_by, resolved_at, answer, updated_at)
VALUES ('00000000-0000-7000-8000-000000130302', '00000000-0000-7000-8000-000000000101', 'SUPPLIES',
        '口罩储备仅够 3 天，请协助采购', 'RESOLVED', '00000000-0000-7000-8000-000000000305', now() - interval '8 days',
        '00000000-0000-7000-8000-000000000302', now() - interval '7 days', '00000000-0000-7000-8000-000000000302',
        now() - interval '6 days', '已协调区经信委调拨口罩 5000 只', now() - interval '6 days')
ON CONFLICT (id) DO NOTHING;

INSERT INTO problem_step (problem_id, seq, from_status, to_status, note, actor_id, at) VALUES
    ('00000000-0000-7000-8000-000000130301', 1, NULL, 'OPEN', NULL, '00000000-0000-7000-8000-000000000305',
     now() - interval '5 days'),
    ('00000000-0000-7000-8000-000000130302', 1, NULL, 'OPEN', NULL, '00000000-0000-7000-8000-000000000305',
     now() - interval '8 days'),
    ('00000000-0000-7000-8000-000000130302', 2, 'OPEN', 'IN_PROGRESS', '已联系区经信委',
     '00000000-0000-7000-8000-000000000302', now() - interval '7 days'),
    ('00000000-0000-7000-8000-000000130302', 3, 'IN_PROGRESS', 'RESOLVED', '已协调区经信委调拨口罩 5000 只',
     '00000000-0000-7000-8000-000000000302', now() - interval '6 days')
ON CONFLICT (problem_id, seq) DO NOTHING;
