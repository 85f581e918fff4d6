-- A workflow's task is keyed by its step's key alone (it was "version:step"), so that a contact
-- migrated to another version of the workflow, and back to the state of a task it already has,
-- gets no second task. One enrolment is on one version at a time, so no two keys collide.
UPDATE CM_WORKFLOW_TASK SET STEP_KEY = SUBSTRING(STEP_KEY FROM POSITION(':' IN STEP_KEY) + 1)
  WHERE POSITION(':' IN STEP_KEY) > 0;
