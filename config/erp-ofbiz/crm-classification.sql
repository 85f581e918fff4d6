-- erp-campaigns: how a workflow's UPDATE_CRM step classifies contacts in OFBiz when
-- campaigns.erp.write includes classifications: a PARTY_CLASSIFICATION row from now on, unless
-- the party is in that group already (an open row: no THRU_DATE or one in the future); a group
-- OFBiz does not know is not written (PARTY_CLASSIFICATION refers to PARTY_CLASSIFICATION_GROUP).
-- Parameter: :run (CM_CRM_UPDATE.RUN_ID of the step's rows for one group).
INSERT INTO PARTY_CLASSIFICATION (PARTY_ID, PARTY_CLASSIFICATION_GROUP_ID, FROM_DATE,
                                  LAST_UPDATED_STAMP, LAST_UPDATED_TX_STAMP, CREATED_STAMP,
                                  CREATED_TX_STAMP)
SELECT u.PARTY_ID, u.CODE, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT
  FROM CM_CRM_UPDATE u
 WHERE u.RUN_ID = :run AND u.KIND = 'CLASSIFICATION'
   AND EXISTS (SELECT 1 FROM PARTY_CLASSIFICATION_GROUP g
                WHERE g.PARTY_CLASSIFICATION_GROUP_ID = u.CODE)
   AND NOT EXISTS (SELECT 1 FROM PARTY_CLASSIFICATION p
                    WHERE p.PARTY_ID = u.PARTY_ID
                      AND p.PARTY_CLASSIFICATION_GROUP_ID = u.CODE
                      AND (p.THRU_DATE IS NULL OR p.THRU_DATE > u.CREATED_AT))
