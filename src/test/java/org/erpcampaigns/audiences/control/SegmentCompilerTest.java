package org.erpcampaigns.audiences.control;

import static org.erpcampaigns.audiences.entity.Condition.of;
import static org.erpcampaigns.audiences.entity.Field.AGE;
import static org.erpcampaigns.audiences.entity.Field.BIRTH_MONTH;
import static org.erpcampaigns.audiences.entity.Field.BOUGHT_CATEGORY;
import static org.erpcampaigns.audiences.entity.Field.BOUGHT_PRODUCT;
import static org.erpcampaigns.audiences.entity.Field.CITY;
import static org.erpcampaigns.audiences.entity.Field.CLASSIFICATION;
import static org.erpcampaigns.audiences.entity.Field.CONTACT_TYPE;
import static org.erpcampaigns.audiences.entity.Field.COUNTRY;
import static org.erpcampaigns.audiences.entity.Field.GENDER;
import static org.erpcampaigns.audiences.entity.Field.HAS_EMAIL;
import static org.erpcampaigns.audiences.entity.Field.LAST_ORDER;
import static org.erpcampaigns.audiences.entity.Field.LIST_MEMBER;
import static org.erpcampaigns.audiences.entity.Field.NOT_OPENED_DAYS;
import static org.erpcampaigns.audiences.entity.Field.OPENED_CAMPAIGN;
import static org.erpcampaigns.audiences.entity.Field.ORDERED;
import static org.erpcampaigns.audiences.entity.Field.ORDER_COUNT;
import static org.erpcampaigns.audiences.entity.Field.PARTY_STATUS;
import static org.erpcampaigns.audiences.entity.Field.POSTAL_CODE;
import static org.erpcampaigns.audiences.entity.Field.RECEIVED_CAMPAIGN;
import static org.erpcampaigns.audiences.entity.Field.ROLE;
import static org.erpcampaigns.audiences.entity.Field.SOLICITATION;
import static org.erpcampaigns.audiences.entity.Field.STATE_PROVINCE;
import static org.erpcampaigns.audiences.entity.Field.TOTAL_SPENT;
import static org.erpcampaigns.audiences.entity.Operator.AFTER;
import static org.erpcampaigns.audiences.entity.Operator.AT_LEAST;
import static org.erpcampaigns.audiences.entity.Operator.AT_MOST;
import static org.erpcampaigns.audiences.entity.Operator.BEFORE;
import static org.erpcampaigns.audiences.entity.Operator.BETWEEN;
import static org.erpcampaigns.audiences.entity.Operator.IN;
import static org.erpcampaigns.audiences.entity.Operator.IS;
import static org.erpcampaigns.audiences.entity.Operator.IS_NOT;
import static org.erpcampaigns.audiences.entity.Operator.MORE_THAN_DAYS_AGO;
import static org.erpcampaigns.audiences.entity.Operator.NOT_IN;
import static org.erpcampaigns.audiences.entity.Operator.STARTS_WITH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Label;
import org.erpcampaigns.audiences.entity.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The segment compiler: the SQL and parameters it produces, the bad criteria it refuses, and the
 * contacts its SQL selects on hand-made OFBiz rows (H2 built by the product's migrations).
 */
class SegmentCompilerTest {
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final Clock CLOCK =
      Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  final SegmentCompiler cut = new SegmentCompiler(ErpSources.ofbiz(), CLOCK);

  @Nested
  class Sql {
    @Test
    void aListConditionBindsEveryValue() {
      SegmentSql sql = cut.compile(of(COUNTRY, IN, "ita", "FRA"));
      assertEquals("c.COUNTRY IN (?, ?)", sql.condition());
      assertEquals(List.of("ITA", "FRA"), sql.parameters());
    }

    @Test
    void nestedAndOrNotKeepTheirShape() {
      Criterion criteria =
          CriteriaGroup.all(
              of(GENDER, IS, "F"),
              CriteriaGroup.any(of(COUNTRY, IN, "ITA"), of(ROLE, IN, "lead")).negate());
      SegmentSql sql = cut.compile(criteria);
      assertEquals(
          "(c.GENDER = ? AND NOT (c.COUNTRY IN (?) OR CONCAT(',', c.ROLES, ',') LIKE ? ESCAPE '\\'))",
          sql.condition());
      assertEquals(List.of("F", "ITA", "%,LEAD,%"), sql.parameters());
    }

    @Test
    void userValuesNeverBecomeSql() {
      SegmentSql sql = cut.compile(of(CITY, IN, "x' OR '1'='1"));
      assertEquals("LOWER(c.CITY) IN (?)", sql.condition());
      assertFalse(sql.condition().contains("'1'"));
      SegmentSql prefix = cut.compile(of(POSTAL_CODE, STARTS_WITH, "2_%"));
      assertEquals(List.of("2\\_\\%%"), prefix.parameters(), "LIKE wildcards match literally");
    }

    @Test
    void agesAndPeriodsAreDatesRelativeToToday() {
      SegmentSql age = cut.compile(of(AGE, BETWEEN, "30", "40"));
      assertEquals("(c.BIRTH_DATE <= ? AND c.BIRTH_DATE > ?)", age.condition());
      assertEquals(
          List.of(Date.valueOf("1996-06-15"), Date.valueOf("1985-06-15")), age.parameters());
      SegmentSql spent = cut.compile(of(TOTAL_SPENT, AT_LEAST, "100").during(Period.lastDays(365)));
      assertEquals(
          "(SELECT COALESCE(SUM(p.GRAND_TOTAL), 0) FROM CM_PURCHASE_INDEX p"
              + " WHERE p.CONTACT_ID = c.PARTY_ID AND p.ORDER_DATE >= ?) >= ?",
          spent.condition());
      assertEquals(
          List.of(Timestamp.valueOf("2025-06-15 00:00:00"), new BigDecimal("100")),
          spent.parameters());
    }

    @Test
    void categoryMembershipIsCheckedAtTheOrderDate() {
      // a period with both bounds: the item index, membership checked per order
      String sql =
          cut.compile(
                  of(BOUGHT_CATEGORY, IN, "CAT_X")
                      .during(Period.between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))))
              .condition();
      assertTrue(sql.contains("JOIN CM_OFBIZ_PRODUCT_CATEGORY_MEMBER m"), sql);
      assertTrue(sql.contains("m.FROM_DATE <= pi.ORDER_DATE"), sql);
      assertTrue(sql.contains("m.THRU_DATE > pi.ORDER_DATE"), sql);
      assertTrue(sql.contains("pi.ORDER_DATE >= ? AND pi.ORDER_DATE < ?"), sql);
    }

    @Test
    void sinceADateACategoryIsOneLookupOfTheLastOrderInIt() {
      SegmentSql since =
          cut.compile(of(BOUGHT_CATEGORY, IN, "CAT_X", "CAT_Y").during(Period.lastDays(365)));
      assertEquals(
          "EXISTS (SELECT 1 FROM CM_PURCHASE_CATEGORY pc WHERE pc.CONTACT_ID = c.PARTY_ID"
              + " AND pc.CATEGORY_ID IN (?, ?) AND pc.LAST_ORDER >= ?)",
          since.condition());
      assertEquals(
          List.of("CAT_X", "CAT_Y", Timestamp.valueOf("2025-06-15 00:00:00")), since.parameters());
      SegmentSql until =
          cut.compile(
              of(BOUGHT_CATEGORY, IN, "CAT_X")
                  .during(new Period(null, null, LocalDate.of(2024, 12, 31))));
      assertEquals(
          "EXISTS (SELECT 1 FROM CM_PURCHASE_CATEGORY pc WHERE pc.CONTACT_ID = c.PARTY_ID"
              + " AND pc.CATEGORY_ID IN (?) AND pc.FIRST_ORDER < ?)",
          until.condition());
      assertEquals(List.of("CAT_X", Timestamp.valueOf("2025-01-01 00:00:00")), until.parameters());
    }

    @Test
    void wholeHistoryCountsAndTotalsAreColumnsOfTheSummary() {
      SegmentSql spent = cut.compile(of(TOTAL_SPENT, AT_LEAST, "100"));
      assertEquals(
          "EXISTS (SELECT 1 FROM CM_PURCHASE_SUMMARY ps WHERE ps.CONTACT_ID = c.PARTY_ID"
              + " AND ps.TOTAL_SPENT >= ?)",
          spent.condition());
      assertEquals(List.of(new BigDecimal("100")), spent.parameters());
      // no summary row = no order: 0 is at most anything and at least 0
      assertEquals(
          "NOT EXISTS (SELECT 1 FROM CM_PURCHASE_SUMMARY ps WHERE ps.CONTACT_ID = c.PARTY_ID"
              + " AND ps.ORDER_COUNT > ?)",
          cut.compile(of(ORDER_COUNT, AT_MOST, "2")).condition());
      assertEquals(
          "NOT EXISTS (SELECT 1 FROM CM_PURCHASE_SUMMARY ps WHERE ps.CONTACT_ID = c.PARTY_ID"
              + " AND ps.TOTAL_SPENT < ?)",
          cut.compile(of(TOTAL_SPENT, AT_LEAST, "0")).condition());
      assertEquals(
          "EXISTS (SELECT 1 FROM CM_PURCHASE_SUMMARY ps WHERE ps.CONTACT_ID = c.PARTY_ID"
              + " AND ps.LAST_ORDER < ?)",
          cut.compile(of(LAST_ORDER, BEFORE, "2026-01-01")).condition());
      assertEquals(
          "EXISTS (SELECT 1 FROM CM_PURCHASE_SUMMARY ps WHERE ps.CONTACT_ID = c.PARTY_ID"
              + " AND ps.LAST_ORDER >= ?)",
          cut.compile(of(ORDERED, IS, "true").during(Period.lastDays(30))).condition());
    }

    @Test
    void organisationsExpandToTheirContactPersons() {
      SegmentSql sql =
          cut.compile(CriteriaGroup.all(of(CLASSIFICATION, IN, "VIP")).ofContactPersons());
      assertEquals(
          "(c.CONTACT_TYPE = 'PERSON' AND EXISTS (SELECT 1 FROM CM_OFBIZ_CONTACT_RELATION r1"
              + " JOIN CM_CONTACT_INDEX o1 ON o1.PARTY_ID = r1.CONTACT_ID"
              + " WHERE r1.RELATED_ID = c.PARTY_ID AND o1.CONTACT_TYPE = 'ORGANISATION'"
              + " AND EXISTS (SELECT 1 FROM CM_OFBIZ_CONTACT_CLASSIFICATION k"
              + " WHERE k.CONTACT_ID = o1.PARTY_ID AND k.GROUP_ID IN (?))))",
          sql.condition());
    }
  }

  @Nested
  class BadCriteria {
    @Test
    void anEmptyGroup() {
      assertKey("audience.error.emptyGroup", CriteriaGroup.all());
      assertKey(
          "audience.error.emptyGroup", CriteriaGroup.all(of(GENDER, IS, "F"), CriteriaGroup.any()));
    }

    @Test
    void anOperatorThatDoesNotFitTheField() {
      AudienceException e = assertKey("audience.error.operator", of(COUNTRY, AT_LEAST, "3"));
      assertEquals(new Label("audience.field.COUNTRY"), e.getArguments()[0]);
      assertEquals(new Label("audience.operator.AT_LEAST"), e.getArguments()[1]);
    }

    @Test
    void aValueOfTheWrongType() {
      AudienceException age = assertKey("audience.error.value", of(AGE, AT_LEAST, "old"));
      assertEquals("old", age.getArguments()[1]);
      assertKey("audience.error.value", of(BIRTH_MONTH, IN, "13"));
      assertKey("audience.error.value", of(TOTAL_SPENT, AT_LEAST, "-5"));
      assertKey("audience.error.value", of(GENDER, IS, "X"));
      assertKey("audience.error.value", of(LAST_ORDER, BEFORE, "yesterday"));
      assertKey("audience.error.value", of(LIST_MEMBER, IN, "abc"));
      assertKey("audience.error.value", of(OPENED_CAMPAIGN, IS, "0"));
      assertKey("audience.error.noValue", of(COUNTRY, IN, " "));
      assertKey("audience.error.range", of(AGE, BETWEEN, "40", "30"));
      assertKey(
          "audience.error.period",
          of(ORDERED, IS, "true")
              .during(Period.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1))));
    }

    @Test
    void amountsAndDatesOutsideTheirBoundsAreRefusedWithTheRange() {
      AudienceException huge =
          assertKey("audience.error.amount", of(TOTAL_SPENT, AT_LEAST, "1e999999"));
      assertEquals("1e999999", huge.getArguments()[1]);
      assertKey("audience.error.amount", of(TOTAL_SPENT, AT_LEAST, "10.005"));
      assertKey("audience.error.amount", of(TOTAL_SPENT, AT_LEAST, "12345678901234567"));
      assertTrue(
          cut.compile(of(TOTAL_SPENT, AT_LEAST, "9999999999999999.99"))
              .parameters()
              .contains(new BigDecimal("9999999999999999.99")));
      for (String date :
          List.of("-999999999-01-01", "+999999999-12-31", "0000-01-01", "1899-12-31")) {
        AudienceException e = assertKey("audience.error.date", of(LAST_ORDER, BEFORE, date));
        assertEquals(
            List.of(date, "1900-01-01", "2999-12-31"), List.of(e.getArguments()).subList(1, 4));
      }
      assertKey(
          "audience.error.date",
          of(ORDERED, IS, "true").during(Period.between(LocalDate.of(3000, 1, 1), null)));
    }

    private AudienceException assertKey(String key, Criterion criteria) {
      AudienceException e = assertThrows(AudienceException.class, () -> cut.compile(criteria));
      assertEquals(key, e.getKey());
      assertEquals(AudienceException.Kind.INVALID, e.getKind());
      return e;
    }
  }

  @Nested
  class OnOfbizRows {
    static SegmentDatabase db;

    @BeforeAll
    static void rows() throws Exception {
      db = new SegmentDatabase("segments-ofbiz");
      db.person("P1", "Anna", "Rossi", "F", LocalDate.of(1990, 3, 10), "PARTY_ENABLED");
      db.email("P1", "anna@example.test", "Y");
      db.address("P1", "Milano", "20121", "IT-MI", "ITA");
      db.role("P1", "CUSTOMER");
      db.order(
          "O1", "P1", "ORDER_COMPLETED", LocalDateTime.of(2026, 5, 1, 10, 0), "150", "PROD-1036");
      db.order(
          "O2", "P1", "ORDER_COMPLETED", LocalDateTime.of(2022, 6, 1, 10, 0), "40", "PROD-1036");
      db.order(
          "O3", "P1", "ORDER_CANCELLED", LocalDateTime.of(2026, 6, 1, 10, 0), "999", "PROD-1001");

      db.person("P2", "Luc", "Martin", "M", LocalDate.of(1960, 11, 2), "PARTY_ENABLED");
      db.email("P2", "luc@example.test", "N");
      db.address("P2", "Lyon", "69001", null, "FRA");
      db.role("P2", "LEAD");
      db.order(
          "O4", "P2", "ORDER_COMPLETED", LocalDateTime.of(2026, 6, 1, 10, 0), "80", "PROD-1011");

      db.person("P3", "Jan", "Jansen", "M", null, "PARTY_DISABLED");
      db.email("P3", "jan@example.test", "Y");
      db.address("P3", "Amsterdam", "1012", null, "NLD");

      db.organisation("P4", "Qxq SpA");
      db.address("P4", "Torino", "10121", "IT-TO", "ITA");
      db.classification("P4", "VIP", null);
      db.classification("P4", "ENTERPRISE", Timestamp.valueOf("2021-01-01 00:00:00"));

      db.person("P5", "Marta", "Schulz", "F", LocalDate.of(1985, 11, 20), "PARTY_ENABLED");
      db.email("P5", "marta@example.test", null);
      db.address("P5", "Berlin", "10115", null, "DEU");
      db.contactPerson("P4", "P5");

      db.person("P6", "Anna", "Rossi-Bis", "F", LocalDate.of(1991, 1, 1), "PARTY_ENABLED");
      db.email("P6", "ANNA@example.test", "Y");
      db.address("P6", "Roma", "00100", null, "ITA");
      db.refreshIndex("CM_OFBIZ_CONTACT", ErpSources.ofbiz());
    }

    @AfterAll
    static void close() throws Exception {
      db.close();
    }

    List<String> ids(Criterion criteria) throws Exception {
      return db.matching(cut.compile(criteria));
    }

    @Test
    void who() throws Exception {
      assertEquals(List.of("P1", "P5", "P6"), ids(of(GENDER, IS, "F")));
      assertEquals(List.of("P4"), ids(of(CONTACT_TYPE, IS, "ORGANISATION")));
      assertEquals(List.of("P1", "P5", "P6"), ids(of(AGE, BETWEEN, "30", "40")));
      assertEquals(List.of("P1", "P6"), ids(of(AGE, BETWEEN, "30", "39")));
      assertEquals(List.of("P2"), ids(of(AGE, AT_LEAST, "65")));
      assertEquals(List.of("P2", "P5"), ids(of(BIRTH_MONTH, IN, "11")));
      assertEquals(List.of("P3"), ids(of(PARTY_STATUS, IS, "DISABLED")));
      assertEquals(List.of("P1"), ids(of(ROLE, IN, "customer")));
      assertEquals(
          List.of("P4"), ids(of(CLASSIFICATION, IN, "VIP", "ENTERPRISE")), "expired ENTERPRISE");
      assertEquals(List.of("P4"), ids(of(HAS_EMAIL, IS, "false")));
      assertEquals(List.of("P2"), ids(of(SOLICITATION, IS, "REFUSED")));
      assertEquals(
          List.of("P4", "P5"), ids(of(SOLICITATION, IS, "UNKNOWN")), "no email, no consent");
    }

    @Test
    void where() throws Exception {
      assertEquals(List.of("P1", "P4", "P6"), ids(of(COUNTRY, IN, "ITA")));
      assertEquals(List.of("P2", "P3", "P5"), ids(of(COUNTRY, NOT_IN, "ITA")));
      assertEquals(List.of("P4"), ids(of(STATE_PROVINCE, IN, "IT-TO")));
      assertEquals(List.of("P2"), ids(of(CITY, IN, "LYON")));
      assertEquals(List.of("P1", "P2"), ids(of(POSTAL_CODE, STARTS_WITH, "2012", "6900")));
      assertEquals(List.of(), ids(of(CITY, IN, "x' OR '1'='1")));
    }

    @Test
    void purchaseHistoryCountsCompletedOrdersOnly() throws Exception {
      assertEquals(List.of("P1", "P2"), ids(of(ORDERED, IS, "true")));
      assertEquals(List.of("P1", "P2"), ids(of(ORDERED, IS, "true").during(Period.lastDays(365))));
      assertEquals(
          List.of("P1"), ids(of(TOTAL_SPENT, AT_LEAST, "190")), "150 + 40, not the cancelled 999");
      assertEquals(List.of(), ids(of(TOTAL_SPENT, AT_LEAST, "191")));
      assertEquals(
          List.of("P2"),
          ids(
              of(TOTAL_SPENT, AT_MOST, "100")
                  .during(Period.lastDays(365))
                  .and(of(ORDERED, IS, "true"))));
      assertEquals(List.of("P1"), ids(of(ORDER_COUNT, AT_LEAST, "2")));
      assertEquals(List.of("P3", "P4", "P5", "P6"), ids(of(ORDER_COUNT, AT_MOST, "0")));
      assertEquals(List.of("P2"), ids(of(BOUGHT_PRODUCT, IN, "PROD-1011")));
      assertEquals(List.of("P1"), ids(of(LAST_ORDER, MORE_THAN_DAYS_AGO, "30")));
      assertEquals(List.of("P1", "P2"), ids(of(LAST_ORDER, AFTER, "2026-04-30")));
    }

    @Test
    void categoryMembershipValidAtTheOrderDate() throws Exception {
      // PROD-1036 was a promotion from 2021 to 2022: the 2022 order counts, the 2026 one does not
      assertEquals(List.of("P1"), ids(of(BOUGHT_CATEGORY, IN, "CAT_PROMOTIONS")));
      assertEquals(
          List.of(), ids(of(BOUGHT_CATEGORY, IN, "CAT_PROMOTIONS").during(Period.lastDays(365))));
      assertEquals(List.of("P2"), ids(of(BOUGHT_CATEGORY, IN, "CAT_ELECTRONICS")));
    }

    @Test
    void nestedGroupsAndContactPersonsOfOrganisations() throws Exception {
      assertEquals(
          List.of("P5"), ids(CriteriaGroup.all(of(CLASSIFICATION, IN, "VIP")).ofContactPersons()));
      assertEquals(
          List.of("P2", "P5"),
          ids(
              CriteriaGroup.any(
                  CriteriaGroup.all(of(COUNTRY, IN, "ITA")).ofContactPersons(),
                  CriteriaGroup.all(of(GENDER, IS, "M"), of(PARTY_STATUS, IS, "ENABLED")))));
      assertEquals(
          List.of("P3", "P5"),
          ids(CriteriaGroup.any(of(COUNTRY, IN, "ITA", "FRA")).negate()),
          "NOT over a group");
      assertEquals(
          List.of("P1", "P3", "P4", "P5", "P6"),
          ids(
              of(GENDER, IS_NOT, "M")
                  .or(of(CONTACT_TYPE, IS, "ORGANISATION"))
                  .or(of(PARTY_STATUS, IS, "DISABLED"))));
    }

    @Test
    void engagementAndListMembershipReadOurTables() throws Exception {
      db.sql(
          "INSERT INTO CM_EVENT (ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT) VALUES"
              + " (1, 7, 'P1', 'SENT', ?), (2, 7, 'P1', 'OPENED', ?), (3, 7, 'P2', 'SENT', ?)",
          Timestamp.valueOf("2026-06-01 10:00:00"),
          Timestamp.valueOf("2026-06-02 10:00:00"),
          Timestamp.valueOf("2026-06-01 10:00:00"));
      db.sql(
          "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
              + " VALUES (900, 'Other', 'STATIC', 'READY', 'test', CURRENT_TIMESTAMP)");
      db.sql(
          "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
              + " VALUES (900, 'P6', 'anna@example.test', 'MANUAL', CURRENT_TIMESTAMP)");
      try {
        assertEquals(List.of("P1", "P2"), ids(of(RECEIVED_CAMPAIGN, IS, "7")));
        assertEquals(List.of("P1"), ids(of(OPENED_CAMPAIGN, IS, "7")));
        assertEquals(
            List.of("P2"),
            ids(of(RECEIVED_CAMPAIGN, IS, "7").and(of(NOT_OPENED_DAYS, AT_LEAST, "30"))));
        assertEquals(List.of("P6"), ids(of(LIST_MEMBER, IN, "900")));
        assertEquals(5, ids(of(LIST_MEMBER, NOT_IN, "900")).size());
      } finally {
        db.sql("DELETE FROM CM_EVENT");
        db.sql("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = 900");
        db.sql("DELETE FROM CM_DISTRIBUTION_LIST WHERE ID = 900");
      }
    }

    @Test
    void aWorkflowAsksWhichOfItsContactsMatchASegment() throws Exception {
      SegmentSql people = cut.compile(of(CONTACT_TYPE, IS, "PERSON"));
      List<String> asked = List.of("P1", "P2", "P3", "P4", "P5", "P6", "NOBODY");
      java.util.Set<String> persons =
          new java.util.HashSet<>(
              db.strings("SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE CONTACT_TYPE = 'PERSON'"));
      persons.retainAll(asked);
      assertEquals(5, persons.size(), "the fixture's five persons among P1..P6");
      assertEquals(persons, ListMembership.matching(db.connection, people, asked));
      assertEquals(
          java.util.Set.of(),
          ListMembership.matching(db.connection, cut.compile(of(COUNTRY, IN, "ZZZ")), asked),
          "parameters before the contacts bind in their places");
      assertEquals(java.util.Set.of(), ListMembership.matching(db.connection, people, List.of()));
    }

    @Test
    void aListIsBuiltAfterSuppressionWithOneMemberPerAddress() throws Exception {
      db.sql(
          "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, CREATED_BY, CREATED_AT)"
              + " VALUES (901, 'All', 'STATIC', 'READY', 'test', CURRENT_TIMESTAMP)");
      try {
        SegmentSql everyone = cut.compile(of(CONTACT_TYPE, IS, "PERSON"));
        assertEquals(
            new ListMembership.Count(5, 2),
            ListMembership.count(db.connection, everyone),
            "P1/P6 share an address, P2 refused, P3 disabled: anna and marta remain");
        long members =
            ListMembership.materialise(
                db.connection, 901, everyone, LocalDateTime.of(2026, 6, 15, 9, 0));
        assertEquals(2, members);
        assertEquals(
            List.of("P1", "P5"),
            db.strings(
                "SELECT PARTY_ID FROM CM_LIST_MEMBER WHERE LIST_ID = 901 ORDER BY PARTY_ID"));
        assertEquals(
            new ListMembership.Explanation(ListMembership.Standing.SAME_ADDRESS, "P1"),
            ListMembership.explain(db.connection, 901, "P6"));
        assertEquals(
            new ListMembership.Explanation(ListMembership.Standing.SUPPRESSED, "SOLICITATION"),
            ListMembership.explain(db.connection, 901, "P2"));
        assertEquals(
            ListMembership.Standing.SUPPRESSED,
            ListMembership.explain(db.connection, 901, "P3").standing());
        assertEquals("DISABLED", ListMembership.explain(db.connection, 901, "P3").detail());

        // an unsubscribe, an exclusion and a manual addition: the refresh keeps all three
        db.sql(
            "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES"
                + " ('marta@example.test', 'UNSUBSCRIBED', CURRENT_TIMESTAMP)");
        assertEquals(1, ListMembership.applySuppression(db.connection, 901));
        db.sql(
            "INSERT INTO CM_LIST_EXCLUSION (LIST_ID, PARTY_ID, EXCLUDED_BY, EXCLUDED_AT)"
                + " VALUES (901, 'P1', 'test', CURRENT_TIMESTAMP)");
        db.sql(
            "INSERT INTO CM_LIST_ADDITION (LIST_ID, PARTY_ID, SOURCE, ADDED_BY, ADDED_AT)"
                + " VALUES (901, 'P6', 'MANUAL', 'test', CURRENT_TIMESTAMP)");
        ListMembership.materialise(db.connection, 901, SegmentSql.NOTHING, LocalDateTime.now());
        assertEquals(
            List.of("P6:MANUAL"),
            db.strings(
                "SELECT CONCAT(PARTY_ID, ':', SOURCE) FROM CM_LIST_MEMBER WHERE LIST_ID = 901"));
        ListMembership.materialise(db.connection, 901, everyone, LocalDateTime.now());
        assertEquals(
            List.of("P6:MANUAL"),
            db.strings(
                "SELECT CONCAT(PARTY_ID, ':', SOURCE) FROM CM_LIST_MEMBER WHERE LIST_ID = 901"),
            "P1 excluded, P5 unsubscribed; P6 added by hand takes the shared address");
        assertEquals(
            new ListMembership.Explanation(ListMembership.Standing.EXCLUDED, null),
            ListMembership.explain(db.connection, 901, "P1"));
        assertEquals(
            new ListMembership.Explanation(ListMembership.Standing.SUPPRESSED, "UNSUBSCRIBED"),
            ListMembership.explain(db.connection, 901, "P5"));
      } finally {
        db.sql("DELETE FROM CM_SUPPRESSION");
        db.sql("DELETE FROM CM_LIST_MEMBER WHERE LIST_ID = 901");
        db.sql("DELETE FROM CM_LIST_EXCLUSION WHERE LIST_ID = 901");
        db.sql("DELETE FROM CM_LIST_ADDITION WHERE LIST_ID = 901");
        db.sql("DELETE FROM CM_DISTRIBUTION_LIST WHERE ID = 901");
      }
    }
  }

  @Nested
  class OnAFlatTable {
    @Test
    void whoAndWhereWorkPurchasesFindNobody() throws Exception {
      ErpSources flatSources =
          ErpSources.of(
              "CM_FLAT_CONTACT",
              "CM_FLAT_CONTACT_CLASSIFICATION",
              "CM_FLAT_CONTACT_RELATION",
              "CM_FLAT_CONTACT_ORDER_LINE");
      SegmentCompiler flat = new SegmentCompiler(flatSources, CLOCK);
      try (SegmentDatabase db = new SegmentDatabase("segments-flat")) {
        db.sql(
            "INSERT INTO FLAT_CONTACT (CONTACT_ID, IS_COMPANY, ACTIVE, FIRST_NAME, LAST_NAME,"
                + " EMAIL, EMAIL_OPT_IN, CITY, POSTAL_CODE, COUNTRY, CUSTOMER_TYPE, GENDER) VALUES"
                + " ('F1', 'N', 'Y', 'Anna', 'Flat', 'a@example.test', 'Y', 'Milano', '20100', 'ITA', 'CUSTOMER', 'F'),"
                + " ('F2', 'N', 'Y', 'Luc', 'Flat', 'l@example.test', 'N', 'Lyon', '69001', 'FRA', 'LEAD', 'M')");
        db.refreshIndex("CM_FLAT_CONTACT", flatSources);
        assertEquals(List.of("F1"), db.matching(flat.compile(of(COUNTRY, IN, "ITA"))));
        assertEquals(List.of("F2"), db.matching(flat.compile(of(ROLE, IN, "LEAD"))));
        assertEquals(
            List.of(),
            db.matching(flat.compile(of(BOUGHT_CATEGORY, IN, "CAT_OFFICE"))),
            "a flat table has no orders");
        assertEquals(List.of(), db.matching(flat.compile(of(CLASSIFICATION, IN, "VIP"))));
        assertEquals(
            new ListMembership.Count(2, 1),
            ListMembership.count(
                db.connection, flat.compile(of(GENDER, IS, "F").or(of(GENDER, IS, "M")))));
      }
    }
  }
}
