package org.erpcampaigns.mailings.control;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.platform.control.Messages;

/**
 * A contact's language for choosing a message variant. The ERP's contacts carry a country but no
 * language, so the country's main language among the UI languages is used (Belgium: Dutch,
 * Switzerland: German), English elsewhere.
 */
public final class ContactLanguage {
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();
  private static final Map<String, String> LANGUAGE_OF =
      Map.ofEntries(
          Map.entry("IT", "it"),
          Map.entry("SM", "it"),
          Map.entry("VA", "it"),
          Map.entry("FR", "fr"),
          Map.entry("MC", "fr"),
          Map.entry("LU", "fr"),
          Map.entry("DE", "de"),
          Map.entry("AT", "de"),
          Map.entry("CH", "de"),
          Map.entry("LI", "de"),
          Map.entry("NL", "nl"),
          Map.entry("BE", "nl"));
  private static final Set<String> SUPPORTED =
      Set.copyOf(Messages.LANGUAGES.stream().map(Locale::getLanguage).toList());

  static {
    for (String alpha2 : Locale.getISOCountries()) {
      ALPHA3_TO_ALPHA2.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
  }

  private ContactLanguage() {}

  public static String ofCountry(String countryCode) {
    String alpha2 = alpha2(countryCode);
    return alpha2 == null ? "en" : LANGUAGE_OF.getOrDefault(alpha2, "en");
  }

  /** ISO alpha-2 of an alpha-3 (OFBiz GEO_ID) or alpha-2 code; null when unknown. */
  public static String alpha2(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    return c.length() == 3 ? ALPHA3_TO_ALPHA2.get(c) : c.length() == 2 ? c : null;
  }

  public static boolean isSupported(String language) {
    return language != null && SUPPORTED.contains(language);
  }
}
