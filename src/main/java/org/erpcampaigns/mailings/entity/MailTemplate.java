package org.erpcampaigns.mailings.entity;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A message a campaign sends: who sends it, where replies go, and its language variants. A contact
 * reads the variant of their language, else the default language's.
 */
@Entity
@Table(name = "CM_MAIL_TEMPLATE")
public class MailTemplate {
  @Id
  @SequenceGenerator(
      name = "mailTemplateSeq",
      sequenceName = "CM_MAIL_TEMPLATE_SEQ",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailTemplateSeq")
  private Long id;

  @Column(name = "NAME", nullable = false, length = 120)
  private String name;

  @Column(name = "CAMPAIGN_ID")
  private Long campaignId;

  @Column(name = "SENDER_NAME", nullable = false, length = 120)
  private String senderName;

  @Column(name = "SENDER_ADDRESS", nullable = false)
  private String senderAddress;

  @Column(name = "REPLY_TO")
  private String replyTo;

  @Column(name = "DEFAULT_LANGUAGE", nullable = false, length = 8)
  private String defaultLanguage;

  @Column(name = "CREATED_BY", nullable = false)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "UPDATED_AT", nullable = false)
  private LocalDateTime updatedAt;

  @Version private int version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "CM_MAIL_TEMPLATE_VARIANT",
      joinColumns = @JoinColumn(name = "TEMPLATE_ID"))
  @OrderBy("language")
  private List<TemplateVariant> variants = new ArrayList<>();

  protected MailTemplate() {}

  public MailTemplate(String createdBy, LocalDateTime now) {
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /**
   * Sets everything but the variants. Refuses names with line breaks (they would end up in mail
   * headers), invalid addresses and a default language without a variant.
   */
  public void describe(
      String name,
      Long campaignId,
      String senderName,
      String senderAddress,
      String replyTo,
      String defaultLanguage,
      LocalDateTime now) {
    if (name == null || name.isBlank() || name.length() > 120) {
      throw new MailingRefused("mailing.error.nameRequired");
    }
    if (senderName == null || senderName.isBlank() || senderName.length() > 120) {
      throw new MailingRefused("mailing.error.senderNameRequired");
    }
    refuseLineBreaks(name);
    refuseLineBreaks(senderName);
    this.name = name.strip();
    this.campaignId = campaignId;
    this.senderName = senderName.strip();
    this.senderAddress = address(senderAddress, "mailing.error.senderAddress");
    this.replyTo =
        replyTo == null || replyTo.isBlank() ? null : address(replyTo, "mailing.error.replyTo");
    this.defaultLanguage = defaultLanguage;
    this.updatedAt = now;
  }

  /** Replaces the variants; the default language must be among them. */
  public void replaceVariants(Collection<TemplateVariant> newVariants) {
    if (newVariants.stream().noneMatch(v -> v.getLanguage().equals(defaultLanguage))) {
      throw new MailingRefused("mailing.error.defaultVariantMissing", defaultLanguage);
    }
    variants.clear();
    variants.addAll(newVariants);
  }

  /** The variant a reader of this language gets: theirs, else the default one. */
  public TemplateVariant variantFor(String language) {
    return variant(language).or(() -> variant(defaultLanguage)).orElseThrow();
  }

  public Optional<TemplateVariant> variant(String language) {
    return variants.stream().filter(v -> v.getLanguage().equals(language)).findFirst();
  }

  /** A valid single address, without line breaks; returns it trimmed. */
  public static String address(String value, String errorKey) {
    if (value == null || value.isBlank()) {
      throw new MailingRefused(errorKey, "");
    }
    String a = value.strip();
    if (a.chars().anyMatch(Character::isISOControl)) {
      throw new MailingRefused(errorKey, a.replaceAll("\\p{Cntrl}", " "));
    }
    try {
      InternetAddress parsed = new InternetAddress(a, true);
      parsed.validate();
      if (parsed.getPersonal() != null || !a.equals(parsed.getAddress())) {
        throw new MailingRefused(errorKey, a);
      }
      return parsed.getAddress();
    } catch (AddressException e) {
      throw new MailingRefused(errorKey, a);
    }
  }

  private static void refuseLineBreaks(String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new MailingRefused("mailing.error.lineBreak");
    }
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Long getCampaignId() {
    return campaignId;
  }

  public String getSenderName() {
    return senderName;
  }

  public String getSenderAddress() {
    return senderAddress;
  }

  public String getReplyTo() {
    return replyTo;
  }

  public String getDefaultLanguage() {
    return defaultLanguage;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }

  public int getVersion() {
    return version;
  }

  public List<TemplateVariant> getVariants() {
    return List.copyOf(variants);
  }
}
