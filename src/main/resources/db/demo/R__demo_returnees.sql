-- Demo risk levels for the local profile (returnee feature): the regions the seeds name as
-- 重点区域 in early 2020. Returnees themselves are registered or imported through the API:
-- their persons' phone, ID number and name are encrypted by the service, which SQL cannot do.
DELETE FROM region_risk WHERE id IN ('00000000-0000-7000-8000-000000001101', '00000000-0000-7000-8000-000000001102',
                                     '00000000-0000-7000-8000-000000001103');
INSERT INTO region_risk (id, region_code, level, valid_from, valid_to, set_by, set_at) VALUES
    -- 湖北省: MEDIUM, and 武汉市 HIGH from the city's lockdown (2020-01-23).
    ('00000000-0000-7000-8000-000000001101', '420000', 'MEDIUM', '2020-01-20T00:00:00+08:00', NULL,
     '00000000-0000-7000-8000-000000000301', '2020-01-20T00:00:00+08:00'),
    ('00000000-0000-7000-8000-000000001102', '420100', 'HIGH', '2020-01-23T00:00:00+08:00', NULL,
     '00000000-0000-7000-8000-000000000301', '2020-01-23T00:00:00+08:00'),
    -- 温州市: HIGH for a while in February 2020.
    ('00000000-0000-7000-8000-000000001103', '330300', 'HIGH', '2020-02-01T00:00:00+08:00',
     '2020-03-01T00:00:00+08:00', '00000000-0000-7000-8000-000000000301', '2020-02-01T00:00:00+08:00');
