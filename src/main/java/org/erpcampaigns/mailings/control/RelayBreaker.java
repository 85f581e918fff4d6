package org.erpcampaigns.mailings.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the relay can be tried: after a connection that could not be set up (refused, greeting
 * 421, TLS or login failed) the sender stops claiming messages until {@link Outage#retryAt()},
 * waiting as {@code waits} says after each failed try in a row; the first connection that opens
 * ends the outage.
 *
 * <p>Such a failure is the relay's, not the message's: the message goes back unsent and its attempt
 * is not counted. Without this, a relay that is down for half an hour, or a password changed on the
 * relay, used up every message's attempts and failed the whole mailing for good.
 */
public final class RelayBreaker {

  /**
   * The relay cannot be reached since {@code since}; {@code failures} tries in a row failed, the
   * latest for {@code reason}; the next try is at {@code retryAt}.
   */
  public record Outage(Instant since, Instant retryAt, String reason, int failures) {}

  private final Backoff waits;
  private final Clock clock;
  private Outage outage; // null while the relay works

  public RelayBreaker(Backoff waits, Clock clock) {
    this.waits = waits;
    this.clock = clock;
  }

  /** True unless an outage's wait is still running. */
  public synchronized boolean allows() {
    return outage == null || !clock.instant().isBefore(outage.retryAt());
  }

  /**
   * A connection could not be set up: the outage begins or, when its wait was over (the try
   * failed), lasts longer. Failures during a wait (other threads' tries at the same moment) leave
   * it as it is: four sender threads that fail together wait as long as one would. Returns the
   * outage when it began or grew, empty when it stays as it was.
   */
  public synchronized Optional<Outage> failed(String reason) {
    Instant now = clock.instant();
    if (outage != null && now.isBefore(outage.retryAt())) {
      return Optional.empty();
    }
    int failures = outage == null ? 1 : outage.failures() + 1;
    outage =
        new Outage(
            outage == null ? now : outage.since(),
            now.plus(waits.after(failures)),
            reason,
            failures);
    return Optional.of(outage);
  }

  /** A connection was set up; returns the outage this ends, if there was one. */
  public synchronized Optional<Outage> succeeded() {
    Optional<Outage> ended = Optional.ofNullable(outage);
    outage = null;
    return ended;
  }

  public synchronized Optional<Outage> outage() {
    return Optional.ofNullable(outage);
  }
}
