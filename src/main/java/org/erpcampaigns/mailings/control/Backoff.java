package org.erpcampaigns.mailings.control;

import java.time.Duration;

/** Exponential backoff for temporary SMTP failures: base, 2 x base, 4 x base ... up to max. */
public record Backoff(Duration base, Duration max) {

  /** The wait after the given failed attempt (1 = the first attempt failed). */
  public Duration after(int attempt) {
    int exponent = Math.max(0, Math.min(attempt - 1, 30));
    long millis = base.toMillis() << exponent;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
