package org.erpcampaigns.mailings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpOutcomeTest {

  @Test
  void fiveHundredsArePermanentWithTheReplyKept() {
    SendFailedException e = new SendFailedException("Invalid Addresses");
    e.setNextException(new MessagingException("550 5.1.1 <x@example.com>: user unknown\n"));
    SmtpOutcome o = SmtpOutcome.of(e);
    assertEquals(SmtpOutcome.Kind.PERMANENT, o.kind());
    assertEquals("550 5.1.1 <x@example.com>: user unknown", o.reply());
  }

  @Test
  void fourHundredsAndBrokenConnectionsAreTemporary() {
    assertEquals(
        SmtpOutcome.Kind.TEMPORARY,
        SmtpOutcome.of(new MessagingException("451 4.3.0 try again later")).kind());
    assertEquals(
        SmtpOutcome.Kind.TEMPORARY,
        SmtpOutcome.of(
                new MessagingException(
                    "Got bad greeting from SMTP host: localhost, port: 25, response: 421 busy"))
            .kind());
    assertEquals(
        SmtpOutcome.Kind.CONNECTION,
        SmtpOutcome.of(new MessagingException("IO", new SocketException("Connection reset")))
            .kind());
  }

  @Test
  void backoffDoublesUpToItsLimit() {
    Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60));
    assertEquals(Duration.ofSeconds(10), b.after(1));
    assertEquals(Duration.ofSeconds(20), b.after(2));
    assertEquals(Duration.ofSeconds(40), b.after(3));
    assertEquals(Duration.ofSeconds(60), b.after(4));
    assertEquals(Duration.ofSeconds(60), b.after(40));
  }

  @Test
  void theThrottleHoldsTheRate() {
    Throttle t = new Throttle(200);
    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertTrue(t.acquire());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds > 0.4 && seconds < 1.5, "100 at 200/s took " + seconds + " s");
  }
}
