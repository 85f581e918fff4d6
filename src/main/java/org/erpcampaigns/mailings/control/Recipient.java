package org.erpcampaigns.mailings.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.erpcampaigns.contacts.control.Countries;

/**
 * What a template may say about its recipient: the contact's fields from the ERP (through the
 * contact index) and a summary of their purchases. Missing values are left out of the model, so
 * {@code {{ contact.firstName | default("customer") }}} fills them in.
 */
public record Recipient(
    String contactId,
    String email,
    String salutation,
    String firstName,
    String lastName,
    String name,
    String organisation,
    String city,
    String countryCode,
    LocalDate lastOrderDate,
    BigDecimal totalSpent,
    String currency,
    long orders) {

  /** The language the recipient reads: from their country, as ERPs rarely store one. */
  public String language() {
    return ContactLanguage.ofCountry(countryCode);
  }

  /** Formats dates, numbers and amounts: the recipient's language in their country. */
  public Locale locale() {
    String alpha2 = ContactLanguage.alpha2(countryCode);
    return alpha2 == null ? new Locale(language()) : new Locale(language(), alpha2);
  }

  /** The template model: {@code contact.*} plus the message's own links. */
  public Map<String, Object> model(Locale language, String unsubscribeUrl) {
    Map<String, Object> contact = new HashMap<>();
    put(contact, "id", contactId);
    put(contact, "email", email);
    put(contact, "salutation", salutation);
    put(contact, "firstName", firstName);
    put(contact, "lastName", lastName);
    put(contact, "name", name);
    put(contact, "organisation", organisation);
    put(contact, "city", city);
    put(contact, "countryCode", countryCode);
    if (countryCode != null && !countryCode.isBlank()) {
      contact.put("country", Countries.name(countryCode, language));
    }
    put(contact, "lastOrderDate", lastOrderDate);
    put(contact, "totalSpent", totalSpent);
    put(contact, "currency", currency);
    contact.put("orders", orders);
    Map<String, Object> model = new HashMap<>();
    model.put("contact", contact);
    model.put("unsubscribeUrl", unsubscribeUrl);
    model.put("language", language.getLanguage());
    return model;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      m.put(key, value);
    }
  }

  /** A complete example contact: templates are tried on it when they are saved. */
  public static Recipient sample() {
    return new Recipient(
        "SAMPLE",
        "maria.rossi@example.com",
        "Ms",
        "Maria",
        "Rossi",
        "Rossi Maria",
        "Rossi Arredamenti",
        "Milano",
        "ITA",
        LocalDate.of(2026, 3, 14),
        new BigDecimal("1234.50"),
        "EUR",
        3);
  }
}
