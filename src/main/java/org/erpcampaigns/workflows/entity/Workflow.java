package org.erpcampaigns.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A campaign's workflow: its draft definition, the version that runs, the list it enrols, and its
 * status. The allowed moves of the status live here: a draft starts (when a version is published),
 * a running workflow pauses and resumes, anything but a stopped one stops for good.
 */
@Entity
@Table(name = "CM_WORKFLOW")
@NamedQuery(
    name = Workflow.OF_CAMPAIGN,
    query = "SELECT w FROM Workflow w WHERE w.campaignId = :campaign ORDER BY w.id")
@NamedQuery(name = Workflow.ALL, query = "SELECT w FROM Workflow w ORDER BY w.id DESC")
public class Workflow {
  public static final String OF_CAMPAIGN = "Workflow.ofCampaign";
  public static final String ALL = "Workflow.all";

  @Id
  @SequenceGenerator(name = "workflowSeq", sequenceName = "CM_WORKFLOW_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workflowSeq")
  private Long id;

  @Column(name = "CAMPAIGN_ID", nullable = false)
  private long campaignId;

  @Column(name = "NAME", nullable = false, length = 200)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false)
  private WorkflowStatus status;

  @Column(name = "LIST_ID")
  private Long listId;

  @Column(name = "KEEP_ENROLLING", nullable = false)
  private String keepEnrolling = "N";

  /** 'Y': a contact who left enters again when it joins the list again (needs keep-enrolling). */
  @Column(name = "RE_ENTRY", nullable = false)
  private String reEntry = "N";

  @Column(name = "DRAFT_DEFINITION", nullable = false, length = 200000)
  private String draftDefinition;

  @Column(name = "PUBLISHED_VERSION_ID")
  private Long publishedVersionId;

  @Column(name = "CREATED_BY", nullable = false, length = 60)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "UPDATED_AT", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "VERSION")
  private int version;

  protected Workflow() {}

  public Workflow(
      long campaignId,
      String name,
      Long listId,
      boolean keepEnrolling,
      boolean reEntry,
      String by,
      LocalDateTime at) {
    if (reEntry && !keepEnrolling) {
      throw WorkflowRuleException.invalid("workflow.error.reEntryNeedsKeepEnrolling");
    }
    this.campaignId = campaignId;
    rename(name);
    this.listId = listId;
    this.keepEnrolling = keepEnrolling ? "Y" : "N";
    this.reEntry = reEntry ? "Y" : "N";
    this.status = WorkflowStatus.DRAFT;
    this.draftDefinition = "{\"states\":[]}";
    this.createdBy = Objects.requireNonNull(by);
    this.createdAt = at;
    this.updatedAt = at;
  }

  public void rename(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      throw WorkflowRuleException.invalid("workflow.error.name");
    }
    this.name = name.strip();
  }

  /**
   * Keeps the edited definition (checked for form, not for being complete: drafts may be not) and
   * the enrolment settings; re-entry is refused without keep-enrolling, as only the late-joiner
   * scan enrols a contact who joins the list again.
   */
  public void saveDraft(
      WorkflowDefinition definition,
      Long listId,
      boolean keepEnrolling,
      boolean reEntry,
      LocalDateTime at) {
    if (reEntry && !keepEnrolling) {
      throw WorkflowRuleException.invalid("workflow.error.reEntryNeedsKeepEnrolling");
    }
    if (status == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    if (status != WorkflowStatus.DRAFT && !Objects.equals(listId, this.listId)) {
      throw WorkflowRuleException.conflict("workflow.error.listFixed");
    }
    this.draftDefinition = definition.toJson().toString();
    this.listId = listId;
    this.keepEnrolling = keepEnrolling ? "Y" : "N";
    this.reEntry = reEntry ? "Y" : "N";
    this.updatedAt = at;
  }

  /** A version was published from the draft: new contacts start on it. */
  public void published(long versionId, LocalDateTime at) {
    if (status == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.stopped");
    }
    this.publishedVersionId = versionId;
    this.updatedAt = at;
  }

  /** Starts a draft: it needs a published version and a list to enrol. */
  public void start(LocalDateTime at) {
    if (status != WorkflowStatus.DRAFT) {
      throw WorkflowRuleException.conflict("workflow.error.move", status, "START");
    }
    if (publishedVersionId == null) {
      throw WorkflowRuleException.conflict("workflow.error.notPublished");
    }
    if (listId == null) {
      throw WorkflowRuleException.invalid("workflow.error.noList");
    }
    status = WorkflowStatus.ACTIVE;
    updatedAt = at;
  }

  public void pause(LocalDateTime at) {
    if (status != WorkflowStatus.ACTIVE) {
      throw WorkflowRuleException.conflict("workflow.error.move", status, "PAUSE");
    }
    status = WorkflowStatus.PAUSED;
    updatedAt = at;
  }

  public void resume(LocalDateTime at) {
    if (status != WorkflowStatus.PAUSED) {
      throw WorkflowRuleException.conflict("workflow.error.move", status, "RESUME");
    }
    status = WorkflowStatus.ACTIVE;
    updatedAt = at;
  }

  public void stop(LocalDateTime at) {
    if (status == WorkflowStatus.STOPPED) {
      throw WorkflowRuleException.conflict("workflow.error.move", status, "STOP");
    }
    status = WorkflowStatus.STOPPED;
    updatedAt = at;
  }

  /**
   * The status moves this workflow allows now (START, PAUSE, RESUME, STOP), so the screens offer
   * only those: a draft starts once a version is published, a stopped workflow moves no more.
   */
  public List<String> allowedActions() {
    return switch (status) {
      case DRAFT -> publishedVersionId == null ? List.of("STOP") : List.of("START", "STOP");
      case ACTIVE -> List.of("PAUSE", "STOP");
      case PAUSED -> List.of("RESUME", "STOP");
      case STOPPED -> List.of();
    };
  }

  public WorkflowDefinition draft() {
    return WorkflowDefinition.parse(draftDefinition);
  }

  public Long getId() {
    return id;
  }

  public long getCampaignId() {
    return campaignId;
  }

  public String getName() {
    return name;
  }

  public WorkflowStatus getStatus() {
    return status;
  }

  public Long getListId() {
    return listId;
  }

  public boolean isKeepEnrolling() {
    return "Y".equals(keepEnrolling);
  }

  public boolean isReEntry() {
    return "Y".equals(reEntry);
  }

  public String getDraftDefinition() {
    return draftDefinition;
  }

  public Long getPublishedVersionId() {
    return publishedVersionId;
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

  public int getVersion() {
    return version;
  }
}
