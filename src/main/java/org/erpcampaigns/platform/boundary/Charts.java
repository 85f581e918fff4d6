package org.erpcampaigns.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The Chart.js configuration the pages' {@code p:chart} components take: one shape for every chart
 * (responsive in its box, no animation, a title), so the budget chart and the dashboard's series
 * look and behave alike.
 */
public final class Charts {
  private Charts() {}

  /** A chart of {@code type} with its data, title and axes, as the JSON p:chart reads. */
  public static String config(
      String type, JsonObjectBuilder data, String title, JsonObjectBuilder scales) {
    return Json.createObjectBuilder()
        .add("type", type)
        .add("data", data)
        .add(
            "options",
            Json.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add(
                    "plugins",
                    Json.createObjectBuilder()
                        .add(
                            "title",
                            Json.createObjectBuilder().add("display", true).add("text", title)))
                .add("scales", scales))
        .build()
        .toString();
  }
}
