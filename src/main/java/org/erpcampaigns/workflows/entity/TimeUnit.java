package org.erpcampaigns.workflows.entity;

import java.time.Duration;

/** The unit of a wait or of a condition's period. */
public enum TimeUnit {
  MINUTES,
  HOURS,
  DAYS;

  public Duration of(long amount) {
    return switch (this) {
      case MINUTES -> Duration.ofMinutes(amount);
      case HOURS -> Duration.ofHours(amount);
      case DAYS -> Duration.ofDays(amount);
    };
  }
}
