package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.junit.jupiter.api.Test;

/**
 * The VERP return path: each message's envelope sender names its outbox row with a signed token
 * that survives a mail server's change of case, and only a genuine, unaltered token names a row.
 */
class ReturnPathsTest {
  private final TrackingTokens tokens =
      new TrackingTokens("return-path-test-secret-0123456789".getBytes(StandardCharsets.UTF_8));
  private final ReturnPaths cut = new ReturnPaths(tokens, " bounces@news.example.com ");

  @Test
  void anAddressNamesItsMessageAndFitsIntoALocalPart() {
    for (long id : new long[] {1, 42, 1_234_567_890_123L, Long.MAX_VALUE}) {
      String address = cut.address(id).orElseThrow();
      assertTrue(
          address.matches("bounces\\+[0-9a-z]{1,13}-[a-z2-7]{16}@news\\.example\\.com"), address);
      assertTrue(address.indexOf('@') <= ReturnPaths.MAX_LOCAL_PART, address);
      assertEquals(OptionalLong.of(id), cut.outboxIdOf(address), address);
      assertEquals(OptionalLong.of(id), cut.outboxIdOf("<" + address + ">"), "as Return-Path");
    }
    assertEquals(cut.address(42), cut.address(42), "the same message, the same address");
    assertFalse(cut.address(42).equals(cut.address(43)));
    assertEquals("news.example.com", cut.domain().orElseThrow());
  }

  @Test
  void aTokenSurvivesAServerThatChangesTheCaseOfTheAddress() {
    String address = cut.address(987_654_321L).orElseThrow();
    assertEquals(OptionalLong.of(987_654_321L), cut.outboxIdOf(address.toLowerCase(Locale.ROOT)));
    assertEquals(OptionalLong.of(987_654_321L), cut.outboxIdOf(address.toUpperCase(Locale.ROOT)));
    String token = tokens.signReturnPath(987_654_321L);
    assertEquals(token.toLowerCase(Locale.ROOT), token, "made in lower case");
    assertEquals(OptionalLong.of(987_654_321L), tokens.verifyReturnPath(token.toUpperCase()));
  }

  @Test
  void aForgedOrAlteredTokenNamesNoMessage() {
    String token = tokens.signReturnPath(42);
    int dash = token.indexOf('-');
    String mac = token.substring(dash + 1);
    // every single character of the signature changed
    for (int i = 0; i < mac.length(); i++) {
      char c = mac.charAt(i);
      String altered =
          token.substring(0, dash + 1 + i) + (c == 'a' ? 'b' : 'a') + token.substring(dash + 2 + i);
      assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(altered), altered);
    }
    // another message's id with this message's signature
    String otherId = Long.toString(43, 36) + token.substring(dash);
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(otherId));
    assertEquals(
        OptionalLong.empty(),
        cut.outboxIdOf("bounces+" + otherId + "@news.example.com"),
        "a bounce to a forged address matches nothing");
    // spelt otherwise than we make it: a leading zero, no id, no signature, a shortened one
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath("0" + token));
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(token.substring(dash)));
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(token.substring(0, dash + 1)));
    assertEquals(
        OptionalLong.empty(), tokens.verifyReturnPath(token.substring(0, token.length() - 1)));
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath("-" + token));
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(null));
    // signed with another secret
    TrackingTokens other =
        new TrackingTokens("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
    assertEquals(OptionalLong.empty(), tokens.verifyReturnPath(other.signReturnPath(42)));
    // a token for another purpose is no return path, and a return path token nothing else
    assertEquals(
        OptionalLong.empty(), tokens.verifyReturnPath(tokens.sign(42, Purpose.UNSUBSCRIBE)));
    assertEquals(OptionalLong.empty(), tokens.verify(token, Purpose.UNSUBSCRIBE));
    assertEquals(OptionalLong.empty(), tokens.verify(token, Purpose.RETURN_PATH));
    assertThrows(IllegalArgumentException.class, () -> tokens.sign(42, Purpose.RETURN_PATH));
  }

  @Test
  void aBounceThatQuotesNothingIsFoundByTheAddressItWasDeliveredTo() throws Exception {
    String valid = cut.address(42).orElseThrow();
    String forged = "bounces+" + Long.toString(77, 36) + "-abcdefghijklmnop@news.example.com";
    MimeMessage delivered =
        message(
            "Delivered-To: " + valid.toUpperCase(Locale.ROOT),
            "To: " + forged,
            "Subject: Undelivered Mail Returned to Sender");
    assertEquals(OptionalLong.of(42), cut.outboxIdIn(delivered));

    MimeMessage onlyTo = message("To: \"Shop\" <" + forged + ">, <" + valid + ">");
    assertEquals(OptionalLong.of(42), cut.outboxIdIn(onlyTo), "the valid one among several");

    MimeMessage original = message("X-Original-To: " + valid, "To: bounces@news.example.com");
    assertEquals(OptionalLong.of(42), cut.outboxIdIn(original));

    assertEquals(OptionalLong.empty(), cut.outboxIdIn(message("To: " + forged)));
    assertEquals(
        OptionalLong.empty(),
        cut.outboxIdIn(message("To: bounces@news.example.com", "Return-Path: <>")),
        "no return path of ours");
  }

  @Test
  void withoutABounceAddressMessagesKeepTheirSenderYetReturnPathsAreStillRecognised() {
    ReturnPaths none = new ReturnPaths(tokens, " ");
    assertFalse(none.enabled());
    assertTrue(none.address(42).isEmpty());
    assertTrue(none.domain().isEmpty());
    assertFalse(new ReturnPaths(tokens, null).enabled());
    assertEquals(OptionalLong.of(42), none.outboxIdOf(cut.address(42).orElseThrow()));
  }

  @Test
  void aBounceAddressThatIsNoPlainAddressOrLeavesNoRoomIsRefused() {
    for (String bad :
        new String[] {
          "bounces",
          "bounces@",
          "Bounces <bounces@news.example.com>",
          "<bounces@news.example.com>",
          "a b@news.example.com",
          "bounces@news.example.com, other@news.example.com",
          "b".repeat(34) + "@news.example.com"
        }) {
      assertThrows(IllegalArgumentException.class, () -> new ReturnPaths(tokens, bad), bad);
    }
    String longest = "b".repeat(33) + "@news.example.com";
    String address = new ReturnPaths(tokens, longest).address(Long.MAX_VALUE).orElseThrow();
    assertEquals(ReturnPaths.MAX_LOCAL_PART, address.indexOf('@'), address);
  }

  private static MimeMessage message(String... headers) throws Exception {
    String raw =
        String.join("\r\n", headers)
            + "\r\nFrom: MAILER-DAEMON@mx.example.org\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain\r\n\r\nThis is the mail system.\r\n";
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
  }
}
