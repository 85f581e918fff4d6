package org.erpcampaigns.mailings.control;

/**
 * On PostgreSQL, three of CM_OUTBOX's indexes keep only the rows their queries look for: a claim's
 * rows (CLAIMED_BY set), the messages an unsubscribe may still withhold (PENDING, FAILED), and the
 * sent messages a campaign counts. A message's row changes state twice while it is sent (claimed,
 * then SENT), and each change writes a new entry into every index whose condition the new row
 * meets: fourteen entries per message before, ten after, with their write-ahead log. The statements
 * are unchanged; their conditions imply the indexes' ones. Other databases have no partial indexes.
 */
public class V38__Outbox_partial_indexes extends PostgresOnlyMigration {

  @Override
  String[] statements() {
    return new String[] {
      "DROP INDEX CM_OUTBOX_CLAIM_TOKEN",
      "CREATE INDEX CM_OUTBOX_CLAIM_TOKEN ON CM_OUTBOX (CLAIMED_BY, STATE)"
          + " WHERE CLAIMED_BY IS NOT NULL",
      "DROP INDEX CM_OUTBOX_EMAIL",
      "CREATE INDEX CM_OUTBOX_EMAIL ON CM_OUTBOX (EMAIL) WHERE STATE IN ('PENDING', 'FAILED')",
      "DROP INDEX CM_OUTBOX_CAMPAIGN",
      "CREATE INDEX CM_OUTBOX_CAMPAIGN ON CM_OUTBOX (CAMPAIGN_ID) WHERE STATE = 'SENT'"
    };
  }
}
