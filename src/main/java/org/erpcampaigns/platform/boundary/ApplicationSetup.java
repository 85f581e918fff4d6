package org.erpcampaigns.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.mail.MailSessionDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.contacts.boundary.ContactIndexer;
import org.erpcampaigns.contacts.entity.Sendability;
import org.erpcampaigns.contacts.entity.SolicitationNull;
import org.erpcampaigns.platform.control.EmbeddedDatabaseGuard;
import org.erpcampaigns.platform.control.ErpMappingSource;
import org.erpcampaigns.platform.control.Migrations;

/**
 * Defines the container resources from MicroProfile Config (so an admin points the WAR at the ERP's
 * database and SMTP relay with configuration only) and brings the schema up to date at startup,
 * before any request is served. In demo mode it also creates the OFBiz-shaped demo data, the demo
 * users and a local SMTP server; elsewhere the configured first admin while there is no user.
 */
@DataSourceDefinition(
    name = ApplicationSetup.DATASOURCE,
    className = "${MPCONFIG=campaigns.db.driver}",
    url = "${MPCONFIG=campaigns.db.url}",
    user = "${MPCONFIG=campaigns.db.user}",
    password = "${MPCONFIG=campaigns.db.password}",
    minPoolSize = 2,
    maxPoolSize = 20)
@MailSessionDefinition(
    name = ApplicationSetup.MAIL_SESSION,
    transportProtocol = "smtp",
    host = "${MPCONFIG=campaigns.smtp.host}",
    properties = {"mail.smtp.port=${MPCONFIG=campaigns.smtp.port}"})
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class ApplicationSetup {
  public static final String DATASOURCE = "java:app/jdbc/campaigns";
  public static final String MAIL_SESSION = "java:app/mail/campaigns";
  private static final Logger LOG = Logger.getLogger(ApplicationSetup.class.getName());

  @Resource(lookup = DATASOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "campaigns.demo", defaultValue = "false")
  boolean demo;

  @Inject DemoSetup demoSetup;
  @Inject FirstAdmin firstAdmin;
  @EJB ContactIndexer contactIndexer;

  @Inject
  @ConfigProperty(name = "campaigns.demo.rebuild-index-at-start", defaultValue = "true")
  boolean rebuildIndexAtStart;

  @Inject
  @ConfigProperty(name = SolicitationNull.KEY, defaultValue = "allowed")
  String solicitationNull;

  @Inject Config config;

  @PostConstruct
  void start() {
    ConfigValue url = config.getConfigValue("campaigns.db.url");
    EmbeddedDatabaseGuard.refusal(demo, url.getValue(), url.getSourceOrdinal(), url.getSourceName())
        .ifPresent(
            reason -> {
              LOG.severe(() -> "event=startup-refused reason=" + reason);
              throw new IllegalStateException(reason);
            });
    // a wrong value stops the deployment before anything is migrated or mailed
    SolicitationNull policy = SolicitationNull.of(solicitationNull);
    if (demo) {
      Migrations.erpDemoSchema(dataSource);
    }
    int applied = Migrations.campaignsSchema(dataSource);
    String mapping = ErpMappingSource.configured(getClass().getClassLoader());
    Migrations.erpViews(dataSource, mapping);
    LOG.info(() -> "event=schema-migrated applied=" + applied + " erp-mapping=" + mapping);
    storePolicy(policy);
    if (demo) {
      demoSetup.install();
      // a demo shows its contacts at once; elsewhere the indexer's first tick builds the index.
      // Benchmarks on a large demo database keep an index that is still fresh (1M take minutes)
      try {
        if (rebuildIndexAtStart || contactIndexer.stale()) {
          contactIndexer.refresh();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("the contact index could not be built", e);
      }
    }
    firstAdmin.createIfNoUser();
  }

  /** Every instance writes the same value: the configuration must be the same on all of them. */
  private void storePolicy(SolicitationNull policy) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(Sendability.STORE_POLICY)) {
      ps.setString(1, policy.indicator());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("the sendability policy could not be stored", e);
    }
    LOG.info(
        () ->
            "event=sendability-policy solicitation-null=" + policy.name().toLowerCase(Locale.ROOT));
  }
}
