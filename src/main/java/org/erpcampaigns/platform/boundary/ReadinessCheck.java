package org.erpcampaigns.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and the SMTP server greets (220) within two seconds. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
  private static final int TIMEOUT_MS = 2000;

  @Resource(lookup = ApplicationSetup.DATASOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.host", defaultValue = "localhost")
  String smtpHost;

  @Inject
  @ConfigProperty(name = "campaigns.smtp.port", defaultValue = "2525")
  int smtpPort;

  @Override
  public HealthCheckResponse call() {
    String database = database();
    String smtp = smtp();
    HealthCheckResponseBuilder r =
        HealthCheckResponse.named("erp-campaigns")
            .withData("database", database)
            .withData("smtp", smtp);
    return ("UP".equals(database) && "UP".equals(smtp) ? r.up() : r.down()).build();
  }

  private String database() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(TIMEOUT_MS / 1000) ? "UP" : "DOWN: connection not valid";
    } catch (SQLException e) {
      return "DOWN: " + e.getMessage();
    }
  }

  private String smtp() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(smtpHost, smtpPort), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String greeting = in.readLine();
      s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      return greeting != null && greeting.startsWith("220")
          ? "UP"
          : "DOWN: unexpected greeting " + greeting;
    } catch (IOException e) {
      return "DOWN: " + smtpHost + ":" + smtpPort + " " + e.getMessage();
    }
  }
}
