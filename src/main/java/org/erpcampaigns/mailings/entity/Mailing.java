package org.erpcampaigns.mailings.entity;

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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * One send of a template to a distribution list for a campaign: now or at a time (kept in UTC with
 * the zone the user chose it in), with an optional throttle of its own. State moves are guarded
 * here; the outbox rows carry the per-recipient truth.
 */
@Entity
@Table(name = "CM_MAILING")
public class Mailing {
  public static final int MAX_THROTTLE = 100_000;

  @Id
  @SequenceGenerator(name = "mailingSeq", sequenceName = "CM_MAILING_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailingSeq")
  private Long id;

  @Column(name = "TEMPLATE_ID", nullable = false)
  private long templateId;

  @Column(name = "CAMPAIGN_ID", nullable = false)
  private long campaignId;

  @Column(name = "LIST_ID", nullable = false)
  private long listId;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATE", nullable = false)
  private MailingState state;

  @Column(name = "SEND_AT", nullable = false)
  private LocalDateTime sendAt;

  @Column(name = "TIME_ZONE", nullable = false)
  private String timeZone;

  @Column(name = "THROTTLE_PER_SECOND")
  private Integer throttlePerSecond;

  @Column(name = "RECIPIENTS", nullable = false)
  private long recipients;

  @Column(name = "SKIPPED", nullable = false)
  private long skipped;

  @Column(name = "CREATED_BY", nullable = false)
  private String createdBy;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "STARTED_AT")
  private LocalDateTime startedAt;

  @Column(name = "FINISHED_AT")
  private LocalDateTime finishedAt;

  @Version private int version;

  protected Mailing() {}

  /**
   * A mailing that starts at {@code sendAt} in {@code zone} (now when null or past).
   *
   * @param nowUtc the current UTC time
   */
  public Mailing(
      long templateId,
      long campaignId,
      long listId,
      LocalDateTime sendAt,
      ZoneId zone,
      Integer throttlePerSecond,
      String createdBy,
      LocalDateTime nowUtc) {
    if (throttlePerSecond != null && (throttlePerSecond < 1 || throttlePerSecond > MAX_THROTTLE)) {
      throw new MailingRefused("mailing.error.throttle", MAX_THROTTLE);
    }
    if (campaignId <= 0) {
      throw new MailingRefused("mailing.error.campaignRequired");
    }
    this.templateId = templateId;
    this.campaignId = campaignId;
    this.listId = listId;
    this.timeZone = zone.getId();
    LocalDateTime utc =
        sendAt == null
            ? nowUtc
            : ZonedDateTime.of(sendAt, zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    this.sendAt = utc.isBefore(nowUtc) ? nowUtc : utc;
    this.throttlePerSecond = throttlePerSecond;
    this.state = MailingState.SCHEDULED;
    this.createdBy = createdBy;
    this.createdAt = nowUtc;
  }

  /** Recipients are in the outbox: sending begins. */
  public void start(long recipients, long skipped, LocalDateTime nowUtc) {
    if (state != MailingState.SCHEDULED) {
      throw new MailingRefused("mailing.error.state", state);
    }
    this.recipients = recipients;
    this.skipped = skipped;
    this.startedAt = nowUtc;
    this.state = recipients == 0 ? MailingState.COMPLETED : MailingState.SENDING;
    if (recipients == 0) {
      finishedAt = nowUtc;
    }
  }

  public void pause() {
    if (state != MailingState.SENDING && state != MailingState.SCHEDULED) {
      throw new MailingRefused("mailing.error.state", state);
    }
    state = MailingState.PAUSED;
  }

  /** Back to sending, or to waiting when it was paused before its send time. */
  public void resume() {
    if (state != MailingState.PAUSED) {
      throw new MailingRefused("mailing.error.state", state);
    }
    state = startedAt == null ? MailingState.SCHEDULED : MailingState.SENDING;
  }

  public void cancel(LocalDateTime nowUtc) {
    if (state.isFinished()) {
      throw new MailingRefused("mailing.error.state", state);
    }
    state = MailingState.CANCELLED;
    finishedAt = nowUtc;
  }

  public void changeThrottle(Integer perSecond) {
    if (perSecond != null && (perSecond < 1 || perSecond > MAX_THROTTLE)) {
      throw new MailingRefused("mailing.error.throttle", MAX_THROTTLE);
    }
    throttlePerSecond = perSecond;
  }

  /** The send time in the zone the user chose. */
  public ZonedDateTime getSendAtZoned() {
    return sendAt.atOffset(ZoneOffset.UTC).atZoneSameInstant(ZoneId.of(timeZone));
  }

  public Long getId() {
    return id;
  }

  public long getTemplateId() {
    return templateId;
  }

  public long getCampaignId() {
    return campaignId;
  }

  public long getListId() {
    return listId;
  }

  public MailingState getState() {
    return state;
  }

  public LocalDateTime getSendAt() {
    return sendAt;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public Integer getThrottlePerSecond() {
    return throttlePerSecond;
  }

  public long getRecipients() {
    return recipients;
  }

  public long getSkipped() {
    return skipped;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getStartedAt() {
    return startedAt;
  }

  public LocalDateTime getFinishedAt() {
    return finishedAt;
  }
}
