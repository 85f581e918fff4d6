package org.erpcampaigns.mailings.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erpcampaigns.platform.control.Databases;

/**
 * The outbox's upkeep between claims: claims of senders that stopped are taken over (the exactly
 * once rule of {@link OutboxStore#reconcile}), cancelled and finished mailings are closed, and on
 * PostgreSQL the sender's tables are vacuumed and analysed when they need it.
 */
public final class OutboxMaintenance {
  private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class.getName());

  private final DataSource dataSource;
  private final Clock clock;
  private final String instance;
  private final long claimTimeoutSeconds;
  private final String inDoubt;
  private final int maxAttempts;
  private final AtomicLong reconciliations = new AtomicLong();

  /**
   * @param clock the outbox's clock (its times are UTC)
   * @param inDoubt {@code resend} or {@code assume-sent}: what becomes of a message whose sender
   *     stopped during its SMTP transaction
   */
  public OutboxMaintenance(
      DataSource dataSource,
      Clock clock,
      String instance,
      long claimTimeoutSeconds,
      String inDoubt,
      int maxAttempts) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.instance = instance;
    this.claimTimeoutSeconds = claimTimeoutSeconds;
    this.inDoubt = inDoubt;
    this.maxAttempts = maxAttempts;
  }

  /** Takes over the claims whose progress is older than the claim timeout. */
  public OutboxStore.Reconciled reconcile() throws SQLException {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      OutboxStore.Reconciled r =
          OutboxStore.reconcile(
              c,
              now.minusSeconds(claimTimeoutSeconds),
              !"assume-sent".equals(inDoubt),
              instance + ":reconcile:" + reconciliations.incrementAndGet(),
              now);
      if (r.retried() > 0 || r.inDoubt() > 0 || !r.sentByMailing().isEmpty()) {
        LOG.warning(
            () ->
                "event=outbox-reconciled untried="
                    + r.retried()
                    + " in-doubt="
                    + r.inDoubt()
                    + " policy="
                    + inDoubt
                    + " confirmed="
                    + r.sentByMailing());
      }
      return r;
    }
  }

  /**
   * Cancels what came back from claims of cancelled mailings, and completes the mailings with
   * nothing left to send; returns how many were completed.
   */
  public int closeMailings() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      OutboxStore.sweepCancelled(c, maxAttempts);
      int completed = OutboxStore.completeFinished(c, maxAttempts, LocalDateTime.now(clock));
      if (completed > 0) {
        LOG.info(() -> "event=mailings-completed count=" + completed);
      }
      return completed;
    }
  }

  /**
   * The progress rows are updated once per message and deleted once per claim: on PostgreSQL their
   * table is vacuumed every thirty seconds, whatever autovacuum is set to (without, it grew to 25
   * MB for no live row over a few benchmark runs, and each claim wrote more pages to the log).
   */
  public void vacuumProgress() {
    onPostgres("VACUUM CM_SENDER_PROGRESS", Level.FINE, "event=sender-progress-vacuum-failed");
  }

  /**
   * A mailing has just put many rows into the outbox: on PostgreSQL, refresh the statistics at
   * once, or the planner keeps thinking the outbox small and scans it whole for every claim.
   */
  public void analyseOutbox() {
    onPostgres("ANALYZE CM_OUTBOX", Level.WARNING, "event=outbox-analyse-failed");
  }

  /** Runs a maintenance statement when the database is PostgreSQL; a failure is only logged. */
  private void onPostgres(String statement, Level level, String failure) {
    try (Connection c = dataSource.getConnection()) {
      if (Databases.isPostgres(c)) {
        try (var st = c.createStatement()) {
          st.execute(statement);
        }
      }
    } catch (SQLException e) {
      LOG.log(level, failure, e);
    }
  }
}
