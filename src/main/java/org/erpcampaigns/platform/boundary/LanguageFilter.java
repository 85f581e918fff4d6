package org.erpcampaigns.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.erpcampaigns.platform.control.Messages;

/**
 * Takes the UI language from {@code ?lang=xx} on any page (the language menu reloads the current
 * page with it) and keeps it for the session, so the choice keeps the page's own parameters and can
 * be bookmarked.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class LanguageFilter extends HttpFilter {
  static final String SESSION_KEY = "erp-campaigns.locale";
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String lang = req.getParameter("lang");
    if (lang != null && !lang.isBlank() && lang.length() <= 8) {
      Locale chosen = Messages.supported(Locale.forLanguageTag(lang.strip()));
      req.getSession().setAttribute(SESSION_KEY, chosen);
    }
    chain.doFilter(req, res);
  }
}
