package org.erpcampaigns.workflows.boundary;

import java.util.List;
import java.util.Locale;
import org.erpcampaigns.platform.control.MessageKey;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.workflows.entity.WorkflowDefinition.Problem;

/** A definition's problems as the designer and the API show them: the sentence and its place. */
public final class WorkflowProblems {
  private WorkflowProblems() {}

  /** A problem's sentence as an argument of another message. */
  public record Label(String key) implements MessageKey {}

  /** One problem, localised: what is wrong, and in which state and step. */
  public record Shown(String key, String state, String step, String message) {}

  public static Shown shown(Problem p, Locale locale) {
    String what =
        p.detail() == null
            ? Messages.get(locale, p.key())
            : Messages.get(locale, p.key(), p.detail());
    String where =
        p.state() == null
            ? ""
            : p.step() == null
                ? Messages.get(locale, "workflow.place.state", p.state())
                : Messages.get(locale, "workflow.place.step", p.state(), p.step());
    return new Shown(p.key(), p.state(), p.step(), where.isEmpty() ? what : where + ": " + what);
  }

  public static List<Shown> shown(List<Problem> problems, Locale locale) {
    return problems.stream().map(p -> shown(p, locale)).toList();
  }
}
