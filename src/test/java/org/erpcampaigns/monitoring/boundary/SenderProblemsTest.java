package org.erpcampaigns.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.tracking.entity.SenderProblem;
import org.junit.jupiter.api.Test;

class SenderProblemsTest {
  static final LocalDateTime AT = LocalDateTime.of(2026, 12, 3, 10, 12);

  @Test
  void aPolicyRefusalSaysWhoRefusesWhyHowOftenAndInTheServersWords() {
    SenderProblem gmail =
        new SenderProblem(
            "gmail.com",
            "POLICY_BOUNCE",
            "AUTHENTICATION",
            41,
            AT,
            "550 5.7.26 Unauthenticated email from shop.example is not accepted\n due to DMARC");
    assertEquals(
        List.of(
            "gmail.com refuses our mail (authentication: SPF, DKIM or DMARC): 41 times, the last"
                + " at 2026-12-03 10:12 UTC — “550 5.7.26 Unauthenticated email from shop.example"
                + " is not accepted due to DMARC”"),
        SenderProblems.sentences(List.of(gmail), Locale.ENGLISH));
  }

  @Test
  void aFeedbackReportInGerman() {
    SenderProblem report = new SenderProblem("web.de", "FEEDBACK", null, 3, AT, null);
    assertEquals(
        "web.de hat 3 Rückmeldungen zu unseren E-Mails gesendet, zuletzt um 2026-12-03 10:12 UTC",
        SenderProblems.sentence(report, Locale.GERMAN));
  }
}
