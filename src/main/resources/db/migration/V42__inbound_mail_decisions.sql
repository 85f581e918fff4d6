-- Tracking: every inbound report records what was decided and why: the server kind whose format it
-- had, the bounce's status and reason (hard, soft or refused by policy by reason, not by the first
-- digit), the failed recipient, the server's own words, and the decision taken (suppressed, soft
-- bounce escalated after N consecutive mailings, a sender problem, or needing a person). New kinds:
-- policy bounces and feedback reports that are no complaints (sender problems), challenge-response
-- mails (needing attention) and read receipts. Repeated soft bounces suppress with SOFT_BOUNCES.
ALTER TABLE CM_INBOUND_MAIL DROP CONSTRAINT CK_CM_INBOUND_MAIL_KIND;
ALTER TABLE CM_INBOUND_MAIL ALTER COLUMN KIND SET DATA TYPE VARCHAR(20);
ALTER TABLE CM_INBOUND_MAIL ADD CONSTRAINT CK_CM_INBOUND_MAIL_KIND CHECK
  (KIND IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'POLICY_BOUNCE', 'COMPLAINT', 'FEEDBACK', 'REPLY',
            'AUTO_REPLY', 'CHALLENGE', 'READ_RECEIPT', 'DELIVERED', 'UNSUBSCRIBE'));
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN SERVER_KIND VARCHAR(20);
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN STATUS VARCHAR(12);
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN REASON VARCHAR(20);
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN RECIPIENT VARCHAR(255);
-- the domain of the address mailed, so sender problems group by receiver ("gmail.com: DMARC")
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN DOMAIN VARCHAR(255);
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN SERVER_TEXT VARCHAR(1000);
ALTER TABLE CM_INBOUND_MAIL ADD COLUMN DECISION VARCHAR(20);

CREATE INDEX CM_INBOUND_MAIL_OUTBOX ON CM_INBOUND_MAIL (OUTBOX_ID, KIND);
CREATE INDEX CM_INBOUND_MAIL_DECISION ON CM_INBOUND_MAIL (DECISION, RECEIVED_AT);

ALTER TABLE CM_SUPPRESSION DROP CONSTRAINT CK_CM_SUPPRESSION_REASON;
ALTER TABLE CM_SUPPRESSION ADD CONSTRAINT CK_CM_SUPPRESSION_REASON CHECK
  (REASON IN ('UNSUBSCRIBED', 'HARD_BOUNCE', 'SOFT_BOUNCES', 'COMPLAINT', 'MANUAL'));
