package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.platform.control.UserAccounts;

/**
 * The first user of an installation, without demo mode: an admin names a user and a password (or a
 * file holding it) in the configuration, and at startup this creates that user with the role
 * campaign-admin, but only while CM_USER holds no user at all, so a forgotten setting never resets
 * anyone's password. The password is never logged.
 */
@ApplicationScoped
public class FirstAdmin {
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Pbkdf2PasswordHash passwordHash;

  @Inject
  @ConfigProperty(name = "campaigns.admin.initial-user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "campaigns.admin.initial-password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "campaigns.admin.initial-password-file")
  Optional<String> passwordFile;

  void createIfNoUser() {
    if (user.isEmpty() || user.get().isBlank()) {
      return;
    }
    String name = user.get().strip();
    try (Connection c = dataSource.getConnection()) {
      if (!UserAccounts.none(c)) {
        LOG.info(() -> "event=initial-admin-skipped user=" + name + " reason=users-exist");
        return;
      }
      char[] secret = secret();
      if (!UserAccounts.NAME.matcher(name).matches()) {
        refuse(name, "user-name-not-allowed");
      } else if (secret == null) {
        refuse(name, "no-password");
      } else if (secret.length < UserAccounts.MIN_PASSWORD_LENGTH) {
        refuse(name, "password-shorter-than-" + UserAccounts.MIN_PASSWORD_LENGTH);
      } else {
        create(c, name, secret);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the first admin could not be created", e);
    }
  }

  private void create(Connection c, String name, char[] secret) throws SQLException {
    String hash = passwordHash.generate(secret);
    Arrays.fill(secret, '\0');
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      UserAccounts.create(c, name, hash, name, List.of(Roles.ADMIN));
      c.commit();
      LOG.info(() -> "event=initial-admin-created user=" + name + " role=" + Roles.ADMIN);
    } catch (SQLException e) {
      c.rollback();
      if (!UserAccounts.none(c)) {
        // another instance, starting at the same moment, made it first
        LOG.info(() -> "event=initial-admin-skipped user=" + name + " reason=users-exist");
        return;
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The configured password, or the first line of the password file; null when neither. */
  private char[] secret() {
    if (passwordFile.isPresent() && !passwordFile.get().isBlank()) {
      Path file = Path.of(passwordFile.get().strip());
      try {
        String first =
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        return first.strip().isEmpty() ? null : first.strip().toCharArray();
      } catch (IOException e) {
        LOG.log(
            Level.WARNING,
            "event=initial-admin-password-file-unreadable file={0} reason={1}",
            new Object[] {file, e.getClass().getSimpleName()});
        return null;
      }
    }
    return password.filter(p -> !p.isEmpty()).map(String::toCharArray).orElse(null);
  }

  private static void refuse(String name, String reason) {
    LOG.warning(
        () ->
            "event=initial-admin-refused user="
                + name
                + " reason="
                + reason
                + " (nobody can log in until campaigns.admin.initial-user and"
                + " campaigns.admin.initial-password or -file are set right and the application is"
                + " restarted)");
  }
}
