package org.erpcampaigns.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.audiences.control.PurchaseIndex;
import org.erpcampaigns.audiences.entity.AudienceException;
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
 * Audiences in Payara Micro on hand-made OFBiz rows (city "Qxzville"): segments counted and
 * previewed over REST, lists materialised with suppression and one member per address, exclusions
 * that survive refreshes, CSV import (report, bad files refused whole) and export, bad input in the
 * caller's language, roles; the integration point mailings calls, in the container; and the builder
 * and list pages in headless Chromium (skipped where Debian's chromium is missing).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudiencesIT {
  static final String QXZ =
      "{\"field\": \"CITY\", \"operator\": \"IN\", \"values\": [\"qxzville\"]}";
  static final String QXZ_OWNER = "qxz-audiences";
  static long listId;
  static long segmentId;

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer(AudiencesProbe.class);
  }

  @Inject AudiencesProbe probe;
  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  @Order(1)
  void handMadeContacts() throws Exception {
    for (String[] t :
        new String[][] {
          {"PARTY_CONTACT_MECH_PURPOSE", "PARTY_ID"},
          {"PARTY_CONTACT_MECH", "PARTY_ID"},
          {"CONTACT_MECH", "CONTACT_MECH_ID"},
          {"POSTAL_ADDRESS", "CONTACT_MECH_ID"},
          {"PARTY_ROLE", "PARTY_ID"},
          {"PARTY_RELATIONSHIP", "PARTY_ID_FROM"},
          {"ORDER_ITEM", "ORDER_ID"},
          {"ORDER_ROLE", "ORDER_ID"},
          {"ORDER_HEADER", "ORDER_ID"},
          {"PERSON", "PARTY_ID"},
          {"PARTY_GROUP", "PARTY_ID"},
          {"PARTY", "PARTY_ID"}
        }) {
      probe.sql("DELETE FROM " + t[0] + " WHERE " + t[1] + " LIKE 'AU-%'");
    }
    person("AU-P1", "Ada", "ada.au@example.test", "Y", "ITA");
    person("AU-P2", "Adele", "ADA.AU@example.test", "Y", "ITA");
    person("AU-P3", "Bruno", "bruno.au@example.test", "N", "FRA");
    probe.sql(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID) VALUES ('AU-P4', 'PARTY_GROUP',"
            + " 'PARTY_ENABLED')");
    probe.sql("INSERT INTO PARTY_GROUP (PARTY_ID, GROUP_NAME) VALUES ('AU-P4', 'Qxz Org')");
    address("AU-P4", "ITA");
    person("AU-P5", "Carla", "carla.au@example.test", null, "DEU");
    probe.sql(
        "INSERT INTO PARTY_RELATIONSHIP (PARTY_ID_FROM, PARTY_ID_TO, ROLE_TYPE_ID_FROM,"
            + " ROLE_TYPE_ID_TO, FROM_DATE) VALUES ('AU-P4', 'AU-P5', 'ACCOUNT', 'CONTACT', ?)",
        Timestamp.valueOf("2020-01-01 00:00:00"));
    Timestamp lastMonth = Timestamp.valueOf(LocalDateTime.now().minusDays(30));
    probe.sql(
        "INSERT INTO ORDER_HEADER (ORDER_ID, ORDER_TYPE_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL) VALUES ('AU-O1', 'SALES_ORDER', ?, 'ORDER_COMPLETED', 'EUR', 500)",
        lastMonth);
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES ('AU-O1', 'AU-P1',"
            + " 'PLACING_CUSTOMER')");
    probe.sql(
        "INSERT INTO ORDER_ITEM (ORDER_ID, ORDER_ITEM_SEQ_ID, PRODUCT_ID, QUANTITY, UNIT_PRICE)"
            + " VALUES ('AU-O1', '00001', 'PROD-1011', 1, 500)");
    probe.sql("DELETE FROM CM_SUPPRESSION WHERE EMAIL LIKE '%.au@example.test'");

    // Adele's orders: in EUR, in SEK at two rates (the one valid at each order's date), in JPY
    // without any rate to EUR: 50 + 1000 x 0.09 + 500 x 0.1 = 190 EUR, four orders
    probe.sql("DELETE FROM UOM_CONVERSION_DATED WHERE UOM_ID = 'SEK' AND UOM_ID_TO = 'EUR'");
    LocalDateTime now = LocalDateTime.now();
    rate("SEK", now.minusYears(3), now.minusYears(1), 0.1);
    rate("SEK", now.minusYears(1), null, 0.09);
    order("AU-O2", "AU-P2", lastMonth, "EUR", "50");
    order("AU-O3", "AU-P2", lastMonth, "SEK", "1000");
    order("AU-O4", "AU-P2", Timestamp.valueOf(now.minusDays(400)), "SEK", "500");
    probe.refreshIndexes();
    long withoutRate = probe.purchaseIndex().ordersWithoutRate();
    order("AU-O5", "AU-P2", lastMonth, "JPY", "100000");
    probe.refreshIndexes();
    assertEquals(5, probe.scalar("SELECT COUNT(*) FROM CM_CONTACT_INDEX WHERE CITY = 'Qxzville'"));
    PurchaseIndex.State index = probe.purchaseIndex();
    assertEquals("EUR", index.reportingCurrency());
    assertEquals(withoutRate + 1, index.ordersWithoutRate(), "the yen order is counted");
    assertTrue(index.currenciesWithoutRate().contains("JPY"), index.toString());
  }

  @Test
  @Order(2)
  @RunAsClient
  void liveCountAndPreviewApplySuppression() throws Exception {
    JsonObject count = json(post("api/segments/count", QXZ, "marketer", "en").body());
    assertEquals(5, count.getInt("matched"));
    assertEquals(2, count.getInt("reachable"), "ada once for two parties, carla; bruno refused");

    String electronics =
        "{\"logic\": \"AND\", \"children\": ["
            + QXZ
            + ", {\"field\": \"BOUGHT_CATEGORY\", \"operator\": \"IN\", \"values\":"
            + " [\"CAT_ELECTRONICS\"], \"period\": {\"lastDays\": 365}},"
            + " {\"field\": \"TOTAL_SPENT\", \"operator\": \"AT_LEAST\", \"values\": [\"100\"]}]}";
    assertEquals(
        1, json(post("api/segments/count", electronics, "analyst", "en").body()).getInt("matched"));

    // totals spent in EUR: Adele's 190 (SEK converted at each order's rate, yen left out), Ada's
    // 500
    assertEquals(
        2,
        json(post("api/segments/count", spent("190"), "analyst", "en").body()).getInt("matched"));
    assertEquals(
        1,
        json(post("api/segments/count", spent("190.01"), "analyst", "en").body())
            .getInt("matched"));
    String fourOrders =
        "{\"logic\": \"AND\", \"children\": ["
            + QXZ
            + ", {\"field\": \"ORDER_COUNT\", \"operator\": \"AT_LEAST\", \"values\": [\"4\"]}]}";
    assertEquals(
        1,
        json(post("api/segments/count", fourOrders, "analyst", "en").body()).getInt("matched"),
        "the yen order still counts as an order");
    JsonObject index = json(get("api/segments/purchase-index", "analyst").body());
    assertEquals("EUR", index.getString("reportingCurrency"));
    assertTrue(index.getJsonNumber("ordersWithoutRate").longValue() >= 1, index.toString());
    assertTrue(index.getJsonArray("currenciesWithoutRate").contains(Json.createValue("JPY")));

    String people = "{\"logic\": \"AND\", \"contactPersons\": true, \"children\": [" + QXZ + "]}";
    JsonArray preview =
        Json.createReader(
                new StringReader(
                    post("api/segments/preview?rows=10", people, "marketer", "en").body()))
            .readArray();
    assertEquals(1, preview.size(), "Qxz Org's contact person");
    assertEquals("AU-P5", preview.getJsonObject(0).getString("partyId"));
  }

  @Test
  @Order(3)
  @RunAsClient
  void aStaticListWithExclusionsThatSurviveRefreshes() throws Exception {
    HttpResponse<String> seg =
        post(
            "api/segments",
            "{\"name\": \"Qxzville\", \"criteria\": " + QXZ + "}",
            "marketer",
            "en");
    assertEquals(201, seg.statusCode(), seg.body());
    segmentId = json(seg.body()).getJsonNumber("id").longValue();
    HttpResponse<String> created =
        post(
            "api/lists",
            "{\"name\": \"Qxz static\", \"kind\": \"STATIC\", \"segmentId\": " + segmentId + "}",
            "marketer",
            "en");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject list = json(created.body());
    listId = list.getJsonNumber("id").longValue();
    assertEquals(2, list.getInt("members"));
    assertEquals(5, list.getInt("matched"));
    assertEquals(List.of("AU-P1", "AU-P5"), memberIds(listId));

    assertEquals(
        204,
        send("DELETE", "api/lists/" + listId + "/members/AU-P1?exclude=true", null, "marketer")
            .statusCode());
    assertEquals(
        2,
        json(post("api/lists/" + listId + "/refresh", "", "marketer", "en").body())
            .getInt("members"));
    assertEquals(
        List.of("AU-P2", "AU-P5"),
        memberIds(listId),
        "ada's address now goes to Adele; Ada stays out");
    assertEquals("EXCLUDED", standing(listId, "AU-P1").getString("standing"));
    JsonObject bruno = standing(listId, "AU-P3");
    assertEquals("SUPPRESSED", bruno.getString("standing"));
    assertEquals("SOLICITATION", bruno.getString("detail"));

    JsonObject detail = json(get("api/lists/" + listId, "analyst").body());
    assertEquals(
        2,
        detail.getJsonArray("breakdown").stream()
            .mapToInt(s -> s.asJsonObject().getInt("members"))
            .sum());

    HttpResponse<String> csv = get("api/lists/" + listId + "/export", "analyst");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertEquals("party_id,email,name,type,city,country,source,added_at", lines.get(0));
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).startsWith("AU-P2,ada.au@example.test,"), lines.get(1));
  }

  @Test
  @Order(4)
  @RunAsClient
  void csvImportReportsAndRefusesBadFilesWhole() throws Exception {
    HttpResponse<String> created =
        post("api/lists", "{\"name\": \"Qxz imported\", \"kind\": \"STATIC\"}", "marketer", "en");
    long manual = json(created.body()).getJsonNumber("id").longValue();
    byte[] good =
        "Name;Email\nBruno;bruno.au@example.test\nCarla;carla.au@example.test\nX;nobody.au@example.test\n"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = upload("api/lists/" + manual + "/import", good, "it");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject report = json(r.body());
    assertEquals(3, report.getInt("rows"));
    assertEquals(2, report.getInt("matched"));
    assertEquals(1, report.getInt("unmatched"));
    assertEquals("nobody.au@example.test", report.getJsonArray("unmatchedSample").getString(0));
    assertEquals(1, report.getJsonObject("notAdded").getInt("SOLICITATION"));
    assertEquals(1, report.getInt("added"));
    assertEquals(List.of("AU-P5"), memberIds(manual));

    HttpResponse<String> invalid =
        upload(
            "api/lists/" + manual + "/import",
            "email\nada.au@example.test\nnot-an-email\n".getBytes(StandardCharsets.UTF_8),
            "it");
    assertEquals(400, invalid.statusCode());
    assertTrue(
        json(invalid.body())
            .getString("message")
            .startsWith("Non è stato importato nulla: 1 righe"),
        invalid.body());
    HttpResponse<String> latin1 =
        upload(
            "api/lists/" + manual + "/import",
            "email\nj\u00e9r\u00f4me@example.test\n".getBytes(StandardCharsets.ISO_8859_1),
            "de");
    assertEquals(400, latin1.statusCode());
    assertTrue(json(latin1.body()).getString("message").contains("Zeile 2"), latin1.body());
    HttpResponse<String> columns =
        upload(
            "api/lists/" + manual + "/import",
            "name,phone\nAda,123\n".getBytes(StandardCharsets.UTF_8),
            "en");
    assertEquals(400, columns.statusCode());
    assertTrue(
        json(columns.body()).getString("message").contains("no \"email\" or \"party_id\" column"));
    assertEquals(List.of("AU-P5"), memberIds(manual), "nothing half-imported");
  }

  @Test
  @Order(5)
  @RunAsClient
  void badInputGetsAClearMessageInTheCallersLanguage() throws Exception {
    HttpResponse<String> operator =
        post(
            "api/segments/count",
            "{\"field\": \"COUNTRY\", \"operator\": \"AT_LEAST\", \"values\": [\"3\"]}",
            "marketer",
            "de");
    assertEquals(400, operator.statusCode());
    assertEquals(
        "Der Operator „mindestens“ passt nicht zum Feld „Land“.",
        json(operator.body()).getString("message"));
    HttpResponse<String> empty =
        post("api/segments/count", "{\"logic\": \"AND\", \"children\": []}", "marketer", "fr");
    assertEquals(400, empty.statusCode());
    assertTrue(
        json(empty.body()).getString("message").startsWith("Un groupe n’a aucune condition"));
    HttpResponse<String> age =
        post(
            "api/segments/count",
            "{\"field\": \"AGE\", \"operator\": \"AT_LEAST\", \"values\": [\"old\"]}",
            "marketer",
            "en");
    assertEquals(
        "\"old\" is not a valid value for \"Age\".", json(age.body()).getString("message"));
    HttpResponse<String> category =
        post(
            "api/segments/count",
            "{\"field\": \"BOUGHT_CATEGORY\", \"operator\": \"IN\", \"values\": [\"CAT_NOPE\"]}",
            "marketer",
            "nl");
    assertEquals(
        "Er is geen productcategorie ‘CAT_NOPE’.", json(category.body()).getString("message"));
    assertEquals(400, post("api/segments/count", "{not json", "marketer", "en").statusCode());

    // a list whose own segment refers to it
    HttpResponse<String> seg =
        post("api/segments", "{\"name\": \"Self\", \"criteria\": " + QXZ + "}", "marketer", "en");
    long segmentId = json(seg.body()).getJsonNumber("id").longValue();
    long self =
        json(post(
                    "api/lists",
                    "{\"name\": \"Qxz self\", \"kind\": \"DYNAMIC\", \"segmentId\": "
                        + segmentId
                        + "}",
                    "marketer",
                    "en")
                .body())
            .getJsonNumber("id")
            .longValue();
    String selfRef =
        "{\"field\": \"LIST_MEMBER\", \"operator\": \"NOT_IN\", \"values\": [\"" + self + "\"]}";
    assertEquals(
        200,
        send(
                "PUT",
                "api/segments/" + segmentId,
                "{\"name\": \"Self\", \"criteria\": " + selfRef + "}",
                "marketer")
            .statusCode());
    HttpResponse<String> refresh = post("api/lists/" + self + "/refresh", "", "marketer", "it");
    assertEquals(400, refresh.statusCode());
    assertEquals(
        "Una lista non può riferirsi a se stessa nel proprio segmento.",
        json(refresh.body()).getString("message"));
    assertEquals(
        "READY",
        json(get("api/lists/" + self, "analyst").body()).getJsonObject("list").getString("status"));
    send(
        "PUT",
        "api/segments/" + segmentId,
        "{\"name\": \"Self\", \"criteria\": " + QXZ + "}",
        "marketer");

    assertEquals(404, get("api/lists/999999", "analyst").statusCode());
    assertEquals(403, post("api/lists", "{\"name\": \"No\"}", "analyst", "en").statusCode());
    assertEquals(403, post("api/lists/" + listId + "/refresh", "", "analyst", "en").statusCode());
    assertTrue(get("openapi", null).body().contains("/api/lists/{id}/members"));
  }

  @Test
  @Order(6)
  void prepareForSendReevaluatesDynamicListsAndSuppressesAgain() throws Exception {
    // this runs in the container: the ids the client-side tests saw are looked up by name
    long dynamicListId =
        probe.scalar("SELECT MAX(ID) FROM CM_DISTRIBUTION_LIST WHERE NAME = 'Qxz self'");
    long listId =
        probe.scalar("SELECT MAX(ID) FROM CM_DISTRIBUTION_LIST WHERE NAME = 'Qxz static'");
    assertEquals(2, probe.prepareForSend(dynamicListId));
    probe.sql(
        "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES ('carla.au@example.test',"
            + " 'HARD_BOUNCE', CURRENT_TIMESTAMP)");
    assertEquals(1, probe.prepareForSend(dynamicListId), "re-evaluated: carla bounced");
    assertEquals(1, probe.prepareForSend(listId), "static: snapshot kept, carla suppressed again");
    assertEquals(
        1,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND PARTY_ID = 'AU-P2'",
            listId));

    AudienceException unknown =
        assertThrows(AudienceException.class, () -> probe.prepareForSend(987654321L));
    assertEquals("audience.error.listNotFound", unknown.getKey());
    probe.sql(
        "UPDATE CM_DISTRIBUTION_LIST SET STATUS = 'REFRESHING', REFRESH_STARTED_AT = ? WHERE ID = ?",
        Timestamp.valueOf(utcNow()),
        listId);
    try {
      AudienceException busy =
          assertThrows(AudienceException.class, () -> probe.prepareForSend(listId));
      assertEquals("audience.error.refreshing", busy.getKey());
      assertEquals(AudienceException.Kind.CONFLICT, busy.getKind());
    } finally {
      probe.sql(
          "UPDATE CM_DISTRIBUTION_LIST SET STATUS = 'READY', REFRESH_STARTED_AT = NULL WHERE ID = ?",
          listId);
      probe.sql("DELETE FROM CM_SUPPRESSION WHERE EMAIL = 'carla.au@example.test'");
    }
  }

  @Test
  @Order(7)
  @RunAsClient
  void aMarketerSeesTheCountPreviewAndWhyAContactIsNotInTheList() throws Exception {
    // Selenium lives in a class of its own: this class is also loaded inside the container
    AudiencesBrowser.walkThrough(base, segmentId, listId);
  }

  @Test
  @Order(8)
  void aRefreshLeftRunningByADeadInstance() throws Exception {
    // clear of the timer's ticks (every 20 s): the next test's refresh, not the timer, must find it
    while (LocalDateTime.now().getSecond() % 20 == 0 || LocalDateTime.now().getSecond() % 20 > 14) {
      Thread.sleep(200);
    }
    // as a crash between "REFRESHING" committed and the rebuild leaves it: started two hours ago
    probe.sql(
        "UPDATE CM_DISTRIBUTION_LIST SET STATUS = 'REFRESHING', REFRESH_STARTED_AT = ?"
            + " WHERE ID = (SELECT MAX(ID) FROM CM_DISTRIBUTION_LIST WHERE NAME = 'Qxz static')",
        Timestamp.valueOf(utcNow().minusHours(2)));
    // and one that really is running (started now)
    probe.sql(
        "UPDATE CM_DISTRIBUTION_LIST SET STATUS = 'REFRESHING', REFRESH_STARTED_AT = ?"
            + " WHERE ID = (SELECT MAX(ID) FROM CM_DISTRIBUTION_LIST WHERE NAME = 'Qxz imported')",
        Timestamp.valueOf(utcNow()));
  }

  @Test
  @Order(9)
  @RunAsClient
  void isTakenOverByTheNextRefreshWhileARunningOneStillRefusesIt() throws Exception {
    JsonObject before = json(get("api/lists/" + listId, "analyst").body()).getJsonObject("list");
    assertEquals("REFRESHING", before.getString("status"));
    HttpResponse<String> refresh = post("api/lists/" + listId + "/refresh", "", "marketer", "en");
    assertEquals(200, refresh.statusCode(), refresh.body());
    assertEquals(2, json(refresh.body()).getInt("members"));
    JsonObject after = json(get("api/lists/" + listId, "analyst").body()).getJsonObject("list");
    assertEquals("READY", after.getString("status"));
    assertEquals(
        JsonValue.NULL, after.getOrDefault("refreshStartedAt", JsonValue.NULL), after.toString());

    long running =
        Json.createReader(new StringReader(get("api/lists", "analyst").body())).readArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(l -> l.getString("name").equals("Qxz imported"))
            .mapToLong(l -> l.getJsonNumber("id").longValue())
            .max()
            .orElseThrow();
    HttpResponse<String> busy = post("api/lists/" + running + "/refresh", "", "marketer", "fr");
    assertEquals(409, busy.statusCode(), busy.body());
    assertTrue(json(busy.body()).getString("message").contains("Qxz imported"), busy.body());
    HttpResponse<String> imported =
        upload(
            "api/lists/" + running + "/import",
            "email\ncarla.au@example.test\n".getBytes(StandardCharsets.UTF_8),
            "en");
    assertEquals(409, imported.statusCode(), "no import into a list being refreshed");
  }

  @Test
  @Order(10)
  void isPutBackToReadyByTheTimerWithItsMembersKept() throws Exception {
    long running =
        probe.scalar("SELECT MAX(ID) FROM CM_DISTRIBUTION_LIST WHERE NAME = 'Qxz imported'");
    assertEquals(
        1,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_DISTRIBUTION_LIST WHERE ID = ? AND STATUS = 'REFRESHING'",
            running),
        "a refresh started less than the timeout ago is left alone by the timer");
    long members = probe.scalar("SELECT COUNT(*) FROM CM_LIST_MEMBER WHERE LIST_ID = ?", running);
    assertEquals(1, members);
    List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(String.valueOf(r.getMessage()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(
            org.erpcampaigns.audiences.boundary.DistributionLists.class.getName());
    log.addHandler(handler);
    try {
      probe.sql(
          "UPDATE CM_DISTRIBUTION_LIST SET REFRESH_STARTED_AT = ? WHERE ID = ?",
          Timestamp.valueOf(utcNow().minusMinutes(16)),
          running);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (probe.scalar(
                  "SELECT COUNT(*) FROM CM_DISTRIBUTION_LIST WHERE ID = ? AND STATUS = 'READY'",
                  running)
              == 0
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
    } finally {
      log.removeHandler(handler);
    }
    assertEquals(
        1,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_DISTRIBUTION_LIST WHERE ID = ? AND STATUS = 'READY'"
                + " AND REFRESH_STARTED_AT IS NULL",
            running),
        "freed by the timer within a minute");
    assertEquals(
        members, probe.scalar("SELECT COUNT(*) FROM CM_LIST_MEMBER WHERE LIST_ID = ?", running));
    assertTrue(
        logged.stream().anyMatch(m -> m.startsWith("event=list-refresh-abandoned list=" + running)),
        logged.toString());
  }

  @Test
  @Order(11)
  void twoQxzCampaignsAndWhoOpenedTheSpringSale() throws Exception {
    // made again on every run: the owner marks this test's campaigns
    probe.sql("DELETE FROM CM_EVENT WHERE PARTY_ID LIKE 'AU-%'");
    probe.sql("DELETE FROM CM_CAMPAIGN WHERE OWNER = ?", QXZ_OWNER);
    long spring = campaign("Qxz spring sale", "ACTIVE");
    campaign("Qxz autumn fair", "PLANNED");
    for (String[] e :
        new String[][] {
          {"AU-P1", "SENT"},
          {"AU-P1", "OPENED"},
          {"AU-P2", "SENT"},
          {"AU-P3", "SENT"},
          {"AU-P3", "OPENED"}
        }) {
      probe.sql(
          "INSERT INTO CM_EVENT (ID, CAMPAIGN_ID, PARTY_ID, TYPE, OCCURRED_AT)"
              + " VALUES (NEXTVAL('CM_EVENT_SEQ'), ?, ?, ?, CURRENT_TIMESTAMP)",
          spring,
          e[0],
          e[1]);
    }
  }

  @Test
  @Order(12)
  @RunAsClient
  void aMarketerClicksNestedGroupsTogetherWithTheCampaignPicker() throws Exception {
    JsonObject page =
        json(get("api/campaigns?owner=" + QXZ_OWNER + "&sort=name", "analyst").body());
    long spring =
        page.getJsonArray("campaigns").stream()
            .map(r -> r.asJsonObject().getJsonObject("campaign"))
            .filter(c -> c.getString("name").equals("Qxz spring sale"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    String opened = condition("OPENED_CAMPAIGN", "IS", String.valueOf(spring));
    String germany = condition("COUNTRY", "IN", "DEU");
    String notFrance = group("OR", true, condition("COUNTRY", "IN", "FRA"));
    String city = condition("CITY", "IN", "qxzville");
    // the criteria as the browser builds them, step by step
    List<String> steps =
        List.of(
            group("AND", false, city),
            group("AND", false, city, group("OR", false, opened)),
            group("AND", false, city, group("OR", false, opened, germany)),
            group("AND", false, city, group("OR", false, opened, germany), notFrance));
    List<Integer> matched = List.of(5, 2, 3, 2);
    List<String> counts = new java.util.ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonObject count = json(post("api/segments/count", steps.get(i), "marketer", "en").body());
      assertEquals(matched.get(i), count.getInt("matched"), steps.get(i));
      counts.add(
          count.getInt("matched")
              + " contacts match, "
              + count.getInt("reachable")
              + " reachable addresses after suppression");
    }

    // a segment saved when its campaign still existed
    long gone = 987_654_321L;
    HttpResponse<String> orphan =
        post(
            "api/segments",
            "{\"name\": \"Qxz orphan "
                + System.nanoTime()
                + "\", \"criteria\": "
                + group(
                    "AND", false, city, condition("CLICKED_CAMPAIGN", "IS", String.valueOf(gone)))
                + "}",
            "marketer",
            "en");
    assertEquals(201, orphan.statusCode(), orphan.body());
    long orphanId = json(orphan.body()).getJsonNumber("id").longValue();

    String name = "Qxz engaged " + System.nanoTime();
    AudiencesBrowser.buildNestedGroups(
        base,
        counts,
        name,
        () -> {
          try {
            return segmentNamed(name);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        orphanId,
        gone);

    JsonObject saved = json(get("api/segments/" + segmentNamed(name), "analyst").body());
    assertEquals(json(steps.get(3)), saved.getJsonObject("criteria"), "the tree as clicked");
    assertTrue(
        json(get("api/segments/" + orphanId, "analyst").body())
            .getJsonObject("criteria")
            .toString()
            .contains("\"" + gone + "\""),
        "saving from the page kept the missing campaign");
  }

  // --- helpers

  private long campaign(String name, String status) throws Exception {
    long id = probe.scalar("SELECT NEXTVAL('CM_CAMPAIGN_SEQ')");
    probe.sql(
        "INSERT INTO CM_CAMPAIGN (ID, NAME, CAMPAIGN_TYPE, AUDIENCE, OWNER, CURRENCY, TIME_ZONE,"
            + " STATUS, CREATED_BY, CREATED_AT) VALUES (?, ?, 'MARKETING', 'B2C', ?, 'EUR',"
            + " 'Europe/Rome', ?, 'it', CURRENT_TIMESTAMP)",
        id,
        name,
        QXZ_OWNER,
        status);
    return id;
  }

  private static String condition(String field, String operator, String value) {
    return "{\"field\": \""
        + field
        + "\", \"operator\": \""
        + operator
        + "\", \"values\": [\""
        + value
        + "\"]}";
  }

  private static String group(String logic, boolean not, String... children) {
    return "{\"logic\": \""
        + logic
        + "\", \"not\": "
        + not
        + ", \"contactPersons\": false, \"children\": ["
        + String.join(", ", children)
        + "]}";
  }

  private long segmentNamed(String name) throws Exception {
    return Json.createReader(new StringReader(get("api/segments", "analyst").body()))
        .readArray()
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("name").equals(name))
        .mapToLong(s -> s.getJsonNumber("id").longValue())
        .findFirst()
        .orElse(-1);
  }

  private static String spent(String atLeast) {
    return "{\"logic\": \"AND\", \"children\": ["
        + QXZ
        + ", {\"field\": \"TOTAL_SPENT\", \"operator\": \"AT_LEAST\", \"values\": [\""
        + atLeast
        + "\"]}]}";
  }

  private void order(String id, String party, Timestamp at, String currency, String total)
      throws Exception {
    probe.sql(
        "INSERT INTO ORDER_HEADER (ORDER_ID, ORDER_TYPE_ID, ORDER_DATE, STATUS_ID, CURRENCY_UOM,"
            + " GRAND_TOTAL) VALUES (?, 'SALES_ORDER', ?, 'ORDER_COMPLETED', ?, ?)",
        id,
        at,
        currency,
        new java.math.BigDecimal(total));
    probe.sql(
        "INSERT INTO ORDER_ROLE (ORDER_ID, PARTY_ID, ROLE_TYPE_ID) VALUES (?, ?,"
            + " 'PLACING_CUSTOMER')",
        id,
        party);
  }

  private void rate(String from, LocalDateTime since, LocalDateTime until, double factor)
      throws Exception {
    probe.sql(
        "INSERT INTO UOM_CONVERSION_DATED (UOM_ID, UOM_ID_TO, FROM_DATE, THRU_DATE,"
            + " CONVERSION_FACTOR) VALUES (?, 'EUR', ?, ?, ?)",
        from,
        Timestamp.valueOf(since),
        until == null ? null : Timestamp.valueOf(until),
        factor);
  }

  private static LocalDateTime utcNow() {
    return LocalDateTime.now(java.time.ZoneOffset.UTC);
  }

  private void person(String id, String first, String email, String allow, String country)
      throws Exception {
    probe.sql(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID) VALUES (?, 'PERSON', 'PARTY_ENABLED')",
        id);
    probe.sql(
        "INSERT INTO PERSON (PARTY_ID, FIRST_NAME, LAST_NAME) VALUES (?, ?, 'Qxzaudience')",
        id,
        first);
    Timestamp from = Timestamp.valueOf("2020-01-01 00:00:00");
    probe.sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID, INFO_STRING) VALUES (?,"
            + " 'EMAIL_ADDRESS', ?)",
        id + "E",
        email);
    probe.sql(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE, ALLOW_SOLICITATION)"
            + " VALUES (?, ?, ?, ?)",
        id,
        id + "E",
        from,
        allow);
    address(id, country);
  }

  private void address(String id, String country) throws Exception {
    probe.sql(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID) VALUES (?, 'POSTAL_ADDRESS')",
        id + "A");
    probe.sql(
        "INSERT INTO POSTAL_ADDRESS (CONTACT_MECH_ID, CITY, POSTAL_CODE, COUNTRY_GEO_ID) VALUES (?,"
            + " 'Qxzville', '99999', ?)",
        id + "A",
        country);
    probe.sql(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE) VALUES (?, ?, ?)",
        id,
        id + "A",
        Timestamp.valueOf("2020-01-01 00:00:00"));
  }

  private List<String> memberIds(long list) throws Exception {
    JsonObject page = json(get("api/lists/" + list + "/members?size=100", "analyst").body());
    return page.getJsonArray("members").stream()
        .map(JsonValue::asJsonObject)
        .map(m -> m.getString("partyId"))
        .sorted()
        .toList();
  }

  private JsonObject standing(long list, String party) throws Exception {
    return json(get("api/lists/" + list + "/members/" + party + "/standing", "analyst").body());
  }

  private URI app(String path) {
    return URI.create(base.toExternalForm().replaceAll("/+$", "") + "/" + path);
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app(path)).GET();
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String body, String user, String language)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(app(path))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Accept-Language", language)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String method, String path, String body, String user)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(app(path))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> upload(String path, byte[] csv, String language) throws Exception {
    return http.send(
        HttpRequest.newBuilder(app(path))
            .header("Authorization", basic("marketer"))
            .header("Content-Type", "text/csv")
            .header("Accept", "application/json")
            .header("Accept-Language", language)
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
