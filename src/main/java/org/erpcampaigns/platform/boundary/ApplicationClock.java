package org.erpcampaigns.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.control.RuleException;

/**
 * The application's clock (UTC), injected where time decides something (the workflow engine's waits
 * and conditions first). In demo mode only, an admin may move it forward, so a demo or a test can
 * show "three days later" without waiting three days; a production clock is the system's.
 */
@ApplicationScoped
public class ApplicationClock {
  private static final Logger LOG = Logger.getLogger(ApplicationClock.class.getName());
  private static final Duration MOST = Duration.ofDays(366);

  @Inject
  @ConfigProperty(name = "campaigns.demo", defaultValue = "false")
  boolean demo;

  private final AtomicLong offsetMillis = new AtomicLong();

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.offset(Clock.system(zone), Duration.ofMillis(offsetMillis.get()));
        }

        @Override
        public Instant instant() {
          return Instant.now().plusMillis(offsetMillis.get());
        }
      };

  @Produces
  public Clock clock() {
    return clock;
  }

  /** Demo mode only: the clock moves forward by {@code by} (at most a year at a time). */
  public Instant advance(Duration by) {
    if (!demo) {
      throw new ClockRefused("platform.clock.demoOnly");
    }
    if (by.isNegative() || by.isZero() || by.compareTo(MOST) > 0) {
      throw new ClockRefused("platform.clock.invalid");
    }
    long offset = offsetMillis.addAndGet(by.toMillis());
    LOG.warning(() -> "event=clock-advanced by=" + by + " offset-ms=" + offset);
    return clock.instant();
  }

  /** A refused move of the clock. */
  public static final class ClockRefused extends RuleException {
    private static final long serialVersionUID = 1L;

    public ClockRefused(String key) {
      super(Kind.INVALID, key);
    }
  }
}
