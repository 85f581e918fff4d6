package org.erpcampaigns.audiences.control;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.erpcampaigns.audiences.entity.AudienceException;
import org.erpcampaigns.audiences.entity.Condition;
import org.erpcampaigns.audiences.entity.CriteriaGroup;
import org.erpcampaigns.audiences.entity.Criterion;
import org.erpcampaigns.audiences.entity.Field;
import org.erpcampaigns.audiences.entity.Label;
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Period;
import org.erpcampaigns.contacts.entity.Sendability;
import org.erpcampaigns.platform.control.Bounds;

/**
 * Compiles segment criteria into one SQL condition over the contact index ({@code CM_CONTACT_INDEX
 * c}) with bind parameters. Who/where read the index's columns; purchases read the purchase index
 * (a copy of the mapping's completed purchases, see {@link PurchaseIndex}); classifications,
 * relationships and category membership read the mapping's views; engagement and list membership
 * read our own tables. Subqueries are correlated EXISTS / NOT EXISTS, which the database turns into
 * (hash) semi- and anti-joins. The SQL is the same on PostgreSQL and H2.
 *
 * <p>Fast paths, exact by construction: criteria over a contact's whole history (ordered, order
 * count, total spent, last order) and purchases bounded below only ("since D", "in the last N
 * days") read the per-contact summaries the purchase index refresh computes (CM_PURCHASE_SUMMARY,
 * CM_PURCHASE_CATEGORY) as plain column predicates: a contact ordered since D exactly when its last
 * order is on or after D, before T exactly when its first order is before T. Counts and totals over
 * a bounded period, and any period with both bounds, keep the exact per-period evaluation over
 * CM_PURCHASE_INDEX / CM_PURCHASE_ITEM_INDEX. {@code exactOnly} compiles every purchase criterion
 * the exact way (tests prove both give the same contacts).
 *
 * <p>Bad criteria (an empty group, an operator that does not fit its field, a value of the wrong
 * type) raise an {@link AudienceException} naming the field, before any SQL runs.
 */
public final class SegmentCompiler {
  static final int MAX_DEPTH = 8;
  static final int MAX_VALUES = 1000;

  /** Completed purchases per contact and order (see {@link PurchaseIndex}). */
  static final String PURCHASES = "CM_PURCHASE_INDEX";

  /** What each contact bought when (see {@link PurchaseIndex}). */
  static final String ITEMS = "CM_PURCHASE_ITEM_INDEX";

  /** Per contact: order count, total spent, first and last order (see {@link PurchaseIndex}). */
  static final String SUMMARY = "CM_PURCHASE_SUMMARY";

  /** Per contact and category: first and last order date (see {@link PurchaseIndex}). */
  static final String CATEGORIES = "CM_PURCHASE_CATEGORY";

  private final ErpSources sources;
  private final Clock clock;
  private final boolean exactOnly;

  public SegmentCompiler(ErpSources sources, Clock clock) {
    this(sources, clock, false);
  }

  SegmentCompiler(ErpSources sources, Clock clock, boolean exactOnly) {
    this.sources = sources;
    this.clock = clock;
    this.exactOnly = exactOnly;
  }

  public SegmentSql compile(Criterion criteria) {
    if (criteria == null) {
      throw AudienceException.invalid("audience.error.emptyGroup");
    }
    Compilation c = new Compilation();
    String sql = c.node(criteria, "c", 0);
    return new SegmentSql(sql, c.parameters);
  }

  /** The SQL test that a contact's address is usable ({@link Sendability#usableAddress}). */
  static String validEmail(String alias) {
    return Sendability.usableAddress(alias + ".EMAIL");
  }

  private final class Compilation {
    final List<Object> parameters = new ArrayList<>();
    int aliases;

    String node(Criterion node, String c, int depth) {
      if (depth > MAX_DEPTH) {
        throw AudienceException.invalid("audience.error.tooDeep", MAX_DEPTH);
      }
      if (node instanceof CriteriaGroup g) {
        return group(g, c, depth);
      }
      return condition((Condition) node, c);
    }

