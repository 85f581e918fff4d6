package org.erpcampaigns.tracking.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.erpcampaigns.tracking.control.EngagementClassifier;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.erpcampaigns.tracking.control.TrackingLinks;
import org.erpcampaigns.tracking.control.TrackingTokens;

/**
 * The signing secret and public address of tracking links, for the renderer that makes them and the
 * resources that verify them, and the classifier that tells people's opens and clicks from
 * machines' (built-in signatures plus the configured ones). Without a configured secret, one is
 * generated once and kept in CM_SETTING, so every instance of a cluster and every restart signs and
 * verifies alike.
 */
@Singleton
@Startup
@DependsOn("ApplicationSetup")
@TransactionManagement(TransactionManagementType.BEAN)
public class TrackingConfiguration {
  static final String SECRET_SETTING = "tracking.secret";
  private static final Logger LOG = Logger.getLogger(TrackingConfiguration.class.getName());

  @Resource(lookup = "java:app/jdbc/campaigns")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.secret")
  Optional<String> configuredSecret;

  @Inject
  @ConfigProperty(name = "campaigns.public-url", defaultValue = "http://localhost:8080/")
  String publicUrl;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.bot-user-agents")
  Optional<String> botUserAgents;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.bot-networks")
  Optional<String> botNetworks;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.machine-seconds", defaultValue = "10")
  int machineSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.burst-links", defaultValue = "3")
  int burstLinks;

  @Inject
  @ConfigProperty(name = "campaigns.tracking.burst-seconds", defaultValue = "5")
  int burstSeconds;

  @Inject
  @ConfigProperty(name = "campaigns.mail.return-path")
  Optional<String> returnPath;

  private TrackingTokens tokens;
  private TrackingLinks links;
  private ReturnPaths returnPaths;
  private EngagementClassifier classifier;

  @PostConstruct
  void init() {
    String configured = configuredSecret.map(String::strip).orElse("");
    byte[] secret =
        configured.isEmpty() ? storedSecret() : configured.getBytes(StandardCharsets.UTF_8);
    tokens = new TrackingTokens(secret);
    links = new TrackingLinks(publicUrl, tokens);
    returnPaths = configuredReturnPaths();
    classifier = classifier();
    LOG.info(
        () ->
            "event=tracking-configured public-url="
                + publicUrl
                + " secret="
                + (configured.isEmpty() ? "generated" : "configured")
                + " return-path="
                + returnPaths);
  }

  @Produces
  public TrackingTokens tokens() {
    return tokens;
  }

  @Produces
  public TrackingLinks links() {
    return links;
  }

  @Produces
  public ReturnPaths returnPaths() {
    return returnPaths;
  }

  @Produces
  public EngagementClassifier engagementClassifier() {
    return classifier;
  }

  private EngagementClassifier classifier() {
    List<String> refused = new ArrayList<>();
    List<EngagementClassifier.Signature> signatures =
        EngagementClassifier.signatures(
            commaSeparated(botUserAgents), commaSeparated(botNetworks), refused);
    for (String r : refused) {
      LOG.warning(
          () -> "event=config-invalid key=campaigns.tracking.bot-networks value=" + r + " ignored");
    }
    int machine = nonNegative("campaigns.tracking.machine-seconds", machineSeconds, 10);
    int burst = nonNegative("campaigns.tracking.burst-seconds", burstSeconds, 5);
    LOG.info(
        () ->
            "event=engagement-classifier signatures="
                + signatures.size()
                + " machine-seconds="
                + machine
                + " burst-links="
                + burstLinks
                + " burst-seconds="
                + burst);
    return new EngagementClassifier(
        signatures, Duration.ofSeconds(machine), burstLinks, Duration.ofSeconds(burst));
  }

  /**
   * A bounce address that is no address is not used (bounces go to each message's sender, as
   * without one) rather than stopping every send.
   */
  private ReturnPaths configuredReturnPaths() {
    try {
      return new ReturnPaths(tokens, returnPath.orElse(null));
    } catch (IllegalArgumentException e) {
      LOG.warning(
          () ->
              "event=config-invalid key=campaigns.mail.return-path reason="
                  + e.getMessage()
                  + " using=from-address");
      return new ReturnPaths(tokens, null);
    }
  }

  // Payara's MicroProfile Config injects no Optional<List<String>>: the list is split here
  private static List<String> commaSeparated(Optional<String> value) {
    return value.map(v -> List.of(v.split(","))).orElse(List.of());
  }

  private static int nonNegative(String key, int value, int fallback) {
    if (value >= 0) {
      return value;
    }
    LOG.warning(() -> "event=config-invalid key=" + key + " value=" + value + " using=" + fallback);
    return fallback;
  }

  private byte[] storedSecret() {
    try (Connection c = dataSource.getConnection()) {
      String existing = read(c);
      if (existing == null) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO CM_SETTING (NAME, SETTING_VALUE, CREATED_AT) VALUES (?, ?, ?)")) {
          insert.setString(1, SECRET_SETTING);
          insert.setString(2, Base64.getEncoder().encodeToString(fresh));
          insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
          insert.executeUpdate();
        } catch (SQLException raced) {
          // another instance stored its secret first: use that one
          LOG.fine(() -> "event=tracking-secret-raced " + raced.getMessage());
        }
        existing = read(c);
      }
      return Base64.getDecoder().decode(existing);
    } catch (SQLException e) {
      throw new IllegalStateException("the tracking secret could not be read or stored", e);
    }
  }

  private static String read(Connection c) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT SETTING_VALUE FROM CM_SETTING WHERE NAME = ?")) {
      select.setString(1, SECRET_SETTING);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
