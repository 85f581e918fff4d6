package org.erpcampaigns.audiences.entity;

/** A node of a segment's criteria: a condition on one field, or a group of nodes. */
public sealed interface Criterion permits Condition, CriteriaGroup {

  default CriteriaGroup and(Criterion other) {
    return CriteriaGroup.all(this, other);
  }

  default CriteriaGroup or(Criterion other) {
    return CriteriaGroup.any(this, other);
  }
}
