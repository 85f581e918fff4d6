package org.erpcampaigns.tracking.entity;

/**
 * Why a message was not delivered, as the receiving server's text and status say it, and what that
 * means for the address: a {@link Severity#HARD} reason says the address cannot receive mail (it is
 * suppressed), a {@link Severity#SOFT} one that it cannot now (it is suppressed only after repeated
 * soft bounces), a {@link Severity#POLICY} one that the receiver refused our mail for something on
 * the sender's side (authentication, reputation, content): the address is never suppressed, the
 * sender has a problem to fix.
 */
public enum BounceReason {
  USER_UNKNOWN(Severity.HARD),
  NO_SUCH_DOMAIN(Severity.HARD),
  MAILBOX_DISABLED(Severity.HARD),
  /** A permanent failure whose text names no reason. */
  UNDELIVERABLE(Severity.HARD),
  MAILBOX_FULL(Severity.SOFT),
  MESSAGE_TOO_LARGE(Severity.SOFT),
  RATE_LIMITED(Severity.SOFT),
  GREYLISTED(Severity.SOFT),
  /** A delay warning: the server is still trying. */
  DELAYED(Severity.SOFT),
  /** A temporary failure whose text names no reason. */
  TEMPORARY(Severity.SOFT),
  /** SPF, DKIM or DMARC of our mail failed at the receiver. */
  AUTHENTICATION(Severity.POLICY),
  /** The sending IP or domain is blocklisted or has a poor reputation. */
  REPUTATION(Severity.POLICY),
  /** The content was taken for spam, a virus or otherwise refused. */
  CONTENT(Severity.POLICY),
  /** Any other refusal by the receiver's policy (relaying, restricted recipients, ...). */
  POLICY(Severity.POLICY);

  /** What a bounce means for the address. */
  public enum Severity {
    HARD,
    SOFT,
    POLICY
  }

  private final Severity severity;

  BounceReason(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
