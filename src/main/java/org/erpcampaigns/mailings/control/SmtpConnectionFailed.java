package org.erpcampaigns.mailings.control;

import jakarta.mail.MessagingException;

/**
 * The SMTP connection could not be set up (refused greeting, TLS not offered or failed, login
 * refused): a failure of the relay or of its configuration, never of the message or its recipient,
 * whatever the reply code. {@link SmtpOutcome} reads it as a connection failure, so the message is
 * retried later instead of being recorded as a bounce.
 */
public class SmtpConnectionFailed extends MessagingException {
  private static final long serialVersionUID = 1L;

  public SmtpConnectionFailed(String text) {
    super(text);
  }

  public SmtpConnectionFailed(String text, Exception cause) {
    super(text, cause);
  }
}
