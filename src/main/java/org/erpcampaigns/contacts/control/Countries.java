package org.erpcampaigns.contacts.control;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Country names in the user's language for the codes ERPs store: ISO alpha-3 (OFBiz GEO_IDs such as
 * ITA) or alpha-2 (IT). Unknown codes are shown as they are.
 */
public final class Countries {
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();

  static {
    for (String alpha2 : Locale.getISOCountries()) {
      ALPHA3_TO_ALPHA2.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
  }

  private Countries() {}

  public static String name(String code, Locale language) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    String alpha2 = c.length() == 3 ? ALPHA3_TO_ALPHA2.get(c) : c.length() == 2 ? c : null;
    if (alpha2 == null) {
      return code;
    }
    String name = new Locale("", alpha2).getDisplayCountry(language);
    return name.isEmpty() || name.equals(alpha2) ? code : name;
  }
}
