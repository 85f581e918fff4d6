package org.erpcampaigns.contacts.control;

import org.erpcampaigns.contacts.entity.ContactType;

/**
 * What a marketer narrows the contact table by. Text fields match case-insensitively anywhere in
 * the value; blank means "any". Values are only ever bound as parameters.
 */
public record ContactFilter(
    String name,
    String organisation,
    String email,
    String city,
    String country,
    String role,
    ContactType type,
    Solicitation solicitation) {

  /** The consent a contact is filtered by. */
  public enum Solicitation {
    /** The ERP allows it and nobody recorded an opt-out here. */
    ALLOWED,
    /** The ERP refuses it, or an opt-out is recorded here. */
    REFUSED,
    /** The ERP does not say, and no opt-out is recorded. */
    UNKNOWN
  }

  public static ContactFilter none() {
    return new ContactFilter(null, null, null, null, null, null, null, null);
  }

  public ContactFilter withCountry(String value) {
    return new ContactFilter(name, organisation, email, city, value, role, type, solicitation);
  }

  public ContactFilter withName(String value) {
    return new ContactFilter(value, organisation, email, city, country, role, type, solicitation);
  }
}
