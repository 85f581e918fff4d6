package org.erpcampaigns.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's sparkline: numbers only, scaled to its box, the highest day at the top. */
class CampaignOverviewTest {
  @Test
  void aSparklineScalesItsDaysIntoTheBox() {
    String svg = CampaignOverview.sparkline(List.of(0L, 5L, 10L));
    assertTrue(svg.startsWith("<svg class=\"sparkline\" viewBox=\"0 0 112 24\""), svg);
    assertTrue(svg.contains("points=\"0,23 56,12 112,1\""), svg);
    assertTrue(
        CampaignOverview.sparkline(List.of(0L, 0L)).contains("points=\"0,23 112,23\""),
        "a quiet fortnight is a flat line at the bottom");
    assertEquals(
        0,
        CampaignOverview.sparkline(List.of(3L, 1L))
            .replaceAll("[0-9 ,.]", "")
            .replace(
                "<svgclass=\"sparkline\"viewBox=\"\"width=\"\"height=\"\"aria-hidden=\"true\"><polylinefill=\"none\"stroke=\"currentColor\"stroke-width=\"\"points=\"\"/></svg>",
                "")
            .length(),
        "nothing but numbers goes into the markup");
  }
}
