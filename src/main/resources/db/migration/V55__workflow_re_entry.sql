-- Re-entry (issue 13): a workflow may let a contact who has left it (ENDED) enter again when the
-- contact joins the workflow's list again after it left. RE_ENTRY: 'Y' allowed, 'N' not (default).
ALTER TABLE CM_WORKFLOW ADD COLUMN RE_ENTRY CHAR(1) DEFAULT 'N' NOT NULL;

-- LEFT_LIST_AT: when the late-joiner scan of a re-entry workflow first saw this ENDED enrolment's
-- contact out of the workflow's list. A list refresh rewrites its members (ADDED_AT is the refresh
-- time for all of them), so "joined again" is "seen out of the list after the end, now in it".
ALTER TABLE CM_ENROLMENT ADD COLUMN LEFT_LIST_AT TIMESTAMP;

-- Each pass of a contact through a workflow is an enrolment row of its own, numbered 1, 2, ... per
-- workflow and contact (ENTRY). A migration keeps the row and changes its version, so the key is
-- the workflow's, not the version's. That a contact is never inside twice at once (any status but
-- ENDED) is kept by the engine's enrolment, which locks the workflow's row before its NOT EXISTS.
ALTER TABLE CM_ENROLMENT ADD COLUMN ENTRY INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE CM_ENROLMENT DROP CONSTRAINT UK_CM_ENROLMENT_CONTACT;
ALTER TABLE CM_ENROLMENT ADD CONSTRAINT UK_CM_ENROLMENT_ENTRY UNIQUE (WORKFLOW_ID, PARTY_ID, ENTRY);

-- A workflow email of a second entry is a new message: the outbox's exactly-once key becomes
-- (mailing, contact, entry). List mailings and ad-hoc sends write entry 1, as every row before.
ALTER TABLE CM_OUTBOX ADD COLUMN ENTRY INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE CM_OUTBOX DROP CONSTRAINT UK_CM_OUTBOX_STEP_CONTACT;
ALTER TABLE CM_OUTBOX ADD CONSTRAINT UK_CM_OUTBOX_STEP_CONTACT UNIQUE (MAILING_ID, PARTY_ID, ENTRY);
