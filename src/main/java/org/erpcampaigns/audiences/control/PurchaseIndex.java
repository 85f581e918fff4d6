package org.erpcampaigns.audiences.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.erpcampaigns.platform.control.Databases;

/**
 * Refreshes the purchase index from the mapping's purchase and order-line views in one transaction,
 * as the contact index is refreshed: readers see the old copy until the new one is committed; the
 * state row lock makes a cluster refresh once at a time. Purchase criteria then cost index range
 * scans or plain column predicates, not joins over the ERP's order tables.
 *
 * <p>Four tables, each filled by one INSERT ... SELECT from the previous: CM_PURCHASE_INDEX (one
 * row per contact and completed order, its total converted into the reporting currency at the rate
 * valid at the order date, see {@link #CONVERTED}), CM_PURCHASE_ITEM_INDEX (what each contact
 * bought when), CM_PURCHASE_SUMMARY (per contact: order count, total spent, first and last order)
 * and CM_PURCHASE_CATEGORY (per contact and category, with the membership valid at the order date:
 * first and last order date).
 *
 * <p>On PostgreSQL each table is loaded into a fresh copy without indexes, its indexes and
 * constraints (read from the catalogue, so later migrations' indexes survive) are built after the
 * load, the copy is analysed and swapped in by rename in the same transaction. Elsewhere (H2) the
 * tables are emptied and refilled in place.
 */
public final class PurchaseIndex {
  static final String PURCHASES = "CM_PURCHASE_INDEX";
  static final String ITEMS = "CM_PURCHASE_ITEM_INDEX";
  static final String SUMMARY = "CM_PURCHASE_SUMMARY";
  static final String CATEGORIES = "CM_PURCHASE_CATEGORY";

  /** The reporting currency when none is configured ({@code campaigns.reporting-currency}). */
  public static final String DEFAULT_REPORTING_CURRENCY = "EUR";

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * An order's total in the reporting currency (bind: the reporting currency three times): as it is
   * when the order is in that currency, else times the rate valid at the order date (the latest
   * that started on or before it and had not ended), else divided by the rate the other way round,
   * else NULL. Each lookup is a probe of the rates table's (from, to, from date) key, evaluated
   * only for orders in another currency; rounded to cents per order.
   */
  static final String CONVERTED =
      "CASE WHEN o.CURRENCY = ? THEN o.ORDER_TOTAL ELSE CAST(ROUND(COALESCE("
          + "o.ORDER_TOTAL * (SELECT r.FACTOR FROM %1$s r WHERE r.FROM_CURRENCY = o.CURRENCY"
          + " AND r.TO_CURRENCY = ? AND r.FROM_DATE <= o.ORDER_DATE"
          + " AND (r.THRU_DATE IS NULL OR r.THRU_DATE > o.ORDER_DATE)"
          + " ORDER BY r.FROM_DATE DESC FETCH FIRST 1 ROWS ONLY),"
          + " o.ORDER_TOTAL / (SELECT r.FACTOR FROM %1$s r WHERE r.FROM_CURRENCY = ?"
          + " AND r.TO_CURRENCY = o.CURRENCY AND r.FROM_DATE <= o.ORDER_DATE"
          + " AND (r.THRU_DATE IS NULL OR r.THRU_DATE > o.ORDER_DATE)"
          + " ORDER BY r.FROM_DATE DESC FETCH FIRST 1 ROWS ONLY)), 2) AS NUMERIC(18,2)) END";

  private PurchaseIndex() {}

  /**
   * What the last refresh did: totals are in {@code reportingCurrency}; {@code ordersWithoutRate}
   * completed orders (in {@code currenciesWithoutRate}; an order without a currency is counted but
   * not listed) had no exchange rate at their date and count as orders but not towards totals.
   */
  public record State(
      String sourceView,
      LocalDateTime refreshedAt,
      long purchases,
      long items,
      long millis,
      String reportingCurrency,
      long ordersWithoutRate,
      List<String> currenciesWithoutRate) {}

  /** Refreshes with totals in the default reporting currency. */
  public static State refresh(Connection c, ErpSources sources) throws SQLException {
    return refresh(c, sources, DEFAULT_REPORTING_CURRENCY);
  }

