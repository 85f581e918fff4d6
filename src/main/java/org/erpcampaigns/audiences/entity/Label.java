package org.erpcampaigns.audiences.entity;

import org.erpcampaigns.platform.control.MessageKey;

/**
 * A message argument that is itself a message key (a field's or operator's name), so it is shown in
 * the reader's language too.
 */
public record Label(String key) implements MessageKey {
  public static Label of(Field field) {
    return new Label("audience.field." + field.name());
  }

  public static Label of(Operator operator) {
    return new Label("audience.operator." + operator.name());
  }
}
