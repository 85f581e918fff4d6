package org.erpcampaigns.platform.boundary;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;

/**
 * The UI language: the browser's preference at first, then the user's choice for the session. The
 * language menu reloads the current page with {@code ?lang=xx}, so the choice works on every page,
 * keeps the page's own parameters, and can be bookmarked.
 */
@Named
@SessionScoped
public class LocaleView implements Serializable {
  private static final long serialVersionUID = 1L;

  private Locale locale;

  public Locale getLocale() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null
        && faces.getExternalContext().getSessionMap().get(LanguageFilter.SESSION_KEY)
            instanceof Locale chosen) {
      locale = chosen;
    } else if (locale == null) {
      // the first of the browser's languages that the UI speaks ("es, de": German), not only
      // its first one
      List<Locale> accepted = new ArrayList<>();
      if (faces != null) {
        faces.getExternalContext().getRequestLocales().forEachRemaining(accepted::add);
      }
      locale = Messages.supported(accepted);
    }
    return locale;
  }

  public String getLanguage() {
    return getLocale().getLanguage();
  }

  /**
   * The label of an ERP code in the user's language ("roleType.", "CUSTOMER" → "Customer"); codes
   * the bundles do not know (an ERP's own roles) show as they are.
   */
  public String label(String prefix, String code) {
    return code == null ? "" : Messages.getOrDefault(getLocale(), prefix + code, code);
  }

  /** The languages, each named in itself so a user finds their own. */
  public List<Language> getLanguages() {
    return Messages.LANGUAGES.stream()
        .map(l -> new Language(l.getLanguage(), capitalised(l.getDisplayLanguage(l), l)))
        .toList();
  }

  private static String capitalised(String name, Locale l) {
    return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(l) + name.substring(1);
  }

  /** A selectable language (a class, as Jakarta EL 5 reads bean properties only). */
  public static final class Language {
    private final String code;
    private final String name;

    Language(String code, String name) {
      this.code = code;
      this.name = name;
    }

    public String getCode() {
      return code;
    }

    public String getName() {
      return name;
    }
  }
}
