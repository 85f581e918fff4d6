-- Tracking: what the bounce/reply mailbox poller has already recorded (one row per inbound
-- message, keyed by its Message-ID or a digest of it), so a message that could not be moved out of
-- the polled folder is never counted twice; and an index to find a recipient's unsent messages
-- when the address is suppressed.
CREATE TABLE CM_INBOUND_MAIL (
  MESSAGE_KEY VARCHAR(255) NOT NULL,
  KIND VARCHAR(12) NOT NULL,
  OUTBOX_ID BIGINT,
  RECEIVED_AT TIMESTAMP NOT NULL,
  CONSTRAINT PK_CM_INBOUND_MAIL PRIMARY KEY (MESSAGE_KEY),
  CONSTRAINT CK_CM_INBOUND_MAIL_KIND CHECK
    (KIND IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT', 'REPLY', 'AUTO_REPLY', 'DELIVERED'))
);

CREATE INDEX CM_OUTBOX_EMAIL ON CM_OUTBOX (EMAIL, STATE);

-- engagement counts per mailing (per campaign is CM_EVENT_CAMPAIGN)
CREATE INDEX CM_EVENT_MAILING ON CM_EVENT (MAILING_ID, TYPE, PARTY_ID);
