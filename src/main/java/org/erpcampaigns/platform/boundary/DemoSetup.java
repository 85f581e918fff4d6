package org.erpcampaigns.platform.boundary;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.contacts.boundary.DemoContacts;
import org.erpcampaigns.platform.control.UserAccounts;

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
      createMissingUsers(c);
    } catch (SQLException e) {
      throw new IllegalStateException("demo setup failed", e);
    }
    if (smtp) {
      startMailServer();
    }
  }

  private void createMissingUsers(Connection c) throws SQLException {
    List<String> created = new ArrayList<>();
    for (String[] u : USERS) {
      if (!UserAccounts.exists(c, u[0])) {
        UserAccounts.create(
            c, u[0], passwordHash.generate(u[1].toCharArray()), u[3], List.of(u[2]));
        created.add(u[0]);
      }
    }
    if (!created.isEmpty()) {
      LOG.info(() -> "event=demo-users-created users=" + String.join(",", created));
    }
    // an address for each demo user, so that a workflow's notices to its owner reach the demo
    // mailbox
    try (java.sql.PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_USER SET EMAIL = CONCAT(USERNAME, ?) WHERE EMAIL IS NULL"
                + " AND USERNAME = ANY (?)")) {
      ps.setString(1, DEMO_USER_DOMAIN);
      ps.setArray(2, c.createArrayOf("VARCHAR", USERS.stream().map(u -> u[0]).toArray()));
      ps.executeUpdate();
    }
  }

  /** The demo users' addresses: user name and this. */
  static final String DEMO_USER_DOMAIN = "@users.demo.erp-campaigns.test";

  private void startMailServer() {
    mailServer =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(smtpPort + 618, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    // plus addressing, as the bounce mailbox of a real installation has it: bounces reach
    // bounces@localhost through each message's return path, bounces+<token>@localhost
    mailServer.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
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
