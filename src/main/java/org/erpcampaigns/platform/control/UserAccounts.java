package org.erpcampaigns.platform.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The built-in identity store's rows (CM_USER, CM_USER_ROLE): the one place that writes a user, for
 * the demo users and the first admin of an installation alike.
 */
public final class UserAccounts {
  /** What a user name may be: what a login form and HTTP Basic carry without surprises. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,60}");

  /** The shortest password a user gets (the first admin and users an admin creates). */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private UserAccounts() {}

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
}
