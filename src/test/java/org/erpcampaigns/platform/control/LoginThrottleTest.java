package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Back-off after failed logins, per account and address and per address, with a moved clock. */
class LoginThrottleTest {
  Instant now = Instant.parse("2026-12-03T10:00:00Z");
  final Clock clock =
      new Clock() {
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
      };
  final LoginThrottle cut = new LoginThrottle(clock);

  void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      cut.failed(user, address);
    }
  }

  @Test
  void fiveTyposAreFreeThenTheWaitDoubles() {
    fail("anna", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, cut.waitFor("anna", "10.0.0.1"));
    cut.failed("anna", "10.0.0.1");
    assertEquals(Duration.ofSeconds(1), cut.waitFor("anna", "10.0.0.1"));
    fail("anna", "10.0.0.1", 3);
    assertEquals(Duration.ofSeconds(8), cut.waitFor("ANNA", "10.0.0.1"), "names in any case");
    now = now.plusSeconds(5);
    assertEquals(Duration.ofSeconds(3), cut.waitFor("anna", "10.0.0.1"));
    now = now.plusSeconds(3);
    assertEquals(Duration.ZERO, cut.waitFor("anna", "10.0.0.1"));
    fail("anna", "10.0.0.1", 30);
    assertEquals(LoginThrottle.MAX, cut.waitFor("anna", "10.0.0.1"), "at most five minutes");
  }

  @Test
  void aGuesserElsewhereNeverLocksTheUserOut() {
    fail("anna", "203.0.113.9", 12);
    assertEquals(Duration.ZERO, cut.waitFor("anna", "10.0.0.1"), "her own address");
    cut.succeeded("anna", "10.0.0.1");
    assertEquals(true, cut.waitFor("anna", "203.0.113.9").compareTo(Duration.ofMinutes(1)) > 0);
  }

  @Test
  void aSuccessClearsAndAQuietHalfHourForgets() {
    fail("bob", "10.0.0.2", 7);
    cut.succeeded("bob", "10.0.0.2");
    assertEquals(Duration.ZERO, cut.waitFor("bob", "10.0.0.2"));
    fail("carl", "10.0.0.3", 9);
    now = now.plus(Duration.ofMinutes(31));
    assertEquals(Duration.ZERO, cut.waitFor("carl", "10.0.0.3"));
    cut.failed("carl", "10.0.0.3");
    assertEquals(Duration.ZERO, cut.waitFor("carl", "10.0.0.3"), "counting starts again");
  }

  @Test
  void anAddressSprayingManyAccountsWaitsToo() {
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
      cut.failed("user" + i, "198.51.100.7");
    }
    assertEquals(Duration.ofSeconds(1), cut.waitFor("someone-new", "198.51.100.7"));
    assertEquals(Duration.ZERO, cut.waitFor("someone-new", "10.0.0.4"));
  }
}
