-- Flyway runs this after every migrate, that is at every start-up: the scan-in partitions
-- for yesterday, today and the week ahead exist before the first scan is taken.
-- ScanPartitions keeps them ahead from then on.
SELECT ensure_scan_in_partitions((now() AT TIME ZONE '${scan-zone}')::date - 1, 9, '${scan-zone}');
