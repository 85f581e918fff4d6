package org.erpcampaigns.monitoring.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.erpcampaigns.tracking.entity.EngagementCounts;

/**
 * The rates of a campaign's or a mailing's sends, in percent with one decimal, from distinct
 * contacts: delivery (delivered of sent), open (opened of delivered), click-through (clicked of
 * delivered), click-to-open (clicked of opened), unsubscribe and complaint (of delivered), bounce
 * (bounced of sent); open, click-through and click-to-open also by people only (humanOpen, ...: the
 * contacts with an open or a click that was not a machine's). Where nothing was delivered yet,
 * "delivered" is what was sent (a relay that sends no delivery reports). A rate whose divisor is
 * zero is not defined (null), never a made-up zero.
 */
public record DeliveryRates(
    BigDecimal delivery,
    BigDecimal open,
    BigDecimal clickThrough,
    BigDecimal clickToOpen,
    BigDecimal unsubscribe,
    BigDecimal complaint,
    BigDecimal bounce,
    BigDecimal humanOpen,
    BigDecimal humanClickThrough,
    BigDecimal humanClickToOpen) {

  /** Distinct contacts per kind of event; opened and clicked also by people only. */
  public record Contacts(
      long sent,
      long delivered,
      long opened,
      long clicked,
      long bounced,
      long unsubscribed,
      long complained,
      long humanOpened,
      long humanClicked) {

    /** Contacts whose opens and clicks are all people's. */
    public Contacts(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long bounced,
        long unsubscribed,
        long complained) {
      this(sent, delivered, opened, clicked, bounced, unsubscribed, complained, opened, clicked);
    }
  }

  /** The rates of a campaign's or a mailing's engagement counts. */
  public static DeliveryRates of(EngagementCounts e) {
    return of(
        new Contacts(
            e.sent().contacts(),
            e.delivered().contacts(),
            e.opened().contacts(),
            e.clicked().contacts(),
            e.bounced().contacts(),
            e.unsubscribed().contacts(),
            e.complained().contacts(),
            e.humanOpened().contacts(),
            e.humanClicked().contacts()));
  }

  public static DeliveryRates of(Contacts c) {
    long delivered = c.delivered() > 0 ? c.delivered() : Math.max(0, c.sent() - c.bounced());
    return new DeliveryRates(
        c.delivered() > 0 ? percent(c.delivered(), c.sent()) : percent(delivered, c.sent()),
        percent(c.opened(), delivered),
        percent(c.clicked(), delivered),
        percent(c.clicked(), c.opened()),
        percent(c.unsubscribed(), delivered),
        percent(c.complained(), delivered),
        percent(c.bounced(), c.sent()),
        percent(c.humanOpened(), delivered),
        percent(c.humanClicked(), delivered),
        percent(c.humanClicked(), c.humanOpened()));
  }

  static BigDecimal percent(long part, long whole) {
    if (whole <= 0) {
      return null;
    }
    return BigDecimal.valueOf(part)
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }
}
