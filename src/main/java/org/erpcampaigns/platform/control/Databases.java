package org.erpcampaigns.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What kind of database a connection reaches. The application runs on PostgreSQL and, for tests and
 * the demo, on H2 in PostgreSQL mode; a few statements have a faster PostgreSQL-only form (VACUUM,
 * SKIP LOCKED hints, storage parameters, asynchronous commit).
 */
public final class Databases {
  private Databases() {}

  /** Whether the connection is to PostgreSQL. */
  public static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }
}
