package org.erpcampaigns.tracking.entity;

/**
 * The mail server or provider that wrote an inbound report, as recognised from its format; {@link
 * #OTHER} for a standard report or a plain-text bounce of a server not in the table.
 */
public enum MailServer {
  POSTFIX,
  EXIM,
  SENDMAIL,
  QMAIL,
  OPENSMTPD,
  EXCHANGE_2003,
  EXCHANGE_2007,
  OFFICE_365,
  GMAIL,
  GMAIL_LEGACY,
  YAHOO,
  ICLOUD,
  GMX,
  MAIL_RU,
  ZOHO,
  AMAZON_SES,
  AMAZON_WORKMAIL,
  MCAFEE,
  BARRACUDA,
  OTHER
}
