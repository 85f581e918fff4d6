package org.erpcampaigns.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/contacts/",
        "/campaigns/campaign.xhtml?id=12&tab=costs",
        "/audiences/list.xhtml?id=3&search=a%20b",
        "/contacts/contact.xhtml?id=DEMO%2F10"
      })
  void pagesOfTheApplicationAreReturnedTo(String target) {
    assertEquals(Optional.of(target), ReturnAddress.inApplication("", target));
    assertEquals(
        Optional.of("/app" + target), ReturnAddress.inApplication("/app", "/app" + target));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example/x",
        "///evil.example/y",
        "//evil.example/%2e%2e",
        "/\\evil.example/x",
        "/%2F%2Fevil.example/x",
        "/%2f/evil.example",
        "/%5Cevil.example",
        "/%5c%5cevil.example",
        "/../x",
        "/contacts/%2e%2e/%2e%2e/x",
        "/x%0d%0aSet-Cookie:%20a=b",
        "/x\r\nLocation: http://evil.example",
        "http://evil.example/x",
        "evil.example/x",
        "/x%zz",
        ""
      })
  void anythingThatCouldLeaveTheSiteIsNot(String target) {
    assertEquals(Optional.empty(), ReturnAddress.inApplication("", target));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/other/contacts/", "/app//evil.example/x", "/appx/contacts/"})
  void underAContextPathOnlyItsOwnPages(String target) {
    assertEquals(Optional.empty(), ReturnAddress.inApplication("/app", target));
  }
}
