-- erp-campaigns: how an unsubscribe is written back to OFBiz when campaigns.erp.consent-write-back
-- is true. The contact's current (not expired) party-contact-mech rows of that email address refuse
-- solicitation from now on; the row is updated, not closed, as OFBiz's own party screens do.
-- Parameters: :partyId (PARTY.PARTY_ID), :email (the address, lower case).
UPDATE PARTY_CONTACT_MECH
   SET ALLOW_SOLICITATION = 'N', LAST_UPDATED_STAMP = CURRENT_TIMESTAMP,
       LAST_UPDATED_TX_STAMP = CURRENT_TIMESTAMP
 WHERE PARTY_ID = :partyId
   AND (THRU_DATE IS NULL OR THRU_DATE > CURRENT_TIMESTAMP)
   AND CONTACT_MECH_ID IN (SELECT c.CONTACT_MECH_ID FROM CONTACT_MECH c
                            WHERE c.CONTACT_MECH_TYPE_ID = 'EMAIL_ADDRESS'
                              AND LOWER(c.INFO_STRING) = :email)
