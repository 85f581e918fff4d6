package org.erpcampaigns.mailings.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.erpcampaigns.mailings.entity.MailTemplate;
import org.erpcampaigns.mailings.entity.TemplateVariant;

/** A template as the editor and the API hold it before it is saved (JSON-bindable). */
public class TemplateDraft implements Serializable {
  private static final long serialVersionUID = 1L;

  public Long id;
  public String name;
  public Long campaignId;
  public String senderName;
  public String senderAddress;
  public String replyTo;
  public String defaultLanguage = "en";
  public List<Variant> variants = new ArrayList<>();

  /** One language of the draft. */
  public static class Variant implements Serializable {
    private static final long serialVersionUID = 1L;

    public String language;
    public String subject;
    public String html;
    public String text;

    public Variant() {}

    public Variant(String language, String subject, String html, String text) {
      this.language = language;
      this.subject = subject;
      this.html = html;
      this.text = text;
    }

    public String getLanguage() {
      return language;
    }

    public String getSubject() {
      return subject;
    }

    public void setSubject(String subject) {
      this.subject = subject;
    }

    public String getHtml() {
      return html;
    }

    public void setHtml(String html) {
      this.html = html;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }

  public static TemplateDraft of(MailTemplate t) {
    TemplateDraft d = new TemplateDraft();
    d.id = t.getId();
    d.name = t.getName();
    d.campaignId = t.getCampaignId();
    d.senderName = t.getSenderName();
    d.senderAddress = t.getSenderAddress();
    d.replyTo = t.getReplyTo();
    d.defaultLanguage = t.getDefaultLanguage();
    for (TemplateVariant v : t.getVariants()) {
      d.variants.add(
          new Variant(v.getLanguage(), v.getSubject(), v.getHtmlBody(), v.getTextBody()));
    }
    return d;
  }

  public Variant variant(String language) {
    return variants.stream().filter(v -> language.equals(v.language)).findFirst().orElse(null);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getCampaignId() {
    return campaignId;
  }

  public void setCampaignId(Long campaignId) {
    this.campaignId = campaignId;
  }

  public String getSenderName() {
    return senderName;
  }

  public void setSenderName(String senderName) {
    this.senderName = senderName;
  }

  public String getSenderAddress() {
    return senderAddress;
  }

  public void setSenderAddress(String senderAddress) {
    this.senderAddress = senderAddress;
  }

  public String getReplyTo() {
    return replyTo;
  }

  public void setReplyTo(String replyTo) {
    this.replyTo = replyTo;
  }

  public String getDefaultLanguage() {
    return defaultLanguage;
  }

  public void setDefaultLanguage(String defaultLanguage) {
    this.defaultLanguage = defaultLanguage;
  }

  public List<Variant> getVariants() {
    return variants;
  }

  public Long getId() {
    return id;
  }
}
