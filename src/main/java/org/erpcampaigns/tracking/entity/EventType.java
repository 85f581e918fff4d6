package org.erpcampaigns.tracking.entity;

/** What happened to a message or what its recipient did; stored as CM_EVENT.TYPE. */
public enum EventType {
  SENT,
  DELIVERED,
  OPENED,
  CLICKED,
  UNSUBSCRIBED,
  BOUNCED,
  REPLIED,
  COMPLAINED
}
