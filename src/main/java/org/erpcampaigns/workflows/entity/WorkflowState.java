package org.erpcampaigns.workflows.entity;

import java.util.List;

/**
 * A state of a workflow ("Preparation", "Email send", "Follow-up", ...): its steps run in order
 * when a contact enters it; the last one leads the contact to another state or out of the workflow.
 */
public record WorkflowState(String key, String name, List<Step> steps) {
  public WorkflowState {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Whether a contact stays in this state for a while (a wait or a timed condition). */
  public boolean waits() {
    return steps.stream().anyMatch(s -> s.kind() == StepKind.WAIT || s.kind() == StepKind.WAIT_FOR);
  }
}
