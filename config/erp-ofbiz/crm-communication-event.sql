-- erp-campaigns: how a workflow's UPDATE_CRM step records a communication event in OFBiz when
-- campaigns.erp.write includes communication-events: a completed comment/note to the party. The id
-- is 'CM' and our row's number, so it never clashes with OFBiz's numeric ids (SEQUENCE_VALUE_ITEM).
-- Parameter: :run (CM_CRM_UPDATE.RUN_ID of the step's rows for one group).
INSERT INTO COMMUNICATION_EVENT (COMMUNICATION_EVENT_ID, COMMUNICATION_EVENT_TYPE_ID, STATUS_ID,
                                 PARTY_ID_TO, ENTRY_DATE, DATETIME_STARTED, DATETIME_ENDED,
                                 SUBJECT, CONTENT_MIME_TYPE_ID, CONTENT, NOTE,
                                 LAST_UPDATED_STAMP, LAST_UPDATED_TX_STAMP, CREATED_STAMP,
                                 CREATED_TX_STAMP)
SELECT CONCAT('CM', CAST(u.ID AS VARCHAR(18))), 'COMMENT_NOTE', 'COM_COMPLETE',
       u.PARTY_ID, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT,
       u.SUBJECT, 'text/plain', u.NOTE, 'erp-campaigns workflow ' || CAST(u.WORKFLOW_ID AS VARCHAR(18)),
       u.CREATED_AT, u.CREATED_AT, u.CREATED_AT, u.CREATED_AT
  FROM CM_CRM_UPDATE u
 WHERE u.RUN_ID = :run AND u.KIND = 'COMMUNICATION'
   AND NOT EXISTS (SELECT 1 FROM COMMUNICATION_EVENT c
                    WHERE c.COMMUNICATION_EVENT_ID = CONCAT('CM', CAST(u.ID AS VARCHAR(18))))
