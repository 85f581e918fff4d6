package org.erpcampaigns.mailings.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.ZonedDateTime;
import java.util.Date;
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
    MimeMessage m = new FixedIdMessage(session, messageId);
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
    MimeBodyPart text = new MimeBodyPart();
    text.setText(message.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(message.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    m.setContent(alternative);
    m.saveChanges();
    return m;
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

  /** Keeps the Message-ID that was recorded in the outbox instead of generating one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
