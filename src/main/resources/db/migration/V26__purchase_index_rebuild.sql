-- Audiences: the purchase summaries of V25 are filled by the purchase index refresh; forget when the
-- index was last refreshed so the next tick (PurchaseIndexer) rebuilds it with its summaries, even
-- where the contact index has not changed since. Runs on H2 (PostgreSQL mode) and PostgreSQL.
UPDATE CM_PURCHASE_INDEX_STATE SET REFRESHED_AT = NULL WHERE ID = 1;
