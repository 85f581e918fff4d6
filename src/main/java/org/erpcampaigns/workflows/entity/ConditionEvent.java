package org.erpcampaigns.workflows.entity;

/**
 * What a timed condition waits for. The engagement events are those of tracking (CM_EVENT types) on
 * the workflow's own emails; ORDERED is an order in the ERP (not cancelled) placed since the wait
 * began; DECIDED is a person's decision on the contact (yes: "then", no: "otherwise"), made from
 * the decisions queue, by contact or in bulk; nobody deciding within the period is a no.
 */
public enum ConditionEvent {
  OPENED,
  CLICKED,
  REPLIED,
  BOUNCED,
  UNSUBSCRIBED,
  ORDERED,
  DECIDED;

  /** The event type in CM_EVENT, or null for ORDERED (the ERP's orders) and DECIDED (a person). */
  public String eventType() {
    return this == ORDERED || this == DECIDED ? null : name();
  }
}
