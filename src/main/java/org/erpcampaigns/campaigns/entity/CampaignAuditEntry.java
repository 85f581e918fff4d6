package org.erpcampaigns.campaigns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;

/** One line of a campaign's history: who changed what, and when. Never changed afterwards. */
@Entity
@Table(name = "CM_CAMPAIGN_AUDIT")
public class CampaignAuditEntry {
  /** What kind of change it was. */
  public enum Action {
    CREATED,
    UPDATED,
    STATUS,
    BUDGET,
    COST_ADDED,
    COST_CHANGED,
    COST_REMOVED,
    DELETED
  }

  @Id
  @SequenceGenerator(
      name = "campaignAuditSeq",
      sequenceName = "CM_CAMPAIGN_AUDIT_SEQ",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "campaignAuditSeq")
  private Long id;

  @Column(name = "CAMPAIGN_ID", nullable = false)
  private long campaignId;

  @Column(name = "CHANGED_AT", nullable = false)
  private LocalDateTime changedAt;

  @Column(name = "CHANGED_BY", nullable = false, length = 60)
  private String changedBy;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  @Column(name = "ACTION", nullable = false)
  private Action action;

  @Column(name = "DETAIL", length = 2000)
  private String detail;

  protected CampaignAuditEntry() {}

  public CampaignAuditEntry(
      long campaignId, Action action, String detail, String by, LocalDateTime at) {
    this.campaignId = campaignId;
    this.action = Objects.requireNonNull(action);
    this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    this.changedBy = Objects.requireNonNull(by);
    this.changedAt = Objects.requireNonNull(at);
  }

  public Long getId() {
    return id;
  }

  public long getCampaignId() {
    return campaignId;
  }

  public LocalDateTime getChangedAt() {
    return changedAt;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public Action getAction() {
    return action;
  }

  public String getDetail() {
    return detail;
  }
}
