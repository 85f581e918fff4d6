package org.erpcampaigns.mailings.control;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket shared by the sender's threads: at most {@code perSecond} messages a second, with
 * bursts of a twentieth of a second. Zero or less: no limit.
 */
public final class Throttle {
  private final long perSecond;
  private final double capacity;
  private double tokens;
  private long last;

  public Throttle(long perSecond) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond / 20.0);
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  public long perSecond() {
    return perSecond;
  }

  public boolean isLimited() {
    return perSecond > 0;
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
        tokens = Math.min(capacity, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return true;
        }
        waitNanos = (long) ((1 - tokens) * 1e9 / perSecond);
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
