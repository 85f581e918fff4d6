-- Who made an open or a click, decided when it is recorded (tracking/control/EngagementClassifier):
-- HUMAN, MACHINE_OPEN (a mail privacy proxy or a prefetch on delivery loaded the pixel) or
-- BOT_CLICK (a link scanner followed the link). NULL for the other event types, and for opens and
-- clicks recorded before this column existed: those were counted as people's and still are, so
-- "counted as a person's" reads COALESCE(ORIGIN, 'HUMAN') = 'HUMAN' everywhere (counts, workflow
-- conditions). No backfill: rewriting every old event row would hold the migration for minutes on
-- a large event table.
ALTER TABLE CM_EVENT ADD COLUMN ORIGIN VARCHAR(12);
ALTER TABLE CM_EVENT ADD CONSTRAINT CK_CM_EVENT_ORIGIN
  CHECK (ORIGIN IS NULL OR ORIGIN IN ('HUMAN', 'MACHINE_OPEN', 'BOT_CLICK'));

-- No new index: the counts find their rows by CM_EVENT_MAILING / CM_EVENT_CAMPAIGN (id, TYPE,
-- PARTY_ID) and already read EMAIL from the row, ORIGIN comes with it; the classifier's look-up of
-- a message's earlier clicks uses CM_EVENT_OUTBOX (OUTBOX_ID, TYPE). A further index on the most
-- written table would slow every recorded event down for no faster read.
