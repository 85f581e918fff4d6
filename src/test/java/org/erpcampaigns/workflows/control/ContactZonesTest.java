package org.erpcampaigns.workflows.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A contact's zone from the country and state of the address, as OFBiz stores them. */
class ContactZonesTest {
  final ContactZones cut = ContactZones.tzDatabase();

  static Optional<ZoneId> zone(String id) {
    return Optional.of(ZoneId.of(id));
  }

  @Test
  void byCountryInAlpha3OrAlpha2() {
    assertEquals(zone("Europe/Rome"), cut.of("ITA", null));
    assertEquals(zone("Europe/Rome"), cut.of("it", "IT-RM"), "Italy has one zone");
    assertEquals(zone("Europe/Berlin"), cut.of("DEU", "DE-BY"));
    assertEquals(zone("Europe/Amsterdam"), cut.of("NLD", ""));
    assertEquals(Optional.empty(), cut.of("XXX", null));
    assertEquals(Optional.empty(), cut.of(null, "NY"));
  }

  @Test
  void byStateWhereTheCountryHasSeveralZones() {
    assertEquals(zone("America/New_York"), cut.of("USA", "NY"));
    assertEquals(zone("America/Los_Angeles"), cut.of("USA", "US-CA"));
    assertEquals(zone("America/Chicago"), cut.of("US", "tx"));
    assertEquals(zone("America/Phoenix"), cut.of("USA", "AZ"));
    assertEquals(zone("America/Vancouver"), cut.of("CAN", "BC"));
    assertEquals(zone("Australia/Perth"), cut.of("AUS", "AU-WA"));
    assertEquals(zone("America/Manaus"), cut.of("BRA", "AM"));
    assertEquals(zone("America/Tijuana"), cut.of("MEX", "BCN"));
    assertEquals(zone("America/Mexico_City"), cut.of("MEX", "JAL"), "the country's zone");
    assertEquals(zone("America/New_York"), cut.of("USA", null), "the country's main zone");
    assertEquals(zone("America/Toronto"), cut.of("CAN", null));
    assertEquals(zone("Australia/Sydney"), cut.of("AUS", "unknown"));
    assertEquals(zone("Europe/Moscow"), cut.of("RUS", null));
  }

  @Test
  void everyZoneOfTheTableIsKnownToThisJvm() throws IOException {
    Properties table = new Properties();
    try (InputStream in = ContactZones.class.getResourceAsStream("contact-zones.properties")) {
      table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertEquals(true, table.size() > 300);
    for (String place : table.stringPropertyNames()) {
      ZoneId.of(table.getProperty(place)); // throws for an unknown zone
    }
  }

  @Test
  void aBadConfigurationNamesTheKey() {
    assertEquals(
        "campaigns.workflows.default-zone: Mars/Olympus",
        assertThrows(IllegalArgumentException.class, () -> SendTimes.configured("Mars/Olympus", ""))
            .getMessage());
    assertEquals(
        "campaigns.workflows.holidays: 2026-13-01",
        assertThrows(
                IllegalArgumentException.class,
                () -> SendTimes.configured("UTC", "12-25, 2026-13-01"))
            .getMessage());
    assertEquals(
        ZoneId.of("Europe/Rome"), SendTimes.configured(" Europe/Rome ", " ").defaultZone());
  }
}
