package org.erpcampaigns.audiences.control;

import java.util.regex.Pattern;

/**
 * The relations segment SQL reads besides our own tables: the contact index and the ERP mapping's
 * views for classifications, relationships, completed purchases, order lines, product category
 * membership and currency exchange rates (which the purchase index converts order totals with).
 * Names come from the admin's mapping, never from a user; still, only names pass.
 */
public record ErpSources(
    String classifications,
    String relations,
    String purchases,
    String orderLines,
    String categoryMembers,
    String products,
    String categories,
    String currencyRates) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]{0,127}");

  public ErpSources {
    for (String name :
        new String[] {
          classifications,
          relations,
          purchases,
          orderLines,
          categoryMembers,
          products,
          categories,
          currencyRates
        }) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a table name: " + name);
      }
    }
  }

  /**
   * The views of a mapping whose contact view is {@code contactView}: the contact entities' views
   * are named by the mapping file; audiences' own views share the mapping's prefix ({@code
   * CM_OFBIZ_CONTACT} → {@code CM_OFBIZ_PURCHASE}, {@code CM_OFBIZ_PRODUCT}, {@code
   * CM_OFBIZ_CURRENCY_RATE}, ...).
   */
  public static ErpSources of(
      String contactView, String classifications, String relations, String orderLines) {
    String prefix =
        contactView.toUpperCase(java.util.Locale.ROOT).endsWith("CONTACT")
            ? contactView.substring(0, contactView.length() - "CONTACT".length())
            : contactView + "_";
    return new ErpSources(
        classifications,
        relations,
        prefix + "PURCHASE",
        orderLines,
        prefix + "PRODUCT_CATEGORY_MEMBER",
        prefix + "PRODUCT",
        prefix + "PRODUCT_CATEGORY",
        prefix + "CURRENCY_RATE");
  }

  /** The OFBiz mapping's names, as config/orm-ofbiz.xml and config/erp-ofbiz define them. */
  public static ErpSources ofbiz() {
    return of(
        "CM_OFBIZ_CONTACT",
        "CM_OFBIZ_CONTACT_CLASSIFICATION",
        "CM_OFBIZ_CONTACT_RELATION",
        "CM_OFBIZ_CONTACT_ORDER_LINE");
  }
}
