package org.erpcampaigns.workflows.entity;

/** A workflow's life: drafted, running, paused by hand or with its campaign, stopped for good. */
public enum WorkflowStatus {
  DRAFT,
  ACTIVE,
  PAUSED,
  STOPPED
}
