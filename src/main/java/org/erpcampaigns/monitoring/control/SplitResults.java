package org.erpcampaigns.monitoring.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.monitoring.entity.AbTest;

/**
 * What the contacts of each way of a workflow's split did since they took it, in one statement: a
 * contact took a way when the split entered it into the way's state (its timeline's ENTERED line
 * with the split's step key); opens and clicks count people's only, orders are the ERP's (not
 * cancelled) since then, revenue that of those orders in the campaign's currency.
 */
public final class SplitResults {
  private final String orderView;

  /**
   * @param orderView the mapping's order view; null: no orders
   */
  public SplitResults(String orderView) {
    this.orderView = orderView;
  }

  /**
   * The ways of the split {@code splitKey} of a workflow, in the order of {@code ways} (state key
   * to its name); ways nobody took yet count zero.
   */
  public List<AbTest.Way> ways(
      Connection c,
      long workflowId,
      long campaignId,
      String splitKey,
      Map<String, String> ways,
      String currency)
      throws SQLException {
    String human = " AND COALESCE(ev.ORIGIN, 'HUMAN') = 'HUMAN'";
    String event =
        "CASE WHEN EXISTS (SELECT 1 FROM CM_EVENT ev WHERE ev.CAMPAIGN_ID = ? AND ev.TYPE = '%s'"
            + " AND ev.PARTY_ID = x.PARTY_ID AND ev.OCCURRED_AT >= x.ENTERED"
            + human
            + ") THEN 1 ELSE 0 END";
    String orders =
        orderView == null
            ? "0 AS ORDERED, 0 AS REVENUE"
            : "CASE WHEN EXISTS (SELECT 1 FROM "
                + orderView
                + " o WHERE o.CONTACT_ID = x.PARTY_ID AND o.STATUS <> 'CANCELLED'"
                + " AND o.ORDER_DATE >= x.ENTERED) THEN 1 ELSE 0 END AS ORDERED,"
                + " COALESCE((SELECT SUM(o.GRAND_TOTAL) FROM "
                + orderView
                + " o WHERE o.CONTACT_ID = x.PARTY_ID AND o.STATUS <> 'CANCELLED'"
                + " AND o.ORDER_DATE >= x.ENTERED AND o.CURRENCY = ?), 0) AS REVENUE";
    Map<String, AbTest.Way> found = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT y.STATE_KEY, COUNT(*), SUM(y.OPENED), SUM(y.CLICKED), SUM(y.ORDERED),"
                + " SUM(y.REVENUE), SUM(y.REVENUE * y.REVENUE) FROM (SELECT x.STATE_KEY, "
                + String.format(event, "OPENED")
                + " AS OPENED, "
                + String.format(event, "CLICKED")
                + " AS CLICKED, "
                + orders
                + " FROM (SELECT a.STATE_KEY, a.PARTY_ID, MIN(a.OCCURRED_AT) AS ENTERED"
                + " FROM CM_WORKFLOW_ACTIVITY a WHERE a.WORKFLOW_ID = ? AND a.KIND = 'ENTERED'"
                + " AND a.STEP_KEY = ? GROUP BY a.STATE_KEY, a.PARTY_ID) x) y"
                + " GROUP BY y.STATE_KEY")) {
      int i = 1;
      ps.setLong(i++, campaignId);
      ps.setLong(i++, campaignId);
      if (orderView != null) {
        ps.setString(i++, currency);
      }
      ps.setLong(i++, workflowId);
      ps.setString(i, splitKey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String state = rs.getString(1);
          found.put(
              state,
              new AbTest.Way(
                  state,
                  ways.getOrDefault(state, state),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  money(rs.getBigDecimal(6)),
                  money(rs.getBigDecimal(7)),
                  null));
        }
      }
    }
    List<AbTest.Way> result = new ArrayList<>();
    ways.forEach(
        (state, name) ->
            result.add(
                found.getOrDefault(
                    state,
                    new AbTest.Way(
                        state, name, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null))));
    return result;
  }

  private static BigDecimal money(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
