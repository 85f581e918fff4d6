-- erp-campaigns: how a workflow's UPDATE_CRM step gives contacts a party role in OFBiz when
-- campaigns.erp.write includes roles. PARTY_ROLE has no dates: a role the party has already is
-- left as it is, and a role type OFBiz does not know is not written (PARTY_ROLE refers to
-- ROLE_TYPE: the row would refuse the whole batch). Parameter: :run (CM_CRM_UPDATE.RUN_ID of the
-- step's rows for one group).
INSERT INTO PARTY_ROLE (PARTY_ID, ROLE_TYPE_ID, LAST_UPDATED_STAMP, LAST_UPDATED_TX_STAMP,
                        CREATED_STAMP, CREATED_TX_STAMP)
SELECT u.PARTY_ID, u.CODE, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT
  FROM CM_CRM_UPDATE u
 WHERE u.RUN_ID = :run AND u.KIND = 'ROLE'
   AND EXISTS (SELECT 1 FROM ROLE_TYPE t WHERE t.ROLE_TYPE_ID = u.CODE)
   AND NOT EXISTS (SELECT 1 FROM PARTY_ROLE r
                    WHERE r.PARTY_ID = u.PARTY_ID AND r.ROLE_TYPE_ID = u.CODE)
