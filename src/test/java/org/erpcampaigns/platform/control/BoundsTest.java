package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BoundsTest {
  @Test
  void datesFrom1900To2999() {
    assertTrue(Bounds.within(LocalDate.of(1900, 1, 1)));
    assertTrue(Bounds.within(LocalDate.of(2999, 12, 31)));
    assertFalse(Bounds.within(LocalDate.of(1899, 12, 31)));
    assertFalse(Bounds.within(LocalDate.of(3000, 1, 1)));
    assertFalse(Bounds.within(LocalDate.parse("+999999999-12-31")));
    assertFalse(Bounds.within(LocalDate.parse("0000-01-01")));
  }

  @Test
  void numbersOnlyAsLongAsAColumnCouldKeep() {
    assertEquals(new BigDecimal("12.50"), Bounds.number(" 12.50 "));
    assertNull(Bounds.number("1e999999"), "a million digits");
    assertNull(Bounds.number("1e-999999"), "a million decimals");
    assertNull(Bounds.number("1".repeat(41)), "longer than any column");
    assertNull(Bounds.number("abc"));
    assertTrue(Bounds.looksLikeANumber("1e999999"));
    assertTrue(Bounds.looksLikeANumber("-.5E+3"));
    assertFalse(Bounds.looksLikeANumber("fast"));
  }

  @Test
  void amountsAsNumeric18And2() {
    assertTrue(Bounds.amount(new BigDecimal("9999999999999999.99")));
    assertTrue(Bounds.amount(new BigDecimal("10.500")));
    assertFalse(Bounds.amount(new BigDecimal("10000000000000000")));
    assertFalse(Bounds.amount(new BigDecimal("10.005")));
    assertFalse(Bounds.amount(new BigDecimal("-1")));
  }
}
