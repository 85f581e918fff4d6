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

  /** Work on a connection inside {@link #inTransaction}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} as one local transaction on {@code c} (committed, or rolled back when it
   * throws) and gives the connection back in its auto-commit mode.
   */
  public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
