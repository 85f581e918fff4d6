package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.control.RuleException.Kind;
import org.erpcampaigns.platform.control.UserAccounts;
import org.erpcampaigns.platform.control.UserRefused;

/** The users of the built-in identity store and their roles; only campaign-admin manages them. */
@Stateless
@RolesAllowed(Roles.ADMIN)
public class UserDirectory {
  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());
  private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.MARKETER, Roles.ANALYST);

  /** A user as the API shows it: never the password hash. */
  public record User(String username, String displayName, boolean enabled, List<String> roles) {}

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Pbkdf2PasswordHash passwordHash;
  @Inject SecurityContext security;

  public List<User> list() throws SQLException {
    Map<String, User> users = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT U.USERNAME, U.DISPLAY_NAME, U.ENABLED, R.ROLE_NAME FROM CM_USER U"
                    + " LEFT JOIN CM_USER_ROLE R ON R.USERNAME = U.USERNAME"
                    + " ORDER BY U.USERNAME, R.ROLE_NAME");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        User u =
            users.computeIfAbsent(
                rs.getString(1),
                name -> {
                  try {
                    return new User(
                        name, rs.getString(2), "Y".equals(rs.getString(3)), new ArrayList<>());
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        if (rs.getString(4) != null) {
          u.roles().add(rs.getString(4));
        }
      }
    }
    return List.copyOf(users.values());
  }

  /** Creates an enabled user with the given roles; refused with a message for bad input. */
  public User create(String username, String password, String displayName, List<String> roles)
      throws SQLException {
    String name = username == null ? "" : username.strip();
    if (!UserAccounts.NAME.matcher(name).matches()) {
      throw new UserRefused(Kind.INVALID, "user.error.name");
    }
    if (password == null || password.length() < UserAccounts.MIN_PASSWORD_LENGTH) {
      throw new UserRefused(Kind.INVALID, "user.error.password", UserAccounts.MIN_PASSWORD_LENGTH);
    }
    Set<String> granted = new TreeSet<>(roles == null ? List.of() : roles);
    if (granted.isEmpty() || !ROLES.containsAll(granted)) {
      throw new UserRefused(
          Kind.INVALID, "user.error.role", String.join(", ", new TreeSet<>(ROLES)));
    }
    String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
    if (shown.length() > 100) {
      throw new UserRefused(Kind.INVALID, "user.error.displayName", 100);
    }
    try (Connection c = dataSource.getConnection()) {
      if (UserAccounts.exists(c, name)) {
        throw new UserRefused(Kind.CONFLICT, "user.error.exists", name);
      }
      UserAccounts.create(c, name, passwordHash.generate(password.toCharArray()), shown, granted);
    }
    LOG.info(
        () ->
            "event=user-created user="
                + name
                + " roles="
                + String.join(",", granted)
                + " by="
                + security.getCallerPrincipal().getName());
    return new User(name, shown, true, List.copyOf(granted));
  }
}
