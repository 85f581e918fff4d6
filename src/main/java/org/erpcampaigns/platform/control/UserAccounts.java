package org.erpcampaigns.platform.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.erpcampaigns.contacts.entity.EmailAddress;
import org.erpcampaigns.platform.control.RuleException.Kind;

/**
 * The built-in identity store's rows (CM_USER, CM_USER_ROLE): the one place that writes a user, for
 * the demo users and the first admin of an installation alike.
 */
public final class UserAccounts {
  /** What a user name may be: what a login form and HTTP Basic carry without surprises. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,60}");

  /** The shortest password a user gets (the first admin and users an admin creates). */
  public static final int MIN_PASSWORD_LENGTH = 12;

  /** The longest display name (CM_USER.DISPLAY_NAME). */
  public static final int MAX_DISPLAY_NAME = 100;

  /** The roles a user may have (CM_USER_ROLE's check constraint). */
  public static final Set<String> ROLES = Set.of("campaign-admin", "marketer", "analyst");

  /** The role that manages users and settings. */
  public static final String ADMIN_ROLE = "campaign-admin";

  /** How long a generated password is: about 95 bits from the alphabet below. */
  static final int GENERATED_LENGTH = 20;

  // no 0/O, 1/l/I: a generated password is read off the screen once and typed elsewhere
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private UserAccounts() {}

  /** The user name as it is stored, or refused: 1-60 characters of {@link #NAME}. */
  public static String checkName(String username) {
    String name = username == null ? "" : username.strip();
    if (!NAME.matcher(name).matches()) {
      throw new UserRefused(Kind.INVALID, "user.error.name");
    }
    return name;
  }

