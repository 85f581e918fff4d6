package org.erpcampaigns.tracking.control;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * An inbound message as text for the pattern tables: its header block (unfolded, decoded), the text
 * of its own text parts (not of a returned message), and the returned message when it is attached
 * as a part of its own (message/rfc822 or its headers).
 */
final class MailText {
  private static final int MAX_NESTING = 4;
  private static final int MAX_TEXT = 200_000;

  final String headers;
  final String body;
  final Part returned;

  private MailText(String headers, String body, Part returned) {
    this.headers = headers;
    this.body = body;
    this.returned = returned;
  }

  static MailText of(MimeMessage message) throws MessagingException, IOException {
    StringBuilder h = new StringBuilder();
    Enumeration<Header> all = message.getAllHeaders();
    while (all.hasMoreElements()) {
      Header header = all.nextElement();
      h.append(header.getName()).append(": ").append(decoded(header.getValue())).append('\n');
    }
    StringBuilder body = new StringBuilder();
    Part[] returned = new Part[1];
    collect(message, body, returned, 0);
    String text = body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body.toString();
    return new MailText(h.toString(), text.replace("\r\n", "\n"), returned[0]);
  }

  /** Headers and body together, what a format's signs are looked for in. */
  String fingerprint() {
    return headers + "\n" + body;
  }

  /** The value of the first header of that name, unfolded and decoded, or null. */
  static String header(Part part, String name) throws MessagingException {
    String[] values = part.getHeader(name);
    return values == null || values.length == 0 ? null : decoded(values[0]).strip();
  }

  private static void collect(Part part, StringBuilder body, Part[] returned, int depth)
      throws MessagingException, IOException {
    if (part.isMimeType("message/rfc822")
        || part.isMimeType("message/global")
        || part.isMimeType("text/rfc822-headers")
        || part.isMimeType("message/rfc822-headers")
        || part.isMimeType("message/global-headers")) {
      if (returned[0] == null) {
        returned[0] = part;
      }
      return;
    }
    if (part.isMimeType("multipart/*")) {
      if (depth >= MAX_NESTING) {
        return;
      }
      try {
        Multipart mp = (Multipart) part.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          collect(mp.getBodyPart(i), body, returned, depth + 1);
        }
      } catch (MessagingException e) {
        // broken MIME (a boundary that never starts, ...): its text as it is still says a lot
        try (InputStream in =
            part instanceof MimeMessage m
                ? m.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream()) {
          body.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
      }
      return;
    }
    if (part.isMimeType("text/plain")
        || part.isMimeType("message/delivery-status")
        || part.isMimeType("message/global-delivery-status")
        || part.isMimeType("message/feedback-report")
        || part.isMimeType("message/disposition-notification")) {
      body.append(text(part)).append('\n');
    } else if (part.isMimeType("text/html") && body.isEmpty()) {
      body.append(
              text(part).replaceAll("(?s)<(script|style).*?</\\1>", " ").replaceAll("<[^>]*>", " "))
          .append('\n');
    }
  }

  /** A text part's content; a part whose charset is unknown is read as UTF-8. */
  static String text(Part part) throws MessagingException, IOException {
    try {
      Object content = part.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      // an unknown charset: read the bytes below
    }
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  static String decoded(String value) {
    if (value == null) {
      return null;
    }
    try {
      return MimeUtility.unfold(MimeUtility.decodeText(value));
    } catch (UnsupportedEncodingException e) {
      return MimeUtility.unfold(value);
    }
  }
}
