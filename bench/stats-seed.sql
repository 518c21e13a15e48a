-- The dashboards' benchmark data (bench/stats.sh): :n enterprises (default 20,000) in 60 zones —
-- a tenth in the demo park and 4 grids of its own (the demo official's view), the rest in 9
-- towns of 5 grids each — with plates, approved filings, teams of two guides for 80 % of them, a
-- year of daily reports (90 % of days filed, today's by 70 % of the teams), and 40,000 problems.
-- Written straight into the tables, as a bulk load would be; the service then recounts
-- (POST /api/v1/stats/reconciliations). Ids: 00000000-0000-7000-9000-….
\set ON_ERROR_STOP on
\if :{?n}
\else
\set n 20000
\endif
\if :{?days}
\else
\set days 365
\endif
BEGIN;

-- Zones: 4 grids under the demo park; 9 towns under the district, 5 grids each.
INSERT INTO zone (id, parent_id, kind, name)
SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000002',
       'GRID', '园区基准网格 ' || g
FROM generate_series(1, 4) AS g;
INSERT INTO zone (id, parent_id, kind, name)
SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(256 + t), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000001',
       'TOWN', '基准镇 ' || t
FROM generate_series(1, 9) AS t;
INSERT INTO zone (id, parent_id, kind, name)
SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(4096 + t * 16 + g), 12, '0'))::uuid,
       ('00000000-0000-7000-9000-' || lpad(to_hex(256 + t), 12, '0'))::uuid, 'GRID', '基准镇 ' || t || ' 网格 ' || g
FROM generate_series(1, 9) AS t, generate_series(1, 5) AS g;

-- Where enterprise i goes: one of the park's 5 zones for the first tenth, else one of the towns' 54.
CREATE TEMP TABLE bench_park_zone AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM zone
WHERE id = '00000000-0000-7000-8000-000000000002' OR id::text LIKE '00000000-0000-7000-9000-00000000000%';
CREATE TEMP TABLE bench_town_zone AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM zone
WHERE id::text LIKE '00000000-0000-7000-9000-%' AND id NOT IN (SELECT id FROM bench_park_zone);

CREATE TEMP TABLE bench_enterprise AS
SELECT i, ('00000000-0000-7000-9001-' || lpad(to_hex(i), 12, '0'))::uuid AS id,
       CASE WHEN i <= :n / 10 THEN (SELECT id FROM bench_park_zone WHERE k = i % 5)
            ELSE (SELECT id FROM bench_town_zone WHERE k = i % 54) END AS zone_id,
       (ARRAY['MANUFACTURING', 'CONSTRUCTION', 'TRANSPORT_LOGISTICS', 'COMMERCE', 'HOSPITALITY', 'FINANCE',
              'AGRICULTURE', 'HEALTHCARE', 'EDUCATION', 'UTILITIES', 'SERVICES', 'OTHER'])[1 + i % 12] AS industry,
       CASE WHEN i % 10 < 6 THEN 'BLUE' WHEN i % 10 = 6 THEN 'YELLOW' WHEN i % 10 = 7 THEN 'RED' END AS plate
FROM generate_series(1, :n) AS i;

INSERT INTO enterprise (id, name, uscc, industry, batch, zone_id, address, headcount, plate, status)
SELECT id, '基准企业 ' || i, 'B' || lpad(i::text, 17, '0'), industry, 1 + i % 3, zone_id, '基准路 ' || i || ' 号',
       10 + i % 500, plate,
       CASE plate WHEN 'RED' THEN 'SUSPENDED' WHEN 'BLUE' THEN 'OPERATING' WHEN 'YELLOW' THEN 'OPERATING'
                  ELSE 'PREPARING' END
FROM bench_enterprise;

INSERT INTO filing (id, enterprise_id, mode, state, materials, submitted_by, submitted_at, updated_at)
SELECT ('00000000-0000-7000-9002-' || lpad(to_hex(i), 12, '0'))::uuid, id, 'APPROVAL', 'APPROVED', '{}'::jsonb,
       '00000000-0000-7000-8000-000000000304', now() - interval '60 days', now() - interval '50 days'
