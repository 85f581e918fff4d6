package org.erpcampaigns.platform.control;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-facing texts (messages*.properties) in the five UI languages, for code outside Faces
 * pages: REST errors, Faces messages, validation.
 */
public final class Messages {
  public static final String BUNDLE = "messages";
  public static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.ITALIAN, Locale.FRENCH, Locale.GERMAN, new Locale("nl"));

  private Messages() {}

  /** The best supported language for the user's preferences, English when none matches. */
  public static Locale supported(Locale requested) {
    if (requested != null) {
      for (Locale l : LANGUAGES) {
        if (l.getLanguage().equals(requested.getLanguage())) {
          return l;
        }
      }
    }
    return Locale.ENGLISH;
  }

  /**
   * The language to answer a request in: the first of the caller's accepted languages
   * (Accept-Language, best first) that the UI has, English when none is.
   */
  public static Locale supported(List<Locale> accepted) {
    if (accepted != null) {
      for (Locale l : accepted) {
        if (LANGUAGES.stream().anyMatch(s -> s.getLanguage().equals(l.getLanguage()))) {
          return supported(l);
        }
      }
    }
    return Locale.ENGLISH;
  }

  /** The text for key, or fallback when the bundle has no such key (e.g. an ERP's own role). */
  public static String getOrDefault(Locale locale, String key, String fallback) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale));
    return bundle.containsKey(key) ? bundle.getString(key) : fallback;
  }

  public static String get(Locale locale, String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale));
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return "???" + key + "???";
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(args);
  }
}
