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
 * @param origin for opens and clicks, who made it as far as the request tells (HUMAN until the
 *     writer has looked at the message's send time and earlier clicks); null for other types
 */
public record EngagementEvent(
    long outboxId,
    EventType type,
    String detail,
    LocalDateTime occurredAt,
    EngagementOrigin origin) {
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
    if (origin != null && type != EventType.OPENED && type != EventType.CLICKED) {
      throw new IllegalArgumentException("only opens and clicks have an origin: " + type);
    }
  }

  /** An event without an origin: an open or a click counts as a person's. */
  public EngagementEvent(long outboxId, EventType type, String detail, LocalDateTime occurredAt) {
    this(outboxId, type, detail, occurredAt, null);
  }

  /** The same event with another origin. */
  public EngagementEvent withOrigin(EngagementOrigin other) {
    return new EngagementEvent(outboxId, type, detail, occurredAt, other);
  }
}
