package org.erpcampaigns.mailings.control;

import java.sql.Connection;
import java.sql.Statement;
import org.erpcampaigns.platform.control.Databases;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration whose statements exist only on PostgreSQL (storage settings, partial indexes): run
 * there, nothing to do on other databases. A Java migration because SQL migrations cannot be
 * skipped by database; the subclass's name is Flyway's version and description.
 */
abstract class PostgresOnlyMigration extends BaseJavaMigration {

  /** The statements, in order. */
  abstract String[] statements();

  @Override
  public final void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (Databases.isPostgres(c)) {
      try (Statement s = c.createStatement()) {
        for (String statement : statements()) {
          s.execute(statement);
        }
      }
    }
  }
}
