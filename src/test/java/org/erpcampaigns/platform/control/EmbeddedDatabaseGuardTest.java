package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseGuardTest {
  static final String H2 = "jdbc:h2:file:./erp-campaigns-db/campaigns;MODE=PostgreSQL";
  static final String WAR = "META-INF/microprofile-config.properties";

  @Test
  void productionOnTheWarsH2DefaultRefusesToStartSayingWhatToSet() {
    Optional<String> refused = EmbeddedDatabaseGuard.refusal(false, H2, 100, WAR);
    assertTrue(refused.isPresent());
    assertTrue(refused.get().startsWith("campaigns.db.url is not configured"), refused.get());
    assertTrue(refused.get().contains("CAMPAIGNS_DB_URL"), refused.get());
  }

  @Test
  void theDemoAConfiguredDatabaseOrAnH2ChosenOnPurposeStart() {
    assertEquals(Optional.empty(), EmbeddedDatabaseGuard.refusal(true, H2, 100, WAR));
    assertEquals(
        Optional.empty(),
        EmbeddedDatabaseGuard.refusal(false, "jdbc:postgresql://db/erp", 300, "environment"));
    assertEquals(
        Optional.empty(), EmbeddedDatabaseGuard.refusal(false, H2, 400, "system properties"));
  }
}
