package org.erpcampaigns.audiences.entity;

import java.util.List;
import java.util.Objects;

/**
 * Nodes joined by AND or OR, optionally negated (NOT). With {@code contactPersons} the group is
 * evaluated on organisations and stands for their contact persons (B2B: "the people at
 * organisations matching X").
 */
public record CriteriaGroup(
    Logic logic, boolean negated, boolean contactPersons, List<Criterion> children)
    implements Criterion {

  public enum Logic {
    AND,
    OR
  }

  public CriteriaGroup {
    Objects.requireNonNull(logic, "logic");
    children = List.copyOf(children);
  }

  public static CriteriaGroup all(Criterion... children) {
    return new CriteriaGroup(Logic.AND, false, false, List.of(children));
  }

  public static CriteriaGroup any(Criterion... children) {
    return new CriteriaGroup(Logic.OR, false, false, List.of(children));
  }

  public CriteriaGroup negate() {
    return new CriteriaGroup(logic, !negated, contactPersons, children);
  }

  public CriteriaGroup ofContactPersons() {
    return new CriteriaGroup(logic, negated, true, children);
  }
}
