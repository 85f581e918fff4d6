package org.erpcampaigns.platform.control;

import java.util.Optional;

/**
 * A production deployment never runs on the embedded demo database by accident: outside demo mode,
 * an H2 URL that comes only from the WAR's own defaults (ordinal 100 or below: nobody configured a
 * database) stops the start with a message that says what to set. An H2 URL an admin set on purpose
 * (system property, environment, a config file of their own) is taken.
 */
public final class EmbeddedDatabaseGuard {
  /** The ordinal of the WAR's own META-INF/microprofile-config.properties. */
  static final int DEFAULTS_ORDINAL = 100;

  private EmbeddedDatabaseGuard() {}

  /** Why the application must not start, or empty when it may. */
  public static Optional<String> refusal(boolean demo, String url, int ordinal, String source) {
    if (demo || url == null || !url.startsWith("jdbc:h2:") || ordinal > DEFAULTS_ORDINAL) {
      return Optional.empty();
    }
    return Optional.of(
        "campaigns.db.url is not configured (the embedded H2 default from "
            + source
            + " is for the demo only): set campaigns.db.url, campaigns.db.driver,"
            + " campaigns.db.user and campaigns.db.password to the ERP's database (e.g. the"
            + " environment variables CAMPAIGNS_DB_URL, ...), or campaigns.demo=true for a demo");
  }
}
