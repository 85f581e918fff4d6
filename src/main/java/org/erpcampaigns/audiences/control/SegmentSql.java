package org.erpcampaigns.audiences.control;

import java.util.List;

/**
 * Compiled criteria: a boolean SQL expression over the contact index aliased {@code c}, and the
 * values of its {@code ?} placeholders in order. User values only ever travel as parameters.
 */
public record SegmentSql(String condition, List<Object> parameters) {
  public SegmentSql {
    parameters = List.copyOf(parameters);
  }

  /** Matches no contact: a list made only by hand. */
  public static final SegmentSql NOTHING = new SegmentSql("1 = 0", List.of());
}
