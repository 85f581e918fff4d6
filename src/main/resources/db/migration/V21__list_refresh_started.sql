-- Audiences: when a list's running rebuild started (UTC), so that a rebuild whose instance died
-- (the list left REFRESHING) is recognised after campaigns.lists.refresh-timeout-seconds and taken
-- over instead of refusing every later refresh and send. NULL while READY; lists already REFRESHING
-- when this runs have no start and count as abandoned. Runs on H2 (PostgreSQL mode) and PostgreSQL.

ALTER TABLE CM_DISTRIBUTION_LIST ADD COLUMN REFRESH_STARTED_AT TIMESTAMP;
