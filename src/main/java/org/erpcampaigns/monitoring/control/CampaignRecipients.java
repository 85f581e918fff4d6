package org.erpcampaigns.monitoring.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A campaign's recipients, one row per contact its messages were queued for, with their delivery
 * and engagement, whether they ordered since, and where they stand in the campaign's workflows;
 * filtered ("opened but did not click", "clicked, no order yet", ...) and paged in the database, so
 * that a million recipients page as fast as a hundred. The same filter names the contacts of a new
 * list and of an export.
 */
public final class CampaignRecipients {

  /** What a recipient did (or did not do); each is one condition in SQL. */
  public enum Filter {
    ALL("1 = 1"),
    OPENED(has("OPENED")),
    NOT_OPENED("NOT " + has("OPENED")),
    OPENED_NOT_CLICKED(has("OPENED") + " AND NOT " + has("CLICKED")),
    CLICKED(has("CLICKED")),
    CLICKED_NO_ORDER(has("CLICKED") + " AND NOT %1$s"),
    ORDERED("%1$s"),
    REPLIED(has("REPLIED")),
    BOUNCED(has("BOUNCED")),
    UNSUBSCRIBED(has("UNSUBSCRIBED")),
    NOT_SENT("r.SENT = 0");

    private final String condition;

    Filter(String condition) {
      this.condition = condition;
    }

