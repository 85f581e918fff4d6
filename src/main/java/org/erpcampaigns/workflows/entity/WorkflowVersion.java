package org.erpcampaigns.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A published definition of a workflow: never changed; enrolled contacts point at one. */
@Entity
@Table(name = "CM_WORKFLOW_VERSION")
@NamedQuery(
    name = WorkflowVersion.OF_WORKFLOW,
    query = "SELECT v FROM WorkflowVersion v WHERE v.workflowId = :workflow ORDER BY v.number DESC")
public class WorkflowVersion {
  public static final String OF_WORKFLOW = "WorkflowVersion.ofWorkflow";

  @Id
  @SequenceGenerator(
      name = "workflowVersionSeq",
      sequenceName = "CM_WORKFLOW_VERSION_SEQ",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workflowVersionSeq")
  private Long id;

  @Column(name = "WORKFLOW_ID", nullable = false)
  private long workflowId;

  @Column(name = "NUMBER", nullable = false)
  private int number;

  @Column(name = "DEFINITION", nullable = false, length = 200000)
  private String definition;

  @Column(name = "PUBLISHED_BY", nullable = false, length = 60)
  private String publishedBy;

  @Column(name = "PUBLISHED_AT", nullable = false)
  private LocalDateTime publishedAt;

  protected WorkflowVersion() {}

  public WorkflowVersion(
      long workflowId, int number, WorkflowDefinition definition, String by, LocalDateTime at) {
    this.workflowId = workflowId;
    this.number = number;
    this.definition = definition.toJson().toString();
    this.publishedBy = by;
    this.publishedAt = at;
  }

  public WorkflowDefinition definition() {
    return WorkflowDefinition.parse(definition);
  }

  public Long getId() {
    return id;
  }

  public long getWorkflowId() {
    return workflowId;
  }

  public int getNumber() {
    return number;
  }

  public String getPublishedBy() {
    return publishedBy;
  }

  public LocalDateTime getPublishedAt() {
    return publishedAt;
  }
}
