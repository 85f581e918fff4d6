package org.erpcampaigns.mailings.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One language of a message: Pebble templates for subject, HTML body and optional text body. */
@Embeddable
public class TemplateVariant {
  public static final int MAX_SUBJECT = 500;
  public static final int MAX_BODY = 200_000;

  @Column(name = "LANGUAGE", nullable = false, length = 8)
  private String language;

  @Column(name = "SUBJECT", nullable = false, length = MAX_SUBJECT)
  private String subject;

  @Column(name = "HTML_BODY", nullable = false, length = MAX_BODY)
  private String htmlBody;

  @Column(name = "TEXT_BODY", length = MAX_BODY)
  private String textBody;

  protected TemplateVariant() {}

  public TemplateVariant(String language, String subject, String htmlBody, String textBody) {
    if (subject == null || subject.isBlank()) {
      throw new MailingRefused("mailing.error.subjectRequired", language);
    }
    if (htmlBody == null || htmlBody.isBlank()) {
      throw new MailingRefused("mailing.error.htmlRequired", language);
    }
    if (subject.length() > MAX_SUBJECT
        || htmlBody.length() > MAX_BODY
        || (textBody != null && textBody.length() > MAX_BODY)) {
      throw new MailingRefused("mailing.error.tooLong", language);
    }
    this.language = Objects.requireNonNull(language);
    this.subject = subject.strip();
    this.htmlBody = htmlBody;
    this.textBody = textBody == null || textBody.isBlank() ? null : textBody;
  }

  public String getLanguage() {
    return language;
  }

  public String getSubject() {
    return subject;
  }

  public String getHtmlBody() {
    return htmlBody;
  }

  /** Null when the text part is generated from the HTML. */
  public String getTextBody() {
    return textBody;
  }
}
