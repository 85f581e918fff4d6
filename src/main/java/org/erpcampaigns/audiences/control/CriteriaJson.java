package org.erpcampaigns.audiences.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
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
import org.erpcampaigns.audiences.entity.Operator;
import org.erpcampaigns.audiences.entity.Period;
import org.erpcampaigns.platform.control.Bounds;

/**
 * Criteria as JSON, as segments are stored and as the REST API takes them: a group is {@code
 * {"logic": "AND"|"OR", "not": false, "contactPersons": false, "children": [...]}}, a condition
 * {@code {"field": "COUNTRY", "operator": "IN", "values": ["ITA"], "period": {"lastDays": 365}}}
 * (period also {@code {"from": "2026-01-01", "to": "2026-03-31"}}).
 */
public final class CriteriaJson {
  static final int MAX_LENGTH = 30_000;

  private CriteriaJson() {}

  public static String write(Criterion criteria) {
    return node(criteria).toString();
  }

  private static JsonObject node(Criterion criterion) {
    if (criterion instanceof CriteriaGroup g) {
      JsonArrayBuilder children = Json.createArrayBuilder();
      g.children().forEach(child -> children.add(node(child)));
      return Json.createObjectBuilder()
          .add("logic", g.logic().name())
          .add("not", g.negated())
          .add("contactPersons", g.contactPersons())
          .add("children", children)
          .build();
    }
    Condition k = (Condition) criterion;
    JsonObjectBuilder o =
        Json.createObjectBuilder()
            .add("field", k.field().name())
            .add("operator", k.operator().name())
            .add("values", Json.createArrayBuilder(k.values()));
    if (!k.period().isOpen()) {
      JsonObjectBuilder p = Json.createObjectBuilder();
      if (k.period().lastDays() != null) {
        p.add("lastDays", k.period().lastDays());
      }
      if (k.period().from() != null) {
        p.add("from", k.period().from().toString());
      }
      if (k.period().to() != null) {
        p.add("to", k.period().to().toString());
      }
      o.add("period", p);
    }
    return o.build();
  }

  public static Criterion read(String json) {
    if (json == null || json.isBlank()) {
      throw AudienceException.invalid("audience.error.emptyGroup");
    }
    if (json.length() > MAX_LENGTH) {
      throw AudienceException.invalid("audience.error.criteriaTooLong", MAX_LENGTH);
    }
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(json))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // JsonParsingException, JsonException, and Parsson's plain one past 1000 levels of nesting
      throw AudienceException.invalid("audience.error.json");
    }
    return read(value);
  }

  public static Criterion read(JsonValue value) {
    // the criteria are stored as their JSON text, in a column of MAX_LENGTH characters
    if (value != null && value.toString().length() > MAX_LENGTH) {
      throw AudienceException.invalid("audience.error.criteriaTooLong", MAX_LENGTH);
    }
    try {
      return read(value, 0);
    } catch (ClassCastException e) {
      throw AudienceException.invalid("audience.error.json");
    }
  }

  private static Criterion read(JsonValue value, int depth) {
    if (depth > SegmentCompiler.MAX_DEPTH) {
      throw AudienceException.invalid("audience.error.tooDeep", SegmentCompiler.MAX_DEPTH);
    }
    if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw AudienceException.invalid("audience.error.json");
    }
    JsonObject o = value.asJsonObject();
    if (o.containsKey("children")) {
      List<Criterion> children = new ArrayList<>();
      for (JsonValue child : o.getJsonArray("children")) {
        children.add(read(child, depth + 1));
      }
      CriteriaGroup.Logic logic =
          parse(CriteriaGroup.Logic.class, o.getString("logic", "AND"), "audience.error.logic");
      return new CriteriaGroup(
          logic, o.getBoolean("not", false), o.getBoolean("contactPersons", false), children);
    }
    Field field = parse(Field.class, o.getString("field", ""), "audience.error.field");
    Operator operator =
        o.containsKey("operator") && !o.isNull("operator")
            ? parse(Operator.class, o.getString("operator"), "audience.error.operatorUnknown")
            : field.defaultOperator();
    List<String> values = new ArrayList<>();
    JsonValue raw = o.get("values");
    if (raw instanceof JsonArray array) {
      for (JsonValue v : array) {
        values.add(v instanceof JsonString s ? s.getString() : v.toString());
      }
    } else if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
      values.add(raw instanceof JsonString s ? s.getString() : raw.toString());
    }
    Period period = Period.ALWAYS;
    if (o.containsKey("period") && !o.isNull("period")) {
      JsonObject p = o.getJsonObject("period");
      try {
        period = new Period(lastDays(p), date(p, "from"), date(p, "to"));
      } catch (DateTimeParseException | ClassCastException e) {
        throw AudienceException.invalid("audience.error.period");
      }
    }
    return new Condition(field, operator, values, period);
  }

  /** Last N days, read without building the digits of 1e999999 first. */
  private static Integer lastDays(JsonObject p) {
    if (!p.containsKey("lastDays") || p.isNull("lastDays")) {
      return null;
    }
    BigDecimal n = Bounds.number(p.get("lastDays").toString());
    if (n == null || n.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw AudienceException.invalid("audience.error.period");
    }
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw AudienceException.invalid("audience.error.period");
    }
  }

  private static LocalDate date(JsonObject p, String key) {
    return p.containsKey(key) && !p.isNull(key) && !p.getString(key).isBlank()
        ? LocalDate.parse(p.getString(key))
        : null;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AudienceException.invalid(key, value);
    }
  }
}
