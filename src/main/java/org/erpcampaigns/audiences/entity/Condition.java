package org.erpcampaigns.audiences.entity;

import java.util.List;
import java.util.Objects;

/**
 * One test on a contact: a field, an operator the field allows, the values as the user entered them
 * (parsed and checked when the criteria are compiled) and, for purchase history, a period.
 */
public record Condition(Field field, Operator operator, List<String> values, Period period)
    implements Criterion {

  public Condition {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    values = values == null ? List.of() : List.copyOf(values);
    period = period == null ? Period.ALWAYS : period;
  }

  public static Condition of(Field field, Operator operator, String... values) {
    return new Condition(field, operator, List.of(values), Period.ALWAYS);
  }

  public Condition during(Period period) {
    return new Condition(field, operator, values, period);
  }
}
