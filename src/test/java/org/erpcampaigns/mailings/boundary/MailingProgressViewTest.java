package org.erpcampaigns.mailings.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.erpcampaigns.mailings.control.RelayBreaker;
import org.erpcampaigns.mailings.entity.MailingState;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.junit.jupiter.api.Test;

class MailingProgressViewTest {

  static MailingStatus status(MailingState state, RelayBreaker.Outage outage) {
    return new MailingStatus(
        7,
        1,
        2,
        "news",
        3,
        "list",
        state,
        null,
        "Europe/Rome",
        null,
        600,
        0,
        Map.of(OutboxState.PENDING, 600L),
        0,
        null,
        0,
        outage);
  }

  final RelayBreaker.Outage outage =
      new RelayBreaker.Outage(
          Instant.parse("2026-11-25T10:15:30Z"),
          Instant.parse("2026-11-25T10:16:10Z"),
          "535 5.7.8 authentication credentials invalid (login as news)",
          3);

  @Test
  void aSendingMailingSaysTheRelayIsDownInEveryLanguage() {
    for (String language : new String[] {"en", "it", "fr", "de", "nl"}) {
      String text =
          MailingProgressView.relayWarning(
              status(MailingState.SENDING, outage), Locale.forLanguageTag(language));
      assertTrue(text.contains("10:15:30") && text.contains("10:16:10"), language + ": " + text);
      assertTrue(text.contains("535 5.7.8 authentication credentials invalid"), text);
      assertFalse(text.contains("{") || text.contains("???") || text.contains("''"), text);
    }
    assertTrue(
        MailingProgressView.relayWarning(status(MailingState.SENDING, outage), Locale.ITALIAN)
            .contains("l'invio"));
  }

  @Test
  void nothingIsSaidWhileTheRelayWorksOrTheMailingIsNotSending() {
    assertNull(
        MailingProgressView.relayWarning(status(MailingState.SENDING, null), Locale.ENGLISH));
    assertNull(
        MailingProgressView.relayWarning(status(MailingState.PAUSED, outage), Locale.ENGLISH));
    assertNull(MailingProgressView.relayWarning(null, Locale.ENGLISH));
  }
}
