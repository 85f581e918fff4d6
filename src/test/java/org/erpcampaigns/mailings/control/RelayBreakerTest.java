package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelayBreakerTest {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final TestClock clock = new TestClock();
  final RelayBreaker cut =
      new RelayBreaker(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30)), clock);

  @Test
  void aWorkingRelayIsTried() {
    assertTrue(cut.allows());
    assertTrue(cut.outage().isEmpty());
    assertTrue(cut.succeeded().isEmpty());
  }

  @Test
  void eachFailureInARowWaitsTwiceAsLongUpToTheLongestWait() {
    Instant start = clock.now;
    RelayBreaker.Outage o = cut.failed("421 too busy").orElseThrow();
    assertEquals(start.plusSeconds(5), o.retryAt());
    assertFalse(cut.allows());
    clock.now = clock.now.plusSeconds(4);
    assertFalse(cut.allows(), "still waiting");
    clock.now = clock.now.plusSeconds(1);
    assertTrue(cut.allows(), "the wait is over: one more try");

    long[] waits = {10, 20, 30, 30}; // each failure comes when the wait before it is over
    for (long wait : waits) {
      o = cut.failed("535 bad login").orElseThrow();
      assertEquals(clock.now.plusSeconds(wait), o.retryAt());
      clock.now = o.retryAt();
    }
    assertEquals(start, o.since(), "the outage began with the first failure");
    assertEquals(5, o.failures());
    assertEquals("535 bad login", o.reason(), "the latest reason");
  }

  @Test
  void threadsThatFailTogetherWaitAsLongAsOneWould() {
    RelayBreaker.Outage first = cut.failed("connection refused").orElseThrow();
    clock.now = clock.now.plusSeconds(1);
    assertTrue(cut.failed("connection refused").isEmpty(), "no change: nothing new to log");
    assertTrue(cut.failed("connection refused").isEmpty());
    assertEquals(first, cut.outage().orElseThrow());
  }

  @Test
  void aConnectionThatOpensEndsTheOutage() {
    cut.failed("connection refused");
    clock.now = clock.now.plusSeconds(5);
    cut.failed("connection refused");
    RelayBreaker.Outage ended = cut.succeeded().orElseThrow();
    assertEquals(2, ended.failures());
    assertTrue(cut.allows());
    assertTrue(cut.outage().isEmpty());
    assertEquals(
        clock.now.plusSeconds(5),
        cut.failed("again").orElseThrow().retryAt(),
        "a new outage starts short");
  }

  @Test
  void aLongestWaitShorterThanTheFirstCapsEveryWait() {
    // as the sender builds it when campaigns.mail.backoff-max-seconds is below 5 (the restart IT)
    RelayBreaker quick =
        new RelayBreaker(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2)), clock);
    assertEquals(clock.now.plusSeconds(2), quick.failed("down").orElseThrow().retryAt());
  }
}
