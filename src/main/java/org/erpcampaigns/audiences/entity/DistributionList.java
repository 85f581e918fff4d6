package org.erpcampaigns.audiences.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A distribution list: built from a segment (or none: by hand only), refined by additions and
 * exclusions that survive refreshes. Its members are rows of CM_LIST_MEMBER, never held here. A
 * rebuild moves it READY → REFRESHING → READY; one rebuild at a time. A rebuild that started longer
 * than the refresh timeout ago is abandoned (its instance died before it could finish or roll
 * back): a new rebuild may take it over, and the list keeps its previous members meanwhile.
 */
@Entity
@Table(name = "CM_DISTRIBUTION_LIST")
public class DistributionList {

  @Id
  @SequenceGenerator(
      name = "distributionListSeq",
      sequenceName = "CM_DISTRIBUTION_LIST_SEQ",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "distributionListSeq")
  private Long id;

  @Column(name = "NAME", nullable = false, length = Segment.MAX_NAME)
  private String name;

  @Column(name = "DESCRIPTION", length = 1000)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "KIND", nullable = false)
  private ListKind kind;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false)
  private ListStatus status;

  @Column(name = "MEMBER_COUNT", nullable = false)
  private long memberCount;

  @Column(name = "MATCHED_COUNT")
  private Long matchedCount;

  @Column(name = "REFRESH_MS")
  private Long refreshMillis;

  @Column(name = "REFRESHED_AT")
  private LocalDateTime refreshedAt;

  /** When the running rebuild started (UTC); null when READY. */
  @Column(name = "REFRESH_STARTED_AT")
  private LocalDateTime refreshStartedAt;

  @Column(name = "SEGMENT_ID")
  private Long segmentId;

  @Column(name = "CREATED_BY", nullable = false)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Version private int version;

  protected DistributionList() {}

  public DistributionList(
      String name,
      String description,
      ListKind kind,
      Long segmentId,
      String createdBy,
      LocalDateTime at) {
    if (kind == null) {
      throw AudienceException.invalid("audience.error.kind");
    }
    if (kind == ListKind.DYNAMIC && segmentId == null) {
      throw AudienceException.invalid("audience.error.dynamicNeedsSegment");
    }
    this.name = checkedName(name);
    this.description = checkedDescription(description);
    this.kind = kind;
    this.segmentId = segmentId;
    this.status = ListStatus.READY;
    this.createdBy = createdBy;
    this.createdAt = at;
  }

  static String checkedName(String name) {
    if (name == null || name.isBlank()) {
      throw AudienceException.invalid("audience.error.name");
    }
    if (name.strip().length() > Segment.MAX_NAME) {
      throw AudienceException.invalid("audience.error.nameTooLong", Segment.MAX_NAME);
    }
    return name.strip();
  }

  private static String checkedDescription(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    if (description.length() > 1000) {
      throw AudienceException.invalid("audience.error.descriptionTooLong", 1000);
    }
    return description.strip();
  }

  /**
   * Starts a rebuild at {@code now}; refused while another one runs, unless that one is abandoned
   * (started {@code timeout} or longer ago): then it is taken over. Returns whether it was.
   */
  public boolean startRefresh(LocalDateTime now, Duration timeout) {
    boolean abandoned = isRefreshAbandoned(now, timeout);
    if (status == ListStatus.REFRESHING && !abandoned) {
      throw AudienceException.conflict("audience.error.refreshing", name);
    }
    status = ListStatus.REFRESHING;
    refreshStartedAt = now;
    return abandoned;
  }

  public void finishRefresh(long members, Long matched, LocalDateTime at, long millis) {
    if (members < 0) {
      throw new IllegalArgumentException("members < 0");
    }
    status = ListStatus.READY;
    refreshStartedAt = null;
    memberCount = members;
    matchedCount = matched;
    refreshedAt = at;
    refreshMillis = millis;
  }

  /**
   * A rebuild failed, or was abandoned: the list is usable again with its previous members (a
   * rebuild replaces them only when it commits).
   */
  public void abortRefresh() {
    status = ListStatus.READY;
    refreshStartedAt = null;
  }

  /**
   * Refusing work because of a rebuild that started {@code timeout} or longer ago would refuse it
   * forever: such a rebuild belonged to an instance that stopped. A REFRESHING list without a start
   * (marked before the start was recorded) counts as abandoned too.
   */
  public boolean isRefreshAbandoned(LocalDateTime now, Duration timeout) {
    return status == ListStatus.REFRESHING
        && (refreshStartedAt == null || !refreshStartedAt.isAfter(now.minus(timeout)));
  }

  /** A rebuild runs now (started less than {@code timeout} ago). */
  public boolean isRefreshInProgress(LocalDateTime now, Duration timeout) {
    return status == ListStatus.REFRESHING && !isRefreshAbandoned(now, timeout);
  }

  /** Members changed by hand. */
  public void recount(long members) {
    memberCount = members;
  }

  public void rename(String name, String description) {
    this.name = checkedName(name);
    this.description = checkedDescription(description);
  }

  public boolean isRefreshing() {
    return status == ListStatus.REFRESHING;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public ListKind getKind() {
    return kind;
  }

  public ListStatus getStatus() {
    return status;
  }

  public long getMemberCount() {
    return memberCount;
  }

  public Long getMatchedCount() {
    return matchedCount;
  }

  public Long getRefreshMillis() {
    return refreshMillis;
  }

  public LocalDateTime getRefreshedAt() {
    return refreshedAt;
  }

  public LocalDateTime getRefreshStartedAt() {
    return refreshStartedAt;
  }

  public Long getSegmentId() {
    return segmentId;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }
}
