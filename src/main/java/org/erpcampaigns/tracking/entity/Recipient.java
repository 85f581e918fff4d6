package org.erpcampaigns.tracking.entity;

/**
 * The recipient of one message (an outbox row), as the unsubscribe page and the mailbox poller see
 * it.
 */
public record Recipient(
    long outboxId,
    long mailingId,
    long campaignId,
    String partyId,
    String email,
    String messageState,
    boolean suppressed) {

  /** The address as the unsubscribe page shows it: enough to recognise, not to harvest. */
  public String maskedEmail() {
    int at = email.indexOf('@');
    if (at <= 0) {
      return "***";
    }
    String local = email.substring(0, at);
    String shown = local.length() <= 2 ? local.substring(0, 1) : local.substring(0, 2);
    return shown + "***" + email.substring(at);
  }
}
