-- A claim's rows are found by their claim token and state in every statement of a batch: one index
-- on both, so the planner never walks all SENT rows by state (which made each batch slower than
-- the one before at 100,000 recipients).
DROP INDEX CM_OUTBOX_CLAIMED;
DROP INDEX CM_OUTBOX_CLAIM_TOKEN;
CREATE INDEX CM_OUTBOX_CLAIM_TOKEN ON CM_OUTBOX (CLAIMED_BY, STATE);
