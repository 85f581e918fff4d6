package org.erpcampaigns.platform.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

/**
 * The documented range of every date and number a user types (README, "Input bounds"). A date
 * outside 1900-01-01..2999-12-31 is a typing mistake or an attack, and the databases store years
 * beyond 9999 or before 1 differently (PostgreSQL refuses them, H2 wraps them round); a number with
 * hundreds of digits costs seconds to compare and fits no column.
 */
public final class Bounds {
  public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
  public static final LocalDate LAST_DATE = LocalDate.of(2999, 12, 31);

  /** More characters than any number a column keeps, with sign, separators and exponent. */
  public static final int MAX_NUMBER_LENGTH = 40;

  /** Digits before the decimal point of a NUMERIC(18,2) amount. */
  public static final int MAX_AMOUNT_DIGITS = 16;

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private Bounds() {}

  public static boolean within(LocalDate date) {
    return !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE);
  }

  public static boolean within(LocalDateTime time) {
    return within(time.toLocalDate());
  }

  /** Parses a number only if its text is short enough to be any number we keep; else null. */
  public static BigDecimal number(String text) {
    String v = text.strip();
    if (v.isEmpty() || v.length() > MAX_NUMBER_LENGTH) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(v);
      // 1e999999 is short but has a million digits: keep only what a column could hold
      return d.precision() - d.scale() > 2 * MAX_AMOUNT_DIGITS || d.scale() > MAX_NUMBER_LENGTH
          ? null
          : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the text is written as a number, however large or small. */
  public static boolean looksLikeANumber(String text) {
    return NUMBER.matcher(text.strip()).matches();
  }

  /** A money amount as NUMERIC(18,2) keeps it: not negative, 16 digits, at most 2 decimals. */
  public static boolean amount(BigDecimal value) {
    return value.signum() >= 0
        && value.stripTrailingZeros().scale() <= 2
        && value.precision() - value.scale() <= MAX_AMOUNT_DIGITS;
  }
}
