package org.erpcampaigns.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.erpcampaigns.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same WAR on the flat mapping (campaigns.erp.mapping=flat): who/where segments and lists work
 * on the flat table; purchase criteria, which a flat table has no data for, are refused with a
 * message that says so instead of counting nobody.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudiencesFlatIT {
  static final String FLAT =
      "{\"field\": \"CITY\", \"operator\": \"IN\", \"values\": [\"qxzflat\"]}";

  @Deployment
  static WebArchive deployment() {
    return Deployments.withConfig(
        Deployments.inContainer(AudiencesProbe.class), "campaigns.erp.mapping=flat\n");
  }

  @Inject AudiencesProbe probe;
  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  @Order(1)
  void flatRows() throws Exception {
    probe.sql("DELETE FROM FLAT_CONTACT WHERE CONTACT_ID LIKE 'AF-%'");
    probe.sql(
        "INSERT INTO FLAT_CONTACT (CONTACT_ID, IS_COMPANY, ACTIVE, FIRST_NAME, LAST_NAME, EMAIL,"
            + " EMAIL_OPT_IN, CITY, COUNTRY, CUSTOMER_TYPE) VALUES"
            + " ('AF-1', 'N', 'Y', 'Ada', 'Flat', 'ada.af@example.test', 'Y', 'Qxzflat', 'ITA', 'CUSTOMER'),"
            + " ('AF-2', 'N', 'Y', 'Bruno', 'Flat', 'bruno.af@example.test', 'N', 'Qxzflat', 'FRA', 'LEAD'),"
            + " ('AF-3', 'N', 'N', 'Carla', 'Flat', 'carla.af@example.test', 'Y', 'Qxzflat', 'ITA', 'CUSTOMER')");
    probe.refreshIndexes();
  }

  @Test
  @Order(2)
  @RunAsClient
  void segmentsAndListsWorkPurchasesAreNotAvailable() throws Exception {
    JsonObject count = json(post("api/segments/count", FLAT, "en").body());
    assertEquals(3, count.getInt("matched"));
    assertEquals(1, count.getInt("reachable"), "Bruno refused, Carla inactive");
    String italians =
        "{\"logic\": \"AND\", \"children\": ["
            + FLAT
            + ", {\"field\": \"ROLE\", \"operator\": \"IN\", \"values\": [\"CUSTOMER\"]}]}";
    assertEquals(2, json(post("api/segments/count", italians, "en").body()).getInt("matched"));

    HttpResponse<String> seg =
        post("api/segments", "{\"name\": \"Flat\", \"criteria\": " + FLAT + "}", "en");
    long segmentId = json(seg.body()).getJsonNumber("id").longValue();
    HttpResponse<String> list =
        post(
            "api/lists",
            "{\"name\": \"Qxz flat\", \"kind\": \"DYNAMIC\", \"segmentId\": " + segmentId + "}",
            "en");
    assertEquals(201, list.statusCode(), list.body());
    assertEquals(1, json(list.body()).getInt("members"));

    HttpResponse<String> category =
        post(
            "api/segments/count",
            "{\"field\": \"BOUGHT_CATEGORY\", \"operator\": \"IN\", \"values\": [\"CAT_OFFICE\"]}",
            "it");
    assertEquals(400, category.statusCode());
    assertEquals(
        "Questa mappatura ERP non ha ordini né prodotti, quindi le condizioni sullo storico"
            + " acquisti non sono disponibili.",
        json(category.body()).getString("message"));
  }

  private HttpResponse<String> post(String path, String body, String language) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base.toExternalForm().replaceAll("/+$", "") + "/" + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("marketer:marketer".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .header("Accept-Language", language)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
