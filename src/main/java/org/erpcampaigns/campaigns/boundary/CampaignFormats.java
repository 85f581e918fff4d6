package org.erpcampaigns.campaigns.boundary;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.erpcampaigns.campaigns.control.CampaignKpis;

/** Money and percentages for the screens, formatted for the user's language. */
public final class CampaignFormats {
  private CampaignFormats() {}

  public static String money(BigDecimal amount, String currency, Locale locale) {
    if (amount == null) {
      return "–";
    }
    try {
      NumberFormat format = NumberFormat.getCurrencyInstance(locale);
      Currency c = Currency.getInstance(currency);
      format.setCurrency(c);
      format.setMinimumFractionDigits(
          Math.max(2, Math.min(4, amount.stripTrailingZeros().scale())));
      format.setMaximumFractionDigits(
          Math.max(2, Math.min(4, amount.stripTrailingZeros().scale())));
      return format.format(amount);
    } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
      NumberFormat plain = NumberFormat.getNumberInstance(locale);
      plain.setMinimumFractionDigits(2);
      plain.setMaximumFractionDigits(2);
      return (plain.format(amount) + " " + (currency == null ? "" : currency)).strip();
    }
  }

  public static String percent(BigDecimal value, Locale locale) {
    if (value == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(0);
    f.setMaximumFractionDigits(2);
    return f.format(value) + " %";
  }

  public static String count(BigDecimal value, Locale locale) {
    if (value == null) {
      return "–";
    }
    return NumberFormat.getIntegerInstance(locale).format(value);
  }

  /** A KPI's figure as its unit says: a count, money in the campaign's currency, a percentage. */
  public static String figure(
      CampaignKpis.Kpi kpi, BigDecimal value, String currency, Locale locale) {
    return switch (kpi.unit()) {
      case COUNT -> count(value, locale);
      case MONEY -> money(value, currency, locale);
      case PERCENT -> percent(value, locale);
    };
  }
}
