package org.erpcampaigns.tracking.entity;

import java.util.Map;

/**
 * A campaign's or a mailing's engagement: for each kind of event, the distinct contacts it happened
 * to and how often it happened (an opened message counts once among contacts, as often as it was
 * opened in total).
 */
public record EngagementCounts(
    Long campaignId,
    Long mailingId,
    Count sent,
    Count delivered,
    Count opened,
    Count clicked,
    Count bounced,
    Count hardBounced,
    Count unsubscribed,
    Count replied,
    Count complained) {

  /** Distinct contacts and total events. */
  public record Count(long contacts, long total) {
    public static final Count NONE = new Count(0, 0);
  }

  public static EngagementCounts of(
      Long campaignId, Long mailingId, Map<EventType, Count> byType, Count hardBounced) {
    return new EngagementCounts(
        campaignId,
        mailingId,
        byType.getOrDefault(EventType.SENT, Count.NONE),
        byType.getOrDefault(EventType.DELIVERED, Count.NONE),
        byType.getOrDefault(EventType.OPENED, Count.NONE),
        byType.getOrDefault(EventType.CLICKED, Count.NONE),
        byType.getOrDefault(EventType.BOUNCED, Count.NONE),
        hardBounced,
        byType.getOrDefault(EventType.UNSUBSCRIBED, Count.NONE),
        byType.getOrDefault(EventType.REPLIED, Count.NONE),
        byType.getOrDefault(EventType.COMPLAINED, Count.NONE));
  }
}