    String group(CriteriaGroup g, String c, int depth) {
      if (g.children().isEmpty()) {
        throw AudienceException.invalid("audience.error.emptyGroup");
      }
      String inner;
      String alias = c;
      if (g.contactPersons()) {
        alias = "o" + (++aliases);
      }
      List<String> parts = new ArrayList<>();
      for (Criterion child : g.children()) {
        parts.add(node(child, alias, depth + 1));
      }
      inner =
          parts.size() == 1
              ? parts.get(0)
              : "("
                  + String.join(g.logic() == CriteriaGroup.Logic.AND ? " AND " : " OR ", parts)
                  + ")";
      if (g.contactPersons()) {
        String r = "r" + aliases;
        inner =
            "("
                + c
                + ".CONTACT_TYPE = 'PERSON' AND EXISTS (SELECT 1 FROM "
                + sources.relations()
                + " "
                + r
                + " JOIN CM_CONTACT_INDEX "
                + alias
                + " ON "
                + alias
                + ".PARTY_ID = "
                + r
                + ".CONTACT_ID WHERE "
                + r
                + ".RELATED_ID = "
                + c
                + ".PARTY_ID AND "
                + alias
                + ".CONTACT_TYPE = 'ORGANISATION' AND "
                + inner
                + "))";
      }
      return g.negated() ? "NOT " + inner : inner;
    }

    String condition(Condition k, String c) {
      Field f = k.field();
      Operator op = k.operator();
      if (!f.allows(op)) {
        throw AudienceException.invalid("audience.error.operator", Label.of(f), Label.of(op));
      }
      List<String> values = values(k);
      boolean negative = op == Operator.IS_NOT || op == Operator.NOT_IN;
      String sql =
          switch (f) {
            case CONTACT_TYPE,
                    GENDER,
                    AGE,
                    BIRTH_MONTH,
                    PARTY_STATUS,
                    ROLE,
                    CLASSIFICATION,
                    HAS_EMAIL,
                    SOLICITATION,
                    COUNTRY,
                    STATE_PROVINCE,
                    CITY,
                    POSTAL_CODE ->
                contact(c, f, op, values);
            case ORDERED, ORDER_COUNT, TOTAL_SPENT, LAST_ORDER, BOUGHT_PRODUCT, BOUGHT_CATEGORY ->
                purchases(c, k, values);
            case RECEIVED_CAMPAIGN,
                    OPENED_CAMPAIGN,
                    CLICKED_CAMPAIGN,
                    NOT_OPENED_DAYS,
                    LIST_MEMBER ->
                activity(c, f, values);
          };
      return negative ? "NOT (" + sql + ")" : sql;
    }

    /** A condition's values, stripped, blank ones left out: one at least, not too many. */
    List<String> values(Condition k) {
      List<String> values =
          k.values().stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
      if (values.isEmpty()) {
        throw AudienceException.invalid("audience.error.noValue", Label.of(k.field()));
      }
      if (values.size() > MAX_VALUES) {
        throw AudienceException.invalid(
            "audience.error.tooManyValues", Label.of(k.field()), MAX_VALUES);
      }
      return values;
    }

