package org.erpcampaigns.audiences.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/** Saved criteria with a name, stored as JSON (see CriteriaJson), that lists are built from. */
@Entity
@Table(name = "CM_SEGMENT")
public class Segment {
  public static final int MAX_NAME = 120;

  @Id
  @SequenceGenerator(name = "segmentSeq", sequenceName = "CM_SEGMENT_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "segmentSeq")
  private Long id;

  @Column(name = "NAME", nullable = false, length = MAX_NAME)
  private String name;

  @Column(name = "CRITERIA", nullable = false, length = 30000)
  private String criteria;

  @Column(name = "CREATED_BY", nullable = false)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "UPDATED_AT", nullable = false)
  private LocalDateTime updatedAt;

  @Version private int version;

  protected Segment() {}

  public Segment(String name, String criteriaJson, String createdBy, LocalDateTime at) {
    this.name = DistributionList.checkedName(name);
    this.criteria = checkedCriteria(criteriaJson);
    this.createdBy = createdBy;
    this.createdAt = at;
    this.updatedAt = at;
  }

  public void redefine(String name, String criteriaJson, LocalDateTime at) {
    this.name = DistributionList.checkedName(name);
    this.criteria = checkedCriteria(criteriaJson);
    this.updatedAt = at;
  }

  private static String checkedCriteria(String json) {
    if (json == null || json.isBlank()) {
      throw AudienceException.invalid("audience.error.emptyGroup");
    }
    return json;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getCriteria() {
    return criteria;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }
}
