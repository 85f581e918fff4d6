package org.erpcampaigns.campaigns.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts what a campaign (with its sub-campaigns) achieved, set-based in the database: leads from
 * the engagement events (CM_EVENT), conversions and revenue from the ERP's orders as the contact
 * mapping's order view shows them (the view of the ContactOrder entity, whichever mapping is
 * configured: its columns CONTACT_ID, ORDER_ID, ORDER_DATE, STATUS, CURRENCY, GRAND_TOTAL are the
 * same in every mapping).
 *
 * <p>An order is attributed when a reached contact (one with a CLICKED event) placed it within the
 * attribution window after their first click, it is not cancelled, and it is in the campaign's
 * currency. Orders in other currencies are not converted: they are counted apart and left out of
 * conversions and revenue. An order placed and billed to two reached contacts counts once.
 */
public final class Attribution {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]{0,127}");

  private final EntityManager em;
  private final String orderView;

  /** orderView comes from the admin's mapping file, never from a user; still, only a name. */
  public Attribution(EntityManager em, String orderView) {
    if (!TABLE_NAME.matcher(orderView).matches()) {
      throw new IllegalArgumentException("not a table name: " + orderView);
    }
    this.em = em;
    this.orderView = orderView;
  }

  /** What the orders of reached contacts amount to. */
  public record Orders(long conversions, BigDecimal revenue, long inOtherCurrencies) {}

  /** Distinct contacts with at least one event of the given types in the campaigns. */
  public long leads(Collection<Long> campaignIds, Collection<String> eventTypes) {
    if (campaignIds.isEmpty() || eventTypes.isEmpty()) {
      return 0;
    }
    List<Object> params = new ArrayList<>(campaignIds);
    params.addAll(eventTypes);
    return count(
        "SELECT COUNT(DISTINCT e.PARTY_ID) FROM CM_EVENT e WHERE e.CAMPAIGN_ID IN ("
            + marks(campaignIds.size())
            + ") AND e.TYPE IN ("
            + marks(eventTypes.size())
            + ") AND e.PARTY_ID IS NOT NULL",
        params);
  }

  /** Distinct contacts who clicked in one of the campaigns. */
  public long reached(Collection<Long> campaignIds) {
    if (campaignIds.isEmpty()) {
      return 0;
    }
    return count(
        "SELECT COUNT(DISTINCT e.PARTY_ID) FROM CM_EVENT e WHERE e.CAMPAIGN_ID IN ("
            + marks(campaignIds.size())
            + ") AND e.TYPE = 'CLICKED' AND e.PARTY_ID IS NOT NULL",
        new ArrayList<>(campaignIds));
  }

  /** Attributed orders and their revenue in the currency, and orders left out for currency. */
  public Orders orders(Collection<Long> campaignIds, String currency, int attributionDays) {
    if (campaignIds.isEmpty()) {
      return new Orders(0, BigDecimal.ZERO.setScale(2), 0);
    }
    String attributed =
        "SELECT DISTINCT o.ORDER_ID, o.CURRENCY, o.GRAND_TOTAL FROM "
            + orderView
            + " o JOIN (SELECT e.PARTY_ID AS PARTY_ID, MIN(e.OCCURRED_AT) AS FIRST_CLICK"
            + " FROM CM_EVENT e WHERE e.TYPE = 'CLICKED' AND e.CAMPAIGN_ID IN ("
            + marks(campaignIds.size())
            + ") GROUP BY e.PARTY_ID) c ON c.PARTY_ID = o.CONTACT_ID"
            + " WHERE o.STATUS <> 'CANCELLED' AND o.ORDER_DATE >= c.FIRST_CLICK"
            + " AND o.ORDER_DATE < c.FIRST_CLICK + CAST(? AS INTEGER) * INTERVAL '1' DAY";
    Query q =
        em.createNativeQuery(
            "SELECT SUM(CASE WHEN a.CURRENCY = ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN a.CURRENCY = ? THEN a.GRAND_TOTAL ELSE 0 END),"
                + " SUM(CASE WHEN a.CURRENCY = ? THEN 0 ELSE 1 END) FROM ("
                + attributed
                + ") a");
    // the outer placeholders come first in the statement
    List<Object> ordered = new ArrayList<>();
    ordered.add(currency);
    ordered.add(currency);
    ordered.add(currency);
    ordered.addAll(campaignIds);
    ordered.add(attributionDays);
    bind(q, ordered);
    Object[] row = (Object[]) q.getSingleResult();
    return new Orders(
        number(row[0]),
        row[1] == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(row[1].toString()),
        number(row[2]));
  }

  /** Messages the campaigns sent: rows SENT in the outbox, or SENT events. */
  public boolean hasSentMessages(long campaignId) {
    return count(
            "SELECT (SELECT COUNT(*) FROM CM_OUTBOX WHERE CAMPAIGN_ID = ? AND STATE = 'SENT')"
                + " + (SELECT COUNT(*) FROM CM_EVENT WHERE CAMPAIGN_ID = ? AND TYPE = 'SENT')",
            List.of(campaignId, campaignId))
        > 0;
  }

  private long count(String sql, List<Object> params) {
    Query q = em.createNativeQuery(sql);
    bind(q, params);
    return number(q.getSingleResult());
  }

  private static void bind(Query q, List<Object> params) {
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
  }

  private static long number(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
