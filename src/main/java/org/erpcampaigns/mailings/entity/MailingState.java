package org.erpcampaigns.mailings.entity;

/** The states of a mailing (CM_MAILING.STATE). */
public enum MailingState {
  /** Waits for its send time; its recipients are prepared then. */
  SCHEDULED,
  SENDING,
  PAUSED,
  CANCELLED,
  COMPLETED;

  public boolean isFinished() {
    return this == CANCELLED || this == COMPLETED;
  }
}
