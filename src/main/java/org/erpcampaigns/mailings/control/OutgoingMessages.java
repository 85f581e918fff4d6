package org.erpcampaigns.mailings.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erpcampaigns.mailings.control.MessageRenderer.CompiledVariant;
import org.erpcampaigns.mailings.control.MessageRenderer.RenderedMessage;
import org.erpcampaigns.mailings.control.OutboxStore.Claimed;
import org.erpcampaigns.mailings.control.OutboxStore.Failure;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.TrackingLinks;

/**
 * Makes the message of a claimed row: the mailing's template rendered for its recipient, links
 * tracked, with the row's Message-ID, its unsubscribe and list headers and, with a configured
 * bounce address, its own return path ({@link ReturnPaths}); or the outcome to write when it cannot
 * go (suppressed, an invalid address, a template that does not render for this contact).
 */
public final class OutgoingMessages {
  private static final Logger LOG = Logger.getLogger(OutgoingMessages.class.getName());

  private final Session session;
  private final PipelinedSmtpConnection.Settings pipelined;
  private final MessageRenderer renderer;
  private final TrackingLinks trackingLinks;
  private final ReturnPaths returnPaths;
  private final Optional<String> unsubscribeMailto;
  private final Backoff backoff;
  private final Clock clock;

  /**
   * @param pipelined our pipelining connection's settings (its envelopes are made here), or null
   * @param returnPaths each message's envelope sender, when a bounce address is configured
   * @param unsubscribeMailto the configured List-Unsubscribe address, if any
   * @param backoff the wait before a message that did not render is tried again
   */
  public OutgoingMessages(
      Session session,
      PipelinedSmtpConnection.Settings pipelined,
      MessageRenderer renderer,
      TrackingLinks trackingLinks,
      ReturnPaths returnPaths,
      Optional<String> unsubscribeMailto,
      Backoff backoff,
      Clock clock) {
    this.session = session;
    this.pipelined = pipelined;
    this.renderer = renderer;
    this.trackingLinks = trackingLinks;
    this.returnPaths = returnPaths;
    this.unsubscribeMailto = unsubscribeMailto;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Renders a claimed row's message, or says why it cannot go. */
  OutgoingMessage of(MailingContent content, Claimed row) {
    if (row.suppressed()) {
      return OutgoingMessage.cannotGo(
          row, new Failure(row.outboxId(), OutboxState.SUPPRESSED, null, null));
    }
    try {
      InternetAddress to = MailComposer.recipient(row.email());
      MimeMessage message = compose(content, row, to);
      return new OutgoingMessage(
          row, message, to, pipelined == null ? null : pipelined.envelope(message, to), null);
    } catch (AddressException e) {
      return OutgoingMessage.cannotGo(
          row,
          new Failure(
              row.outboxId(), OutboxState.BOUNCED, "invalid address: " + e.getMessage(), null));
    } catch (MessagingException | RuntimeException e) {
      // a row that cannot be rendered, whatever the reason, fails alone (retried later) instead of
      // ending the claim
      LOG.log(Level.FINE, "event=message-not-rendered outbox=" + row.outboxId(), e);
      return OutgoingMessage.cannotGo(
          row,
          new Failure(
              row.outboxId(), OutboxState.FAILED, "not rendered: " + e.getMessage(), retry(row)));
    }
  }

  /** When a row that failed now is due again. */
  LocalDateTime retry(Claimed row) {
    return LocalDateTime.now(clock).plus(backoff.after(row.attempts()));
  }

  private MimeMessage compose(MailingContent content, Claimed row, InternetAddress to)
      throws MessagingException {
    CompiledVariant variant = content.variantFor(row.recipient().language());
    String unsubscribe = trackingLinks.unsubscribeUrl(row.outboxId());
    Locale language = new Locale(row.recipient().language());
    RenderedMessage rendered =
        renderer.render(
            variant, row.recipient().model(language, unsubscribe), row.recipient().locale());
    RenderedMessage tracked =
        new RenderedMessage(
            rendered.subject(),
            trackingLinks.rewrite(row.outboxId(), rendered.html()),
            rendered.text());
    String domain =
        returnPaths.domain().orElseGet(() -> MailComposer.domainOf(content.senderAddress()));
    return MailComposer.compose(
        session,
        content,
        to,
        tracked,
        row.messageId(),
        new MailComposer.Marketing(
            unsubscribe,
            unsubscribeMailto(content, unsubscribe),
            MailComposer.listId(content.campaignId(), domain),
            returnPaths.address(row.outboxId()).orElse(null)));
  }

  /** The List-Unsubscribe mailto: the configured address (or unsubscribe@ the sender's domain). */
  String unsubscribeMailto(MailingContent content, String unsubscribeUrl) {
    String address =
        unsubscribeMailto
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .orElse("unsubscribe@" + MailComposer.domainOf(content.senderAddress()));
    String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
    return address + "?subject=unsubscribe%20" + token;
  }
}
