-- Shops (issue 20, seed 003): the kind of shop an enterprise is (火锅, KTV, 网吧 ...), free text
-- from a suggested list, NULL for enterprises that are not shops; and the district's negative list
-- (负面清单) of kinds that may not reopen, kept as whole versions so its history shows who changed
-- it and when (docs/adr/0047-negative-list-as-versions.md).
ALTER TABLE enterprise ADD COLUMN shop_kind text CHECK (length(shop_kind) BETWEEN 1 AND 50);
ALTER TABLE enterprise_application ADD COLUMN shop_kind text CHECK (length(shop_kind) BETWEEN 1 AND 50);

CREATE TABLE negative_list_version (
    id          uuid PRIMARY KEY,
    -- [{industry, shopKind, from, to, reason}]: small (tens of items), read whole, never queried inside.
    items       jsonb NOT NULL,
    changed_by  uuid NOT NULL,
    changed_at  timestamptz NOT NULL
);
-- The newest version is the list in force; the history reads them newest first.
CREATE INDEX negative_list_version_at_idx ON negative_list_version (changed_at DESC, id DESC);

-- 每日台账 (seed 004): a manager's disinfection and ventilation rounds: where, when, by whom. The
-- name of who did it is personal data: encrypted (PersonalDataCipher, column DISINFECTION_BY) and
-- purged after fugong.ledger.disinfection-retention (DisinfectionRetention).
CREATE TABLE disinfection (
    id             uuid PRIMARY KEY,
    enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
    kind           text NOT NULL CHECK (kind IN ('DISINFECTION', 'VENTILATION', 'VEHICLE')),
    area           text NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
    at             timestamptz NOT NULL,
    by_cipher      bytea NOT NULL,
    recorded_by    uuid NOT NULL,
    recorded_at    timestamptz NOT NULL
);
-- An enterprise's rounds of a day (the ledger, the disclosure board, the list), by time.
CREATE INDEX disinfection_enterprise_at_idx ON disinfection (enterprise_id, at);
-- The retention purge deletes by the round's time.
CREATE INDEX disinfection_at_idx ON disinfection (at);
