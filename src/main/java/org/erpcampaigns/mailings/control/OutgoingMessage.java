package org.erpcampaigns.mailings.control;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.erpcampaigns.mailings.control.OutboxStore.Claimed;
import org.erpcampaigns.mailings.control.OutboxStore.Failure;

/**
 * A claimed row, rendered: its message, recipient and SMTP envelope (when our pipelining connection
 * sends); or, when it cannot go (suppressed, invalid address, not rendered), the outcome to write
 * for it.
 */
record OutgoingMessage(
    Claimed row,
    MimeMessage message,
    InternetAddress to,
    PipelinedSmtpConnection.Envelope envelope,
    Failure unsendable) {

  static OutgoingMessage cannotGo(Claimed row, Failure outcome) {
    return new OutgoingMessage(row, null, null, null, outcome);
  }
}
