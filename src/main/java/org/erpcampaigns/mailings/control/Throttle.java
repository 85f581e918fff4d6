package org.erpcampaigns.mailings.control;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket shared by the sender's threads: at most a configured number of messages a second
 * for the whole cluster, of which this instance takes its share (the configured rate divided by the
 * instances sending at the moment, rounded up), with bursts of a twentieth of a second. Zero or
 * less: no limit.
 */
public final class Throttle {
  private final long perSecond;
  private long share;
  private double capacity;
  private double tokens;
  private long last;

  public Throttle(long perSecond) {
    this.perSecond = perSecond;
    this.last = System.nanoTime();
    share(1);
    this.tokens = capacity;
  }

  /** The configured rate, for the cluster. */
  public long perSecond() {
    return perSecond;
  }

  /** This instance's part of it. */
  public synchronized long instanceShare() {
    return share;
  }

  public boolean isLimited() {
    return perSecond > 0;
  }

  /** Shares the configured rate among {@code instances} sending instances (this one included). */
  public synchronized void share(int instances) {
    share = isLimited() ? Math.max(1, (perSecond + instances - 1) / Math.max(1, instances)) : 0;
    capacity = Math.max(1, share / 20.0);
    tokens = Math.min(tokens, capacity);
  }

  /** Waits for a token; false when interrupted. */
  public boolean acquire() {
    if (!isLimited()) {
      return true;
    }
    while (true) {
      long waitNanos;
      synchronized (this) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * share / 1e9);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return true;
        }
        waitNanos = (long) ((1 - tokens) * 1e9 / share);
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 100_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