    /** The filter named (any case); empty when there is none of that name. */
    public static Optional<Filter> named(String name) {
      if (name == null || name.isBlank()) {
        return Optional.of(ALL);
      }
      try {
        return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * The contact has an event of this type in the campaign. Opens and clicks count people's only:
   * machine opens and scanner clicks are no engagement.
   */
  static String has(String type) {
    return "EXISTS (SELECT 1 FROM CM_EVENT ev WHERE ev.CAMPAIGN_ID = r.CAMPAIGN_ID"
        + " AND ev.TYPE = '"
        + type
        + "' AND ev.PARTY_ID = r.PARTY_ID"
        + HUMAN
        + ")";
  }

  /**
   * Which events count as a person's: machine opens and scanner clicks do not (tracking marks them
   * at ingestion; other types and events from before have no origin and count).
   */
  static final String HUMAN = " AND COALESCE(ev.ORIGIN, 'HUMAN') = 'HUMAN'";

  /** One recipient. {@code workflowState}: the state of its latest workflow position, if any. */
  public record Recipient(
      String partyId,
      String email,
      String name,
      long messages,
      long sent,
      LocalDateTime lastSent,
      long opens,
      long clicks,
      boolean replied,
      boolean bounced,
      boolean unsubscribed,
      boolean ordered,
      String workflowState) {}

  private final String orderView;

  /**
   * @param orderView the mapping's order view (CONTACT_ID, ORDER_DATE, STATUS); null: no orders
   */
  public CampaignRecipients(String orderView) {
    this.orderView = orderView;
  }

  /** Ordered since the campaign first queued a message for the contact, not cancelled. */
  private String ordered() {
    return orderView == null
        ? "1 = 0"
        : "EXISTS (SELECT 1 FROM "
            + orderView
            + " v WHERE v.CONTACT_ID = r.PARTY_ID AND v.STATUS <> 'CANCELLED'"
            + " AND v.ORDER_DATE >= r.FIRST_QUEUED)";
  }

  private String where(Filter filter) {
    return String.format(filter.condition, ordered());
  }

  /** The recipients of the campaign, one row per contact (CAMPAIGN_ID is the parameter). */
  private static final String RECIPIENTS =
      "(SELECT o.CAMPAIGN_ID, o.PARTY_ID, MAX(o.ID) AS LAST_ID, COUNT(*) AS MESSAGES,"
          + " COUNT(o.SENT_AT) AS SENT, MAX(o.SENT_AT) AS LAST_SENT,"
          + " MIN(o.CREATED_AT) AS FIRST_QUEUED FROM CM_OUTBOX o WHERE o.CAMPAIGN_ID = ?"
          + " GROUP BY o.CAMPAIGN_ID, o.PARTY_ID) r";

  public long count(Connection c, long campaignId, Filter filter) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM " + RECIPIENTS + " WHERE " + where(filter))) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A page of the recipients, in party id order. */
  public List<Recipient> page(Connection c, long campaignId, Filter filter, int first, int size)
      throws SQLException {
    List<Recipient> page = new ArrayList<>();
    read(
        c,
        campaignId,
        filter,
        " LIMIT " + Math.max(0, Math.min(size, 1000)) + " OFFSET " + Math.max(0, first),
        page::add);
    return page;
  }

  /** Takes each recipient as it is read (an export streams through it). */
  @FunctionalInterface
  public interface Sink {
    void take(Recipient r) throws SQLException;
  }

  /** Every recipient of the filter, as read, in party id order. */
  public void each(Connection c, long campaignId, Filter filter, Sink sink) throws SQLException {
    read(c, campaignId, filter, "", sink);
  }

  /** The filter's recipients in party id order, {@code limit} a LIMIT/OFFSET clause or empty. */
  private void read(Connection c, long campaignId, Filter filter, String limit, Sink sink)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.PARTY_ID, lo.EMAIL, COALESCE(ci.DISPLAY_NAME, CONCAT(CONCAT(ci.FIRST_NAME,"
                + " ' '), ci.LAST_NAME)), r.MESSAGES, r.SENT, r.LAST_SENT,"
                + " (SELECT COUNT(*) FROM CM_EVENT ev WHERE ev.CAMPAIGN_ID = r.CAMPAIGN_ID"
                + " AND ev.TYPE = 'OPENED' AND ev.PARTY_ID = r.PARTY_ID"
                + HUMAN
                + "),"
                + " (SELECT COUNT(*) FROM CM_EVENT ev WHERE ev.CAMPAIGN_ID = r.CAMPAIGN_ID"
                + " AND ev.TYPE = 'CLICKED' AND ev.PARTY_ID = r.PARTY_ID"
                + HUMAN
                + "), "
                + flag(has("REPLIED"))
                + ", "
                + flag(has("BOUNCED"))
                + ", "
                + flag(has("UNSUBSCRIBED"))
                + ", "
                + flag(ordered())
                + ", (SELECT e.STATE_KEY FROM CM_ENROLMENT e WHERE e.PARTY_ID = r.PARTY_ID"
                + " AND e.WORKFLOW_ID IN (SELECT w.ID FROM CM_WORKFLOW w"
                + " WHERE w.CAMPAIGN_ID = r.CAMPAIGN_ID) ORDER BY e.STATE_SINCE DESC LIMIT 1)"
                + " FROM "
                + RECIPIENTS
                // the address of its latest message (an address may change between two)
                + " JOIN CM_OUTBOX lo ON lo.ID = r.LAST_ID"
                + " LEFT JOIN CM_CONTACT_INDEX ci ON ci.PARTY_ID = r.PARTY_ID WHERE "
                + where(filter)
                + " ORDER BY r.PARTY_ID"
                + limit)) {
      ps.setLong(1, campaignId);
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(3);
          sink.take(
              new Recipient(
                  rs.getString(1),
                  rs.getString(2),
                  name == null ? null : name.strip(),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getObject(6, LocalDateTime.class),
                  rs.getLong(7),
                  rs.getLong(8),
                  rs.getInt(9) == 1,
                  rs.getInt(10) == 1,
                  rs.getInt(11) == 1,
                  rs.getInt(12) == 1,
                  rs.getString(13)));
        }
      }
    }
  }

  private static String flag(String condition) {
    return "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
  }

  /** The party ids of the filter's recipients, in order. */
  public List<String> parties(Connection c, long campaignId, Filter filter) throws SQLException {
    List<String> parties = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.PARTY_ID FROM "
                + RECIPIENTS
                + " WHERE "
                + where(filter)
                + " ORDER BY r.PARTY_ID")) {
      ps.setLong(1, campaignId);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parties.add(rs.getString(1));
        }
      }
    }
    return parties;
  }
}
