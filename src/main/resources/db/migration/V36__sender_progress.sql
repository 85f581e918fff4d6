-- Mailings: where each sender thread is in its claim. A claim sends its rows in id order; before
-- each SMTP transaction the thread records the row's id here (one small row per thread, updated in
-- place) instead of marking the outbox row itself, and a message's failure is written to its row
-- at once. So after a crash, for a claim whose progress row went stale: its rows still SENDING
-- below OUTBOX_ID were accepted by the server, the row at OUTBOX_ID is in doubt, the rows above it
-- were never tried. The claim's rows become SENT in one statement at its end. Created with the
-- claim, deleted with its end or its takeover. Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE CM_SENDER_PROGRESS (
  CLAIM_TOKEN VARCHAR(100) NOT NULL,
  MAILING_ID BIGINT NOT NULL,
  OUTBOX_ID BIGINT NOT NULL,
  UPDATED_AT TIMESTAMP NOT NULL,
  CONSTRAINT PK_CM_SENDER_PROGRESS PRIMARY KEY (CLAIM_TOKEN)
);
