package org.erpcampaigns.tracking.entity;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One engagement event of one message (an outbox row), before it is written to CM_EVENT. The
 * message's mailing, campaign, contact and address are copied from its outbox row when written.
 *
 * @param detail what the event needs said: the link clicked, the bounce's status, ... (at most
 *     {@value #MAX_DETAIL} characters, longer ones are cut)
 * @param occurredAt UTC
 */
public record EngagementEvent(
    long outboxId, EventType type, String detail, LocalDateTime occurredAt) {
  public static final int MAX_DETAIL = 1000;

  public EngagementEvent {
    if (outboxId <= 0) {
      throw new IllegalArgumentException("outbox ids are positive: " + outboxId);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }
}
