-- Mailings: how many messages of each mailing the relay accepted, counted in the transaction that
-- marks them SENT (the end of a claim, or the takeover of a stopped sender's claim), and how many
-- of those were announced to the other capabilities (MessagesSent: e.g. the campaign's cost per
-- email). An announcement advances ANNOUNCED in the transaction of its observers, so a crash
-- loses no sent message's cost and charges none twice. Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE CM_MAILING_SENT (
  MAILING_ID BIGINT NOT NULL,
  CAMPAIGN_ID BIGINT NOT NULL,
  MESSAGES BIGINT DEFAULT 0 NOT NULL,
  ANNOUNCED BIGINT DEFAULT 0 NOT NULL,
  CONSTRAINT PK_CM_MAILING_SENT PRIMARY KEY (MAILING_ID)
);

-- what was sent before: announced already, as the sender's memory did until now
INSERT INTO CM_MAILING_SENT (MAILING_ID, CAMPAIGN_ID, MESSAGES, ANNOUNCED)
  SELECT MAILING_ID, MIN(CAMPAIGN_ID), COUNT(*), COUNT(*) FROM CM_OUTBOX
  WHERE SENT_AT IS NOT NULL GROUP BY MAILING_ID;
