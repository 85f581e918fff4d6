package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.erpcampaigns.mailings.control.MailingsBeingSent.Sending;
import org.erpcampaigns.mailings.control.RelayBreakerTest.TestClock;
import org.junit.jupiter.api.Test;

class MailingsBeingSentTest {
  final TestClock clock = new TestClock();
  final AtomicInteger reads = new AtomicInteger();
  final List<Long> firstSeen = new ArrayList<>();
  volatile List<Sending> inDatabase = List.of(new Sending(1, 10, 100, null));
  volatile boolean databaseDown;
  final MailingsBeingSent cut =
      new MailingsBeingSent(
          clock,
          () -> {
            reads.incrementAndGet();
            if (databaseDown) {
              throw new SQLException("connection refused");
            }
            return inDatabase;
          },
          firstSeen::add);

  @Test
  void theDatabaseIsAskedAtMostOnceASecond() {
    assertEquals(inDatabase, cut.now());
    inDatabase = List.of(new Sending(1, 10, 100, null), new Sending(2, 10, 200, 50));
    assertTrue(cut.isSending(1));
    assertFalse(cut.isSending(2), "not read again yet");
    assertEquals(1, reads.get());
    clock.now = clock.now.plus(Duration.ofMillis(1000));
    assertTrue(cut.isSending(2), "a second later");
    assertEquals(2, reads.get());
  }

  @Test
  void aChangedMailingIsReadAtOnce() {
    cut.now();
    inDatabase = List.of();
    cut.forget(1);
    assertFalse(cut.isSending(1), "paused: its threads stop at the next message");
    assertEquals(2, reads.get());
    inDatabase = List.of(new Sending(3, 10, 300, null));
    cut.refreshSoon();
    assertTrue(cut.isSending(3), "started");
  }

  @Test
  void eachMailingIsAnnouncedTheFirstTimeItIsSeen() {
    cut.now();
    inDatabase = List.of(new Sending(1, 10, 100, null), new Sending(2, 10, 200, null));
    cut.refreshSoon();
    cut.now();
    cut.refreshSoon();
    cut.now();
    assertEquals(List.of(1L, 2L), firstSeen);
  }

  @Test
  void anUnreadableDatabaseMeansNothingToSendAndIsAskedAgain() {
    databaseDown = true;
    assertEquals(List.of(), cut.now());
    databaseDown = false;
    assertEquals(inDatabase, cut.now(), "asked again at once, not a second later");
  }

  @Test
  void aMailingsContentIsCompiledOnceUntilItIsForgotten() {
    Sending s = inDatabase.get(0);
    AtomicInteger loads = new AtomicInteger();
    java.util.function.Function<Sending, MailingContent> load =
        m -> {
          loads.incrementAndGet();
          return new MailingContent(
              m.mailingId(), m.campaignId(), "Shop", "news@shop.test", null, "en", Map.of(), false);
        };
    MailingContent first = cut.content(s, load);
    assertSame(first, cut.content(s, load));
    cut.forget(1);
    cut.content(s, load);
    assertEquals(2, loads.get());
  }
}
