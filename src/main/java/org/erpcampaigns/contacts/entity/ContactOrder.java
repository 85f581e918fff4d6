package org.erpcampaigns.contacts.entity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A sales order in which the contact is the placing or billed customer. */
public class ContactOrder {
  private String id;
  private String contactId;
  private String orderId;
  private LocalDateTime orderDate;
  private String status;
  private String currency;
  private BigDecimal grandTotal;

  public String getId() {
    return id;
  }

  public String getContactId() {
    return contactId;
  }

  public String getOrderId() {
    return orderId;
  }

  public LocalDateTime getOrderDate() {
    return orderDate;
  }

  /**
   * The ERP's order status, normalised by the mapping to CREATED, APPROVED, COMPLETED, CANCELLED.
   */
  public String getStatus() {
    return status;
  }

  public boolean isCancelled() {
    return "CANCELLED".equals(status);
  }

  public String getCurrency() {
    return currency;
  }

  public BigDecimal getGrandTotal() {
    return grandTotal;
  }
}