    /** A condition on the contact's own fields (the contact index). */
    String contact(String c, Field f, Operator op, List<String> values) {
      return switch (f) {
        case CONTACT_TYPE -> c + ".CONTACT_TYPE = " + bind(choice(f, single(f, values)));
        case GENDER -> c + ".GENDER = " + bind(choice(f, single(f, values)));
        case AGE -> age(c, op, values);
        case BIRTH_MONTH -> "EXTRACT(MONTH FROM " + c + ".BIRTH_DATE) IN " + months(values);
        case PARTY_STATUS ->
            c + ".ENABLED = " + bind(choice(f, single(f, values)).equals("ENABLED") ? "Y" : "N");
        case ROLE -> roles(c, values);
        case CLASSIFICATION ->
            "EXISTS (SELECT 1 FROM "
                + sources.classifications()
                + " k WHERE k.CONTACT_ID = "
                + c
                + ".PARTY_ID AND k.GROUP_ID IN "
                + list(values)
                + ")";
        case HAS_EMAIL ->
            bool(f, single(f, values))
                ? validEmail(c)
                : "(" + c + ".EMAIL IS NULL OR NOT " + validEmail(c) + ")";
        case SOLICITATION ->
            switch (choice(f, single(f, values))) {
              case "ALLOWED" -> c + ".ALLOW_SOLICITATION = 'Y'";
              case "REFUSED" -> c + ".ALLOW_SOLICITATION = 'N'";
              default -> c + ".ALLOW_SOLICITATION IS NULL";
            };
        case COUNTRY -> c + ".COUNTRY IN " + list(upper(values));
        case STATE_PROVINCE -> c + ".STATE_PROVINCE IN " + list(upper(values));
        case CITY -> "LOWER(" + c + ".CITY) IN " + list(lower(values));
        case POSTAL_CODE -> prefixes(c, values);
        default -> throw new IllegalArgumentException("not a contact field: " + f);
      };
    }

    /** A condition on what the contact bought (the purchase index, or the ERP's orders). */
    String purchases(String c, Condition k, List<String> values) {
      Field f = k.field();
      return switch (f) {
        case ORDERED -> (bool(f, single(f, values)) ? "" : "NOT ") + ordered(c, k.period());
        case ORDER_COUNT -> {
          int n = nonNegative(f, single(f, values));
          yield summarised(k.period())
              ? summary(c, "ORDER_COUNT", k, n, n > 0)
              : aggregate(c, "COUNT(*)", k, n);
        }
        case TOTAL_SPENT -> {
          BigDecimal v = decimal(f, single(f, values));
          yield summarised(k.period())
              ? summary(c, "TOTAL_SPENT", k, v, v.signum() > 0)
              : aggregate(c, "COALESCE(SUM(p.GRAND_TOTAL), 0)", k, v);
        }
        case LAST_ORDER -> lastOrder(c, k, single(f, values));
        case BOUGHT_PRODUCT ->
            "EXISTS (SELECT 1 FROM "
                + ITEMS
                + " pi WHERE pi.CONTACT_ID = "
                + c
                + ".PARTY_ID"
                + period(k.period(), "pi")
                + " AND pi.PRODUCT_ID IN "
                + list(values)
                + ")";
        case BOUGHT_CATEGORY ->
            !exactOnly && halfOpen(k.period())
                ? "EXISTS (SELECT 1 FROM "
                    + CATEGORIES
                    + " pc WHERE pc.CONTACT_ID = "
                    + c
                    + ".PARTY_ID AND pc.CATEGORY_ID IN "
                    + list(values)
                    + bounds(k.period(), "pc")
                    + ")"
                // the product belonged to the category when it was ordered
                : "EXISTS (SELECT 1 FROM "
                    + ITEMS
                    + " pi JOIN "
                    + sources.categoryMembers()
                    + " m ON m.PRODUCT_ID = pi.PRODUCT_ID WHERE pi.CONTACT_ID = "
                    + c
                    + ".PARTY_ID"
                    + period(k.period(), "pi")
                    + " AND m.CATEGORY_ID IN "
                    + list(values)
                    + " AND (m.FROM_DATE IS NULL OR m.FROM_DATE <= pi.ORDER_DATE)"
                    + " AND (m.THRU_DATE IS NULL OR m.THRU_DATE > pi.ORDER_DATE))";
        default -> throw new IllegalArgumentException("not a purchase field: " + f);
      };
    }

