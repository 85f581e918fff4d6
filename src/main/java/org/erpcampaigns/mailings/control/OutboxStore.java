package org.erpcampaigns.mailings.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.contacts.entity.Sendability;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.platform.control.Databases;

/**
 * The outbox's SQL (CM_OUTBOX, CM_EVENT, CM_SENDER_PROGRESS): set-based, bind parameters only. A
 * claim is a set of rows marked SENDING with one claim token (CLAIMED_BY) and a Message-ID each,
 * committed with the claim's progress row before any SMTP transaction begins. The claim's rows are
 * sent in id order; before each SMTP transaction the progress row records the row's id, and a
 * message that is not accepted is written to its row at once. So after a crash, a claimed row still
 * SENDING is SENT when below its claim's progress, in doubt when at it (at most one per sender
 * thread), never tried when above it. The end of a claim marks its accepted rows SENT in one
 * statement.
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
   * Inserts the recipients of a mailing from a distribution list in one statement: every member who
   * may be mailed at the member's address now ({@link Sendability}), once per contact. Returns the
   * number of outbox rows created.
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
                + " FROM CM_LIST_MEMBER m LEFT JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = m.PARTY_ID"
                + " WHERE m.LIST_ID = ? AND "
                + Sendability.allows("c", "m.PARTY_ID", "m.EMAIL")
                // a list mailing's rows are all entry 1 (the column's default)
                + " AND NOT EXISTS (SELECT 1 FROM CM_OUTBOX o"
                + "   WHERE o.MAILING_ID = ? AND o.PARTY_ID = m.PARTY_ID AND o.ENTRY = 1)")) {
      ps.setLong(1, mailingId);
      ps.setLong(2, campaignId);
      ps.setObject(3, dueAt);
      ps.setObject(4, now);
      ps.setLong(5, listId);
      ps.setLong(6, mailingId);
      return ps.executeUpdate();
    }
  }

  /**
   * Inserts a workflow step's messages for these contacts, each at the address the contact index
   * has now, when the contact may be mailed ({@link Sendability}) and has no message of this
   * mailing and entry yet (the outbox's key: once per step, contact and entry into the workflow; a
   * contact who enters the workflow again gets the step's email again, once). Returns the contacts
   * that have the step's message of this entry now, enqueued by this call or before.
   */
  public static java.util.Set<String> enqueueContacts(
      Connection c,
      long mailingId,
      long campaignId,
      int entry,
      List<String> parties,
      LocalDateTime now)
      throws SQLException {
    java.sql.Array contacts = c.createArrayOf("VARCHAR", parties.toArray());
    // The unique (mailing, contact, entry) key skips those who have the message already: an
    // anti-join against the mailing's rows read all of them per batch (a workflow's mailing grows
    // to the whole list), where the key's index finds each contact's row.
    String insert =
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, ATTEMPTS,"
            + " DUE_AT, CREATED_AT, ENTRY)"
            + " SELECT nextval('CM_OUTBOX_SEQ'), ?, ?, c.PARTY_ID, LOWER(c.EMAIL), 'PENDING', 0,"
            + " ?, ?, ? FROM CM_CONTACT_INDEX c WHERE c.PARTY_ID = ANY (?) AND "
            + Sendability.allows("c", "c.PARTY_ID", "c.EMAIL")
            + " ON CONFLICT DO NOTHING";
    boolean postgres = Databases.isPostgres(c);
    java.util.Set<String> enqueued = new java.util.HashSet<>();
    try (PreparedStatement ps =
        postgres
            ? c.prepareStatement(insert + " RETURNING PARTY_ID")
            : c.prepareStatement(insert, new String[] {"PARTY_ID"})) {
      ps.setLong(1, mailingId);
      ps.setLong(2, campaignId);
      ps.setObject(3, now);
      ps.setObject(4, now);
      ps.setInt(5, entry);
      ps.setArray(6, contacts);
      try (ResultSet rs = postgres ? ps.executeQuery() : updateAndKeys(ps)) {
        while (rs.next()) {
          enqueued.add(rs.getString(1));
        }
      }
    }
    List<String> others = new ArrayList<>();
    for (String party : parties) {
      if (!enqueued.contains(party)) {
        others.add(party);
      }
    }
    if (!others.isEmpty()) {
      // those who may not be mailed, and those who had this entry's message before (a second pass)
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT PARTY_ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND PARTY_ID = ANY (?)"
                  + " AND ENTRY = ?")) {
        ps.setLong(1, mailingId);
        ps.setArray(2, c.createArrayOf("VARCHAR", others.toArray()));
        ps.setInt(3, entry);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            enqueued.add(rs.getString(1));
          }
        }
      }
    }
    return enqueued;
  }

  private static ResultSet updateAndKeys(PreparedStatement ps) throws SQLException {
    ps.executeUpdate();
    return ps.getGeneratedKeys();
  }

  /** Members of a list, and how many of them may be mailed now ({@link Sendability}). */
  public static long[] listCounts(Connection c, long listId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN "
                + Sendability.allows("c", "m.PARTY_ID", "m.EMAIL")
                + " THEN 1 ELSE 0 END), 0) FROM CM_LIST_MEMBER m"
                + " LEFT JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = m.PARTY_ID WHERE m.LIST_ID = ?")) {
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
    return Databases.inTransaction(
        c,
        () -> {
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
            markClaimed(c, ids, token, now, messageIds);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO CM_SENDER_PROGRESS (CLAIM_TOKEN, MAILING_ID, OUTBOX_ID, UPDATED_AT)"
                        + " VALUES (?, ?, 0, ?)")) {
              ps.setString(1, token);
              ps.setLong(2, mailingId);
              ps.setObject(3, now);
              ps.executeUpdate();
            }
          }
          return ids;
        });
  }

  /**
   * Marks the locked rows as this claim's, each with its Message-ID unless it has one from an
   * earlier attempt. On PostgreSQL one statement over arrays of ids and Message-IDs (a JDBC batch
   * of row updates cost 0.13 ms a row); elsewhere a batch.
   */
  private static void markClaimed(
      Connection c,
      List<Long> ids,
      String token,
      LocalDateTime now,
      java.util.function.LongFunction<String> messageIds)
      throws SQLException {
    String[] mids = new String[ids.size()];
    for (int i = 0; i < mids.length; i++) {
      mids[i] = messageIds.apply(ids.get(i));
    }
    if (Databases.isPostgres(c)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE CM_OUTBOX o SET STATE = 'SENDING', CLAIMED_BY = ?, CLAIMED_AT = ?,"
                  + " ATTEMPT_STARTED_AT = NULL, ATTEMPTS = o.ATTEMPTS + 1,"
                  + " MESSAGE_ID = COALESCE(o.MESSAGE_ID, v.MID)"
                  + " FROM UNNEST(?, ?) AS v(ID, MID) WHERE o.ID = v.ID")) {
        ps.setString(1, token);
        ps.setObject(2, now);
        ps.setArray(3, ids(c, ids));
        ps.setArray(4, c.createArrayOf("VARCHAR", mids));
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = 'SENDING', CLAIMED_BY = ?, CLAIMED_AT = ?,"
                + " ATTEMPT_STARTED_AT = NULL, ATTEMPTS = ATTEMPTS + 1,"
                + " MESSAGE_ID = COALESCE(MESSAGE_ID, ?) WHERE ID = ?")) {
      for (int i = 0; i < mids.length; i++) {
        ps.setString(1, token);
        ps.setObject(2, now);
        ps.setString(3, mids[i]);
        ps.setLong(4, ids.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The claimed rows with their contacts' fields from the contact index, each marked suppressed
   * when it may not be mailed now: {@link Sendability#reasonAtSend}, with the ERP's consent read
   * live through {@code channelView} (the mapping's contact channel view, named by the JPA
   * mapping). Purchase figures come from {@code orderView} (the mapping's order view) when not
   * null.
   */
  public static List<Claimed> load(
      Connection c,
      String token,
      List<Long> claimed,
      String orderView,
      String channelView,
      LocalDateTime now)
      throws SQLException {
    Map<String, PurchaseFigures> orders =
        orderView == null
            ? Map.of()
            : PurchaseFigures.of(
                c,
                orderView,
                "SELECT o.PARTY_ID FROM CM_OUTBOX o WHERE o.ID = ANY (?) AND o.CLAIMED_BY = ?",
                ids(c, claimed),
                token);
    List<Claimed> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.ID, o.PARTY_ID, o.EMAIL, o.MESSAGE_ID, o.ATTEMPTS, c.SALUTATION, c.FIRST_NAME,"
                + " c.LAST_NAME, c.DISPLAY_NAME, c.ORGANISATION_NAME, c.CITY, c.COUNTRY, "
                + Sendability.reasonAtSend("c", "o.PARTY_ID", "o.EMAIL", channelView)
                + " FROM CM_OUTBOX o LEFT JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = o.PARTY_ID"
                + " WHERE o.ID = ANY (?) AND o.CLAIMED_BY = ? AND o.STATE = 'SENDING' ORDER BY o.ID")) {
      ps.setObject(1, now);
      ps.setObject(2, now);
      ps.setArray(3, ids(c, claimed));
      ps.setString(4, token);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String party = rs.getString(2);
          PurchaseFigures o = orders.getOrDefault(party, PurchaseFigures.NONE);
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
                  o.lastOrder(),
                  o.total(),
                  o.currency(),
                  o.orders());
          rows.add(
              new Claimed(
                  rs.getLong(1),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getString(13) != null,
                  r));
        }
      }
    }
    return rows;
  }

  /**
   * Records that the SMTP transaction of a claimed row begins: the claim's progress moves to it
   * (which also keeps the claim fresh, so a slow server does not look like a dead sender).
   * Autocommitted. False when the claim was taken over (after the claim timeout): none of its rows
   * may be sent any more.
   */
  public static boolean begin(PreparedStatement ps, String token, long outboxId, LocalDateTime now)
      throws SQLException {
    ps.setLong(1, outboxId);
    ps.setObject(2, now);
    ps.setString(3, token);
    return ps.executeUpdate() == 1;
  }

  public static PreparedStatement prepareBegin(Connection c) throws SQLException {
    return c.prepareStatement(
        "UPDATE CM_SENDER_PROGRESS SET OUTBOX_ID = ?, UPDATED_AT = ? WHERE CLAIM_TOKEN = ?");
  }

  /**
   * Writes the outcome of a claimed row that was not accepted (suppressed, not rendered, refused,
   * failed) at once, before the claim's progress moves past it; releases the row from the claim. A
   * bounce also gets its event. One transaction.
   */
  public static void settle(Connection c, String token, Failure f, LocalDateTime now)
      throws SQLException {
    Databases.inTransaction(
        c,
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE CM_OUTBOX SET STATE = ?, LAST_REPLY = ?, DUE_AT = COALESCE(?, DUE_AT),"
                      + " CLAIMED_BY = NULL, ATTEMPT_STARTED_AT = NULL,"
                      + " ATTEMPTS = CASE WHEN ? = 'SUPPRESSED' THEN ATTEMPTS - 1 ELSE ATTEMPTS END"
                      + " WHERE ID = ? AND CLAIMED_BY = ? AND STATE = 'SENDING'")) {
            ps.setString(1, f.state().name());
            ps.setString(2, f.reply() == null ? null : SmtpOutcome.clip(f.reply()));
            ps.setObject(3, f.retryAt());
            ps.setString(4, f.state().name());
            ps.setLong(5, f.outboxId());
            ps.setString(6, token);
            ps.executeUpdate();
          }
          if (f.state() == OutboxState.BOUNCED) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL,"
                        + " TYPE, DETAIL, OCCURRED_AT) SELECT nextval('CM_EVENT_SEQ'), o.ID,"
                        + " o.MAILING_ID, o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, 'BOUNCED', ?, ?"
                        + " FROM CM_OUTBOX o WHERE o.ID = ?")) {
              ps.setString(1, SmtpOutcome.clip("hard: " + f.reply()));
              ps.setObject(2, now);
              ps.setLong(3, f.outboxId());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /**
   * On PostgreSQL, the statements per message need not wait for the disk: a crash of the
   * application loses nothing PostgreSQL has acknowledged; only a crash of PostgreSQL itself could
   * move a claim's last fraction of a second of progress back, so that what was sent in it is sent
   * again (with the same Message-IDs). Claims stay synchronous (their transaction sets it back): a
   * Message-ID is durable before its message is sent.
   */
  public static void relaxDurability(Connection c, boolean relaxed) throws SQLException {
    if (Databases.isPostgres(c)) {
      try (var st = c.createStatement()) {
        st.execute(relaxed ? "SET synchronous_commit TO OFF" : "RESET synchronous_commit");
      }
    }
  }

  private static void synchronousInTransaction(Connection c) throws SQLException {
    if (Databases.isPostgres(c)) {
      try (var st = c.createStatement()) {
        st.execute("SET LOCAL synchronous_commit TO ON");
      }
    }
  }

  /**
   * Ends a claim in one transaction: the rows up to {@code lastBegun} that are still SENDING (every
   * other outcome was {@linkplain #settle settled} at once) were accepted by the server and become
   * SENT at {@code sentAt}, with their SENT and DELIVERED events; rows never handed to SMTP (pause,
   * cancel, shutdown) go back to PENDING, or CANCELLED with their mailing; the progress row goes;
   * the mailing's count of sent messages grows by those sent. Returns how many were sent.
   */
  public static int finish(
      Connection c,
      long mailingId,
      long campaignId,
      String token,
      long lastBegun,
      LocalDateTime sentAt)
      throws SQLException {
    return Databases.inTransaction(
        c,
        () -> {
          // not synchronous: should PostgreSQL itself crash and lose this end of a claim, the
          // claim and its progress are still there and reconciliation redoes what was lost
          int sent = markSent(c, token, lastBegun, sentAt);
          putBack(c, token, lastBegun);
          deleteProgress(c, token);
          // last: the mailing's count is one row that every sender thread of the mailing updates
          addSent(c, mailingId, campaignId, sent);
          return sent;
        });
  }

  /**
   * Adds messages accepted by the relay to the mailing's count (CM_MAILING_SENT), in the caller's
   * transaction: the one that marks them SENT. The mailing's row is made by its first count.
   */
  private static void addSent(Connection c, long mailingId, long campaignId, long messages)
      throws SQLException {
    if (messages <= 0) {
      return;
    }
    try (PreparedStatement add =
        c.prepareStatement(
            "UPDATE CM_MAILING_SENT SET MESSAGES = MESSAGES + ? WHERE MAILING_ID = ?")) {
      add.setLong(1, messages);
      add.setLong(2, mailingId);
      if (add.executeUpdate() == 1) {
        return;
      }
      try (PreparedStatement create =
          c.prepareStatement(
              "INSERT INTO CM_MAILING_SENT (MAILING_ID, CAMPAIGN_ID, MESSAGES, ANNOUNCED)"
                  + " VALUES (?, ?, 0, 0) ON CONFLICT DO NOTHING")) {
        create.setLong(1, mailingId);
        create.setLong(2, campaignId);
        create.executeUpdate();
      }
      add.executeUpdate();
    }
  }

  /** A mailing's messages accepted by the relay and not yet announced to observers. */
  public record Unannounced(long mailingId, long campaignId, long messages, long announced) {
    public long count() {
      return messages - announced;
    }
  }

  /** The mailings with messages sent and not yet announced. */
  public static List<Long> unannounced(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MAILING_ID FROM CM_MAILING_SENT WHERE MESSAGES > ANNOUNCED ORDER BY MAILING_ID");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * Marks what a mailing sent as announced, in the caller's transaction (that of the announcement's
   * observers), and returns what was not announced before; empty when nothing is left (another
   * instance announced it). The mailing's row stays locked until the transaction ends.
   */
  public static java.util.Optional<Unannounced> announce(Connection c, long mailingId)
      throws SQLException {
    Unannounced u;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CAMPAIGN_ID, MESSAGES, ANNOUNCED FROM CM_MAILING_SENT WHERE MAILING_ID = ?"
                + " FOR UPDATE")) {
      ps.setLong(1, mailingId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        u = new Unannounced(mailingId, rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
    if (u.count() <= 0) {
      return java.util.Optional.empty();
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE CM_MAILING_SENT SET ANNOUNCED = ? WHERE MAILING_ID = ?")) {
      ps.setLong(1, u.messages());
      ps.setLong(2, mailingId);
      ps.executeUpdate();
    }
    return java.util.Optional.of(u);
  }

  /**
   * Rows of a claim above {@code after} that were never handed to SMTP (pause, cancel, shutdown, a
   * stopped sender) leave the claim: back to PENDING, or CANCELLED with their mailing. Returns how
   * many.
   */
  private static int putBack(Connection c, String token, long after) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = CASE WHEN EXISTS (SELECT 1 FROM CM_MAILING m"
                + "   WHERE m.ID = CM_OUTBOX.MAILING_ID AND m.STATE = 'CANCELLED')"
                + "   THEN 'CANCELLED' ELSE 'PENDING' END,"
                + " CLAIMED_BY = NULL, CLAIMED_AT = NULL,"
                + " ATTEMPTS = ATTEMPTS - 1 WHERE CLAIMED_BY = ? AND STATE = 'SENDING' AND ID > ?")) {
      ps.setString(1, token);
      ps.setLong(2, after);
      return ps.executeUpdate();
    }
  }

  private static void deleteProgress(Connection c, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM CM_SENDER_PROGRESS WHERE CLAIM_TOKEN = ?")) {
      ps.setString(1, token);
      ps.executeUpdate();
    }
  }

  /** Claimed rows are found by their ids (primary key), whatever the statistics say. */
  private static java.sql.Array ids(Connection c, List<Long> ids) throws SQLException {
    return c.createArrayOf("BIGINT", ids.toArray());
  }

  /**
   * The rows of a claim still SENDING up to {@code upTo} become SENT at {@code sentAt} and leave
   * the claim, after their SENT and DELIVERED events are written. Returns how many.
   */
  private static int markSent(Connection c, String token, long upTo, LocalDateTime sentAt)
      throws SQLException {
    for (String type : new String[] {"SENT", "DELIVERED"}) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_EVENT (ID, OUTBOX_ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, TYPE,"
                  + " DETAIL, OCCURRED_AT) SELECT nextval('CM_EVENT_SEQ'), o.ID, o.MAILING_ID,"
                  + " o.CAMPAIGN_ID, o.PARTY_ID, o.EMAIL, ?, o.MESSAGE_ID, ? FROM CM_OUTBOX o"
                  + " WHERE o.CLAIMED_BY = ? AND o.STATE = 'SENDING' AND o.ID <= ?")) {
        ps.setString(1, type);
        ps.setObject(2, sentAt);
        ps.setString(3, token);
        ps.setLong(4, upTo);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_OUTBOX SET STATE = 'SENT', SENT_AT = ?, CLAIMED_BY = NULL"
                + " WHERE CLAIMED_BY = ? AND STATE = 'SENDING' AND ID <= ?")) {
      ps.setObject(1, sentAt);
      ps.setString(2, token);
      ps.setLong(3, upTo);
      return ps.executeUpdate();
    }
  }

  /** What reconciliation did with the claims of senders that stopped. */
  public record Reconciled(int retried, int inDoubt, Map<List<Long>, Integer> sentByMailing) {}

  /**
   * Takes over claims whose progress is older than {@code claimedBefore} (their sender stopped):
   * rows below the progress were accepted and become SENT (with their events), the row at it is in
   * doubt — sent again with the same Message-ID when {@code resendInDoubt}, else counted as SENT —
   * and rows above it go back to PENDING. A SENDING row of a claim without progress (none is
   * expected: claims are created with theirs) is treated as in doubt. The mailings' counts of sent
   * messages grow by the rows that become SENT. Safe on several instances at once: stale progress
   * rows are locked, skipping those another instance holds.
   */
  public static Reconciled reconcile(
      Connection c,
      LocalDateTime claimedBefore,
      boolean resendInDoubt,
      String token,
      LocalDateTime now)
      throws SQLException {
    return Databases.inTransaction(
        c,
        () -> {
          record Stale(String token, long outboxId, LocalDateTime at) {}
          List<Stale> stale = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT CLAIM_TOKEN, OUTBOX_ID, UPDATED_AT FROM CM_SENDER_PROGRESS"
                      + " WHERE UPDATED_AT < ? FOR UPDATE SKIP LOCKED")) {
            ps.setObject(1, claimedBefore);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                stale.add(
                    new Stale(
                        rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toLocalDateTime()));
              }
            }
          }
          int retried = 0;
          int inDoubt = 0;
          Map<List<Long>, Integer> sent = new LinkedHashMap<>();
          for (Stale claim : stale) {
            if (claim.outboxId() > 0) {
              inDoubt += inDoubt(c, claim.token(), claim.outboxId(), resendInDoubt, now);
            }
            // below the progress (and at it, when in doubt counts as sent)
            countSent(c, claim.token(), claim.outboxId(), sent);
            markSent(c, claim.token(), claim.outboxId(), claim.at());
            retried += putBack(c, claim.token(), claim.outboxId());
            deleteProgress(c, claim.token());
          }
          // claims without progress: adopted by this reconciliation, then in doubt
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE CM_OUTBOX SET CLAIMED_BY = ? WHERE CLAIMED_BY IS NOT NULL"
                      + " AND STATE = 'SENDING' AND CLAIMED_AT < ? AND NOT EXISTS (SELECT 1"
                      + " FROM CM_SENDER_PROGRESS p WHERE p.CLAIM_TOKEN = CM_OUTBOX.CLAIMED_BY)")) {
            ps.setString(1, token);
            ps.setObject(2, claimedBefore);
            if (ps.executeUpdate() > 0) {
              inDoubt += inDoubt(c, token, -1, resendInDoubt, now);
              countSent(c, token, Long.MAX_VALUE, sent);
              markSent(c, token, Long.MAX_VALUE, now);
            }
          }
          for (Map.Entry<List<Long>, Integer> e : sent.entrySet()) {
            addSent(c, e.getKey().get(1), e.getKey().get(0), e.getValue());
          }
          return new Reconciled(retried, inDoubt, sent);
        });
  }

  /** Adds the rows of a claim still SENDING up to {@code upTo} to the counts. */
  private static void countSent(
      Connection c, String token, long upTo, Map<List<Long>, Integer> counts) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CAMPAIGN_ID, MAILING_ID, COUNT(*) FROM CM_OUTBOX WHERE CLAIMED_BY = ?"
                + " AND STATE = 'SENDING' AND ID <= ? GROUP BY CAMPAIGN_ID, MAILING_ID")) {
      ps.setString(1, token);
      ps.setLong(2, upTo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.merge(List.of(rs.getLong(1), rs.getLong(2)), rs.getInt(3), Integer::sum);
        }
      }
    }
  }

  /**
   * The in-doubt row of a claim ({@code outboxId}, or every row still SENDING when -1): due again
   * at once with its Message-ID and out of the claim when resending; else noted as counted as sent
   * (it stays in the claim, to be marked SENT with the rows before it). Returns how many.
   */
  private static int inDoubt(
      Connection c, String token, long outboxId, boolean resend, LocalDateTime now)
      throws SQLException {
    String which =
        " WHERE CLAIMED_BY = ? AND STATE = 'SENDING'" + (outboxId < 0 ? "" : " AND ID = ?");
    try (PreparedStatement ps =
        c.prepareStatement(
            resend
                ? "UPDATE CM_OUTBOX SET STATE = 'FAILED', DUE_AT = ?, CLAIMED_BY = NULL,"
                    + " CLAIMED_AT = NULL, ATTEMPT_STARTED_AT = NULL,"
                    + " LAST_REPLY = 'in doubt: the sender stopped during its SMTP transaction'"
                    + which
                : "UPDATE CM_OUTBOX SET LAST_REPLY = 'in doubt: counted as sent, the sender"
                    + " stopped during its SMTP transaction'"
                    + which)) {
      int p = 1;
      if (resend) {
        ps.setObject(p++, now);
      }
      ps.setString(p++, token);
      if (outboxId >= 0) {
        ps.setLong(p, outboxId);
      }
      return ps.executeUpdate();
    }
  }

  /** The claims in progress whose progress moved since {@code since}, in the whole cluster. */
  public static List<ClusterThrottles.ClaimInProgress> claimsInProgress(
      Connection c, LocalDateTime since) throws SQLException {
    List<ClusterThrottles.ClaimInProgress> claims = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CLAIM_TOKEN, MAILING_ID FROM CM_SENDER_PROGRESS WHERE UPDATED_AT > ?")) {
      ps.setObject(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claims.add(new ClusterThrottles.ClaimInProgress(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return claims;
  }

  /** The mailings being sent, by id. */
  public static List<MailingsBeingSent.Sending> sendingMailings(Connection c) throws SQLException {
    List<MailingsBeingSent.Sending> read = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ID, CAMPAIGN_ID, TEMPLATE_ID, THROTTLE_PER_SECOND FROM CM_MAILING"
                + " WHERE STATE = 'SENDING' ORDER BY ID")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int t = rs.getInt(4);
          // wasNull speaks of the column read last: ask before reading the others
          Integer throttle = rs.wasNull() || t <= 0 ? null : t;
          read.add(
              new MailingsBeingSent.Sending(rs.getLong(1), rs.getLong(2), rs.getLong(3), throttle));
        }
      }
    }
    return read;
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

  /**
   * Mailings SENDING with nothing left to send become COMPLETED (a workflow's step mailings stay
   * open while the workflow runs); returns how many.
   */
  public static int completeFinished(Connection c, int maxAttempts, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_MAILING SET STATE = 'COMPLETED', FINISHED_AT = ?, VERSION = VERSION + 1"
                + " WHERE STATE = 'SENDING' AND WORKFLOW_ID IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM CM_OUTBOX o"
                + " WHERE o.MAILING_ID = CM_MAILING.ID AND (o.STATE IN ('PENDING', 'SENDING')"
                + " OR (o.STATE = 'FAILED' AND o.ATTEMPTS < ?)))")) {
      ps.setObject(1, now);
      ps.setInt(2, maxAttempts);
      return ps.executeUpdate();
    }
  }
}