  /**
   * Refreshes with order totals converted into {@code reportingCurrency} (an ISO 4217 code).
   *
   * @throws IllegalArgumentException when it is not three capital letters
   */
  public static State refresh(Connection c, ErpSources sources, String reportingCurrency)
      throws SQLException {
    if (reportingCurrency == null || !CURRENCY.matcher(reportingCurrency).matches()) {
      throw new IllegalArgumentException(
          "campaigns.reporting-currency must be an ISO 4217 code such as EUR, not "
              + reportingCurrency);
    }
    boolean autoCommit = c.getAutoCommit();
    boolean postgres = Databases.isPostgres(c);
    c.setAutoCommit(false);
    try {
      lockState(c);
      long start = System.nanoTime();
      Loaded loaded;
      try (Statement s = c.createStatement()) {
        if (postgres) {
          s.execute("SET LOCAL jit = off");
          s.execute("SET LOCAL work_mem = '256MB'");
          s.execute("SET LOCAL maintenance_work_mem = '512MB'");
        }
        loaded = load(c, s, postgres ? new Swap(s) : new InPlace(s), sources, reportingCurrency);
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      State state =
          new State(
              sources.purchases(),
              LocalDateTime.now(java.time.ZoneOffset.UTC),
              loaded.purchases(),
              loaded.items(),
              millis,
              reportingCurrency,
              loaded.ordersWithoutRate(),
              List.copyOf(loaded.currenciesWithoutRate()));
      record(c, state);
      c.commit();
      if (postgres) {
        vacuum(c);
      }
      return state;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Refreshes take turns on the state row. */
  private static void lockState(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT ID FROM CM_PURCHASE_INDEX_STATE WHERE ID = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("CM_PURCHASE_INDEX_STATE has no row 1: migrations did not run");
      }
    }
  }

  /** What the four tables were filled with. */
  private record Loaded(
      long purchases, long items, long ordersWithoutRate, List<String> currenciesWithoutRate) {}

  /** Fills the four tables from the ERP's sources, one after the other. */
  private static Loaded load(
      Connection c, Statement s, Loader load, ErpSources sources, String reportingCurrency)
      throws SQLException {
    String p = load.target(PURCHASES);
    long purchases = loadPurchases(c, p, sources, reportingCurrency);
    List<String> currencies = new ArrayList<>();
    long withoutRate = ordersWithoutRate(s, p, currencies);
    load.loaded(PURCHASES);
    String i = load.target(ITEMS);
    long items =
        s.executeUpdate(
            "INSERT INTO "
                + i
                + " (CONTACT_ID, ORDER_DATE, PRODUCT_ID)"
                + " SELECT DISTINCT p.CONTACT_ID, p.ORDER_DATE, l.PRODUCT_ID FROM "
                + p
                + " p JOIN "
                + sources.orderLines()
                + " l ON l.ORDER_ID = p.ORDER_ID WHERE l.PRODUCT_ID IS NOT NULL");
    load.loaded(ITEMS);
    s.executeUpdate(
        "INSERT INTO "
            + load.target(SUMMARY)
            + " (CONTACT_ID, ORDER_COUNT, TOTAL_SPENT, FIRST_ORDER, LAST_ORDER)"
            + " SELECT p.CONTACT_ID, COUNT(*), COALESCE(SUM(p.GRAND_TOTAL), 0),"
            + " MIN(p.ORDER_DATE), MAX(p.ORDER_DATE) FROM "
            + p
            + " p GROUP BY p.CONTACT_ID");
    load.loaded(SUMMARY);
    // the same test of membership at the order date as the exact path of SegmentCompiler
    s.executeUpdate(
        "INSERT INTO "
            + load.target(CATEGORIES)
            + " (CATEGORY_ID, CONTACT_ID, FIRST_ORDER, LAST_ORDER)"
            + " SELECT m.CATEGORY_ID, pi.CONTACT_ID, MIN(pi.ORDER_DATE), MAX(pi.ORDER_DATE)"
            + " FROM "
            + i
            + " pi JOIN "
            + sources.categoryMembers()
            + " m ON m.PRODUCT_ID = pi.PRODUCT_ID"
            + " WHERE m.CATEGORY_ID IS NOT NULL"
            + " AND (m.FROM_DATE IS NULL OR m.FROM_DATE <= pi.ORDER_DATE)"
            + " AND (m.THRU_DATE IS NULL OR m.THRU_DATE > pi.ORDER_DATE)"
            + " GROUP BY m.CATEGORY_ID, pi.CONTACT_ID");
    load.loaded(CATEGORIES);
    load.swap();
    return new Loaded(purchases, items, withoutRate, currencies);
  }

  /** One row per contact and order into {@code target}, totals converted; returns how many. */
  private static long loadPurchases(
      Connection c, String target, ErpSources sources, String reportingCurrency)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + target
                + " (CONTACT_ID, ORDER_ID, ORDER_DATE, CURRENCY, ORDER_TOTAL, GRAND_TOTAL)"
                + " SELECT o.CONTACT_ID, o.ORDER_ID, o.ORDER_DATE, o.CURRENCY, o.ORDER_TOTAL, "
                + String.format(Locale.ROOT, CONVERTED, sources.currencyRates())
                + " FROM (SELECT p.CONTACT_ID, p.ORDER_ID, MIN(p.ORDER_DATE) AS ORDER_DATE,"
                + " MIN(p.CURRENCY) AS CURRENCY, MIN(p.GRAND_TOTAL) AS ORDER_TOTAL FROM "
                + sources.purchases()
                + " p WHERE p.CONTACT_ID IS NOT NULL GROUP BY p.CONTACT_ID, p.ORDER_ID) o")) {
      ps.setString(1, reportingCurrency);
      ps.setString(2, reportingCurrency);
      ps.setString(3, reportingCurrency);
      return ps.executeUpdate();
    }
  }

  /**
   * The orders in {@code purchases} without an exchange rate at their date; their currencies are
   * added to {@code currencies}, the most frequent first.
   */
  private static long ordersWithoutRate(Statement s, String purchases, List<String> currencies)
      throws SQLException {
    long withoutRate = 0;
    // an order counted once even when it is in the index for two contacts (placed, billed)
    try (ResultSet rs =
        s.executeQuery(
            "SELECT CURRENCY, COUNT(DISTINCT ORDER_ID) FROM "
                + purchases
                + " WHERE GRAND_TOTAL IS NULL AND ORDER_TOTAL IS NOT NULL"
                + " GROUP BY CURRENCY ORDER BY COUNT(DISTINCT ORDER_ID) DESC, CURRENCY")) {
      while (rs.next()) {
        withoutRate += rs.getLong(2);
        if (rs.getString(1) != null) {
          currencies.add(rs.getString(1));
        }
      }
    }
    return withoutRate;
  }

  /** Writes what the refresh did to the state row. */
  private static void record(Connection c, State state) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE CM_PURCHASE_INDEX_STATE SET SOURCE_VIEW = ?, REFRESHED_AT = ?, PURCHASES = ?,"
                + " ITEMS = ?, DURATION_MS = ?, REPORTING_CURRENCY = ?, ORDERS_WITHOUT_RATE = ?,"
                + " CURRENCIES_WITHOUT_RATE = ? WHERE ID = 1")) {
      ps.setString(1, state.sourceView());
      ps.setTimestamp(2, Timestamp.valueOf(state.refreshedAt()));
      ps.setLong(3, state.purchases());
      ps.setLong(4, state.items());
      ps.setLong(5, state.millis());
      ps.setString(6, state.reportingCurrency());
      ps.setLong(7, state.ordersWithoutRate());
      ps.setString(8, joined(state.currenciesWithoutRate()));
      ps.executeUpdate();
    }
  }

  /** The fresh tables' visibility map, so that index-only scans need no heap fetches. */
  private static void vacuum(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      for (String table : List.of(PURCHASES, ITEMS, SUMMARY, CATEGORIES)) {
        s.execute("VACUUM " + table);
      }
    }
  }

  /** How a table is refilled: the table to insert into, what to do once it is loaded. */
  private interface Loader {
    String target(String table) throws SQLException;

    void loaded(String table) throws SQLException;

    void swap() throws SQLException;
  }

  /** Empties each table and refills it, indexes maintained row by row (H2). */
  private record InPlace(Statement s) implements Loader {
    @Override
    public String target(String table) throws SQLException {
      s.executeUpdate("DELETE FROM " + table);
      return table;
    }

    @Override
    public void loaded(String table) {}

    @Override
    public void swap() {}
  }

  /**
   * PostgreSQL: loads a copy without indexes (TABLE_NEXT), then builds the table's indexes and
   * constraints on the copy under temporary names, analyses it, and at the end drops the old table
   * and renames the copy and its indexes, all in the refresh's transaction.
   */
  private static final class Swap implements Loader {
    private final Statement s;
    private final List<String> renames = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    Swap(Statement s) {
      this.s = s;
    }

    private static String next(String table) {
      return table + "_NEXT";
    }

    @Override
    public String target(String table) throws SQLException {
      s.execute("DROP TABLE IF EXISTS " + next(table));
      s.execute(
          "CREATE TABLE "
              + next(table)
              + " (LIKE "
              + table
              + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
      return next(table);
    }

    @Override
    public void loaded(String table) throws SQLException {
      List<String[]> indexes = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT i.relname, pg_get_indexdef(i.oid), k.conname, pg_get_constraintdef(k.oid)"
                  + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                  + " LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid"
                  + " AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u')"
                  + " WHERE x.indrelid = to_regclass('"
                  + table.toLowerCase(Locale.ROOT)
                  + "') ORDER BY i.relname")) {
        while (rs.next()) {
          indexes.add(
              new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
      int n = 0;
      for (String[] index : indexes) {
        String temporary = "cm_next_" + table.toLowerCase(Locale.ROOT) + "_" + (++n);
        if (index[2] != null) {
          s.execute("ALTER TABLE " + next(table) + " ADD CONSTRAINT " + temporary + " " + index[3]);
          renames.add(
              "ALTER TABLE " + table + " RENAME CONSTRAINT " + temporary + " TO " + index[2]);
        } else {
          String definition = index[1];
          s.execute(
              (definition.startsWith("CREATE UNIQUE") ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
                  + temporary
                  + " ON "
                  + next(table)
                  + definition.substring(definition.indexOf(" USING ")));
          renames.add("ALTER INDEX " + temporary + " RENAME TO " + index[0]);
        }
      }
      s.execute("ANALYZE " + next(table));
      tables.add(table);
    }

    @Override
    public void swap() throws SQLException {
      for (String table : tables) {
        s.execute("DROP TABLE " + table);
        s.execute("ALTER TABLE " + next(table) + " RENAME TO " + table);
      }
      for (String rename : renames) {
        s.execute(rename);
      }
    }
  }

  /** The currencies without a rate as the state row keeps them (a short list; the first few). */
  private static String joined(List<String> currencies) {
    StringBuilder b = new StringBuilder();
    for (String currency : currencies) {
      if (b.length() + currency.length() + 1 > 255) {
        break;
      }
      b.append(b.length() == 0 ? "" : ",").append(currency);
    }
    return b.toString();
  }

  /**
   * The last refresh, or empty when the index was never built, or was built before the summaries
   * existed (purchases indexed but no summary row) or before totals were converted (no reporting
   * currency): then the next tick builds it again.
   */
  public static Optional<State> state(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT SOURCE_VIEW, REFRESHED_AT, PURCHASES, ITEMS, DURATION_MS, REPORTING_CURRENCY,"
                    + " ORDERS_WITHOUT_RATE, CURRENCIES_WITHOUT_RATE, CASE WHEN EXISTS (SELECT 1 FROM "
                    + PURCHASES
                    + ") AND NOT EXISTS (SELECT 1 FROM "
                    + SUMMARY
                    + ") THEN 1 ELSE 0 END"
                    + " FROM CM_PURCHASE_INDEX_STATE WHERE ID = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()
          || rs.getTimestamp(2) == null
          || rs.getString(6) == null
          || rs.getInt(9) == 1) {
        return Optional.empty();
      }
      String currencies = rs.getString(8);
      return Optional.of(
          new State(
              rs.getString(1),
              rs.getTimestamp(2).toLocalDateTime(),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getString(6),
              rs.getLong(7),
              currencies == null || currencies.isEmpty()
                  ? List.of()
                  : List.of(currencies.split(","))));
    }
  }
}