    /** A condition on what the contact received and did, or on list membership. */
    String activity(String c, Field f, List<String> values) {
      return switch (f) {
        case RECEIVED_CAMPAIGN -> engagement(c, "SENT", f, single(f, values));
        case OPENED_CAMPAIGN -> engagement(c, "OPENED", f, single(f, values));
        case CLICKED_CAMPAIGN -> engagement(c, "CLICKED", f, single(f, values));
        case NOT_OPENED_DAYS ->
            "NOT EXISTS (SELECT 1 FROM CM_EVENT e WHERE e.PARTY_ID = "
                + c
                + ".PARTY_ID AND e.TYPE = 'OPENED' AND e.OCCURRED_AT >= "
                + bind(
                    Timestamp.valueOf(
                        today().minusDays(nonNegative(f, single(f, values))).atStartOfDay()))
                + ")";
        case LIST_MEMBER ->
            "EXISTS (SELECT 1 FROM CM_LIST_MEMBER lm WHERE lm.PARTY_ID = "
                + c
                + ".PARTY_ID AND lm.LIST_ID IN "
                + longs(f, values)
                + ")";
        default -> throw new IllegalArgumentException("not an activity field: " + f);
      };
    }

    String age(String c, Operator op, List<String> values) {
      LocalDate today = today();
      int min;
      int max;
      switch (op) {
        case AT_LEAST -> {
          min = nonNegative(Field.AGE, single(Field.AGE, values));
          max = -1;
        }
        case AT_MOST -> {
          min = -1;
          max = nonNegative(Field.AGE, single(Field.AGE, values));
        }
        default -> {
          if (values.size() != 2) {
            throw AudienceException.invalid("audience.error.range", Label.of(Field.AGE));
          }
          min = nonNegative(Field.AGE, values.get(0));
          max = nonNegative(Field.AGE, values.get(1));
          if (min > max) {
            throw AudienceException.invalid("audience.error.range", Label.of(Field.AGE));
          }
        }
      }
      List<String> parts = new ArrayList<>();
      if (min >= 0) {
        // at least min years old: born on or before today minus min years
        parts.add(c + ".BIRTH_DATE <= " + bind(Date.valueOf(today.minusYears(min))));
      }
      if (max >= 0) {
        // at most max years old: born after today minus (max + 1) years
        parts.add(c + ".BIRTH_DATE > " + bind(Date.valueOf(today.minusYears(max + 1L))));
      }
      return "(" + String.join(" AND ", parts) + ")";
    }

    String months(List<String> values) {
      List<String> marks = new ArrayList<>();
      for (String v : values) {
        int month = integer(Field.BIRTH_MONTH, v);
        if (month < 1 || month > 12) {
          throw AudienceException.invalid("audience.error.value", Label.of(Field.BIRTH_MONTH), v);
        }
        marks.add(bind(month));
      }
      return "(" + String.join(", ", marks) + ")";
    }

    String roles(String c, List<String> values) {
      List<String> parts = new ArrayList<>();
      for (String role : upper(values)) {
        parts.add(
            "CONCAT(',', "
                + c
                + ".ROLES, ',') LIKE "
                + bind("%," + escape(role) + ",%")
                + " ESCAPE '\\'");
      }
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }

    String prefixes(String c, List<String> values) {
      List<String> parts = new ArrayList<>();
      for (String prefix : values) {
        parts.add(
            "UPPER("
                + c
                + ".POSTAL_CODE) LIKE "
                + bind(escape(prefix.toUpperCase(Locale.ROOT)) + "%")
                + " ESCAPE '\\'");
      }
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }

    /** Whether a contact ordered in the period. */
    String ordered(String c, Period period) {
      if (!exactOnly && halfOpen(period)) {
        return "EXISTS (SELECT 1 FROM "
            + SUMMARY
            + " ps WHERE ps.CONTACT_ID = "
            + c
            + ".PARTY_ID"
            + bounds(period, "ps")
            + ")";
      }
      return "EXISTS (SELECT 1 FROM "
          + PURCHASES
          + " p WHERE p.CONTACT_ID = "
          + c
          + ".PARTY_ID"
          + period(period, "p")
          + ")";
    }

    /**
     * A whole-history count or total compared with the value, read from the summary. A contact
     * without a summary row has 0: it matches "at most v" always (v ≥ 0) and "at least v" only when
     * v is 0; so "at least v > 0" is a semi-join, the others an anti-join on the opposite test.
     */
    String summary(String c, String column, Condition k, Object value, boolean positive) {
      String test =
          k.operator() == Operator.AT_LEAST
              ? (positive ? " >= " : " < ")
              : " > "; // at most v: no row above v
      String exists =
          "EXISTS (SELECT 1 FROM "
              + SUMMARY
              + " ps WHERE ps.CONTACT_ID = "
              + c
              + ".PARTY_ID AND ps."
              + column
              + test
              + bind(value)
              + ")";
      return k.operator() == Operator.AT_LEAST && positive ? exists : "NOT " + exists;
    }

