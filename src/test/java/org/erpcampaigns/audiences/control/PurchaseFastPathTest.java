package org.erpcampaigns.audiences.control;

import static org.erpcampaigns.audiences.entity.Condition.of;
import static org.erpcampaigns.audiences.entity.Field.BOUGHT_CATEGORY;
import static org.erpcampaigns.audiences.entity.Field.COUNTRY;
import static org.erpcampaigns.audiences.entity.Field.LAST_ORDER;
import static org.erpcampaigns.audiences.entity.Field.ORDERED;
import static org.erpcampaigns.audiences.entity.Field.ORDER_COUNT;
import static org.erpcampaigns.audiences.entity.Field.SOLICITATION;
import static org.erpcampaigns.audiences.entity.Field.TOTAL_SPENT;
import static org.erpcampaigns.audiences.entity.Operator.AFTER;
import static org.erpcampaigns.audiences.entity.Operator.AT_LEAST;
import static org.erpcampaigns.audiences.entity.Operator.AT_MOST;
import static org.erpcampaigns.audiences.entity.Operator.BEFORE;
import static org.erpcampaigns.audiences.entity.Operator.IN;
import static org.erpcampaigns.audiences.entity.Operator.IS;
import static org.erpcampaigns.audiences.entity.Operator.MORE_THAN_DAYS_AGO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The purchase fast paths (per-contact summaries: order count, total spent, first/last order, and
 * per category the first/last order with the membership valid at the order date) select exactly the
 * contacts the exact per-order evaluation selects, on an H2 built by the product's migrations with
 * 40 contacts and a few hundred orders spread over 2019-2026 (seeded, so reproducible), including
 * cancelled orders, orders of products whose category membership expired, and contacts without any
 * order.
 */
class PurchaseFastPathTest {
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final Clock CLOCK =
      Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  static final String[] COUNTRIES = {"ITA", "FRA", "DEU", "NLD"};

  static SegmentDatabase db;
  final SegmentCompiler fast = new SegmentCompiler(ErpSources.ofbiz(), CLOCK);
  final SegmentCompiler exact = new SegmentCompiler(ErpSources.ofbiz(), CLOCK, true);