FROM bench_enterprise WHERE plate IS NOT NULL;

-- Guides: :n users; enterprise i (four in five) has guides i and i + 1 (a guide serves two teams).
INSERT INTO app_user (id, openid)
SELECT ('00000000-0000-7000-9003-' || lpad(to_hex(i), 12, '0'))::uuid, 'bench-guide-' || i
FROM generate_series(1, :n) AS i;
WITH a AS MATERIALIZED (
    SELECT gen_random_uuid() AS id, gen_random_uuid() AS grant_id, e.id AS enterprise_id,
           ('00000000-0000-7000-9003-' || lpad(to_hex(1 + (e.i + d - 1) % :n), 12, '0'))::uuid AS guide,
           (ARRAY['PARK', 'HEALTH'])[d] AS department
    FROM bench_enterprise e, generate_series(1, 2) AS d
    WHERE e.i % 5 <> 0
), grants AS (
    INSERT INTO role_grant (id, user_id, role, enterprise_id, granted_by, granted_at)
    SELECT grant_id, guide, 'GUIDE', enterprise_id, '00000000-0000-7000-8000-000000000302', now() - interval '400 days'
    FROM a
)
INSERT INTO guide_assignment (id, enterprise_id, guide_user_id, department, grant_id, assigned_by, assigned_at)
SELECT id, enterprise_id, guide, department, grant_id, '00000000-0000-7000-8000-000000000302',
       now() - interval '400 days'
FROM a;

-- A year of reports: every day but one in ten per team, today for seven teams in ten.
INSERT INTO guide_report (id, enterprise_id, report_date, version, returned, planned, local, out_of_town,
                          in_observation, notes, filed_by, filed_at)
SELECT gen_random_uuid(), e.id, (now() AT TIME ZONE 'Asia/Shanghai')::date - d, 1, 30, 40, 20, 10, 2, NULL,
       ('00000000-0000-7000-9003-' || lpad(to_hex(e.i), 12, '0'))::uuid, now() - make_interval(days => d)
FROM bench_enterprise e, generate_series(0, :days - 1) AS d
WHERE e.i % 5 <> 0 AND (e.i + d) % 10 <> 0 AND (d > 0 OR e.i % 10 < 7);

INSERT INTO problem (id, enterprise_id, category, description, status, reported_by, reported_at, taken_by,
                     taken_at, resolved_by, resolved_at, answer, updated_at)
SELECT gen_random_uuid(), ('00000000-0000-7000-9001-' || lpad(to_hex(1 + (p * 7919) % :n), 12, '0'))::uuid,
       (ARRAY['SUPPLIES', 'LABOUR', 'LOGISTICS', 'ENERGY', 'FUNDING', 'POLICY', 'OTHER'])[1 + p % 7], '基准问题 ' || p,
       CASE WHEN p % 10 < 5 THEN 'OPEN' WHEN p % 10 < 7 THEN 'IN_PROGRESS' ELSE 'RESOLVED' END,
       '00000000-0000-7000-8000-000000000305', now() - make_interval(days => p % 30),
       CASE WHEN p % 10 >= 5 THEN '00000000-0000-7000-8000-000000000302'::uuid END,
       CASE WHEN p % 10 >= 5 THEN now() END,
       CASE WHEN p % 10 >= 7 THEN '00000000-0000-7000-8000-000000000302'::uuid END,
       CASE WHEN p % 10 >= 7 THEN now() END, CASE WHEN p % 10 >= 7 THEN '已解决' END, now()
FROM generate_series(1, 40000) AS p;

COMMIT;
ANALYZE;
SELECT (SELECT count(*) FROM enterprise) AS enterprises, (SELECT count(*) FROM guide_assignment) AS assignments,
       (SELECT count(*) FROM guide_report) AS reports, (SELECT count(*) FROM problem) AS problems;
