package org.erpcampaigns.mailings.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.mailings.entity.OutboxState;

/**
 * The outbox's SQL (CM_OUTBOX, CM_EVENT): set-based, bind parameters only. A claim is a set of rows
 * marked SENDING with one claim token (CLAIMED_BY) and a Message-ID each, committed before any SMTP
 * transaction begins. Each message's SMTP transaction is marked as begun (ATTEMPT_STARTED_AT) in
 * the same statement that confirms the previous message as SENT, so after a crash a claimed row is
 * either never tried, in doubt (begun, not confirmed: at most one per sender thread) or SENT.
 */
public final class OutboxStore {
  private static final String RETRYABLE =
      "(STATE = 'PENDING' OR (STATE = 'FAILED' AND ATTEMPTS < ?))";

  private OutboxStore() {}

  /** A claimed row with what the template may say about its recipient. */
  public record Claimed(
      long outboxId,
      String email,
      String messageId,
      int attempts,
      boolean suppressed,
      Recipient recipient) {}

  /** Outcome of one message for the end of its claim. */
  public record Failure(long outboxId, OutboxState state, String reply, LocalDateTime retryAt) {}

  /**
   * Inserts the recipients of a mailing from a distribution list in one statement: every member
   * whose address is not on the suppression list and who has no active opt-out, once per contact.
   * Returns the number of outbox rows created.
   */
  public static int enqueue(
      Connection c,
      long mailingId,
      long campaignId,
      long listId,
      LocalDateTime dueAt,
      LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, ATTEMPTS,"
                + " DUE_AT, CREATED_AT)"
                + " SELECT nextval('CM_OUTBOX_SEQ'), ?, ?, m.PARTY_ID, LOWER(m.EMAIL), 'PENDING', 0, ?, ?"
                + " FROM CM_LIST_MEMBER m WHERE m.LIST_ID = ?"
                + " AND NOT EXISTS (SELECT 1 FROM CM_SUPPRESSION s WHERE s.EMAIL = LOWER(m.EMAIL))"
                + " AND NOT EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                + "   WHERE x.PARTY_ID = m.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
                + " AND NOT EXISTS (SELECT 1 FROM CM_OUTBOX o"
                + "   WHERE o.MAILING_ID = ? AND o.PARTY_ID = m.PARTY_ID)")) {
      ps.setLong(1, mailingId);
      ps.setLong(2, campaignId);
      ps.setObject(3, dueAt);
      ps.setObject(4, now);
      ps.setLong(5, listId);
      ps.setLong(6, mailingId);
      return ps.executeUpdate();
    }
  }

  /** Members of a list, and how many of them may be mailed now (not suppressed, not opted out). */
  public static long[] listCounts(Connection c, long listId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN"
                + " EXISTS (SELECT 1 FROM CM_SUPPRESSION s WHERE s.EMAIL = LOWER(m.EMAIL))"
                + " OR EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                + "   WHERE x.PARTY_ID = m.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
                + " THEN 0 ELSE 1 END), 0) FROM CM_LIST_MEMBER m WHERE m.LIST_ID = ?")) {
      ps.setLong(1, listId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /**
   * Claims up to {@code limit} due rows of a mailing (skipping rows other senders hold), gives each
   * a Message-ID unless it has one from an earlier attempt, and commits. Returns the claimed ids.
   */
  public static List<Long> claim(
      Connection c,
      long mailingId,
      int limit,
      int maxAttempts,
      String token,
      LocalDateTime now,
      java.util.function.LongFunction<String> messageIds)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      synchronousInTransaction(c);
      List<Long> ids = new ArrayList<>(limit);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND "
                  + RETRYABLE
                  + " AND DUE_AT <= ? LIMIT ? FOR UPDATE SKIP LOCKED")) {
        ps.setLong(1, mailingId);
        ps.setInt(2, maxAttempts);
        ps.setObject(3, now);
        ps.setInt(4, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      if (!ids.isEmpty()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE CM_OUTBOX SET STATE = 'SENDING', CLAIMED_BY = ?, CLAIMED_AT = ?,"
                    + " ATTEMPT_STARTED_AT = NULL, ATTEMPTS = ATTEMPTS + 1,"
                    + " MESSAGE_ID = COALESCE(MESSAGE_ID, ?) WHERE ID = ?")) {
          for (long id : ids) {
            ps.setString(1, token);
            ps.setObject(2, now);
            ps.setString(3, messageIds.apply(id));
            ps.setLong(4, id);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      c.commit();
      return ids;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /**
   * The claimed rows with their contacts' fields from the contact index, each marked suppressed
   * when its address is on the suppression list, its contact has an active opt-out, the ERP denies
   * solicitation or has disabled the party (checked again at send time). Purchase figures come from
   * {@code orderView} (the mapping's order view, named by the JPA mapping, never by a user) when
   * not null.
   */
  public static List<Claimed> load(Connection c, String token, List<Long> claimed, String orderView)
      throws SQLException {
    Map<String, Object[]> orders =
        orderView == null ? Map.of() : orders(c, token, claimed, orderView);
    List<Claimed> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.ID, o.PARTY_ID, o.EMAIL, o.MESSAGE_ID, o.ATTEMPTS, c.SALUTATION, c.FIRST_NAME,"
                + " c.LAST_NAME, c.DISPLAY_NAME, c.ORGANISATION_NAME, c.CITY, c.COUNTRY,"
                + " CASE WHEN EXISTS (SELECT 1 FROM CM_SUPPRESSION s WHERE s.EMAIL = LOWER(o.EMAIL))"
                + " OR EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                + "   WHERE x.PARTY_ID = o.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
                + " OR c.ALLOW_SOLICITATION = 'N' OR c.ENABLED = 'N' THEN 1 ELSE 0 END"
                + " FROM CM_OUTBOX o LEFT JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = o.PARTY_ID"
                + " WHERE o.ID = ANY (?) AND o.CLAIMED_BY = ? AND o.STATE = 'SENDING' ORDER BY o.ID")) {
      ps.setArray(1, ids(c, claimed));
      ps.setString(2, token);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String party = rs.getString(2);
          Object[] o = orders.get(party);
          Recipient r =
              new Recipient(
                  party,
                  rs.getString(3),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getString(12),
                  o == null ? null : (LocalDate) o[0],
                  o == null ? null : (BigDecimal) o[1],
                  o == null ? null : (String) o[2],
                  o == null ? 0 : (Long) o[3]);
          rows.add(
              new Claimed(
                  rs.getLong(1),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getInt(13) == 1,
                  r));
        }
      }
    }
    return rows;
  }

  /**
   * Per contact of the claim: last order date, and total and count of orders (not cancelled) in the
   * currency they bought most often in.
   */
  private static Map<String, Object[]> orders(
      Connection c, String token, List<Long> claimed, String orderView) throws SQLException {
    Map<String, Object[]> best = new HashMap<>();
    Map<String, LocalDate> last = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.CONTACT_ID, v.CURRENCY, COUNT(*), SUM(v.GRAND_TOTAL), MAX(v.ORDER_DATE) FROM "
                + orderView
                + " v WHERE v.CONTACT_ID IN (SELECT o.PARTY_ID FROM CM_OUTBOX o"
                + "   WHERE o.ID = ANY (?) AND o.CLAIMED_BY = ?)"
                + " AND v.STATUS <> 'CANCELLED' GROUP BY v.CONTACT_ID, v.CURRENCY")) {
      ps.setArray(1, ids(c, claimed));
      ps.setString(2, token);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String party = rs.getString(1);
          long count = rs.getLong(3);
          Timestamp at = rs.getTimestamp(5);
          LocalDate date = at == null ? null : at.toLocalDateTime().toLocalDate();
          if (date != null && (last.get(party) == null || date.isAfter(last.get(party)))) {
            last.put(party, date);
          }
          Object[] current = best.get(party);
          if (current == null || (Long) current[3] < count) {
            best.put(party, new Object[] {null, rs.getBigDecimal(4), rs.getString(2), count});
          }
        }
      }
    }
    best.forEach((party, o) -> o[0] = last.get(party));
    return best;
  }

  /**
   * Records that the SMTP transaction of a claimed row begins (and keeps its claim fresh, so a slow
   * server does not look like a dead sender). Autocommitted. False when the row is no longer this
   * claim's (taken over after the claim timeout): it must not be sent.
   */
  public static boolean begin(PreparedStatement ps, String token, long outboxId, LocalDateTime now)
      throws SQLException {
    ps.setObject(1, now);
    ps.setObject(2, now);
    ps.setLong(3, outboxId);
    ps.setString(4, token);
    return ps.executeUpdate() == 1;
  }

  public static PreparedStatement prepareBegin(Connection c) throws SQLException {
    return c.prepareStatement(
        "UPDATE CM_OUTBOX SET ATTEMPT_STARTED_AT = ?, CLAIMED_AT = ? WHERE ID = ? AND CLAIMED_BY = ?"
            + " AND STATE = 'SENDING'");
  }

  /** Records, right after the server accepted it, that a message is SENT. Autocommitted. */
  public static void confirm(PreparedStatement ps, String token, long outboxId, LocalDateTime now)
      throws SQLException {
    ps.setObject(1, now);
    ps.setLong(2, outboxId);
    ps.setString(3, token);
    ps.executeUpdate();
  }

  public static PreparedStatement prepareConfirm(Connection c) throws SQLException {
    return c.prepareStatement(
        "UPDATE CM_OUTBOX SET STATE = 'SENT', SENT_AT = ? WHERE ID = ? AND CLAIMED_BY = ?"
            + " AND STATE = 'SENDING'");
  }

  /**
   * On PostgreSQL, the two statements per message need not wait for the disk: a crash of the
   * application loses nothing PostgreSQL has acknowledged; only a crash of PostgreSQL itself could
   * turn its last fraction of a second of confirmations back into "in doubt". Claims stay
   * synchronous (their transaction sets it back): a Message-ID is durable before its message is
   * sent.
   */
  public static void relaxDurability(Connection c, boolean relaxed) throws SQLException {
    if (isPostgres(c)) {
      try (var st = c.createStatement()) {
        st.execute(relaxed ? "SET synchronous_commit TO OFF" : "RESET synchronous_commit");
      }
    }
  }

  private static void synchronousInTransaction(Connection c) throws SQLException {
    if (isPostgres(c)) {
      try (var st = c.createStatement()) {
        st.execute("SET LOCAL synchronous_commit TO ON");
      }
    }
  }

  private static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
  }

  /**
   * Ends a claim in one transaction: failures and suppressions recorded, rows not tried put back,
   * SENT and DELIVERED events written for the rows sent, the claim released. Returns how many were
   * sent.
   */
  public static int finish(
      Connection c, String token, List<Long> claimed, List<Failure> failures, LocalDateTime now)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      // not synchronous: should PostgreSQL itself crash and lose this end of a claim, the rows
      // are still SENDING or SENT under the claim and reconciliation redoes what was lost
      if (!failures.isEmpty()) {
        try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE CM_OUTBOX SET STATE = ?, LAST_REPLY = ?, DUE_AT = COALESCE(?, DUE_AT),"
                        + " CLAIMED_BY = NULL, ATTEMPT_STARTED_AT = NULL,"
                        + " ATTEMPTS = CASE WHEN ? = 'SUPPRESSED' THEN ATTEMPTS - 1 ELSE ATTEMPTS END"
                        + " WHERE ID = ? AND CLAIMED_BY = ?");
            PreparedStatement bounce =
                c.prepareStatement(
                    "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL,"
                        + " TYPE, DETAIL, OCCURRED_AT) SELECT nextval('CM_EVENT_SEQ'), o.ID,"
                        + " o.MAILING_ID, o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, 'BOUNCED', ?, ?"
                        + " FROM CM_OUTBOX o WHERE o.ID = ?")) {
          for (Failure f : failures) {
            ps.setString(1, f.state().name());
            ps.setString(2, f.reply() == null ? null : SmtpOutcome.clip(f.reply()));
            ps.setObject(3, f.retryAt());
            ps.setString(4, f.state().name());
            ps.setLong(5, f.outboxId());
            ps.setString(6, token);
            ps.addBatch();
            if (f.state() == OutboxState.BOUNCED) {
              bounce.setString(1, SmtpOutcome.clip("hard: " + f.reply()));
              bounce.setObject(2, now);
              bounce.setLong(3, f.outboxId());
              bounce.addBatch();
            }
          }
          ps.executeBatch();
          bounce.executeBatch();
        }
      }
      // rows never handed to SMTP (pause, cancel, shutdown) wait for the next claim, or are
      // cancelled with their mailing
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_OUTBOX SET STATE = CASE WHEN EXISTS (SELECT 1 FROM CM_MAILING m"
                  + "   WHERE m.ID = CM_OUTBOX.MAILING_ID AND m.STATE = 'CANCELLED')"
                  + "   THEN 'CANCELLED' ELSE 'PENDING' END,"
                  + " CLAIMED_BY = NULL, CLAIMED_AT = NULL,"
                  + " ATTEMPTS = ATTEMPTS - 1 WHERE ID = ANY (?) AND CLAIMED_BY = ?"
                  + " AND STATE = 'SENDING' AND ATTEMPT_STARTED_AT IS NULL")) {
        ps.setArray(1, ids(c, claimed));
        ps.setString(2, token);
        ps.executeUpdate();
      }
      int sent = writeSentEvents(c, token);
      c.commit();
      return sent;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Claimed rows are found by their ids (primary key), whatever the statistics say. */
  private static java.sql.Array ids(Connection c, List<Long> ids) throws SQLException {
    return c.createArrayOf("BIGINT", ids.toArray());
  }

  /**
   * SENT and DELIVERED events for the rows a claim sent, then the claim released from them. The
   * claim token index finds exactly the claim's rows (no index on state alone misleads the planner
   * since V32), so the claimed ids need not be given.
   */
  private static int writeSentEvents(Connection c, String token) throws SQLException {
    for (String type : new String[] {"SENT", "DELIVERED"}) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, TYPE,"
                  + " DETAIL, OCCURRED_AT) SELECT nextval('CM_EVENT_SEQ'), o.ID, o.MAILING_ID,"
                  + " o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, ?, o.MESSAGE_ID, o.SENT_AT FROM CM_OUTBOX o"
                  + " WHERE o.CLAIMED_BY = ? AND o.STATE = 'SENT'")) {
        ps.setString(1, type);
        ps.setString(2, token);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET CLAIMED_BY = NULL WHERE CLAIMED_BY = ? AND STATE = 'SENT'")) {
      ps.setString(1, token);
      return ps.executeUpdate();
    }
  }

  /** What reconciliation did with the claims of senders that stopped. */
  public record Reconciled(int retried, int inDoubt, Map<List<Long>, Integer> sentByMailing) {}

  /**
   * Takes over claims older than {@code claimedBefore} (their sender stopped): rows never tried go
   * back to PENDING; rows in doubt (their SMTP transaction had begun, no confirmation was recorded)
   * are sent again with the same Message-ID when {@code resendInDoubt}, else counted as SENT; rows
   * confirmed SENT get the events their sender could not write. Safe on several instances at once.
   */
  public static Reconciled reconcile(
      Connection c,
      LocalDateTime claimedBefore,
      boolean resendInDoubt,
      String token,
      LocalDateTime now)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int retried;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_OUTBOX SET STATE = 'PENDING', CLAIMED_BY = NULL, CLAIMED_AT = NULL,"
                  + " ATTEMPTS = ATTEMPTS - 1 WHERE CLAIMED_BY IS NOT NULL AND STATE = 'SENDING'"
                  + " AND CLAIMED_AT < ? AND ATTEMPT_STARTED_AT IS NULL")) {
        ps.setObject(1, claimedBefore);
        retried = ps.executeUpdate();
      }
      int inDoubt;
      try (PreparedStatement ps =
          c.prepareStatement(
              resendInDoubt
                  ? "UPDATE CM_OUTBOX SET STATE = 'FAILED', DUE_AT = ?, CLAIMED_BY = NULL,"
                      + " CLAIMED_AT = NULL, ATTEMPT_STARTED_AT = NULL,"
                      + " LAST_REPLY = 'in doubt: the sender stopped during its SMTP transaction'"
                      + " WHERE CLAIMED_BY IS NOT NULL AND STATE = 'SENDING' AND CLAIMED_AT < ?"
                  : "UPDATE CM_OUTBOX SET STATE = 'SENT', SENT_AT = ATTEMPT_STARTED_AT,"
                      + " CLAIMED_BY = ?, CLAIMED_AT = ?,"
                      + " LAST_REPLY = 'in doubt: counted as sent, the sender stopped during its"
                      + " SMTP transaction' WHERE CLAIMED_BY IS NOT NULL AND STATE = 'SENDING'"
                      + " AND CLAIMED_AT < ?")) {
        if (resendInDoubt) {
          ps.setObject(1, now);
          ps.setObject(2, claimedBefore);
        } else {
          ps.setString(1, token);
          ps.setObject(2, now);
          ps.setObject(3, claimedBefore);
        }
        inDoubt = ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_OUTBOX SET CLAIMED_BY = ?, CLAIMED_AT = ? WHERE STATE = 'SENT'"
                  + " AND CLAIMED_BY IS NOT NULL AND CLAIMED_BY <> ? AND CLAIMED_AT < ?")) {
        ps.setString(1, token);
        ps.setObject(2, now);
        ps.setString(3, token);
        ps.setObject(4, claimedBefore);
        ps.executeUpdate();
      }
      Map<List<Long>, Integer> sent = new LinkedHashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT CAMPAIGN_ID, MAILING_ID, COUNT(*) FROM CM_OUTBOX WHERE CLAIMED_BY = ?"
                  + " AND STATE = 'SENT' GROUP BY CAMPAIGN_ID, MAILING_ID")) {
        ps.setString(1, token);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sent.put(List.of(rs.getLong(1), rs.getLong(2)), rs.getInt(3));
          }
        }
      }
      writeSentEvents(c, token);
      c.commit();
      return new Reconciled(retried, inDoubt, sent);
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Row counts of a mailing by state. */
  public static Map<OutboxState, Long> counts(Connection c, long mailingId) throws SQLException {
    Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
    for (OutboxState s : OutboxState.values()) {
      counts.put(s, 0L);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT STATE, COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? GROUP BY STATE")) {
      ps.setLong(1, mailingId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(OutboxState.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /** Cancels what a cancelled mailing has not sent yet. */
  public static int cancelUnsent(Connection c, long mailingId, int maxAttempts)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = 'CANCELLED' WHERE MAILING_ID = ? AND " + RETRYABLE)) {
      ps.setLong(1, mailingId);
      ps.setInt(2, maxAttempts);
      return ps.executeUpdate();
    }
  }

  /**
   * Cancels the unsent rows of cancelled mailings that came back from claims (a sender that
   * stopped, or put rows back after the cancel); returns how many.
   */
  public static int sweepCancelled(Connection c, int maxAttempts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = 'CANCELLED' WHERE "
                + RETRYABLE
                + " AND MAILING_ID IN (SELECT m.ID FROM CM_MAILING m WHERE m.STATE = 'CANCELLED')")) {
      ps.setInt(1, maxAttempts);
      return ps.executeUpdate();
    }
  }

  /** Mailings SENDING with nothing left to send become COMPLETED; returns how many. */
  public static int completeFinished(Connection c, int maxAttempts, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_MAILING SET STATE = 'COMPLETED', FINISHED_AT = ?, VERSION = VERSION + 1"
                + " WHERE STATE = 'SENDING' AND NOT EXISTS (SELECT 1 FROM CM_OUTBOX o"
                + " WHERE o.MAILING_ID = CM_MAILING.ID AND (o.STATE IN ('PENDING', 'SENDING')"
                + " OR (o.STATE = 'FAILED' AND o.ATTEMPTS < ?)))")) {
      ps.setObject(1, now);
      ps.setInt(2, maxAttempts);
      return ps.executeUpdate();
    }
  }
}
