package org.erpcampaigns.mailings.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The throttles are for the cluster: each instance takes the configured rates divided by the
 * instances sending at the moment (those with a claim in progress, this one included), globally
 * ({@code campaigns.mail.throttle-per-second}) and per mailing (the mailing's own rate). Instances
 * that start or stop sending are seen at the next {@link #share}.
 */
public final class ClusterThrottles {

  /** A claim in progress: its token ({@code instance:thread:claim}) and its mailing. */
  public record ClaimInProgress(String claimToken, long mailingId) {}

  private final String instance;
  private final Throttle global;
  private final Map<Long, Throttle> byMailing = new ConcurrentHashMap<>();
  private volatile Map<Long, Integer> sendersByMailing = Map.of();

  public ClusterThrottles(String instance, long globalPerSecond) {
    this.instance = instance;
    this.global = new Throttle(globalPerSecond);
  }

  /** The instance part of a claim token ({@code instance:thread:claim}). */
  public static String instanceOf(String claimToken) {
    int last = claimToken.lastIndexOf(':');
    int before = last > 0 ? claimToken.lastIndexOf(':', last - 1) : -1;
    return before > 0 ? claimToken.substring(0, before) : claimToken;
  }

  /** Shares the rates among the instances of the claims in progress in the cluster. */
  public void share(Collection<ClaimInProgress> claims) {
    Map<Long, Set<String>> senders = new HashMap<>();
    Set<String> all = new HashSet<>();
    all.add(instance);
    for (ClaimInProgress claim : claims) {
      String sender = instanceOf(claim.claimToken());
      all.add(sender);
      senders.computeIfAbsent(claim.mailingId(), k -> new HashSet<>()).add(sender);
    }
    global.share(all.size());
    Map<Long, Integer> counts = new HashMap<>();
    senders.forEach(
        (mailing, those) -> {
          those.add(instance);
          counts.put(mailing, those.size());
        });
    sendersByMailing = Map.copyOf(counts);
    byMailing.forEach((mailing, t) -> t.share(counts.getOrDefault(mailing, 1)));
  }

  /** The throttle of all mailings together. */
  public Throttle global() {
    return global;
  }

  /**
   * The mailing's own throttle at {@code perSecond} for the cluster (a new one when the rate
   * changed); null when the mailing has none.
   */
  public Throttle forMailing(long mailingId, Integer perSecond) {
    if (perSecond == null) {
      return null;
    }
    return byMailing.compute(
        mailingId,
        (id, t) -> {
          if (t != null && t.perSecond() == perSecond) {
            return t;
          }
          Throttle fresh = new Throttle(perSecond);
          fresh.share(sendersByMailing.getOrDefault(id, 1));
          return fresh;
        });
  }

  /**
   * The rows one of {@code workers} threads may claim: at most {@code claimSize}, and about one
   * second of this instance's share of the rates, so pause and cancel take effect within seconds.
   */
  public int claimLimit(int claimSize, Throttle mailing, int workers) {
    long rate =
        Math.min(
            global.isLimited() ? global.instanceShare() : Long.MAX_VALUE,
            mailing == null || !mailing.isLimited() ? Long.MAX_VALUE : mailing.instanceShare());
    return (int) Math.max(1, Math.min(claimSize, rate / Math.max(1, workers)));
  }

  /** Forgets a mailing's throttle (its state or rate changed). */
  public void forget(long mailingId) {
    byMailing.remove(mailingId);
  }
}