  /**
   * Refuses a password shorter than {@link #MIN_PASSWORD_LENGTH}: the rule of the first admin's
   * set-up, for every password an admin gives.
   */
  public static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new UserRefused(Kind.INVALID, "user.error.password", MIN_PASSWORD_LENGTH);
    }
  }

  /** The roles as stored (sorted), or refused: one or more of {@link #ROLES}. */
  public static Set<String> checkRoles(Collection<String> roles) {
    Set<String> granted = new TreeSet<>(roles == null ? List.of() : roles);
    if (granted.isEmpty() || !ROLES.containsAll(granted)) {
      throw new UserRefused(
          Kind.INVALID, "user.error.role", String.join(", ", new TreeSet<>(ROLES)));
    }
    return granted;
  }

  /** The display name as stored (the user name when blank), or refused when too long. */
  public static String checkDisplayName(String displayName, String username) {
    String shown = displayName == null || displayName.isBlank() ? username : displayName.strip();
    if (shown.length() > MAX_DISPLAY_NAME) {
      throw new UserRefused(Kind.INVALID, "user.error.displayName", MAX_DISPLAY_NAME);
    }
    return shown;
  }

  /**
   * The notification address as stored (null when blank: the user gets no notices), or refused when
   * it is not an address ({@link EmailAddress}, the rule of list imports).
   */
  public static String checkEmail(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    String address = email.strip();
    if (!EmailAddress.isValid(address)) {
      throw new UserRefused(Kind.INVALID, "user.error.email", address);
    }
    return address;
  }

  /** A new random password for a user, shown once to the admin who asked for it. */
  public static String generatedPassword(RandomGenerator random) {
    StringBuilder b = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  public static boolean exists(Connection c, String username) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM CM_USER WHERE USERNAME = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  public static boolean none(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CM_USER");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getLong(1) == 0;
    }
  }

  /** Adds an enabled user with its roles; passwordHash is a Pbkdf2PasswordHash value. */
  public static void create(
      Connection c,
      String username,
      String passwordHash,
      String displayName,
      Collection<String> roles)
      throws SQLException {
    try (PreparedStatement user =
            c.prepareStatement(
                "INSERT INTO CM_USER (USERNAME, PASSWORD_HASH, DISPLAY_NAME, ENABLED, CREATED_AT)"
                    + " VALUES (?, ?, ?, 'Y', ?)");
        PreparedStatement role =
            c.prepareStatement("INSERT INTO CM_USER_ROLE (USERNAME, ROLE_NAME) VALUES (?, ?)")) {
      user.setString(1, username);
      user.setString(2, passwordHash);
      user.setString(3, displayName);
      user.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
      user.executeUpdate();
      for (String r : roles) {
        role.setString(1, username);
        role.setString(2, r);
        role.executeUpdate();
      }
    }
  }

  /** Sets the name shown and the notification address (null: none). */
  public static void describe(Connection c, String username, String displayName, String email)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_USER SET DISPLAY_NAME = ?, EMAIL = ? WHERE USERNAME = ?")) {
      ps.setString(1, displayName);
      ps.setString(2, email);
      ps.setString(3, username);
      ps.executeUpdate();
    }
  }

  /** Replaces the user's roles. */
  public static void grant(Connection c, String username, Collection<String> roles)
      throws SQLException {
    try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM CM_USER_ROLE WHERE USERNAME = ?");
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO CM_USER_ROLE (USERNAME, ROLE_NAME) VALUES (?, ?)")) {
      delete.setString(1, username);
      delete.executeUpdate();
      for (String r : roles) {
        insert.setString(1, username);
        insert.setString(2, r);
        insert.executeUpdate();
      }
    }
  }

  /** Enables or disables the user: a disabled user's password is no longer accepted. */
  public static void enable(Connection c, String username, boolean enabled) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_USER SET ENABLED = ? WHERE USERNAME = ?")) {
      ps.setString(1, enabled ? "Y" : "N");
      ps.setString(2, username);
      ps.executeUpdate();
    }
  }

  /** Replaces the password; passwordHash is a Pbkdf2PasswordHash value. */
  public static void changePassword(Connection c, String username, String passwordHash)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_USER SET PASSWORD_HASH = ? WHERE USERNAME = ?")) {
      ps.setString(1, passwordHash);
      ps.setString(2, username);
      ps.executeUpdate();
    }
  }

  /**
   * Locks the enabled admins' rows until the transaction ends and answers their names: a check of
   * "the last enabled admin" made on this answer holds until the change is committed.
   */
  public static Set<String> lockEnabledAdmins(Connection c) throws SQLException {
    Set<String> admins = new TreeSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT USERNAME FROM CM_USER WHERE ENABLED = 'Y' AND USERNAME IN"
                + " (SELECT USERNAME FROM CM_USER_ROLE WHERE ROLE_NAME = ?) FOR UPDATE")) {
      ps.setString(1, ADMIN_ROLE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          admins.add(rs.getString(1));
        }
      }
    }
    return admins;
  }

  /**
   * Records that the user logged in now, unless a login was recorded less than {@code notBefore}
   * ago (HTTP Basic logs in on every request).
   */
  public static void recordLogin(
      Connection c, String username, LocalDateTime now, LocalDateTime notBefore)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_USER SET LAST_LOGIN_AT = ? WHERE USERNAME = ?"
                + " AND (LAST_LOGIN_AT IS NULL OR LAST_LOGIN_AT < ?)")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setString(2, username);
      ps.setTimestamp(3, Timestamp.valueOf(notBefore));
      ps.executeUpdate();
    }
  }

  /** What an admin did to a user (CM_USER_AUDIT): never a password. */
  public enum Change {
    CREATED,
    UPDATED,
    ENABLED,
    DISABLED,
    PASSWORD_RESET
  }

  /** Adds a line to the users' audit; detail says what changed (at most 2000 characters). */
  public static void audit(
      Connection c, String username, String by, Change change, String detail, LocalDateTime at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_USER_AUDIT (ID, USERNAME, CHANGED_AT, CHANGED_BY, ACTION, DETAIL)"
                + " VALUES (nextval('CM_USER_AUDIT_SEQ'), ?, ?, ?, ?, ?)")) {
      ps.setString(1, username);
      ps.setTimestamp(2, Timestamp.valueOf(at));
      ps.setString(3, by);
      ps.setString(4, change.name());
      ps.setString(
          5, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
      ps.executeUpdate();
    }
  }
}
