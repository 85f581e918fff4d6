package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.Serializable;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.control.AdminSafeguard;
import org.erpcampaigns.platform.control.RuleException.Kind;
import org.erpcampaigns.platform.control.UserAccounts;
import org.erpcampaigns.platform.control.UserAccounts.Change;
import org.erpcampaigns.platform.control.UserRefused;

/**
 * The users of the built-in identity store and their roles; only campaign-admin manages them. Every
 * change is audited (who, when, what; never a password) in the same transaction, and no change
 * leaves the installation without an enabled admin ({@link AdminSafeguard}).
 */
@Stateless
@RolesAllowed(Roles.ADMIN)
public class UserDirectory {
  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String USERS =
      "SELECT U.USERNAME, U.DISPLAY_NAME, U.EMAIL, U.ENABLED, U.LAST_LOGIN_AT, R.ROLE_NAME"
          + " FROM CM_USER U LEFT JOIN CM_USER_ROLE R ON R.USERNAME = U.USERNAME";

  /**
   * A user as the API and the page show it: never the password hash. lastLogin is null when the
   * user has not logged in since it was recorded (V53).
   */
  public record User(
      String username,
      String displayName,
      String email,
      boolean enabled,
      List<String> roles,
      OffsetDateTime lastLogin)
      implements Serializable {}

  /** A user just created, with the password generated for it (null when the admin gave one). */
  public record Created(User user, String generatedPassword) {}

  /** A line of the users' audit. */
  public record AuditEntry(
      long id,
      String username,
      OffsetDateTime changedAt,
      String changedBy,
      String action,
      String detail)
      implements Serializable {}

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Pbkdf2PasswordHash passwordHash;
  @Inject SecurityContext security;

