package org.erpcampaigns.mailings.control;

/**
 * On PostgreSQL, leaves half of each CM_OUTBOX page free: a row is updated several times while its
 * message is sent, and an update that changes no indexed column (the mark that its SMTP transaction
 * begins) can then stay on its page without touching the seven indexes (a "HOT" update). Measured
 * at 20,000 recipients: 9.0 KB of write-ahead log per message before, 5.3 KB after. Other databases
 * have no such setting.
 */
public class V33__Outbox_room_for_updates extends PostgresOnlyMigration {

  @Override
  String[] statements() {
    return new String[] {"ALTER TABLE CM_OUTBOX SET (fillfactor = 50)"};
  }
}
