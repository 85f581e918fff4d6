package org.erpcampaigns.monitoring.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split's winner and confidences, checked against values worked out by hand. */
class AbTestTest {

  static AbTest.Way way(String state, long contacts, long clicked, long ordered, int eachOrder) {
    BigDecimal each = BigDecimal.valueOf(eachOrder);
    return new AbTest.Way(
        state,
        state.toUpperCase(),
        contacts,
        clicked,
        clicked,
        ordered,
        each.multiply(BigDecimal.valueOf(ordered)),
        each.multiply(each).multiply(BigDecimal.valueOf(ordered)),
        null);
  }

  @Test
  void theNormalDistribution() {
    assertEquals(0.5, AbTest.normal(0), 1e-7);
    assertEquals(0.975002, AbTest.normal(1.96), 1e-6);
    assertEquals(0.024998, AbTest.normal(-1.96), 1e-6);
  }

  @Test
  void clickRatesDecideWithoutOrders() {
    // 12 % against 8 % of 500 each: z = 0.04 / sqrt(0.1 * 0.9 * 2 / 500) = 2.108
    assertEquals(0.9825, AbTest.proportions(60, 500, 40, 500), 0.0005);
    AbTest t = AbTest.of(List.of(way("a", 500, 60, 0, 0), way("b", 500, 40, 0, 0)));
    assertEquals(AbTest.Metric.CLICKS, t.metric());
    assertEquals("a", t.winner());
    assertNull(t.ways().get(0).confidence(), "the best way itself");
    assertEquals(new BigDecimal("98"), AbTest.percent(t.ways().get(1).confidence()));
  }

  @Test
  void aSmallSampleDeclaresNoWinner() {
    AbTest t = AbTest.of(List.of(way("a", 10, 3, 0, 0), way("b", 10, 2, 0, 0)));
    assertNull(t.winner());
    assertEquals(AbTest.Metric.CLICKS, t.metric());
  }

  @Test
  void revenuePerContactDecidesWhenThereIsRevenue() {
    // a: 10 of 100 ordered 50 each (mean 5, variance 227.27); b: 2 of 100 (mean 1, variance
    // 49.49): z = 4 / sqrt(2.2727 + 0.4949) = 2.404
    AbTest.Way a = way("a", 100, 20, 10, 50);
    AbTest.Way b = way("b", 100, 30, 2, 50);
    assertEquals(0.9919, AbTest.welch(a, b), 0.0005);
    AbTest t = AbTest.of(List.of(b, a));
    assertEquals(AbTest.Metric.REVENUE, t.metric());
    assertEquals("a", t.winner(), "more revenue, though fewer clicks");
    assertEquals(0.9919, t.ways().get(0).confidence(), 0.0005);
  }

  @Test
  void ordersWithoutRevenueDecideByConversion() {
    AbTest t =
        AbTest.of(
            List.of(way("a", 400, 0, 40, 0), way("b", 400, 0, 10, 0), way("c", 400, 0, 38, 0)));
    assertEquals(AbTest.Metric.CONVERSION, t.metric());
    assertNull(t.winner(), "c is as good as a: no winner yet");
    assertEquals(List.of("a", "b", "c"), t.ways().stream().map(AbTest.Way::state).toList());
  }

  @Test
  void nothingToCompare() {
    assertNull(AbTest.of(List.of()).winner());
    assertNull(AbTest.of(List.of(way("a", 100, 50, 0, 0))).winner(), "one way is no test");
    assertNull(AbTest.proportions(0, 0, 1, 10));
  }
}
