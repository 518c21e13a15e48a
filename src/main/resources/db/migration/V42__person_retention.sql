-- Persons are purged once inactive (PersonRetention): a person is deleted only if no
-- account refers to it. Without an index on app_user.person_id that check, and the
-- foreign key's own check on every person deleted, would read all of app_user each time.
CREATE INDEX app_user_person_idx ON app_user (person_id) WHERE person_id IS NOT NULL;
