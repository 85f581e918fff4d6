package org.erpcampaigns.tracking.control;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.entity.MailServer;

/**
 * The bounce formats of the common mail servers and providers, one row each: the signs that
 * recognise it (all must be found in the headers or the text), and for plain-text bounces where its
 * failed recipient and the server's words stand and where the returned message begins. The rows are
 * tried in order, the more specific first (GMX and Mail.ru write Exim's words, Zoho writes
 * Postfix's subject). Formats that only send standard RFC 3464 reports need no patterns: the report
 * says it all. Written from the servers' sources and the providers' published samples.
 */
final class BounceFormats {

  /**
   * One server's format.
   *
   * @param signs patterns that must all be found in the fingerprint (headers, then the text)
   * @param recipient where the failed recipient stands in a plain-text bounce (group 1), or null
   * @param diagnostic where the server's words stand (group 1), or null
   * @param original where the returned message begins in a plain-text bounce, or null
   */
  record Format(
      MailServer server,
      List<Pattern> signs,
      Pattern recipient,
      Pattern diagnostic,
      Pattern original) {

    boolean recognises(String fingerprint) {
      for (Pattern sign : signs) {
        if (!sign.matcher(fingerprint).find()) {
          return false;
        }
      }
      return true;
    }

    /** Group 1 of the pattern in the text, stripped, or null. */
    static String find(Pattern pattern, String text) {
      if (pattern == null || text == null) {
        return null;
      }
      Matcher m = pattern.matcher(text);
      if (!m.find()) {
        return null;
      }
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          return m.group(g).strip();
        }
      }
      return null;
    }
  }

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

  private static Pattern p(String regex) {
    return regex == null ? null : Pattern.compile(regex, FLAGS);
  }

  private static Pattern block(String regex) {
    return Pattern.compile(regex, FLAGS | Pattern.DOTALL);
  }

  private static Format format(
      MailServer server,
      List<String> signs,
      String recipient,
      Pattern diagnostic,
      String original) {
    return new Format(
        server,
        signs.stream().map(BounceFormats::p).toList(),
        p(recipient),
        diagnostic,
        p(original));
  }

  private static final String ADDRESS = "[^\\s<>\"():;,]+@[^\\s<>\"():;,]+\\.[a-z0-9-]+";
  private static final String FROM_DOMAIN = "^From:.*@(?:[\\w-]+\\.)*";

  static final List<Format> TABLE =
      List.of(
          format(
              MailServer.AMAZON_WORKMAIL,
              List.of("^X-Mailer: Amazon WorkMail"),
              "following recipients?:\\s*\\n\\s*<?(" + ADDRESS + ")",
              block("(?:Diagnostic-Code|Reason):\\s*([^\\n]+(?:\\n[ \\t]+[^\\n]+)*)"),
              "^-{2,} ?(?:Original message|Message headers)"),
          format(MailServer.AMAZON_SES, List.of(FROM_DOMAIN + "amazonses\\.com"), null, null, null),
          format(
              MailServer.MCAFEE,
              List.of("^X-NAI-Header:|The following addresses had delivery problems"),
              "--- The following addresses had delivery problems ---\\s*\\n\\s*<?(" + ADDRESS + ")",
              block(
                  "addresses had delivery problems ---\\s*\\n\\s*\\S+\\s+\\(?([^\\n]+?)\\)?\\s*$"),
              "^-{2,} ?(?:Original message|Message headers)|^Content-Type: message/rfc822"),
          format(
              MailServer.BARRACUDA,
              List.of("^X-(?:Barracuda|ASG)-[\\w-]+:"),
              "(?:to|for):?\\s+<?(" + ADDRESS + ")>?",
              block("Reason:\\s*([^\\n]+)"),
              null),
          format(
              MailServer.OFFICE_365,
              List.of(
                  "^Reporting-MTA: dns; ?[\\w.-]+\\.outlook\\.com\\b"
                      + "|Your message to \\S+ couldn't be delivered"),
              null,
              null,
              null),
          format(
              MailServer.EXCHANGE_2007,
              List.of("Delivery has failed to these recipients or (?:distribution lists|groups)"),
              "Delivery has failed to these recipients or [^\\n]*:\\s*\\n(?:\\s*\\n)*\\s*(?:[^\\n]*?<)?("
                  + ADDRESS
                  + ")",
              block("(#?[45]\\d\\d[ -][45]\\.\\d+\\.\\d+[^\\n]*)"),
              null),
          format(
              MailServer.EXCHANGE_2003,
              List.of(
                  "^X-MimeOLE: Produced By Microsoft Exchange"
                      + "|did not reach the following recipient\\(s\\)"
                      + "|The following recipient\\(s\\) could not be reached"),
              "(?:did not reach the following recipient\\(s\\)|recipient\\(s\\) could not be reached)"
                  + ":\\s*\\n\\s*("
                  + ADDRESS
                  + ")",
              block(
                  "(?:did not reach the following recipient\\(s\\)|recipient\\(s\\) could not be"
                      + " reached):\\s*\\n\\s*\\S+ on [^\\n]*\\n"
                      + "(.*?#[45]\\.\\d+\\.\\d+[^\\n]*|.*?)(?:\\n\\s*\\n|\\z)"),
              null),
          format(
              MailServer.GMAIL_LEGACY,
              List.of("Technical details of (?:permanent|temporary) failure"),
              "Delivery to the following recipients? (?:failed permanently|has been delayed)"
                  + ":\\s*\\n\\s*("
                  + ADDRESS
                  + ")",
              block(
                  "Technical details of (?:permanent|temporary) failure:\\s*\\n(.*?)"
                      + "(?:\\n\\s*-{3,} ?Original message|\\z)"),
              "^\\s*-{3,} ?Original message ?-{3,}"),
          format(
              MailServer.GMAIL,
              List.of(
                  FROM_DOMAIN
                      + "(?:googlemail|gmail)\\.com|^Reporting-MTA: dns; ?googlemail\\.com"),
              null,
              null,
              null),
          format(
              MailServer.YAHOO,
              List.of(FROM_DOMAIN + "yahoo(?:mail)?\\.(?:com|co\\.\\w+|\\w+)"),
              "^<(" + ADDRESS + ")>:\\s*$",
              block("^<\\S+>:\\s*\\n(.*?)(?:\\n\\s*\\n|\\n--- Below this line)"),
              "^--- Below this line is a copy of the message\\."),
          format(
              MailServer.ICLOUD,
              List.of(
                  FROM_DOMAIN
                      + "(?:icloud|me|mac)\\.com|^Reporting-MTA: dns; ?[\\w.-]*(?:\\.me|icloud)\\.com"),
              null,
              null,
              null),
          format(
              MailServer.GMX,
              List.of(
                  FROM_DOMAIN
                      + "gmx\\.(?:net|de|com|at|ch|fr)|The header of the original message is following"),
              "^\"?(" + ADDRESS + ")\"?:\\s*$",
              block("^\"?\\S+@\\S+?\"?:\\s*\\n(.*?)(?:\\n\\s*\\n|\\n--- The header)"),
              "^--- The header of the original message is following\\. ---"),
          format(
              MailServer.MAIL_RU,
              List.of(FROM_DOMAIN + "(?:mail|inbox|list|bk)\\.ru"),
              "address\\(es\\) failed:\\s*\\n\\s*(" + ADDRESS + ")",
              block("address\\(es\\) failed:\\s*\\n(.*?)(?:\\n\\s*\\n|\\n-{3,})"),
              "^-{3,} This is a copy of the message"),
          format(
              MailServer.ZOHO,
              List.of("^X-ZohoMail|" + FROM_DOMAIN + "zoho(?:mail)?\\.(?:com|eu|in)"),
              "^(" + ADDRESS + "),?\\s+[^\\n]*ERROR_CODE",
              block("^\\S+@\\S+\\s+([^\\n]*ERROR_CODE[^\\n]*)"),
              "^Received: ?from "),
          format(
              MailServer.EXIM,
              List.of("This message was created automatically by mail delivery software"),
              "address\\(es\\) failed:\\s*\\n\\s*(" + ADDRESS + ")",
              block("address\\(es\\) failed:\\s*\\n(.*?)(?:\\n\\s*\\n|\\n-{3,})"),
              "^-{3,} This is a copy of the message"),
          format(
              MailServer.QMAIL,
              List.of("This is the qmail-send program"),
              "^<(" + ADDRESS + ")>:\\s*$",
              block("^<\\S+>:\\s*\\n(.*?)(?:\\n\\s*\\n|\\n--- Below this line)"),
              "^--- Below this line is a copy of the message\\."),
          format(
              MailServer.OPENSMTPD,
              List.of("This is the MAILER-DAEMON, please DO NOT REPLY"),
              "^(" + ADDRESS + "):\\s+\\S",
              block("^\\S+@\\S+?:\\s+([^\\n]+)"),
              "^\\s*Below is a copy of the original message"),
          format(
              MailServer.SENDMAIL,
              List.of(
                  "----- The following addresses had (?:permanent fatal errors|transient"
                      + " non-fatal errors) -----|----- Transcript of session follows -----"),
              "----- The following addresses had [^\\n]*-----\\s*\\n\\s*<?(" + ADDRESS + ")",
              block("\\(reason: ([^)]*)\\)|^<<< ([45]\\d\\d[^\\n]*)"),
              "^\\s*-{5} ?(?:Original message follows|Message header follows)"),
          format(
              MailServer.POSTFIX,
              List.of(
                  "This is the (?:mail system|Postfix program) at host|^Diagnostic-Code: X-Postfix"),
              "^<(" + ADDRESS + ")>:",
              block("^<\\S+>: (.*?)(?:\\n\\s*\\n|\\z)"),
              null));

  /** The generic format, for a bounce of a server not in the table. */
  static final Format OTHER =
      new Format(
          MailServer.OTHER,
          List.of(),
          p("<(" + ADDRESS + ")>"),
          block(
              "^Diagnostic-Code:\\s*([^\\n]+(?:\\n[ \\t]+[^\\n]+)*)"
                  + "|^\\s*((?:[45]\\d\\d[ -]|#?[45]\\.\\d+\\.\\d+)[^\\n]*)"
                  + "|(?:said|returned|replied|reason):?\\s+((?:[45]\\d\\d[ :-]|[45]\\.\\d+\\.\\d+)[^\\n]*)"),
          p(
              "^-{2,} ?(?:Original message|This is a copy|Below this line|The header of the"
                  + " original)|^Received: ?from "));

  private BounceFormats() {}

  /** The first row whose signs are all in the fingerprint, else {@link #OTHER}. */
  static Format identify(String fingerprint) {
    for (Format f : TABLE) {
      if (f.recognises(fingerprint)) {
        return f;
      }
    }
    return OTHER;
  }
}
