package org.erpcampaigns.mailings.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;

/**
 * Builds the MIME message: multipart/alternative text and HTML in UTF-8, the recorded Message-ID,
 * List-Unsubscribe with the https URL and a mailto (RFC 2369), one-click unsubscribe (RFC 8058) and
 * a Feedback-ID naming mailing and campaign. Only the subject and display names come from data: the
 * subject is made one line before, names are refused with line breaks on save and are RFC
 * 2047-encoded here, addresses are parsed strictly, so data cannot add a header.
 */
public final class MailComposer {
  public static final String FEEDBACK_SENDER = "erp-campaigns";
  private static final AtomicLong BOUNDARIES = new AtomicLong(System.nanoTime());

  private MailComposer() {}

  /** The recipient address, strictly parsed; refused (permanently) when it is not one address. */
  public static InternetAddress recipient(String email) throws AddressException {
    if (email == null || email.chars().anyMatch(Character::isISOControl)) {
      throw new AddressException("the address contains a line break or control character");
    }
    InternetAddress a = new InternetAddress(email.strip(), true);
    a.validate();
    return a;
  }

  public static MimeMessage compose(
      Session session,
      MailingContent content,
      InternetAddress to,
      RenderedMessage message,
      String messageId,
      String unsubscribeUrl,
      String unsubscribeMailto)
      throws MessagingException {
    PreparedMessage m = new PreparedMessage(session);
    try {
      m.setFrom(new InternetAddress(content.senderAddress(), content.senderName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    if (content.replyTo() != null) {
      m.setReplyTo(new InternetAddress[] {new InternetAddress(content.replyTo(), true)});
    }
    m.setRecipient(Message.RecipientType.TO, to);
    m.setSubject(MessageRenderer.oneLine(message.subject()), "UTF-8");
    m.setSentDate(Date.from(ZonedDateTime.now().toInstant()));
    if (unsubscribeUrl != null) {
      StringBuilder unsubscribe = new StringBuilder("<").append(unsubscribeUrl).append('>');
      if (unsubscribeMailto != null) {
        unsubscribe.append(", <mailto:").append(unsubscribeMailto).append('>');
      }
      m.setHeader("List-Unsubscribe", unsubscribe.toString());
      m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    m.setHeader(
        "Feedback-ID",
        "m" + content.mailingId() + ":c" + content.campaignId() + ":marketing:" + FEEDBACK_SENDER);
    m.setHeader("MIME-Version", "1.0");
    m.setHeader("Message-ID", messageId);
    String boundary =
        "=_ec_"
            + Long.toString(BOUNDARIES.incrementAndGet(), 36)
            + "_"
            + Integer.toHexString(messageId.hashCode());
    m.setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    m.body(body(boundary, message.text(), message.html()));
    return m;
  }

  /**
   * The multipart/alternative body: text, then HTML, each UTF-8 and quoted-printable (a boundary
   * starting with "=_" cannot occur in quoted-printable text).
   */
  static byte[] body(String boundary, String text, String html) {
    QuotedPrintable out = new QuotedPrintable(text.length() + html.length() + 1024);
    for (String[] part : new String[][] {{"plain", text}, {"html", html}}) {
      out.ascii("--" + boundary + "\r\n");
      out.ascii("Content-Type: text/" + part[0] + "; charset=UTF-8\r\n");
      out.ascii("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
      out.encode(part[1]);
      out.ascii("\r\n");
    }
    out.ascii("--" + boundary + "--\r\n");
    return out.bytes();
  }

  /** A Message-ID of the form the outbox records: {@code <outboxId.random@domain>}. */
  public static String messageId(long outboxId, String random, String domain) {
    return "<" + outboxId + "." + random + "@" + domain + ">";
  }

  /** The domain of an address, for Message-IDs and the unsubscribe mailto. */
  public static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "localhost" : address.substring(at + 1);
  }

  /**
   * A message whose body is already encoded: written to the SMTP connection in one piece instead of
   * through Jakarta Mail's part-by-part encoding (which, with its content-type analysis, took a
   * third of the sender's time). Still a complete MimeMessage: its content is parsed from those
   * bytes when asked for. Its headers are set once and never regenerated, so the Message-ID stays
   * the one recorded in the outbox.
   */
  private static final class PreparedMessage extends MimeMessage {
    PreparedMessage(Session session) {
      super(session);
    }

    void body(byte[] encoded) {
      content = encoded;
      modified = false;
      saved = true;
    }

    @Override
    protected void updateMessageID() {
      // the recorded Message-ID is set by compose
    }
  }

  /** Quoted-printable (RFC 2045 §6.7) of UTF-8 text, lines of at most 76 characters, CRLF. */
  static final class QuotedPrintable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;

    QuotedPrintable(int capacity) {
      buf = new byte[capacity];
    }

    void ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        put(s.charAt(i));
      }
    }

    void encode(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      // at most three characters per byte, plus a soft break per 25 bytes
      ensure(b.length * 3 + b.length / 25 * 3 + 3);
      byte[] o = buf;
      int p = len;
      int column = 0;
      for (int i = 0; i < b.length; i++) {
        int c = b[i] & 0xff;
        if (c == '\n' || (c == '\r' && i + 1 < b.length && b[i + 1] == '\n')) {
          if (c == '\r') {
            i++; // CRLF is one line break
          }
          o[p++] = '\r';
          o[p++] = '\n';
          column = 0;
          continue;
        }
        boolean literal =
            (c >= 33 && c <= 126 && c != '=')
                || ((c == ' ' || c == '\t')
                    && i + 1 < b.length
                    && b[i + 1] != '\n'
                    && b[i + 1] != '\r');
        int width = literal ? 1 : 3;
        if (column + width > 75) {
          o[p++] = '=';
          o[p++] = '\r';
          o[p++] = '\n';
          column = 0;
        }
        if (literal) {
          o[p++] = (byte) c;
        } else {
          o[p++] = '=';
          o[p++] = HEX[c >> 4];
          o[p++] = HEX[c & 0xf];
        }
        column += width;
      }
      len = p;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(buf, len);
    }

    private void put(int c) {
      ensure(1);
      buf[len++] = (byte) c;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }
}
