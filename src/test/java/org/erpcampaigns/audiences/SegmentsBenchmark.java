package org.erpcampaigns.audiences;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import org.erpcampaigns.audiences.control.ErpSources;
import org.erpcampaigns.audiences.control.ListMembership;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.audiences.control.SegmentCompiler;
import org.erpcampaigns.audiences.control.SegmentSql;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Period;
import org.erpcampaigns.contacts.control.ContactIndex;
import org.erpcampaigns.platform.control.Migrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The segment benchmark (run by bench/segments): on the OFBiz-shaped PostgreSQL database, brings
 * our tables and views up to date exactly as the application does, builds the contact index when it
 * is missing or stale, then times the live count and the materialisation of "country in (IT, FR,
 * DE) AND bought in category X in the last 365 days AND total spent ≥ 100 AND solicitation allowed"
 * through the application's own code, and the same compiled count SQL run directly over JDBC.
 * Prints {@code contacts=N count_s=.. materialize_s=.. raw_sql_s=.. ratio=.. members=..}.
 */
public final class SegmentsBenchmark {
  private SegmentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String category = args.length > 0 ? args[0] : "CAT_ELECTRONICS";
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    ds.setUser(env("BENCH_JDBC_USER", "postgres"));
    ds.setPassword(env("BENCH_JDBC_PASSWORD", ""));
    Migrations.campaignsSchema(ds);
    Migrations.erpViews(ds, "ofbiz");
    try (Connection c = ds.getConnection()) {
      long contacts =
          scalar(c, "SELECT COUNT(*) FROM PARTY WHERE PARTY_TYPE_ID IN ('PERSON', 'PARTY_GROUP')");
      long indexed = scalar(c, "SELECT COUNT(*) FROM CM_CONTACT_INDEX");
      if (indexed != contacts) {
        long start = System.nanoTime();
        ContactIndex.refresh(c, "CM_OFBIZ_CONTACT");
        System.err.printf(
            Locale.ROOT, "contact index built: %d contacts in %.1f s%n", contacts, seconds(start));
      }
      LocalDateTime indexedAt = ContactIndex.state(c).orElseThrow().refreshedAt();
      if (PurchaseIndex.state(c).map(p -> p.refreshedAt().isBefore(indexedAt)).orElse(true)) {
        long start = System.nanoTime();
        PurchaseIndex.State p = PurchaseIndex.refresh(c, ErpSources.ofbiz());
        System.err.printf(
            Locale.ROOT,
            "purchase index built: %d purchases, %d items in %.1f s%n",
            p.purchases(),
            p.items(),
            seconds(start));
      }
      try (Statement s = c.createStatement()) {
        // the seed tables are loaded once and never analysed by the generator
        s.execute("ANALYZE PRODUCT_CATEGORY_MEMBER");
        s.execute("ANALYZE CM_CONTACT_INDEX");
      }
      SegmentCompiler compiler = new SegmentCompiler(ErpSources.ofbiz(), Clock.systemDefaultZone());
      CriteriaGroup segment =
          CriteriaGroup.all(
              Condition.of(Field.COUNTRY, Operator.IN, "ITA", "FRA", "DEU"),
              Condition.of(Field.BOUGHT_CATEGORY, Operator.IN, category)
                  .during(Period.lastDays(365)),
              Condition.of(Field.TOTAL_SPENT, Operator.AT_LEAST, "100"),
              Condition.of(Field.SOLICITATION, Operator.IS, "ALLOWED"));

      // the application's path: compile, then count (one warm-up, best of three)
      ListMembership.count(c, compiler.compile(segment));
      double count = Double.MAX_VALUE;
      ListMembership.Count counted = null;
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        counted = ListMembership.count(c, compiler.compile(segment));
        count = Math.min(count, seconds(start));
      }

      // the same statement straight over JDBC (best of three)
      SegmentSql sql = compiler.compile(segment);
      double raw = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(ListMembership.countSql(sql))) {
          for (int p = 0; p < sql.parameters().size(); p++) {
            ps.setObject(p + 1, sql.parameters().get(p));
          }
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
        }
        raw = Math.min(raw, seconds(start));
      }

      // materialise into a list of its own, in one transaction, as a refresh does
      long listId = scalar(c, "SELECT NEXTVAL('CM_DISTRIBUTION_LIST_SEQ')");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
                  + " VALUES (?, 'bench/segments', 'STATIC', 'READY', 'bench', CURRENT_TIMESTAMP)")) {
        ps.setLong(1, listId);
        ps.executeUpdate();
      }
      Runtime rt = Runtime.getRuntime();
      long heapBefore = rt.totalMemory() - rt.freeMemory();
      c.setAutoCommit(false);
      long start = System.nanoTime();
      long members =
          ListMembership.materialise(c, listId, compiler.compile(segment), LocalDateTime.now());
      c.commit();
      double materialise = seconds(start);
      long heapAfter = rt.totalMemory() - rt.freeMemory();
      c.setAutoCommit(true);
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = ?")) {
        ps.setLong(1, listId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM CM_DISTRIBUTION_LIST WHERE ID = ?")) {
        ps.setLong(1, listId);
        ps.executeUpdate();
      }
      if (!env("BENCH_EXPLAIN", "").isEmpty()) {
        explain(c, ListMembership.countSql(sql), sql.parameters());
      }
      System.err.printf(
          Locale.ROOT,
          "matched=%d reachable=%d heap_before_mb=%d heap_after_mb=%d max_heap_mb=%d%n",
          counted.matched(),
          counted.reachable(),
          heapBefore >> 20,
          heapAfter >> 20,
          rt.maxMemory() >> 20);
      System.out.printf(
          Locale.ROOT,
          "contacts=%d count_s=%.3f materialize_s=%.3f raw_sql_s=%.3f ratio=%.2f members=%d%n",
          contacts,
          count,
          materialise,
          raw,
          count / raw,
          members);
    }
  }

  /** BENCH_EXPLAIN=1: the count's statement and plan (as the application runs it) on stderr. */
  private static void explain(Connection c, String sql, java.util.List<Object> parameters)
      throws SQLException {
    System.err.println(sql + "\n-- parameters: " + parameters);
    c.setAutoCommit(false);
    ListMembership.tune(c);
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
      for (int p = 0; p < parameters.size(); p++) {
        ps.setObject(p + 1, parameters.get(p));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          System.err.println(rs.getString(1));
        }
      }
    }
    c.rollback();
    c.setAutoCommit(true);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
