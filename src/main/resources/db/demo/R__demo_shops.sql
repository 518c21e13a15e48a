-- Shops demo data for the local profile (issue 20): the district's negative list with a hotpot
-- restaurant kind on it (so "a hotpot restaurant's application is refused by the negative list"
-- can be tried: apply with industry 住宿餐饮 and shop kind 火锅), KTV and internet cafés too; and a
-- hotpot restaurant in the park's grid that is open anyway (the officials' list for inspection).
-- Disinfection rounds are not seeded: their names are encrypted by the service. Ids are fixed;
-- re-running changes nothing.

INSERT INTO negative_list_version (id, items, changed_by, changed_at) VALUES
    ('00000000-0000-7000-8000-000000000701',
     '[{"industry":"HOSPITALITY","shopKind":"火锅","from":"2020-02-01","to":null,"reason":"人员密集、就餐时间长，负面清单内暂不复业"},
       {"industry":"SERVICES","shopKind":"KTV","from":"2020-02-01","to":null,"reason":"密闭娱乐场所，暂停营业"},
       {"industry":"SERVICES","shopKind":"网吧","from":"2020-02-01","to":null,"reason":"密闭娱乐场所，暂停营业"},
       {"industry":"SERVICES","shopKind":"棋牌室","from":"2020-02-01","to":null,"reason":"人员聚集，暂停营业"}]'::jsonb,
     '00000000-0000-7000-8000-000000000301', '2020-02-01 09:00:00+08')
ON CONFLICT (id) DO NOTHING;

INSERT INTO enterprise (id, name, uscc, industry, batch, zone_id, address, headcount, shop_kind, status) VALUES
    ('00000000-0000-7000-8000-000000000111', '渝味老火锅（高新区店）', '92500227MA60HG0T1X', 'HOSPITALITY', 3,
     '00000000-0000-7000-8000-000000000004', '高新区创业大道 18 号', 12, '火锅', 'OPERATING')
ON CONFLICT (id) DO NOTHING;
