package org.erpcampaigns.workflows.entity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One step of a state: what it does ({@link #kind}) and the settings that kind reads; the others
 * are null. {@code key} names the step for good (with the contact, it is the idempotency key of
 * what it does, in every version of the workflow: an email step of the same key and template shares
 * one mailing across versions, a task one row per enrolment and key), so it is unique in the
 * workflow.
 *
 * @param until a WAIT's end, in UTC, instead of {@code amount} and {@code unit}
 * @param then the state a WAIT_FOR's event leads to within its period
 * @param otherwise the state a WAIT_FOR leads to when the period ends without the event
 * @param cost a RECORD_COST's amount, in the campaign's currency
 * @param perContact whether a RECORD_COST counts once per contact (else once for the step)
 * @param target a MOVE's state
 * @param outcome an END's outcome (CONVERTED, NOT_INTERESTED, UNREACHABLE, COMPLETED)
 * @param steps a GROUP's actions, which run simultaneously
 * @param window a SEND_EMAIL's or WAIT's own send window, instead of the workflow's
 * @param anyTime whether a SEND_EMAIL sends when it comes due, whatever the send window says
 * @param untilWindow whether a WAIT goes on until the send window opens (after its period or date,
 *     if it has one)
 * @param segmentId an IF_SEGMENT's segment: its matching contacts go to {@code then}, the others to
 *     {@code otherwise}
 * @param crm what an UPDATE_CRM step records about each contact
 * @param notice whom a NOTIFY step mails about the contacts that reached it
 */
public record Step(
    String key,
    StepKind kind,
    String name,
    Long templateId,
    Integer amount,
    TimeUnit unit,
    LocalDateTime until,
    ConditionEvent event,
    String then,
    String otherwise,
    String taskKind,
    String title,
    String assignee,
    Integer dueInDays,
    BigDecimal cost,
    Boolean perContact,
    Long listId,
    String target,
    String outcome,
    List<Branch> branches,
    List<Step> steps,
    SendWindow window,
    Boolean anyTime,
    Boolean untilWindow,
    Long segmentId,
    CrmUpdate crm,
    Notice notice) {

  /** The outcomes a contact can leave a workflow with. */
  public static final List<String> OUTCOMES =
      List.of("CONVERTED", "NOT_INTERESTED", "UNREACHABLE", "COMPLETED");

  /** The kinds of interaction a TASK step creates. */
  public static final List<String> TASK_KINDS = List.of("CALL", "MEETING", "TASK", "NOTE");

  /** One way out of a SPLIT: a share of the contacts, in percent, and its state. */
  public record Branch(int percent, String state) {}

  /**
   * What an UPDATE_CRM step records about each contact that reaches it; each part is optional, at
   * least one is set. A role, a classification and a communication event go into the ERP when
   * {@code campaigns.erp.write} and the mapping allow it, else into the product's own table; a tag
   * (a status of our own, e.g. NO_ANSWER) always into the product's.
   *
   * @param roleTypeId an ERP role type to give the contact (OFBiz ROLE_TYPE_ID)
   * @param classificationGroupId an ERP classification group to put the contact in
   * @param tag a tag of our own
   * @param communication whether to record a communication event (a note) with {@code subject} and
   *     {@code note}
   */
  public record CrmUpdate(
      String roleTypeId,
      String classificationGroupId,
      String tag,
      Boolean communication,
      String subject,
      String note) {
    public CrmUpdate {
      communication = Boolean.TRUE.equals(communication);
    }

    /** Whether it records anything at all. */
    public boolean isEmpty() {
      return roleTypeId == null && classificationGroupId == null && tag == null && !communication;
    }
  }

  /**
   * Whom a NOTIFY step tells which contacts reached it: one mail per step and batch, not one per
   * contact.
   *
   * @param recipient an email address, or a user name; null: the workflow's owner
   * @param subject the mail's subject; null: a standard one
   */
  public record Notice(String recipient, String subject) {}

  public Step {
    perContact = Boolean.TRUE.equals(perContact);
    branches = branches == null ? List.of() : List.copyOf(branches);
    steps = steps == null ? List.of() : List.copyOf(steps);
    anyTime = Boolean.TRUE.equals(anyTime);
    untilWindow = Boolean.TRUE.equals(untilWindow);
  }

  /** A step without a segment, CRM update or notice settings. */
  public Step(
      String key,
      StepKind kind,
      String name,
      Long templateId,
      Integer amount,
      TimeUnit unit,
      LocalDateTime until,
      ConditionEvent event,
      String then,
      String otherwise,
      String taskKind,
      String title,
      String assignee,
      Integer dueInDays,
      BigDecimal cost,
      Boolean perContact,
      Long listId,
      String target,
      String outcome,
      List<Branch> branches,
      List<Step> steps,
      SendWindow window,
      Boolean anyTime,
      Boolean untilWindow) {
    this(
        key,
        kind,
        name,
        templateId,
        amount,
        unit,
        until,
        event,
        then,
        otherwise,
        taskKind,
        title,
        assignee,
        dueInDays,
        cost,
        perContact,
        listId,
        target,
        outcome,
        branches,
        steps,
        window,
        anyTime,
        untilWindow,
        null,
        null,
        null);
  }

  /** A step without send window settings of its own. */
  public Step(
      String key,
      StepKind kind,
      String name,
      Long templateId,
      Integer amount,
      TimeUnit unit,
      LocalDateTime until,
      ConditionEvent event,
      String then,
      String otherwise,
      String taskKind,
      String title,
      String assignee,
      Integer dueInDays,
      BigDecimal cost,
      Boolean perContact,
      Long listId,
      String target,
      String outcome,
      List<Branch> branches,
      List<Step> steps) {
    this(
        key,
        kind,
        name,
        templateId,
        amount,
        unit,
        until,
        event,
        then,
        otherwise,
        taskKind,
        title,
        assignee,
        dueInDays,
        cost,
        perContact,
        listId,
        target,
        outcome,
        branches,
        steps,
        null,
        null,
        null);
  }

  /**
   * The send window this step keeps to in a workflow with {@code workflowWindow}: none for an email
   * step that sends at any time, else its own or the workflow's; a group keeps to its first email's
   * (its actions happen together).
   */
  public SendWindow windowIn(SendWindow workflowWindow) {
    return switch (kind) {
      case SEND_EMAIL -> anyTime ? null : window != null ? window : workflowWindow;
      case WAIT -> window != null ? window : workflowWindow;
      case GROUP ->
          steps.stream()
              .filter(s -> s.kind() == StepKind.SEND_EMAIL)
              .map(s -> s.windowIn(workflowWindow))
              .filter(w -> w != null)
              .findFirst()
              .orElse(null);
      default -> null;
    };
  }

  /** A WAIT's or WAIT_FOR's period; null when it has none. */
  public Duration period() {
    return amount == null || unit == null ? null : unit.of(amount);
  }

  /** The states this step can lead to. */
  public List<String> leadsTo() {
    return switch (kind) {
      case WAIT_FOR, IF_SEGMENT -> nonNull(then, otherwise);
      case MOVE -> nonNull(target);
      case SPLIT -> branches.stream().map(Branch::state).filter(s -> s != null).toList();
      default -> List.of();
    };
  }

  private static List<String> nonNull(String... states) {
    return java.util.Arrays.stream(states).filter(s -> s != null).toList();
  }

  /** A step of this kind with only its key set: the designer's empty step. */
  public static Step of(String key, StepKind kind) {
    return new Step(
        key, kind, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  /** This step with an UPDATE_CRM's settings. */
  public Step withCrm(CrmUpdate update) {
    return with(update, notice);
  }

  /** This step with a NOTIFY's settings. */
  public Step withNotice(Notice n) {
    return with(crm, n);
  }

  private Step with(CrmUpdate crm, Notice notice) {
    return new Step(
        key,
        kind,
        name,
        templateId,
        amount,
        unit,
        until,
        event,
        then,
        otherwise,
        taskKind,
        title,
        assignee,
        dueInDays,
        cost,
        perContact,
        listId,
        target,
        outcome,
        branches,
        steps,
        window,
        anyTime,
        untilWindow,
        segmentId,
        crm,
        notice);
  }
}
