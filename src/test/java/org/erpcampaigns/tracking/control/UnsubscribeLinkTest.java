package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.erpcampaigns.tracking.entity.Recipient;
import org.junit.jupiter.api.Test;

/** What the unsubscribe page is reached by and what it shows of the recipient. */
class UnsubscribeLinkTest {
  private final TrackingTokens tokens =
      new TrackingTokens("unit-test-secret-0123456789".getBytes(StandardCharsets.UTF_8));
  private final TrackingLinks cut = new TrackingLinks("https://c.example", tokens);

  @Test
  void theMessagesLanguageRidesAlongUnsignedAndTheTokenStillVerifies() {
    String url = cut.unsubscribeUrl(42, Locale.ITALIAN);
    String token = tokens.sign(42, Purpose.UNSUBSCRIBE);
    assertEquals("https://c.example/t/u/" + token + "?lang=it", url);
    assertEquals(42, tokens.verify(token, Purpose.UNSUBSCRIBE).getAsLong());
    assertEquals("https://c.example/t/u/" + token, cut.unsubscribeUrl(42, null));
  }

  @Test
  void thePageShowsEnoughOfTheAddressToRecogniseItNotToHarvestIt() {
    assertEquals("ma***@example.it", recipient("maria.rossi@example.it").maskedEmail());
    assertEquals("j***@example.nl", recipient("jo@example.nl").maskedEmail());
    assertTrue(recipient("no-at-sign").maskedEmail().startsWith("***"));
  }

  private static Recipient recipient(String email) {
    return new Recipient(1, 2, 3, "P1", email, "SENT", false);
  }
}
