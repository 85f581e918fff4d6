package org.erpcampaigns.tracking.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.tracking.entity.InboundReport;
import org.erpcampaigns.tracking.entity.InboundReport.Kind;

/**
 * Reads the mails that recipients send through the mailto of our List-Unsubscribe header ({@code
 * mailto:ADDRESS?subject=unsubscribe%20TOKEN}): the request is "unsubscribe" followed by the signed
 * unsubscribe token, in the Subject or, when a mail client dropped or rewrote the subject, on the
 * first line of the text body. Whether the token is genuine is for {@link TrackingTokens} to say;
 * this only finds it. A mail addressed to an unsubscribe address without a token is an unsubscribe
 * request too, one that names nobody.
 */
public final class UnsubscribeRequests {
  /** The local part of the default unsubscribe address, at every sender's domain. */
  public static final String LOCAL_PART = "unsubscribe";

  /**
   * "unsubscribe", then the token as {@link TrackingTokens} makes it: the outbox id in base 36 (at
   * most 13 digits), a dot, 16 bytes in unpadded base64url (22 characters). Any case for the word,
   * any run of spaces (or a %20 a mail client left undecoded) before the token; the token itself is
   * taken as written and verified as written.
   */
  private static final Pattern REQUEST =
      Pattern.compile(
          "\\bunsubscribe(?:\\s|%20)+([0-9A-Za-z]{1,13}\\.[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()]+");

  /**
   * Where a mail names the address it was sent to; the envelope ones as delivery agents add them.
   */
  private static final List<String> ADDRESSED_TO =
      List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To");

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final int MAX_NESTING = 3;
  private static final int MAX_TEXT = 64 * 1024;

  private final String configuredAddress;

  /**
   * @param configuredAddress the configured List-Unsubscribe mailto address
   *     (campaigns.mail.unsubscribe-mailto), or null/blank when messages use unsubscribe@ their
   *     sender's domain
   * @throws IllegalArgumentException when the configured value is not an email address
   */
  public UnsubscribeRequests(String configuredAddress) {
    String a = configuredAddress == null ? "" : configuredAddress.strip();
    if (!a.isEmpty() && !ADDRESS.matcher(a).matches()) {
      throw new IllegalArgumentException(
          "campaigns.mail.unsubscribe-mailto must be an email address such as"
              + " unsubscribe@shop.example, not \""
              + a
              + "\"");
    }
    this.configuredAddress = a.toLowerCase(Locale.ROOT);
  }

  /**
   * An UNSUBSCRIBE report when the mail asks to unsubscribe (its token, or a null token when it was
   * addressed to an unsubscribe address without one); empty when it is no unsubscribe request.
   */
  public Optional<InboundReport> read(MimeMessage message) throws MessagingException, IOException {
    String subject = message.getSubject();
    Optional<String> token = token(subject);
    String foundIn = "subject";
    if (token.isEmpty()) {
      token = token(firstLine(message));
      foundIn = "first line";
    }
    if (token.isEmpty() && !isAddressedToUnsubscribe(message)) {
      return Optional.empty();
    }
    String from =
        message.getFrom() == null || message.getFrom().length == 0
            ? null
            : DeliveryReports.address(message.getFrom()[0].toString());
    return Optional.of(
        new InboundReport(
            Kind.UNSUBSCRIBE,
            List.of(),
            token.orElse(null),
            from,
            null,
            token.isPresent() ? "unsubscribe mail, token in the " + foundIn : "unsubscribe mail"));
  }

  /** The token of an "unsubscribe TOKEN" request in the text, if there is one. */
  public static Optional<String> token(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = REQUEST.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether this is an address unsubscribe mails go to: the configured one, or unsubscribe@. */
  public boolean isUnsubscribeAddress(String address) {
    if (address == null) {
      return false;
    }
    String a = address.strip().toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    return at > 0 && (a.equals(configuredAddress) || a.substring(0, at).equals(LOCAL_PART));
  }

  private boolean isAddressedToUnsubscribe(MimeMessage message) throws MessagingException {
    for (String header : ADDRESSED_TO) {
      String[] values = message.getHeader(header);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        Matcher m = ADDRESS.matcher(value);
        while (m.find()) {
          if (isUnsubscribeAddress(m.group())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first non-blank line of the mail's text (the plain part, else the HTML one untagged). */
  static String firstLine(Part message) throws MessagingException, IOException {
    String text = text(message, "text/plain", 0);
    if (text == null) {
      String html = text(message, "text/html", 0);
      text = html == null ? null : TAG.matcher(html).replaceAll("\n");
    }
    if (text == null) {
      return null;
    }
    for (String line : text.split("\\R", 50)) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return null;
  }

  private static String text(Part part, String type, int depth)
      throws MessagingException, IOException {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      Object content = part.getContent();
      if (content instanceof String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
      }
      return null;
    }
    if (depth < MAX_NESTING && part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        String found = text(mp.getBodyPart(i), type, depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
