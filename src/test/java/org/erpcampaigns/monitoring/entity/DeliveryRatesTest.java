package org.erpcampaigns.monitoring.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DeliveryRatesTest {

  @Test
  void ratesOfDistinctContactsWithOneDecimal() {
    DeliveryRates cut = DeliveryRates.of(new DeliveryRates.Contacts(1000, 980, 245, 49, 20, 3, 1));
    assertEquals(new BigDecimal("98.0"), cut.delivery());
    assertEquals(new BigDecimal("25.0"), cut.open(), "245 of 980 delivered");
    assertEquals(new BigDecimal("5.0"), cut.clickThrough());
    assertEquals(new BigDecimal("20.0"), cut.clickToOpen(), "49 of 245 who opened");
    assertEquals(new BigDecimal("0.3"), cut.unsubscribe());
    assertEquals(new BigDecimal("0.1"), cut.complaint());
    assertEquals(new BigDecimal("2.0"), cut.bounce());
  }

  @Test
  void withoutDeliveryReportsDeliveredIsSentLessBounced() {
    DeliveryRates cut = DeliveryRates.of(new DeliveryRates.Contacts(200, 0, 50, 10, 10, 0, 0));
    assertEquals(new BigDecimal("95.0"), cut.delivery());
    assertEquals(new BigDecimal("26.3"), cut.open(), "50 of 190, rounded half up");
  }

  @Test
  void nothingSentYetDefinesNoRate() {
    DeliveryRates cut = DeliveryRates.of(new DeliveryRates.Contacts(0, 0, 0, 0, 0, 0, 0));
    assertNull(cut.delivery());
    assertNull(cut.open());
    assertNull(cut.clickToOpen());
    assertNull(cut.bounce());
  }

  @Test
  void peoplesRatesLeaveMachineOpensAndBotClicksOut() {
    DeliveryRates cut =
        DeliveryRates.of(new DeliveryRates.Contacts(1000, 1000, 600, 120, 0, 0, 0, 250, 50));
    assertEquals(new BigDecimal("60.0"), cut.open(), "raw: every open");
    assertEquals(new BigDecimal("25.0"), cut.humanOpen(), "250 people of 1000 delivered");
    assertEquals(new BigDecimal("12.0"), cut.clickThrough());
    assertEquals(new BigDecimal("5.0"), cut.humanClickThrough());
    assertEquals(new BigDecimal("20.0"), cut.humanClickToOpen(), "50 of the 250 people");
  }

  @Test
  void withoutPeopleWhoOpenedClickToOpenByPeopleIsNotDefined() {
    DeliveryRates cut = DeliveryRates.of(new DeliveryRates.Contacts(10, 10, 10, 10, 0, 0, 0, 0, 0));
    assertEquals(new BigDecimal("100.0"), cut.open());
    assertEquals(new BigDecimal("0.0"), cut.humanOpen());
    assertNull(cut.humanClickToOpen());
  }
}
