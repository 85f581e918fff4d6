package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

  @Test
  void theApplicationsOwnPagesMayChange() {
    assertTrue(origin("campaigns.example:8080", "http://campaigns.example:8080", null, null));
    assertTrue(origin("Campaigns.Example", "https://campaigns.example", null, "same-origin"));
    assertTrue(origin("campaigns.example:443", "https://campaigns.example", null, null));
    assertTrue(
        origin("campaigns.example", null, "https://campaigns.example/campaigns/?id=1", null));
  }

  @Test
  void anotherSiteMayNot() {
    assertFalse(origin("campaigns.example", "https://evil.example", null, null));
    assertFalse(origin("campaigns.example", "https://campaigns.example.evil.example", null, null));
    assertFalse(origin("campaigns.example:8080", "http://campaigns.example:8081", null, null));
    assertFalse(origin("campaigns.example", "null", null, null));
    assertFalse(origin("campaigns.example", null, "https://evil.example/campaigns.example", null));
    assertFalse(origin("campaigns.example", "https://campaigns.example", null, "cross-site"));
    assertFalse(origin("campaigns.example", "https://campaigns.example", null, "same-site"));
    assertFalse(origin("campaigns.example", "ftp://campaigns.example", null, null));
    assertFalse(origin(null, "https://campaigns.example", null, null));
  }

  @Test
  void theOriginDecidesOverTheReferer() {
    assertFalse(
        origin("campaigns.example", "https://evil.example", "https://campaigns.example/", null));
  }

  @Test
  void withoutAnyOriginOnlyARequestWithItsOwnCredential() {
    assertFalse(new RequestOrigin("campaigns.example", null, null, null, false).isSameSite());
    assertTrue(new RequestOrigin("campaigns.example", null, null, null, true).isSameSite());
    // a script with Basic credentials that says it comes from elsewhere is still refused
    assertFalse(
        new RequestOrigin("campaigns.example", "https://evil.example", null, null, true)
            .isSameSite());
  }

  @Test
  void theLogSaysWhereTheRequestClaimedToComeFrom() {
    assertEquals(
        "https://evil.example",
        new RequestOrigin("h", null, "https://evil.example/a?b", null, false).claimed());
    assertEquals("none", new RequestOrigin("h", null, null, null, false).claimed());
  }

  private static boolean origin(String host, String origin, String referer, String fetchSite) {
    return new RequestOrigin(host, origin, referer, fetchSite, false).isSameSite();
  }
}
