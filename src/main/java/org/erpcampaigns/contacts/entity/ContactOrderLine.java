package org.erpcampaigns.contacts.entity;

import java.math.BigDecimal;

/** A product line of an order. */
public class ContactOrderLine {
  private String id;
  private String orderId;
  private String productId;
  private String productName;
  private BigDecimal quantity;
  private BigDecimal unitPrice;

  public String getId() {
    return id;
  }

  public String getOrderId() {
    return orderId;
  }

  public String getProductId() {
    return productId;
  }

  public String getProductName() {
    return productName;
  }

  public BigDecimal getQuantity() {
    return quantity;
  }

  public BigDecimal getUnitPrice() {
    return unitPrice;
  }

  public BigDecimal getAmount() {
    if (quantity == null || unitPrice == null) {
      return BigDecimal.ZERO;
    }
    return quantity.multiply(unitPrice).setScale(2, java.math.RoundingMode.HALF_UP);
  }
}
