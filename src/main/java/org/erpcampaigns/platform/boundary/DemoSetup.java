package org.erpcampaigns.platform.boundary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.contacts.boundary.DemoContacts;

/**
 * Demo mode only: generated OFBiz contacts and orders, the demo users, and a local SMTP/IMAP server
 * whose received mail the demo mailbox page shows. Never runs against a real ERP.
 */
@ApplicationScoped
public class DemoSetup {
  private static final Logger LOG = Logger.getLogger(DemoSetup.class.getName());

  /** Demo users: name, password, role. The README lists them. */
  static final List<String[]> USERS =
      List.of(
          new String[] {"admin", "admin", Roles.ADMIN, "Ada Admin"},
          new String[] {"marketer", "marketer", Roles.MARKETER, "Mark Marketer"},
          new String[] {"analyst", "analyst", Roles.ANALYST, "Ann Analyst"});

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject Pbkdf2PasswordHash passwordHash;
  @Inject DemoContacts demoContacts;

  @Inject
  @ConfigProperty(name = "campaigns.demo.contacts", defaultValue = "5000")
  int contacts;

  @Inject
  @ConfigProperty(name = "campaigns.demo.seed", defaultValue = "42")
  long seed;

  @Inject
  @ConfigProperty(name = "campaigns.demo.smtp", defaultValue = "false")
  boolean smtp;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.port", defaultValue = "2525")
  int smtpPort;

  private GreenMail mailServer;

  void install() {
    try (Connection c = dataSource.getConnection()) {
      demoContacts.generateIfEmpty(c, contacts, seed);
      if (isEmpty(c, "SELECT COUNT(*) FROM CM_USER")) {
        createUsers(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("demo setup failed", e);
    }
    if (smtp) {
      startMailServer();
    }
  }

  private static boolean isEmpty(Connection c, String countQuery) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(countQuery);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getLong(1) == 0;
    }
  }

  private void createUsers(Connection c) throws SQLException {
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
    try (PreparedStatement user =
            c.prepareStatement(
                "INSERT INTO CM_USER (USERNAME, PASSWORD_HASH, DISPLAY_NAME, ENABLED, CREATED_AT)"
                    + " VALUES (?, ?, ?, 'Y', ?)");
        PreparedStatement role =
            c.prepareStatement("INSERT INTO CM_USER_ROLE (USERNAME, ROLE_NAME) VALUES (?, ?)")) {
      for (String[] u : USERS) {
        user.setString(1, u[0]);
        user.setString(2, passwordHash.generate(u[1].toCharArray()));
        user.setString(3, u[3]);
        user.setTimestamp(4, now);
        user.executeUpdate();
        role.setString(1, u[0]);
        role.setString(2, u[2]);
        role.executeUpdate();
      }
    }
    LOG.info("event=demo-users-created users=admin,marketer,analyst");
  }

  private void startMailServer() {
    mailServer =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(smtpPort + 618, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    mailServer.start();
    LOG.info(() -> "event=demo-smtp-started smtp=127.0.0.1:" + smtpPort);
  }

  /** What the demo SMTP server received, newest last; empty when it does not run. */
  public List<MimeMessage> receivedMail() {
    return mailServer == null ? List.of() : List.of(mailServer.getReceivedMessages());
  }

  public boolean isMailServerRunning() {
    return mailServer != null;
  }

  @PreDestroy
  void stop() {
    if (mailServer != null) {
      mailServer.stop();
    }
  }
}
