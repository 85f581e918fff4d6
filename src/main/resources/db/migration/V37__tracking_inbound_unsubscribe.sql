-- Tracking: unsubscribe requests sent to the List-Unsubscribe mailto arrive in the polled mailbox
-- and are remembered like bounces and replies, so the same mail read twice unsubscribes once.
ALTER TABLE CM_INBOUND_MAIL DROP CONSTRAINT CK_CM_INBOUND_MAIL_KIND;
ALTER TABLE CM_INBOUND_MAIL ADD CONSTRAINT CK_CM_INBOUND_MAIL_KIND CHECK
  (KIND IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT', 'REPLY', 'AUTO_REPLY', 'DELIVERED',
            'UNSUBSCRIBE'));
