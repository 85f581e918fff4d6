-- erp-campaigns: how an unsubscribe is written back to the flat contact table when
-- campaigns.erp.consent-write-back is true: the contact's email opt-in becomes 'N'.
-- Parameters: :partyId (FLAT_CONTACT.CONTACT_ID), :email (the address, lower case).
UPDATE FLAT_CONTACT SET EMAIL_OPT_IN = 'N' WHERE CONTACT_ID = :partyId AND LOWER(EMAIL) = :email
