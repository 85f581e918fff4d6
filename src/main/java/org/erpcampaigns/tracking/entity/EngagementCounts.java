package org.erpcampaigns.tracking.entity;

import java.util.List;
import java.util.Map;

/**
 * A campaign's or a mailing's engagement: for each kind of event, the distinct contacts it happened
 * to and how often it happened (an opened message counts once among contacts, as often as it was
 * opened in total). Bounces come in all (bounced) and by what they mean: hard (the address was
 * suppressed), soft (it may be mailed again), refused by policy (a problem of the sender's, listed
 * in senderProblems by receiving domain and reason). Opens and clicks come raw (every one recorded)
 * and by people (humanOpened, humanClicked: without privacy proxies' and prefetching machine opens
 * and link scanners' bot clicks).
 */
public record EngagementCounts(
    Long campaignId,
    Long mailingId,
    Count sent,
    Count delivered,
    Count opened,
    Count clicked,
    Count humanOpened,
    Count humanClicked,
    Count bounced,
    Count hardBounced,
    Count softBounced,
    Count policyRejected,
    Count unsubscribed,
    Count replied,
    Count complained,
    List<SenderProblem> senderProblems) {

  /** Distinct contacts and total events. */
  public record Count(long contacts, long total) {
    public static final Count NONE = new Count(0, 0);
  }

  public EngagementCounts {
    senderProblems = List.copyOf(senderProblems);
  }

  /** The bounces by what they mean. */
  public record Bounces(Count hard, Count soft, Count policy) {}

  public static EngagementCounts of(
      Long campaignId,
      Long mailingId,
      Map<EventType, Count> byType,
      Map<EventType, Count> humanByType,
      Bounces bounces,
      List<SenderProblem> senderProblems) {
    return new EngagementCounts(
        campaignId,
        mailingId,
        byType.getOrDefault(EventType.SENT, Count.NONE),
        byType.getOrDefault(EventType.DELIVERED, Count.NONE),
        byType.getOrDefault(EventType.OPENED, Count.NONE),
        byType.getOrDefault(EventType.CLICKED, Count.NONE),
        humanByType.getOrDefault(EventType.OPENED, Count.NONE),
        humanByType.getOrDefault(EventType.CLICKED, Count.NONE),
        byType.getOrDefault(EventType.BOUNCED, Count.NONE),
        bounces.hard(),
        bounces.soft(),
        bounces.policy(),
        byType.getOrDefault(EventType.UNSUBSCRIBED, Count.NONE),
        byType.getOrDefault(EventType.REPLIED, Count.NONE),
        byType.getOrDefault(EventType.COMPLAINED, Count.NONE),
        senderProblems);
  }
}
