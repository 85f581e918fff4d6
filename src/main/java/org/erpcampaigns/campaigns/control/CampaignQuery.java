package org.erpcampaigns.campaigns.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.erpcampaigns.campaigns.entity.Campaign;

/** The campaign list in the database: filtered, sorted, paged, with totals per currency. */
public final class CampaignQuery {
  /** The columns the list sorts by, and their JPQL paths. */
  public enum Sort {
    NAME("c.name"),
    TYPE("c.type"),
    STATUS("c.status"),
    OWNER("c.owner"),
    START("c.plannedStart"),
    END("c.plannedEnd"),
    BUDGET("c.budget");

    final String path;

    Sort(String path) {
      this.path = path;
    }

    public static Optional<Sort> parse(String field) {
      if (field == null || field.isBlank()) {
        return Optional.of(START);
      }
      String f = field.strip().toLowerCase(Locale.ROOT);
      f = f.substring(f.lastIndexOf('.') + 1);
      for (Sort s : values()) {
        if (s.name().equalsIgnoreCase(f) || s.path.substring(2).equalsIgnoreCase(f)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** A list row: the campaign and the money recorded against it (its own costs). */
  public record Row(Campaign campaign, BigDecimal actualCost) {}

  /** The totals of the filtered campaigns in one currency (own budgets and own costs). */
  public record CurrencyTotal(
      String currency, long campaigns, BigDecimal budget, BigDecimal actual) {}

  private final EntityManager em;

  public CampaignQuery(EntityManager em) {
    this.em = em;
  }

  public long count(CampaignFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    TypedQuery<Long> q =
        em.createQuery("SELECT COUNT(c) FROM Campaign c" + where(filter, params), Long.class);
    params.forEach(q::setParameter);
    return q.getSingleResult();
  }

  public List<Row> page(CampaignFilter filter, Sort sort, boolean ascending, int first, int size) {
    Map<String, Object> params = new LinkedHashMap<>();
    TypedQuery<Object[]> q =
        em.createQuery(
            "SELECT c, (SELECT COALESCE(SUM(k.amount), 0) FROM CostEntry k WHERE k.campaign = c)"
                + " FROM Campaign c"
                + where(filter, params)
                + " ORDER BY "
                + sort.path
                + (ascending ? " ASC" : " DESC")
                + ", c.id DESC",
            Object[].class);
    params.forEach(q::setParameter);
    List<Row> rows = new ArrayList<>();
    for (Object[] r : q.setFirstResult(first).setMaxResults(size).getResultList()) {
      rows.add(new Row((Campaign) r[0], money(r[1])));
    }
    return rows;
  }

  public List<CurrencyTotal> totals(CampaignFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    TypedQuery<Object[]> budgets =
        em.createQuery(
            "SELECT c.currency, COUNT(c), SUM(c.budget) FROM Campaign c"
                + where(filter, params)
                + " GROUP BY c.currency ORDER BY c.currency",
            Object[].class);
    params.forEach(budgets::setParameter);
    Map<String, Object> costParams = new LinkedHashMap<>();
    TypedQuery<Object[]> costs =
        em.createQuery(
            "SELECT c.currency, SUM(k.amount) FROM CostEntry k JOIN k.campaign c"
                + where(filter, costParams)
                + " GROUP BY c.currency",
            Object[].class);
    costParams.forEach(costs::setParameter);
    Map<String, BigDecimal> actual = new LinkedHashMap<>();
    for (Object[] r : costs.getResultList()) {
      actual.put((String) r[0], money(r[1]));
    }
    List<CurrencyTotal> totals = new ArrayList<>();
    for (Object[] r : budgets.getResultList()) {
      String currency = (String) r[0];
      totals.add(
          new CurrencyTotal(
              currency,
              ((Number) r[1]).longValue(),
              money(r[2]),
              actual.getOrDefault(currency, money(null))));
    }
    return totals;
  }

  /** Distinct owners, for the owner filter. */
  public List<String> owners() {
    return em.createQuery("SELECT DISTINCT c.owner FROM Campaign c ORDER BY c.owner", String.class)
        .getResultList();
  }

  static String where(CampaignFilter f, Map<String, Object> params) {
    List<String> conditions = new ArrayList<>();
    if (f.type() != null) {
      conditions.add("c.type = :type");
      params.put("type", f.type());
    }
    if (f.status() != null) {
      conditions.add("c.status = :status");
      params.put("status", f.status());
    }
    if (f.owner() != null && !f.owner().isBlank()) {
      conditions.add("c.owner = :owner");
      params.put("owner", f.owner().strip());
    }
    if (f.from() != null) {
      conditions.add("(c.plannedEnd IS NULL OR c.plannedEnd >= :from)");
      params.put("from", f.from());
    }
    if (f.to() != null) {
      conditions.add("(c.plannedStart IS NULL OR c.plannedStart <= :to)");
      params.put("to", f.to());
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static BigDecimal money(Object v) {
    if (v == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    return new BigDecimal(v.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
  }
}
