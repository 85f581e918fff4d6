-- The index on (STATE, DUE_AT) led the planner astray during large sends: with statistics taken
-- when every row was PENDING, it believed "STATE = 'SENT'" rare and walked all SENT rows for each
-- batch's statements instead of the claim token index (measured: PostgreSQL spent 6 ms of CPU per
-- message at 20,000 recipients, growing with the send). Claims go through
-- CM_OUTBOX_MAILING_STATE, a claim's rows through CM_OUTBOX_CLAIM_TOKEN (also for stale claims:
-- CLAIMED_BY IS NOT NULL), so nothing needs it.
DROP INDEX CM_OUTBOX_DUE;
