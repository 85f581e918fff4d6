package org.erpcampaigns.workflows.entity;

import org.erpcampaigns.platform.control.RuleException;

/**
 * A workflow rule that a request breaks (a definition that cannot run, a move the workflow's status
 * does not allow, an unknown workflow), as a message key and its arguments: the designer and the
 * REST API show the same sentence in the user's language. Nothing is changed when it is thrown.
 */
public class WorkflowRuleException extends RuleException {
  private static final long serialVersionUID = 1L;

  public WorkflowRuleException(Kind kind, String key, Object... args) {
    super(kind, key, args);
  }

  public static WorkflowRuleException invalid(String key, Object... args) {
    return new WorkflowRuleException(Kind.INVALID, key, args);
  }

  public static WorkflowRuleException conflict(String key, Object... args) {
    return new WorkflowRuleException(Kind.CONFLICT, key, args);
  }

  public static WorkflowRuleException notFound(String key, Object... args) {
    return new WorkflowRuleException(Kind.NOT_FOUND, key, args);
  }
}
