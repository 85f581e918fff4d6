package org.erpcampaigns.monitoring.boundary;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.tracking.entity.SenderProblem;

/**
 * The sender's problems as the receivers report them, in the reader's words: "gmail.com refuses our
 * mail (authentication: SPF, DKIM or DMARC): 41 times, the last at 2026-12-03 10:12 UTC". The
 * dashboard and the mailing page show them as a warning: no address is suppressed for them, the
 * sender must fix them.
 */
public final class SenderProblems {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private SenderProblems() {}

  public static List<String> sentences(List<SenderProblem> problems, Locale locale) {
    return problems.stream().map(p -> sentence(p, locale)).toList();
  }

  static String sentence(SenderProblem p, Locale locale) {
    String reason =
        p.reason() == null
            ? ""
            : Messages.getOrDefault(locale, "monitoring.policyReason." + p.reason(), p.reason());
    String key =
        "FEEDBACK".equals(p.kind())
            ? "monitoring.senderProblem.FEEDBACK"
            : "monitoring.senderProblem.POLICY_BOUNCE";
    String text =
        Messages.get(
            locale,
            key,
            p.domain() == null ? "?" : p.domain(),
            reason,
            p.reports(),
            p.lastReceivedAt() == null ? "–" : AT.format(p.lastReceivedAt()));
    return p.example() == null || p.example().isBlank()
        ? text
        : text + " — “" + abbreviated(p.example()) + "”";
  }

  private static String abbreviated(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 200 ? one.substring(0, 199) + "…" : one;
  }
}
