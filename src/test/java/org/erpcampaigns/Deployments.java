package org.erpcampaigns;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.platform.control.Migrations;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the integration tests deploy: always the WAR that {@code mvn package} built, so the
 * tests prove what an admin deploys, plus the test classes when a test runs inside the container.
 */
public final class Deployments {
  private Deployments() {}

  public static WebArchive productWar() {
    createTestSchema();
    String path = System.getProperty("war.file", "target/erp-campaigns.war");
    File war = new File(path);
    if (!war.isFile()) {
      throw new IllegalStateException(path + " is missing: run the ITs with mvn verify");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /**
   * On PostgreSQL the tests use their own schema (currentSchema in it.db.url): create it before the
   * WAR deploys and Flyway runs in it.
   */
  static void createTestSchema() {
    String url = System.getProperty("it.db.url", "");
    Matcher schema = Pattern.compile("[?&]currentSchema=([a-z_][a-z0-9_]*)").matcher(url);
    if (!url.startsWith("jdbc:postgresql:") || !schema.find()) {
      return;
    }
    try (Connection c =
            DriverManager.getConnection(
                url.substring(0, url.indexOf('?')),
                System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema.group(1));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test schema in " + url, e);
    }
  }

  /**
   * The product WAR plus what a test running inside the container needs: its classes, and access to
   * Arquillian's test runner servlet, which the product's "everything needs a login" constraint
   * would otherwise send to the login page.
   */
  public static WebArchive inContainer(Class<?>... testClasses) {
    JavaArchive runnerAccess =
        ShrinkWrap.create(JavaArchive.class, "it-runner-access.jar")
            .addAsManifestResource(
                new StringAsset(
                    "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<name>it_runner_access</name><security-constraint>"
                        + "<web-resource-collection><web-resource-name>arquillian</web-resource-name>"
                        + "<url-pattern>/ArquillianServletRunnerEE9</url-pattern>"
                        + "</web-resource-collection></security-constraint></web-fragment>"),
                "web-fragment.xml");
    return productWar()
        .addClasses(Deployments.class, Jdbc.class)
        .addClasses(testClasses)
        .addAsLibrary(runnerAccess);
  }

  /**
   * Waits until the previous test class's Payara Micro has let go of the embedded database's file
   * (it may still be stopping), so that the migration below gets a connection.
   */
  private static void awaitFree(String url, long until) {
    if (!url.startsWith("jdbc:h2:")) {
      return;
    }
    while (true) {
      try (Connection c =
          DriverManager.getConnection(
              url, System.getProperty("it.db.user"), System.getProperty("it.db.password"))) {
        return;
      } catch (SQLException e) {
        if (e.getErrorCode() != 90020 || System.nanoTime() > until) {
          throw new IllegalStateException("cannot open " + url, e);
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  /**
   * Empties the user tables of the test database before a deployment that must start without any
   * user (the database is free then: the previous test class's Payara Micro has stopped). The next
   * deployment in demo mode creates the demo users again.
   */
  public static void withoutUsers() {
    String url = System.getProperty("it.db.url", "").replace(";DB_CLOSE_DELAY=-1", "");
    // demo mode off creates no ERP tables: on a fresh database the mapping's views need them, as
    // a real installation has them (a failed view migration would stop every later deployment)
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    awaitFree(url, until);
    Migrations.erpDemoSchema(dataSource(url));
    while (true) {
      try (Connection c =
              DriverManager.getConnection(
                  url, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
          Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM CM_USER_ROLE");
        s.executeUpdate("DELETE FROM CM_USER");
        if (url.startsWith("jdbc:h2:")) {
          // let go of the file at once, for the deployment's own connections
          s.execute("SHUTDOWN");
        }
        return;
      } catch (SQLException e) {
        // H2 says 42S04 (code 42104) when the whole database is still empty
        if ("42S02".equals(e.getSQLState())
            || "42S04".equals(e.getSQLState())
            || "42P01".equals(e.getSQLState())) {
          return; // a database the application has not migrated yet has no user either
        }
        // the previous test class's Payara Micro may still hold the embedded database's file
        if (e.getErrorCode() != 90020 || System.nanoTime() > until) {
          throw new IllegalStateException("cannot empty the user tables in " + url, e);
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  private static javax.sql.DataSource dataSource(String url) {
    String user = System.getProperty("it.db.user");
    String password = System.getProperty("it.db.password");
    if (url.startsWith("jdbc:postgresql:")) {
      org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    }
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }

  /**
   * Adds a configuration source that overrides the WAR's defaults (MicroProfile Config reads every
   * META-INF/microprofile-config.properties on the class path; this one has a higher ordinal).
   */
  public static WebArchive withConfig(WebArchive war, String properties) {
    JavaArchive config =
        ShrinkWrap.create(JavaArchive.class, "it-config.jar")
            .addAsManifestResource(
                new StringAsset("config_ordinal=500\n" + properties),
                "microprofile-config.properties");
    return war.addAsLibrary(config);
  }
}
