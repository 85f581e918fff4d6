package org.erpcampaigns.mailings.control;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, three of CM_OUTBOX's indexes keep only the rows their queries look for: a claim's
 * rows (CLAIMED_BY set), the messages an unsubscribe may still withhold (PENDING, FAILED), and the
 * sent messages a campaign counts. A message's row changes state twice while it is sent (claimed,
 * then SENT), and each change writes a new entry into every index whose condition the new row
 * meets: fourteen entries per message before, ten after, with their write-ahead log. The statements
 * are unchanged; their conditions imply the indexes' ones. Other databases have no partial indexes:
 * nothing to do there. (A Java migration because the statements exist only on PostgreSQL; the class
 * name is Flyway's version and description.)
 */
public class V38__Outbox_partial_indexes extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (OutboxStore.isPostgres(c)) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP INDEX CM_OUTBOX_CLAIM_TOKEN");
        s.execute(
            "CREATE INDEX CM_OUTBOX_CLAIM_TOKEN ON CM_OUTBOX (CLAIMED_BY, STATE)"
                + " WHERE CLAIMED_BY IS NOT NULL");
        s.execute("DROP INDEX CM_OUTBOX_EMAIL");
        s.execute(
            "CREATE INDEX CM_OUTBOX_EMAIL ON CM_OUTBOX (EMAIL)"
                + " WHERE STATE IN ('PENDING', 'FAILED')");
        s.execute("DROP INDEX CM_OUTBOX_CAMPAIGN");
        s.execute(
            "CREATE INDEX CM_OUTBOX_CAMPAIGN ON CM_OUTBOX (CAMPAIGN_ID) WHERE STATE = 'SENT'");
      }
    }
  }
}
