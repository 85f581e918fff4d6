package org.erpcampaigns.campaigns.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.erpcampaigns.campaigns.entity.Campaign;
import org.erpcampaigns.campaigns.entity.CampaignRuleException;
import org.erpcampaigns.platform.control.Bounds;

/**
 * Reads the fields of a JSON request body with the same clear messages as the UI: an amount that is
 * not a number, a date that is not a date, a value that is not one of the allowed ones.
 */
final class JsonFields {
  private final JsonObject body;

  JsonFields(JsonObject body) {
    if (body == null) {
      throw CampaignRuleException.invalid("campaign.error.body");
    }
    this.body = body;
  }

  String text(String name) {
    JsonValue v = body.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  BigDecimal number(String name, String fieldKey) {
    JsonValue v = body.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return parse(v instanceof JsonString s ? s.getString() : v.toString(), fieldKey);
  }

  Long whole(String name, String fieldKey) {
    BigDecimal n = number(name, fieldKey);
    if (n == null) {
      return null;
    }
    try {
      return n.longValueExact();
    } catch (ArithmeticException e) {
      throw notANumber(n.toPlainString(), fieldKey);
    }
  }

  Integer integer(String name, String fieldKey) {
    Long n = whole(name, fieldKey);
    if (n == null) {
      return null;
    }
    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
      throw notANumber(n.toString(), fieldKey);
    }
    return n.intValue();
  }

  LocalDate date(String name, String fieldKey) {
    String v = text(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw CampaignRuleException.invalid(
          "campaign.error.notADate", new CampaignRuleException.Label(fieldKey), v);
    }
    return Campaign.withinBounds(date, fieldKey);
  }

  <E extends Enum<E>> E choice(String name, Class<E> type, String fieldKey) {
    String v = text(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CampaignRuleException.invalid(
          "campaign.error.choice", new CampaignRuleException.Label(fieldKey), v);
    }
  }

  <E extends Enum<E>> Map<E, BigDecimal> amounts(String name, Class<E> keys, String fieldKey) {
    JsonValue v = body.get(name);
    Map<E, BigDecimal> result = new EnumMap<>(keys);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return result;
    }
    if (!(v instanceof JsonObject o)) {
      throw CampaignRuleException.invalid("campaign.error.body");
    }
    JsonFields inner = new JsonFields(o);
    for (String key : o.keySet()) {
      E k;
      try {
        k = Enum.valueOf(keys, key.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CampaignRuleException.invalid(
            "campaign.error.choice", new CampaignRuleException.Label(fieldKey), key);
      }
      result.put(k, inner.number(key, fieldKey));
    }
    return result;
  }

  Set<String> texts(String name) {
    JsonValue v = body.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    Set<String> result = new LinkedHashSet<>();
    if (v instanceof JsonArray a) {
      for (JsonValue item : a) {
        result.add(item instanceof JsonString s ? s.getString() : item.toString());
      }
      return result;
    }
    for (String s : text(name).split(",")) {
      result.add(s.strip());
    }
    return result;
  }

  /**
   * A number only if it is one that a column could keep (see {@link Bounds#number}): 1e999999 is
   * refused at once, before it costs seconds in comparisons.
   */
  static BigDecimal parse(String v, String fieldKey) {
    BigDecimal n = Bounds.number(v);
    if (n == null && !Bounds.looksLikeANumber(v)) {
      throw notANumber(v, fieldKey);
    }
    if (n == null) {
      throw CampaignRuleException.invalid(
          "campaign.error.numberRange", new CampaignRuleException.Label(fieldKey), v.strip());
    }
    return n;
  }

  private static CampaignRuleException notANumber(String v, String fieldKey) {
    return CampaignRuleException.invalid(
        "campaign.error.notANumber", new CampaignRuleException.Label(fieldKey), v);
  }
}
