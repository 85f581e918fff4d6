package org.erpcampaigns.mailings.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.erpcampaigns.platform.control.RuleException.Kind;
import org.junit.jupiter.api.Test;

class MailingRefusedTest {

  @Test
  void theStateOfSomethingIsAConflictLikeAudiencesSayIt() {
    assertEquals(Kind.CONFLICT, new MailingRefused("mailing.error.listRefreshing", "x").getKind());
    assertEquals(Kind.CONFLICT, new MailingRefused("mailing.error.state", "PAUSED").getKind());
    assertEquals(Kind.CONFLICT, new MailingRefused("mailing.error.templateInUse").getKind());
    assertEquals(Kind.CONFLICT, new MailingRefused("mailing.error.campaignClosed", 7).getKind());
  }

  @Test
  void unknownThingsAreNotFoundAndBadInputInvalid() {
    assertEquals(Kind.NOT_FOUND, new MailingRefused("mailing.error.unknownList", 9).getKind());
    assertEquals(Kind.NOT_FOUND, new MailingRefused("mailing.error.unknownCampaign", 9).getKind());
    assertEquals(Kind.INVALID, new MailingRefused("mailing.error.timeZone", "Mars").getKind());
    assertEquals(Kind.INVALID, new MailingRefused("mailing.error.listEmpty", "l").getKind());
  }
}