  public List<User> list() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(USERS + " ORDER BY U.USERNAME, R.ROLE_NAME")) {
      return read(ps);
    }
  }

  /** The user of that name; 404 when there is none. */
  public User find(String username) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return find(c, username);
    }
  }

  /**
   * Creates an enabled user with the given roles and notification address; with no password, one is
   * generated and answered once. Refused with a message for bad input or a taken name.
   */
  public Created create(
      String username, String password, String displayName, String email, List<String> roles)
      throws SQLException {
    String name = UserAccounts.checkName(username);
    String generated = password == null || password.isEmpty() ? generatedPassword() : null;
    String secret = generated == null ? password : generated;
    UserAccounts.checkPassword(secret);
    Set<String> granted = UserAccounts.checkRoles(roles);
    String shown = UserAccounts.checkDisplayName(displayName, name);
    String address = UserAccounts.checkEmail(email);
    String by = caller();
    try (Connection c = dataSource.getConnection()) {
      if (UserAccounts.exists(c, name)) {
        throw new UserRefused(Kind.CONFLICT, "user.error.exists", name);
      }
      UserAccounts.create(c, name, passwordHash.generate(secret.toCharArray()), shown, granted);
      UserAccounts.describe(c, name, shown, address);
      StringJoiner detail = new StringJoiner("; ");
      detail.add("displayName: " + shown);
      detail.add("email: " + shownValue(address));
      detail.add("roles: " + String.join(", ", granted));
      if (generated != null) {
        detail.add("password: generated");
      }
      UserAccounts.audit(c, name, by, Change.CREATED, detail.toString(), now());
      LOG.info(
          () ->
              "event=user-created user="
                  + name
                  + " roles="
                  + String.join(",", granted)
                  + " by="
                  + by);
      return new Created(find(c, name), generated);
    }
  }

  /**
   * Changes what is given (null: stays as it is): the display name, the notification address
   * (blank: none), the roles, enabled. An admin may not disable or demote themself, and the last
   * enabled admin stays one (409).
   */
  public User update(
      String username, String displayName, String email, List<String> roles, Boolean enabled)
      throws SQLException {
    String by = caller();
    try (Connection c = dataSource.getConnection()) {
      Set<String> admins = UserAccounts.lockEnabledAdmins(c);
      User before = find(c, username);
      String shown =
          displayName == null
              ? before.displayName()
              : UserAccounts.checkDisplayName(displayName, before.username());
      String address = email == null ? before.email() : UserAccounts.checkEmail(email);
      Collection<String> granted = roles == null ? before.roles() : UserAccounts.checkRoles(roles);
      boolean on = enabled == null ? before.enabled() : enabled;
      new AdminSafeguard(
              by,
              before.username(),
              admins.contains(before.username()),
              admins.size(),
              on,
              granted.contains(Roles.ADMIN))
          .check();
      LocalDateTime at = now();
      StringJoiner detail = new StringJoiner("; ");
      if (!Objects.equals(shown, before.displayName())
          || !Objects.equals(address, before.email())) {
        UserAccounts.describe(c, before.username(), shown, address);
        if (!Objects.equals(shown, before.displayName())) {
          detail.add("displayName: " + before.displayName() + " → " + shown);
        }
        if (!Objects.equals(address, before.email())) {
          detail.add("email: " + shownValue(before.email()) + " → " + shownValue(address));
        }
      }
      if (!Set.copyOf(granted).equals(Set.copyOf(before.roles()))) {
        UserAccounts.grant(c, before.username(), granted);
        detail.add(
            "roles: "
                + String.join(", ", before.roles())
                + " → "
                + String.join(", ", new java.util.TreeSet<>(granted)));
      }
      if (detail.length() > 0) {
        UserAccounts.audit(c, before.username(), by, Change.UPDATED, detail.toString(), at);
      }
      if (on != before.enabled()) {
        UserAccounts.enable(c, before.username(), on);
        UserAccounts.audit(
            c, before.username(), by, on ? Change.ENABLED : Change.DISABLED, null, at);
      }
      LOG.info(
          () ->
              "event=user-changed user="
                  + before.username()
                  + " enabled="
                  + on
                  + " roles="
                  + String.join(",", granted)
                  + " by="
                  + by);
      return find(c, before.username());
    }
  }

  /**
   * Gives the user a new password: the one given (at least 12 characters), or a generated one,
   * answered once (else null).
   */
  public String resetPassword(String username, String password) throws SQLException {
    String by = caller();
    String generated = password == null || password.isEmpty() ? generatedPassword() : null;
    String secret = generated == null ? password : generated;
    UserAccounts.checkPassword(secret);
    try (Connection c = dataSource.getConnection()) {
      User user = find(c, username);
      UserAccounts.changePassword(c, user.username(), passwordHash.generate(secret.toCharArray()));
      UserAccounts.audit(
          c,
          user.username(),
          by,
          Change.PASSWORD_RESET,
          generated == null ? "password: given" : "password: generated",
          now());
      LOG.info(() -> "event=user-password-reset user=" + user.username() + " by=" + by);
      return generated;
    }
  }

  /** How many lines the audit holds (of one user when username is not null). */
  public long auditCount(String username) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM CM_USER_AUDIT WHERE (CAST(? AS VARCHAR(60)) IS NULL"
                    + " OR USERNAME = ?)")) {
      ps.setString(1, username);
      ps.setString(2, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** A page of the audit, newest first (of one user when username is not null). */
  public List<AuditEntry> audit(String username, int first, int size) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ID, USERNAME, CHANGED_AT, CHANGED_BY, ACTION, DETAIL FROM CM_USER_AUDIT"
                    + " WHERE (CAST(? AS VARCHAR(60)) IS NULL OR USERNAME = ?)"
                    + " ORDER BY CHANGED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
      ps.setString(1, username);
      ps.setString(2, username);
      ps.setInt(3, Math.max(0, first));
      ps.setInt(4, Math.max(1, Math.min(size, 500)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new AuditEntry(
                  rs.getLong(1),
                  rs.getString(2),
                  utc(rs.getTimestamp(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    return entries;
  }

  private static User find(Connection c, String username) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(USERS + " WHERE U.USERNAME = ? ORDER BY R.ROLE_NAME")) {
      ps.setString(1, username == null ? "" : username);
      List<User> found = read(ps);
      if (found.isEmpty()) {
        throw new UserRefused(Kind.NOT_FOUND, "user.error.unknown", String.valueOf(username));
      }
      return found.get(0);
    }
  }

  private static List<User> read(PreparedStatement ps) throws SQLException {
    Map<String, User> users = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        User u = users.get(name);
        if (u == null) {
          u =
              new User(
                  name,
                  rs.getString(2),
                  rs.getString(3),
                  "Y".equals(rs.getString(4)),
                  new ArrayList<>(),
                  utc(rs.getTimestamp(5)));
          users.put(name, u);
        }
        if (rs.getString(6) != null) {
          u.roles().add(rs.getString(6));
        }
      }
    }
    List<User> all = new ArrayList<>(users.size());
    for (User u : users.values()) {
      all.add(
          new User(
              u.username(),
              u.displayName(),
              u.email(),
              u.enabled(),
              List.copyOf(u.roles()),
              u.lastLogin()));
    }
    return all;
  }

  private String caller() {
    return security.getCallerPrincipal().getName();
  }

  private static String generatedPassword() {
    return UserAccounts.generatedPassword(RANDOM);
  }

  private static String shownValue(String value) {
    return value == null ? "-" : value;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(Timestamp t) {
    return t == null ? null : t.toLocalDateTime().atOffset(ZoneOffset.UTC);
  }
}
