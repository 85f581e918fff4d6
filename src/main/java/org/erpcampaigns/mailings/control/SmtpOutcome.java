package org.erpcampaigns.mailings.control;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SMTP failure means for the message: a 5xx reply is permanent (the reply is kept), a 4xx
 * reply or a broken connection is temporary (retried later, and the connection is renewed). A
 * connection that could not be set up ({@link SmtpConnectionFailed}: greeting, TLS, login) is a
 * connection failure whatever its reply code: it says nothing about the message.
 */
public record SmtpOutcome(Kind kind, String reply) {
  public enum Kind {
    TEMPORARY,
    PERMANENT,
    CONNECTION
  }

  // a reply code at the start of a line or after Angus Mail's "response: "
  private static final Pattern CODE = Pattern.compile("(?:^|\\n|response: )\\s*([45]\\d\\d)[ -]");
  static final int MAX_REPLY = 1000;

  public static SmtpOutcome of(Exception failure) {
    Throwable t = failure;
    String firstText = null;
    while (t != null) {
      if (t instanceof SmtpConnectionFailed
          || t instanceof jakarta.mail.AuthenticationFailedException) {
        return new SmtpOutcome(Kind.CONNECTION, clip(String.valueOf(t.getMessage())));
      }
      String text = t.getMessage();
      if (text != null) {
        if (firstText == null) {
          firstText = text;
        }
        Matcher m = CODE.matcher(text);
        if (m.find()) {
          Kind kind = m.group(1).startsWith("5") ? Kind.PERMANENT : Kind.TEMPORARY;
          return new SmtpOutcome(kind, clip(text.substring(m.start(1))));
        }
      }
      if (t instanceof IOException) {
        return new SmtpOutcome(Kind.CONNECTION, clip(t.toString()));
      }
      Throwable next =
          t instanceof MessagingException me && me.getNextException() != null
              ? me.getNextException()
              : t.getCause();
      t = next == t ? null : next;
    }
    return new SmtpOutcome(
        Kind.CONNECTION, clip(firstText == null ? failure.toString() : firstText));
  }

  public boolean isPermanent() {
    return kind == Kind.PERMANENT;
  }

  static String clip(String s) {
    String one = s.replaceAll("[\\r\\n]+", " ").strip();
    return one.length() > MAX_REPLY ? one.substring(0, MAX_REPLY) : one;
  }
}
