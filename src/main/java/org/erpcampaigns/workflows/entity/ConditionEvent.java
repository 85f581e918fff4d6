package org.erpcampaigns.workflows.entity;

/**
 * What a timed condition waits for. The engagement events are those of tracking (CM_EVENT types) on
 * the workflow's own emails; ORDERED is an order in the ERP (not cancelled) placed since the wait
 * began.
 */
public enum ConditionEvent {
  OPENED,
  CLICKED,
  REPLIED,
  BOUNCED,
  UNSUBSCRIBED,
  ORDERED;

  /** The event type in CM_EVENT, or null for ORDERED (read from the ERP's orders). */
  public String eventType() {
    return this == ORDERED ? null : name();
  }
}