  @BeforeAll
  static void rows() throws Exception {
    db = new SegmentDatabase("segments-fast-paths");
    Random random = new Random(20261124L);
    int order = 0;
    for (int p = 1; p <= 40; p++) {
      String id = String.format("Q%02d", p);
      db.person(id, "First" + p, "Last" + p, p % 2 == 0 ? "F" : "M", null, "PARTY_ENABLED");
      db.email(id, "q" + p + "@example.test", p % 5 == 0 ? "N" : "Y");
      db.address(id, "City" + p, "1000" + p, null, COUNTRIES[p % COUNTRIES.length]);
      int orders = p % 7 == 0 ? 0 : random.nextInt(12);
      for (int o = 0; o < orders; o++) {
        LocalDateTime at =
            LocalDateTime.of(2019, 1, 1, 12, 0).plusDays(random.nextInt(2_720)); // to mid 2026
        String status = random.nextInt(6) == 0 ? "ORDER_CANCELLED" : "ORDER_COMPLETED";
        String total = new BigDecimal(random.nextInt(30_000)).movePointLeft(2).toPlainString();
        String[] products = new String[1 + random.nextInt(3)];
        for (int i = 0; i < products.length; i++) {
          products[i] = String.format("PROD-%04d", 1001 + random.nextInt(95));
        }
        db.order("F" + (++order), id, status, at, total, products);
      }
    }
    db.refreshIndex("CM_OFBIZ_CONTACT", ErpSources.ofbiz());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static List<Period> periods() {
    return List.of(
        Period.ALWAYS,
        Period.lastDays(365),
        Period.lastDays(1_000),
        new Period(null, LocalDate.of(2022, 1, 1), null),
        new Period(null, null, LocalDate.of(2021, 12, 31)),
        Period.between(LocalDate.of(2021, 6, 1), LocalDate.of(2022, 6, 30)));
  }

  static List<Criterion> criteria() {
    List<Criterion> all = new ArrayList<>();
    for (Period period : periods()) {
      all.add(of(ORDERED, IS, "true").during(period));
      all.add(of(ORDERED, IS, "false").during(period));
      for (String n : List.of("0", "1", "3", "6")) {
        all.add(of(ORDER_COUNT, AT_LEAST, n).during(period));
        all.add(of(ORDER_COUNT, AT_MOST, n).during(period));
      }
      for (String v : List.of("0", "100", "250.5", "1000")) {
        all.add(of(TOTAL_SPENT, AT_LEAST, v).during(period));
        all.add(of(TOTAL_SPENT, AT_MOST, v).during(period));
      }
      for (String category : List.of("CAT_PROMOTIONS", "CAT_OFFICE", "CAT_ELECTRONICS")) {
        all.add(of(BOUGHT_CATEGORY, IN, category).during(period));
        all.add(CriteriaGroup.all(of(BOUGHT_CATEGORY, IN, category).during(period)).negate());
      }
      all.add(of(BOUGHT_CATEGORY, IN, "CAT_PROMOTIONS", "CAT_GARDEN").during(period));
    }
    for (String date : List.of("2020-06-30", "2024-01-01", "2026-06-01")) {
      all.add(of(LAST_ORDER, BEFORE, date));
      all.add(of(LAST_ORDER, AFTER, date));
    }
    for (String days : List.of("30", "400", "2000")) {
      all.add(of(LAST_ORDER, MORE_THAN_DAYS_AGO, days));
    }
    // the benchmark's shape
    all.add(
        CriteriaGroup.all(
            of(COUNTRY, IN, "ITA", "FRA", "DEU"),
            of(BOUGHT_CATEGORY, IN, "CAT_OFFICE").during(Period.lastDays(1_000)),
            of(TOTAL_SPENT, AT_LEAST, "100"),
            of(SOLICITATION, IS, "ALLOWED")));
    return all;
  }

  @Test
  void everyPurchaseCriterionSelectsTheSameContactsBothWays() throws Exception {
    Set<List<String>> distinctAnswers = new HashSet<>();
    int fastPaths = 0;
    for (Criterion c : criteria()) {
      SegmentSql quick = fast.compile(c);
      SegmentSql slow = exact.compile(c);
      if (!quick.condition().equals(slow.condition())) {
        fastPaths++;
      }
      List<String> expected = db.matching(slow);
      assertEquals(expected, db.matching(quick), () -> c + "\nfast: " + quick.condition());
      distinctAnswers.add(expected);
    }
    // the rows make the criteria tell contacts apart, and most criteria take a fast path
    assertTrue(distinctAnswers.size() > 40, "distinct answers: " + distinctAnswers.size());
    assertTrue(fastPaths >= 70, "fast paths taken: " + fastPaths);
  }

  @Test
  void theFastPathsReadTheSummariesAndBoundedPeriodsStayExact() {
    Condition spent = of(TOTAL_SPENT, AT_LEAST, "100");
    assertTrue(fast.compile(spent).condition().contains("CM_PURCHASE_SUMMARY"));
    assertFalse(fast.compile(spent).condition().contains("SUM("));
    Condition recent = of(BOUGHT_CATEGORY, IN, "CAT_OFFICE").during(Period.lastDays(365));
    assertTrue(fast.compile(recent).condition().contains("pc.LAST_ORDER >= ?"));
    Condition both =
        of(BOUGHT_CATEGORY, IN, "CAT_OFFICE")
            .during(Period.between(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
    assertEquals(exact.compile(both).condition(), fast.compile(both).condition());
    Condition spentLastYear = of(TOTAL_SPENT, AT_LEAST, "100").during(Period.lastDays(365));
    assertEquals(exact.compile(spentLastYear).condition(), fast.compile(spentLastYear).condition());
  }

  @Test
  void anIndexBuiltBeforeTheSummariesExistedCountsAsNeverBuilt() throws Exception {
    assertTrue(PurchaseIndex.state(db.connection).isPresent());
    db.connection.setAutoCommit(false);
    try {
      db.sql("DELETE FROM CM_PURCHASE_SUMMARY");
      assertTrue(PurchaseIndex.state(db.connection).isEmpty(), "the next tick rebuilds it");
    } finally {
      db.connection.rollback();
      db.connection.setAutoCommit(true);
    }
  }

  @Test
  void theSummariesHoldWhatTheOrdersSay() throws Exception {
    // completed orders only; a contact without completed orders has no summary row
    assertEquals(
        db.scalar(
            "SELECT COUNT(DISTINCT r.PARTY_ID) FROM ORDER_ROLE r JOIN ORDER_HEADER o"
                + " ON o.ORDER_ID = r.ORDER_ID WHERE o.STATUS_ID = 'ORDER_COMPLETED'"),
        db.scalar("SELECT COUNT(*) FROM CM_PURCHASE_SUMMARY"));
    assertEquals(
        db.scalar("SELECT COUNT(*) FROM ORDER_HEADER WHERE STATUS_ID = 'ORDER_COMPLETED'"),
        db.scalar("SELECT SUM(ORDER_COUNT) FROM CM_PURCHASE_SUMMARY"));
    assertEquals(
        db.scalar(
            "SELECT SUM(GRAND_TOTAL) * 100 FROM ORDER_HEADER WHERE STATUS_ID = 'ORDER_COMPLETED'"),
        db.scalar("SELECT SUM(TOTAL_SPENT) * 100 FROM CM_PURCHASE_SUMMARY"));
    assertNotEquals(0L, db.scalar("SELECT COUNT(*) FROM CM_PURCHASE_CATEGORY"));
    // PROD-1036 left CAT_PROMOTIONS at the end of 2022: no later promotion order is recorded
    assertEquals(
        0L,
        db.scalar(
            "SELECT COUNT(*) FROM CM_PURCHASE_CATEGORY WHERE CATEGORY_ID = 'CAT_PROMOTIONS'"
                + " AND LAST_ORDER >= ? AND CONTACT_ID NOT IN (SELECT pi.CONTACT_ID"
                + " FROM CM_PURCHASE_ITEM_INDEX pi WHERE pi.ORDER_DATE >= ? AND pi.PRODUCT_ID"
                + " IN ('PROD-1003', 'PROD-1014', 'PROD-1025', 'PROD-1042', 'PROD-1061',"
                + " 'PROD-1088', 'PROD-1095'))",
            Timestamp.valueOf("2023-01-01 00:00:00"),
            Timestamp.valueOf("2023-01-01 00:00:00")));
  }
}
