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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;

/**
 * Builds the MIME message: multipart/alternative text and HTML in UTF-8, the recorded Message-ID
 * and a Feedback-ID naming mailing and campaign; a marketing message ({@link Marketing}) also
 * List-Unsubscribe with the https URL and a mailto (RFC 2369), one-click unsubscribe (RFC 8058),
 * List-Id (RFC 2919), {@code Precedence: bulk} (so that vacation responders stay quiet, RFC 3834)
 * and its own envelope sender, which the SMTP client uses for MAIL FROM: no Return-Path header,
 * which is the receiving server's to write. Only the subject and display names come from data: the
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

  /**
   * What a message to a list carries besides its content.
   *
   * @param unsubscribeUrl the unsubscribe page, also the one-click POST target
   * @param unsubscribeMailto the mailto of List-Unsubscribe, or null
   * @param listId the List-Id, e.g. {@code <campaign-7.news.example.com>}
   * @param envelopeFrom the SMTP envelope sender (the return path), or null for the From address
   */
  public record Marketing(
      String unsubscribeUrl, String unsubscribeMailto, String listId, String envelopeFrom) {}

  /**
   * The List-Id of a campaign's messages (RFC 2919): the campaign's id under a domain of ours (the
   * return path's or the sender's), the same for all its mailings and workflow emails.
   */
  public static String listId(long campaignId, String domain) {
    return "<campaign-" + campaignId + "." + domain.toLowerCase(Locale.ROOT) + ">";
  }

  /**
   * The message; {@code marketing} null for a message to one person (a test send), which gets no
   * list headers and goes from its From address.
   */
  public static MimeMessage compose(
      Session session,
      MailingContent content,
      InternetAddress to,
      RenderedMessage message,
      String messageId,
      Marketing marketing)
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
    if (marketing != null) {
      StringBuilder unsubscribe =
          new StringBuilder("<").append(marketing.unsubscribeUrl()).append('>');
      if (marketing.unsubscribeMailto() != null) {
        unsubscribe.append(", <mailto:").append(marketing.unsubscribeMailto()).append('>');
      }
      m.setHeader("List-Unsubscribe", unsubscribe.toString());
      m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      m.setHeader("List-Id", marketing.listId());
      m.setHeader("Precedence", "bulk");
      m.setEnvelopeFrom(marketing.envelopeFrom());
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
    QuotedPrintable out = QuotedPrintable.forThisThread();
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
   * the one recorded in the outbox. An SMTPMessage, so that Jakarta Mail's transport, too, takes
   * its envelope sender (our pipelining connection reads it from there): per message on one
   * connection, which the session's mail.smtp.from cannot do.
   */
  private static final class PreparedMessage extends SMTPMessage {
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

  /**
   * Quoted-printable (RFC 2045 §6.7) of UTF-8 text, lines of at most 76 characters, CRLF. Encodes
   * straight from the characters into a buffer each thread reuses (a UTF-8 copy of the text and a
   * fresh buffer three times its size per message cost a sixth of the sender's time).
   */
  static final class QuotedPrintable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<QuotedPrintable> MINE =
        ThreadLocal.withInitial(() -> new QuotedPrintable(64 * 1024));
    private byte[] buf;
    private int len;
    private int column;

    QuotedPrintable(int capacity) {
      buf = new byte[capacity];
    }

    /** This thread's encoder, emptied. */
    static QuotedPrintable forThisThread() {
      QuotedPrintable q = MINE.get();
      if (q.buf.length > 1 << 20) {
        q.buf = new byte[64 * 1024]; // do not keep what one huge message needed
      }
      q.len = 0;
      return q;
    }

    void ascii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    void encode(String text) {
      int n = text.length();
      column = 0;
      for (int i = 0; i < n; i++) {
        // room for the worst a character can need: four UTF-8 bytes encoded, soft breaks between
        if (len + 24 > buf.length) {
          ensure(24 + (n - i) * 2);
        }
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n')) {
          if (c == '\r') {
            i++; // CRLF is one line break
          }
          buf[len++] = '\r';
          buf[len++] = '\n';
          column = 0;
        } else if (c < 0x80) {
          boolean literal =
              (c >= 33 && c <= 126 && c != '=')
                  || ((c == ' ' || c == '\t')
                      && i + 1 < n
                      && text.charAt(i + 1) != '\n'
                      && text.charAt(i + 1) != '\r');
          if (literal) {
            room(1);
            buf[len++] = (byte) c;
            column++;
          } else {
            escaped(c);
          }
        } else if (c < 0x800) {
          escaped(0xc0 | (c >> 6));
          escaped(0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, text.charAt(++i));
          escaped(0xf0 | (cp >> 18));
          escaped(0x80 | ((cp >> 12) & 0x3f));
          escaped(0x80 | ((cp >> 6) & 0x3f));
          escaped(0x80 | (cp & 0x3f));
        } else if (Character.isSurrogate(c)) {
          room(1);
          buf[len++] = '?'; // a lone surrogate, as String.getBytes writes it
          column++;
        } else {
          escaped(0xe0 | (c >> 12));
          escaped(0x80 | ((c >> 6) & 0x3f));
          escaped(0x80 | (c & 0x3f));
        }
      }
    }

    /** A soft line break when {@code width} more characters would pass 75. */
    private void room(int width) {
      if (column + width > 75) {
        buf[len++] = '=';
        buf[len++] = '\r';
        buf[len++] = '\n';
        column = 0;
      }
    }

    private void escaped(int b) {
      room(3);
      buf[len++] = '=';
      buf[len++] = HEX[(b >> 4) & 0xf];
      buf[len++] = HEX[b & 0xf];
      column += 3;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }
}
