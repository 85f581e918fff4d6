package org.erpcampaigns.contacts.control;

import java.util.Locale;
import java.util.Optional;

/** The columns the contact table can be sorted by; anything else is refused, never passed on. */
public enum ContactSort {
  NAME("displayName"),
  ORGANISATION("organisationName"),
  EMAIL("email"),
  CITY("city"),
  COUNTRY("country"),
  ID("id");

  private final String attribute;

  ContactSort(String attribute) {
    this.attribute = attribute;
  }

  public String attribute() {
    return attribute;
  }

  /** Accepts an attribute name ("displayName") or a constant name ("name"), any case. */
  public static Optional<ContactSort> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    for (ContactSort s : values()) {
      if (s.attribute.equalsIgnoreCase(v) || s.name().equals(v.toUpperCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
