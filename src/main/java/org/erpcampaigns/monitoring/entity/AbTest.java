package org.erpcampaigns.monitoring.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of an A/B/n split: per way, its contacts and what they did since they took it —
 * opened, clicked, ordered and the revenue of their orders in the campaign's currency — and the
 * winner, chosen by revenue per contact when there is revenue (Welch's test on each contact's
 * revenue), else by conversion, else by click rate (a two-proportion z-test), with the confidence
 * that it beats each other way. A winner is declared only at {@link #DECLARE} confidence or more.
 */
public record AbTest(List<Way> ways, Metric metric, String winner) {

  /** The winner's name, or null. */
  public String winnerName() {
    return ways.stream()
        .filter(w -> w.state().equals(winner))
        .map(Way::name)
        .findFirst()
        .orElse(null);
  }

  /** The confidence from which a way is called the winner. */
  public static final double DECLARE = 0.95;

  /** What the winner is chosen by. */
  public enum Metric {
    REVENUE,
    CONVERSION,
    CLICKS
  }

  /**
   * One way of the split: {@code revenueSquares} is the sum over its contacts of their revenue
   * squared (the variance needs it). {@code confidence}: that the best way beats this one (null for
   * the best way itself, or when it cannot be said).
   */
  public record Way(
      String state,
      String name,
      long contacts,
      long opened,
      long clicked,
      long ordered,
      BigDecimal revenue,
      BigDecimal revenueSquares,
      Double confidence) {

    public double clickRate() {
      return contacts == 0 ? 0 : (double) clicked / contacts;
    }

    public double conversionRate() {
      return contacts == 0 ? 0 : (double) ordered / contacts;
    }

    public double revenuePerContact() {
      return contacts == 0 ? 0 : revenue.doubleValue() / contacts;
    }

    Way withConfidence(Double c) {
      return new Way(state, name, contacts, opened, clicked, ordered, revenue, revenueSquares, c);
    }
  }

  /**
   * Compares the ways: picks the metric and the best way, and the confidence against each other.
   */
  public static AbTest of(List<Way> ways) {
    if (ways.isEmpty()) {
      return new AbTest(List.of(), Metric.CLICKS, null);
    }
    Metric metric =
        ways.stream().anyMatch(w -> w.revenue().signum() > 0)
            ? Metric.REVENUE
            : ways.stream().anyMatch(w -> w.ordered() > 0) ? Metric.CONVERSION : Metric.CLICKS;
    Comparator<Way> by =
        switch (metric) {
          case REVENUE -> Comparator.comparingDouble(Way::revenuePerContact);
          case CONVERSION -> Comparator.comparingDouble(Way::conversionRate);
          case CLICKS -> Comparator.comparingDouble(Way::clickRate);
        };
    Way best = ways.stream().max(by).orElseThrow();
    List<Way> compared = new ArrayList<>();
    double least = 1;
    for (Way w : ways) {
      if (w == best) {
        compared.add(w.withConfidence(null));
        continue;
      }
      Double c =
          switch (metric) {
            case REVENUE -> welch(best, w);
            case CONVERSION ->
                proportions(best.ordered(), best.contacts(), w.ordered(), w.contacts());
            case CLICKS -> proportions(best.clicked(), best.contacts(), w.clicked(), w.contacts());
          };
      compared.add(w.withConfidence(c));
      least = Math.min(least, c == null ? 0 : c);
    }
    boolean declared = ways.size() > 1 && least >= DECLARE;
    return new AbTest(compared, metric, declared ? best.state() : null);
  }

  /**
   * The confidence that the first proportion is above the second: one-sided, from the pooled
   * two-proportion z statistic. Null when a way has no contacts or nothing varies.
   */
  static Double proportions(long x1, long n1, long x2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return null;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double p = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return null;
    }
    return normal((p1 - p2) / se);
  }

  /**
   * The confidence that the first way's mean revenue per contact is above the second's (Welch's
   * statistic, read on the normal distribution: splits have hundreds of contacts or more). Null
   * when a way has fewer than two contacts or no variance.
   */
  static Double welch(Way a, Way b) {
    if (a.contacts() < 2 || b.contacts() < 2) {
      return null;
    }
    double va = variance(a);
    double vb = variance(b);
    double se = Math.sqrt(va / a.contacts() + vb / b.contacts());
    if (se == 0 || Double.isNaN(se)) {
      return null;
    }
    return normal((a.revenuePerContact() - b.revenuePerContact()) / se);
  }

  private static double variance(Way w) {
    double n = w.contacts();
    double mean = w.revenue().doubleValue() / n;
    return Math.max(0, (w.revenueSquares().doubleValue() - n * mean * mean) / (n - 1));
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
  static double normal(double z) {
    double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
    double erf =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z / 2);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  }

  /** A confidence as a whole percent, rounded down (99.97 % is "99 %", never "100 %"). */
  public static BigDecimal percent(Double confidence) {
    return confidence == null
        ? null
        : BigDecimal.valueOf(confidence * 100).setScale(0, RoundingMode.FLOOR);
  }
}