    /** Whether the whole-history summary answers a count/total: the period is open. */
    boolean summarised(Period period) {
      return !exactOnly && (period == null || period.isOpen());
    }

    /**
     * Whether the period has at most one kind of bound (only lower or only upper), which the first
     * and last order dates answer exactly.
     */
    boolean halfOpen(Period period) {
      return period == null
          || period.isOpen()
          || period.to() == null
          || (period.from() == null && period.lastDays() == null);
    }

    /**
     * A half-open period over a summary's first/last order date: some order on or after D exactly
     * when the last one is; some order before T exactly when the first one is.
     */
    String bounds(Period period, String alias) {
      return period(period, alias + ".LAST_ORDER", alias + ".FIRST_ORDER");
    }

    /** COUNT/SUM of a contact's completed orders in the period, compared with the value. */
    String aggregate(String c, String measure, Condition k, Object value) {
      String comparison = k.operator() == Operator.AT_LEAST ? " >= " : " <= ";
      return "(SELECT "
          + measure
          + " FROM "
          + PURCHASES
          + " p WHERE p.CONTACT_ID = "
          + c
          + ".PARTY_ID"
          + period(k.period(), "p")
          + ")"
          + comparison
          + bind(value);
    }

    String lastOrder(String c, Condition k, String value) {
      Field f = k.field();
      if (!exactOnly && (k.period() == null || k.period().isOpen())) {
        // the last order over the whole history is the summary's column
        String at =
            switch (k.operator()) {
              case BEFORE -> " < " + bind(Timestamp.valueOf(date(f, value).atStartOfDay()));
              case AFTER ->
                  " >= " + bind(Timestamp.valueOf(date(f, value).plusDays(1).atStartOfDay()));
              default ->
                  " < "
                      + bind(
                          Timestamp.valueOf(
                              today().minusDays(nonNegative(f, value)).atStartOfDay()));
            };
        return "EXISTS (SELECT 1 FROM "
            + SUMMARY
            + " ps WHERE ps.CONTACT_ID = "
            + c
            + ".PARTY_ID AND ps.LAST_ORDER"
            + at
            + ")";
      }
      String last =
          "(SELECT MAX(p.ORDER_DATE) FROM "
              + PURCHASES
              + " p WHERE p.CONTACT_ID = "
              + c
              + ".PARTY_ID"
              + period(k.period(), "p")
              + ")";
      return switch (k.operator()) {
        case BEFORE -> last + " < " + bind(Timestamp.valueOf(date(f, value).atStartOfDay()));
        case AFTER ->
            "EXISTS (SELECT 1 FROM "
                + PURCHASES
                + " p WHERE p.CONTACT_ID = "
                + c
                + ".PARTY_ID"
                + period(k.period(), "p")
                + " AND p.ORDER_DATE >= "
                + bind(Timestamp.valueOf(date(f, value).plusDays(1).atStartOfDay()))
                + ")";
        default ->
            last
                + " < "
                + bind(Timestamp.valueOf(today().minusDays(nonNegative(f, value)).atStartOfDay()));
      };
    }

    String engagement(String c, String type, Field f, String campaign) {
      long id = positive(f, campaign);
      return "EXISTS (SELECT 1 FROM CM_EVENT e WHERE e.PARTY_ID = "
          + c
          + ".PARTY_ID AND e.CAMPAIGN_ID = "
          + bind(id)
          + " AND e.TYPE = '"
          + type
          + "')";
    }

    /** The period as extra conditions on the purchase alias (empty when open). */
    String period(Period period, String p) {
      return period(period, p + ".ORDER_DATE", p + ".ORDER_DATE");
    }

