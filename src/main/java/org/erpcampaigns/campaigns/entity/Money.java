package org.erpcampaigns.campaigns.entity;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * The rules every amount of a campaign follows: BigDecimal (never floating point), not negative, no
 * more decimals than the column keeps (2 for money, 4 for the cost per email), and an ISO 4217
 * currency.
 */
public final class Money {
  public static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

  private Money() {}

  /** A money amount with two decimals, required and not negative. */
  public static BigDecimal amount(BigDecimal value, String fieldKey) {
    if (value == null) {
      throw CampaignRuleException.invalid("campaign.error.required", label(fieldKey));
    }
    return scaled(value, 2, fieldKey, false, true);
  }

  /**
   * The value with the given scale; null stays null when optional. Refuses more decimals than the
   * scale (nothing is rounded away silently), negative values unless allowed, and values beyond the
   * column.
   */
  public static BigDecimal scaled(
      BigDecimal value, int scale, String fieldKey, boolean negativeAllowed, boolean optional) {
    if (value == null) {
      if (optional) {
        return null;
      }
      throw CampaignRuleException.invalid("campaign.error.required", label(fieldKey));
    }
    if (!negativeAllowed && value.signum() < 0) {
      throw CampaignRuleException.invalid("campaign.error.negative", label(fieldKey));
    }
    if (value.stripTrailingZeros().scale() > scale) {
      throw CampaignRuleException.invalid("campaign.error.decimals", label(fieldKey), scale);
    }
    if (value.abs().compareTo(MAX) > 0) {
      throw CampaignRuleException.invalid("campaign.error.tooLarge", label(fieldKey));
    }
    return value.setScale(scale);
  }

  /** An ISO 4217 code in upper case, or a clear refusal. */
  public static String currency(String code) {
    if (code == null || code.isBlank()) {
      throw CampaignRuleException.invalid("campaign.error.required", label("campaign.currency"));
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    try {
      if (upper.length() != 3) {
        throw new IllegalArgumentException(upper);
      }
      return Currency.getInstance(upper).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw CampaignRuleException.invalid("campaign.error.currency", code.strip());
    }
  }

  private static CampaignRuleException.Label label(String key) {
    return new CampaignRuleException.Label(key);
  }
}
