package org.erpcampaigns.contacts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A contact's objection to marketing, recorded in erp-campaigns in addition to the ERP's own
 * consent flag. Never deleted: withdrawing it keeps who recorded and who withdrew it, and when.
 */
@Entity
@Table(name = "CM_CONTACT_OPT_OUT")
@NamedQuery(
    name = ContactOptOut.ACTIVE_FOR,
    query =
        "SELECT o FROM ContactOptOut o WHERE o.contactId IN :contactIds AND o.withdrawnAt IS NULL")
public class ContactOptOut {
  public static final String ACTIVE_FOR = "ContactOptOut.activeFor";

  @Id
  @SequenceGenerator(
      name = "optOutSeq",
      sequenceName = "CM_CONTACT_OPT_OUT_SEQ",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "optOutSeq")
  private Long id;

  @Column(name = "PARTY_ID", nullable = false, length = 20)
  private String contactId;

  @Column(name = "REASON")
  private String reason;

  @Column(name = "RECORDED_BY", nullable = false)
  private String recordedBy;

  @Column(name = "RECORDED_AT", nullable = false)
  private LocalDateTime recordedAt;

  @Column(name = "WITHDRAWN_BY")
  private String withdrawnBy;

  @Column(name = "WITHDRAWN_AT")
  private LocalDateTime withdrawnAt;

  @Version private int version;

  protected ContactOptOut() {}

  public ContactOptOut(String contactId, String reason, String recordedBy, LocalDateTime at) {
    this.contactId = Objects.requireNonNull(contactId);
    this.reason = reason == null || reason.isBlank() ? null : reason.strip();
    this.recordedBy = Objects.requireNonNull(recordedBy);
    this.recordedAt = Objects.requireNonNull(at);
  }

  /** The contact agrees to marketing again; the record stays as history. */
  public void withdraw(String by, LocalDateTime at) {
    if (withdrawnAt != null) {
      throw new IllegalStateException("opt-out " + id + " is already withdrawn");
    }
    this.withdrawnBy = Objects.requireNonNull(by);
    this.withdrawnAt = Objects.requireNonNull(at);
  }

  public boolean isActive() {
    return withdrawnAt == null;
  }

  public Long getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public String getReason() {
    return reason;
  }

  public String getRecordedBy() {
    return recordedBy;
  }

  public LocalDateTime getRecordedAt() {
    return recordedAt;
  }

  public String getWithdrawnBy() {
    return withdrawnBy;
  }

  public LocalDateTime getWithdrawnAt() {
    return withdrawnAt;
  }
}