    /** The period's lower bounds on column {@code from}, its upper bound on column {@code to}. */
    String period(Period period, String from, String to) {
      if (period == null || period.isOpen()) {
        return "";
      }
      for (LocalDate d : new LocalDate[] {period.from(), period.to()}) {
        if (d != null) {
          withinBounds(d, new Label("audience.period.between"), d.toString());
        }
      }
      StringBuilder sb = new StringBuilder();
      if (period.lastDays() != null) {
        if (period.lastDays() < 1 || period.lastDays() > 36_500) {
          throw AudienceException.invalid("audience.error.period");
        }
        sb.append(" AND ")
            .append(from)
            .append(" >= ")
            .append(bind(Timestamp.valueOf(today().minusDays(period.lastDays()).atStartOfDay())));
      }
      if (period.from() != null) {
        sb.append(" AND ")
            .append(from)
            .append(" >= ")
            .append(bind(Timestamp.valueOf(period.from().atStartOfDay())));
      }
      if (period.to() != null) {
        if (period.from() != null && period.to().isBefore(period.from())) {
          throw AudienceException.invalid("audience.error.period");
        }
        sb.append(" AND ")
            .append(to)
            .append(" < ")
            .append(bind(Timestamp.valueOf(period.to().plusDays(1).atStartOfDay())));
      }
      return sb.toString();
    }

    String list(List<String> values) {
      List<String> marks = new ArrayList<>();
      for (String v : values) {
        marks.add(bind(v));
      }
      return "(" + String.join(", ", marks) + ")";
    }

    String longs(Field f, List<String> values) {
      List<String> marks = new ArrayList<>();
      for (String v : values) {
        marks.add(bind(positive(f, v)));
      }
      return "(" + String.join(", ", marks) + ")";
    }

    String bind(Object value) {
      parameters.add(value);
      return "?";
    }
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private static String single(Field f, List<String> values) {
    if (values.size() != 1) {
      throw AudienceException.invalid("audience.error.oneValue", Label.of(f));
    }
    return values.get(0);
  }

  private static String choice(Field f, String value) {
    String v = value.toUpperCase(Locale.ROOT);
    if (!f.choices().contains(v)) {
      throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    }
    return v;
  }

  private static boolean bool(Field f, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y" -> true;
      case "false", "no", "n" -> false;
      default -> throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    };
  }

  private static int integer(Field f, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    }
  }

  private static int nonNegative(Field f, String value) {
    int n = integer(f, value);
    if (n < 0 || n > 36_500) {
      throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    }
    return n;
  }

  private static long positive(Field f, String value) {
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AudienceException.invalid("audience.error.value", Label.of(f), value);
  }

  /** An amount as the purchase index keeps it (NUMERIC(18,2)); 1e999999 is refused at once. */
  private static BigDecimal decimal(Field f, String value) {
    String v = value.replace(',', '.');
    BigDecimal d = Bounds.number(v);
    if (d != null && Bounds.amount(d)) {
      return d;
    }
    if (d == null && !Bounds.looksLikeANumber(v) || d != null && d.signum() < 0) {
      throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    }
    throw AudienceException.invalid("audience.error.amount", Label.of(f), value);
  }

  private static LocalDate date(Field f, String value) {
    LocalDate d;
    try {
      d = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw AudienceException.invalid("audience.error.value", Label.of(f), value);
    }
    return withinBounds(d, Label.of(f), value);
  }

  /** A date of a condition or a period if within {@link Bounds}; else a refusal with the range. */
  static LocalDate withinBounds(LocalDate date, Label label, String value) {
    if (!Bounds.within(date)) {
      throw AudienceException.invalid(
          "audience.error.date",
          label,
          value,
          Bounds.FIRST_DATE.toString(),
          Bounds.LAST_DATE.toString());
    }
    return date;
  }

  private static List<String> upper(List<String> values) {
    return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  /** Makes %, _ and the escape character itself match literally in a LIKE pattern. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (char ch : value.toCharArray()) {
      if (ch == '%' || ch == '_' || ch == '\\') {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }
}
