package org.erpcampaigns.contacts.boundary;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.erpcampaigns.contacts.entity.Contact;
import org.erpcampaigns.contacts.entity.ContactAddress;
import org.erpcampaigns.contacts.entity.ContactChannel;
import org.erpcampaigns.contacts.entity.ContactClassification;
import org.erpcampaigns.contacts.entity.ContactOptOut;
import org.erpcampaigns.contacts.entity.ContactOrder;
import org.erpcampaigns.contacts.entity.ContactRelation;

/**
 * Everything the contact page shows about one contact. A class with getters, not a record, as
 * Jakarta EL 5 reads bean properties only.
 */
public class ContactDetail {
  private final Contact contact;
  private final List<ContactAddress> addresses;
  private final List<ContactChannel> channels;
  private final List<ContactClassification> classifications;
  private final List<ContactRelation> relations;
  private final List<ContactOrder> recentOrders;
  private final List<PurchaseTotal> purchaseTotals;
  private final List<ProductBought> productsBought;
  private final ContactOptOut optOut;
  private final String unreachableReason;

  ContactDetail(
      Contact contact,
      List<ContactAddress> addresses,
      List<ContactChannel> channels,
      List<ContactClassification> classifications,
      List<ContactRelation> relations,
      List<ContactOrder> recentOrders,
      List<PurchaseTotal> purchaseTotals,
      List<ProductBought> productsBought,
      Optional<ContactOptOut> optOut,
      String unreachableReason) {
    this.contact = contact;
    this.addresses = addresses;
    this.channels = channels;
    this.classifications = classifications;
    this.relations = relations;
    this.recentOrders = recentOrders;
    this.purchaseTotals = purchaseTotals;
    this.productsBought = productsBought;
    this.optOut = optOut.orElse(null);
    this.unreachableReason = unreachableReason;
  }

  public Contact getContact() {
    return contact;
  }

  public List<ContactAddress> getAddresses() {
    return addresses;
  }

  public List<ContactChannel> getChannels() {
    return channels;
  }

  public List<ContactClassification> getClassifications() {
    return classifications;
  }

  public List<ContactRelation> getRelations() {
    return relations;
  }

  public List<ContactOrder> getRecentOrders() {
    return recentOrders;
  }

  public List<PurchaseTotal> getPurchaseTotals() {
    return purchaseTotals;
  }

  public List<ProductBought> getProductsBought() {
    return productsBought;
  }

  /** The opt-out recorded in erp-campaigns, or null. */
  public ContactOptOut getOptOut() {
    return optOut;
  }

  public boolean isOptedOut() {
    return optOut != null;
  }

  /** Marketing may mail the contact now: the rule every send applies ({@code Sendability}). */
  public boolean isReachable() {
    return unreachableReason == null;
  }

  /** Why marketing may not mail the contact (a reason code of {@code Sendability}), or null. */
  public String getUnreachableReason() {
    return unreachableReason;
  }

  /** Orders (not cancelled) of one currency. */
  public static class PurchaseTotal {
    private final String currency;
    private final long orders;
    private final BigDecimal total;
    private final LocalDateTime firstOrder;
    private final LocalDateTime lastOrder;

    PurchaseTotal(
        String currency, long orders, BigDecimal total, LocalDateTime first, LocalDateTime last) {
      this.currency = currency;
      this.orders = orders;
      this.total = total;
      this.firstOrder = first;
      this.lastOrder = last;
    }

    public String getCurrency() {
      return currency;
    }

    public long getOrders() {
      return orders;
    }

    public BigDecimal getTotal() {
      return total;
    }

    public LocalDateTime getFirstOrder() {
      return firstOrder;
    }

    public LocalDateTime getLastOrder() {
      return lastOrder;
    }
  }

  /** A product the contact bought, over all orders not cancelled. */
  public static class ProductBought {
    private final String productId;
    private final String productName;
    private final long orders;
    private final BigDecimal quantity;
    private final LocalDateTime last;

    ProductBought(
        String productId,
        String productName,
        long orders,
        BigDecimal quantity,
        LocalDateTime last) {
      this.productId = productId;
      this.productName = productName;
      this.orders = orders;
      this.quantity = quantity;
      this.last = last;
    }

    public String getProductId() {
      return productId;
    }

    public String getProductName() {
      return productName;
    }

    public long getOrders() {
      return orders;
    }

    public BigDecimal getQuantity() {
      return quantity;
    }

    public LocalDateTime getLast() {
      return last;
    }
  }
}
