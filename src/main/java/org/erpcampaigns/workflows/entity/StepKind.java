package org.erpcampaigns.workflows.entity;

/**
 * What a step of a state does. Instant steps run and the contact goes on to the next step at once;
 * a wait or a timed condition holds the contact until its due time (or its event); the last four
 * end the state: the contact moves to another state or leaves the workflow.
 */
public enum StepKind {
  /** Sends a template of the mailings capability through the outbox (exactly once per contact). */
  SEND_EMAIL(true),
  /** Holds the contact for a duration, or until a date-time. */
  WAIT(false),
  /** Within a duration, the contact's event leads to one state, its absence to another. */
  WAIT_FOR(false),
  /**
   * An interaction for a person to do: call, meeting, task or note, with an assignee and a due
   * date.
   */
  TASK(true),
  /** A cost on the campaign: fixed once, or per contact. */
  RECORD_COST(true),
  /** Adds the contact to a distribution list. */
  ADD_TO_LIST(true),
  /** Removes the contact from a distribution list (excluded, so a refresh keeps it out). */
  REMOVE_FROM_LIST(true),
  /** Actions run simultaneously: all happen, each once, and the next step follows all of them. */
  GROUP(true),
  /** Moves the contact to another state. */
  MOVE(false),
  /** Splits the contacts at random by percentages (stable per contact) into states. */
  SPLIT(false),
  /** The contact leaves the workflow with an outcome. */
  END(false),
  /**
   * A segment of the audiences capability decides at once: the contacts who match it now go to one
   * state, the others to another.
   */
  IF_SEGMENT(false),
  /**
   * Records something about the contact in the CRM: a role, a classification, a tag, a
   * communication event (in the ERP where allowed, else in the product's own table).
   */
  UPDATE_CRM(true),
  /** Mails the workflow's owner (or a chosen user or address) which contacts reached this step. */
  NOTIFY(true);

  private final boolean instant;

  StepKind(boolean instant) {
    this.instant = instant;
  }

  /** Runs and goes on to the next step in the same moment. */
  public boolean isInstant() {
    return instant;
  }

  /** Leaves the state: nothing after it in the state can run. */
  public boolean endsState() {
    return this == MOVE || this == SPLIT || this == END || this == WAIT_FOR || this == IF_SEGMENT;
  }
}
