package org.erpcampaigns.contacts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SolicitationNullTest {

  @Test
  void theConfiguredWordsInAnyCase() {
    assertEquals(SolicitationNull.ALLOWED, SolicitationNull.of("allowed"));
    assertEquals(SolicitationNull.REFUSED, SolicitationNull.of(" Refused "));
    assertEquals("Y", SolicitationNull.ALLOWED.indicator());
    assertEquals("N", SolicitationNull.REFUSED.indicator());
  }

  @Test
  void anythingElseStopsTheDeploymentWithTheKeyAndTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SolicitationNull.of("yes"));
    assertEquals(
        "campaigns.erp.solicitation-null must be allowed or refused, not 'yes'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SolicitationNull.of(null));
  }
}
