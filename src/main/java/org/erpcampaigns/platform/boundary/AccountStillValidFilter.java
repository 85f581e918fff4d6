package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.control.UserAccounts;

/**
 * Ends a login session whose user an admin has disabled, or whose roles an admin has changed, at
 * the user's next page or API request: the session keeps the roles of the login (Jakarta Security's
 * auto-applied session), so without this a disabled user would go on working until the session
 * expires, and a demoted admin would stay an admin. HTTP Basic checks the password and reads the
 * roles on every request anyway; this covers the requests that a session authenticates. One
 * primary-key read per page or API request (not for the pages' scripts and styles). Users that
 * CM_USER does not hold (the portal's single sign-on) are left alone.
 */
@WebFilter(urlPatterns = {"*.xhtml", "/api/*"})
public class AccountStillValidFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AccountStillValidFilter.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  transient DataSource dataSource;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Principal user = req.getUserPrincipal();
    HttpSession session = req.getSession(false);
    if (user == null || session == null || stillValid(req, user.getName())) {
      chain.doFilter(req, res);
      return;
    }
    LOG.info(() -> "event=session-ended user=" + user.getName() + " reason=account-changed");
    req.logout();
    session.invalidate();
    String login = req.getContextPath() + Authentication.LOGIN_PAGE;
    if (req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
      res.setHeader("WWW-Authenticate", "Basic realm=\"erp-campaigns\"");
      res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    } else if ("partial/ajax".equals(req.getHeader("Faces-Request"))) {
      res.setContentType("text/xml");
      res.setCharacterEncoding("UTF-8");
      res.getWriter()
          .write(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                  + login
                  + "\"/></partial-response>");
    } else {
      res.sendRedirect(login);
    }
  }

  /** Whether the user is still enabled and has exactly the roles the session was given. */
  private boolean stillValid(HttpServletRequest req, String username) {
    Set<String> granted = new TreeSet<>();
    boolean known = false;
    boolean enabled = false;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT U.ENABLED, R.ROLE_NAME FROM CM_USER U"
                    + " LEFT JOIN CM_USER_ROLE R ON R.USERNAME = U.USERNAME WHERE U.USERNAME = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known = true;
          enabled = "Y".equals(rs.getString(1));
          if (rs.getString(2) != null) {
            granted.add(rs.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      // the database is down: the request fails on its own; a login is not ended for that
      LOG.warning(() -> "event=session-check-failed user=" + username + " reason=" + e);
      return true;
    }
    if (!known) {
      return true; // not a user of the built-in store: the portal's single sign-on decides
    }
    if (!enabled) {
      return false;
    }
    for (String role : UserAccounts.ROLES) {
      if (req.isUserInRole(role) != granted.contains(role)) {
        return false;
      }
    }
    return true;
  }
}
