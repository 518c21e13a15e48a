-- Oversight demo data for the local profile (issue 14): the plates of the demo enterprises with
-- their history, so the console shows where each plate came from; 青杠便民超市's YELLOW is past its
-- date (the overdue list of the town's officials); one application waits in the park. Ids are
-- fixed; re-running changes nothing.

INSERT INTO plate_change (id, enterprise_id, from_color, color, reason, rectify_by, source, state, proposed_by,
                          proposed_at, effective_at) VALUES
    ('00000000-0000-7000-8000-000000000501', '00000000-0000-7000-8000-000000000101', NULL, 'BLUE',
     '复工备案审批通过', NULL, 'FILING', 'EFFECTIVE', '00000000-0000-7000-8000-000000000302',
     now() - interval '20 days', now() - interval '20 days'),
    ('00000000-0000-7000-8000-000000000502', '00000000-0000-7000-8000-000000000102', NULL, 'BLUE',
     '复工备案审批通过', NULL, 'FILING', 'EFFECTIVE', '00000000-0000-7000-8000-000000000303',
     now() - interval '18 days', now() - interval '18 days'),
    ('00000000-0000-7000-8000-000000000503', '00000000-0000-7000-8000-000000000104', NULL, 'YELLOW',
     '督查发现问题：体温监测、出入登记', current_date - 3, 'INSPECTION', 'EFFECTIVE',
     '00000000-0000-7000-8000-000000000301', now() - interval '10 days', now() - interval '10 days')
ON CONFLICT (id) DO NOTHING;

-- 青杠物流's RED: proposed by one, confirmed by another.
INSERT INTO plate_change (id, enterprise_id, from_color, color, reason, source, state, proposed_by, proposed_at,
                          decided_by, decided_at, effective_at) VALUES
    ('00000000-0000-7000-8000-000000000504', '00000000-0000-7000-8000-000000000105', 'YELLOW', 'RED',
     '屡查屡犯：生产线戴口罩、场所通风消杀', 'FOLLOW_UP', 'EFFECTIVE', '00000000-0000-7000-8000-000000000301',
     now() - interval '5 days', '00000000-0000-7000-8000-000000000302', now() - interval '5 days',
     now() - interval '5 days')
ON CONFLICT (id) DO NOTHING;

INSERT INTO enterprise_application (id, applicant_id, name, uscc, industry, batch, zone_id, address, headcount,
                                    state, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000601', '00000000-0000-7000-8000-000000000307', '高新区便民药房',
     '92500227MA60D3PW78', 'COMMERCE', 1, '00000000-0000-7000-8000-000000000002', '高新区创新大道 20 号', 6,
     'SUBMITTED', now() - interval '1 day', now() - interval '1 day')
ON CONFLICT (id) DO NOTHING;
