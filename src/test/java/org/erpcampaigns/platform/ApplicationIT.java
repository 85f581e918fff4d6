package org.erpcampaigns.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed WAR from the outside, as an admin, a script and a browser see it: health, the
 * OpenAPI document, REST security per role, clear localised errors instead of stack traces.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar();
  }

  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void readinessIsUpWithDatabaseAndSmtp() throws Exception {
    HttpResponse<String> r = get(app("health/ready"), null, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject health = json(r.body());
    assertEquals("UP", health.getString("status"));
    assertTrue(r.body().contains("\"database\":\"UP\""), r.body());
    assertTrue(r.body().contains("\"smtp\":\"UP\""), r.body());
  }

  @Test
  void openApiDescribesTheContactsApi() throws Exception {
    HttpResponse<String> r = get(app("openapi"), null, null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("/api/contacts"), r.body());
  }

  @Test
  void pagesNeedALogin() throws Exception {
    HttpResponse<String> r = get(app("contacts/"), null, null);
    assertEquals(302, r.statusCode());
    assertTrue(r.headers().firstValue("Location").orElse("").contains("login.xhtml"));
    assertEquals(200, get(app("login.xhtml"), null, null).statusCode());
  }

  @Test
  void pagesSpeakTheFirstOfTheBrowsersLanguagesThatTheyKnow() throws Exception {
    HttpResponse<String> r =
        http.send(
            request(app("login.xhtml"), null, null)
                .header("Accept-Language", "es-ES,es;q=0.9,de;q=0.8,en;q=0.5")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Anmelden"), "German, the first the UI speaks: " + r.body());
  }

  @Test
  void apiNeedsCredentialsAndRejectsWrongOnes() throws Exception {
    assertEquals(401, get(app("api/contacts"), null, null).statusCode());
    assertEquals(401, get(app("api/contacts"), "marketer", "wrong").statusCode());
  }

  @Test
  void analystReadsContactsButCannotChangeConsent() throws Exception {
    HttpResponse<String> page = get(app("api/contacts?size=5&country=ITA"), "analyst", "analyst");
    assertEquals(200, page.statusCode(), page.body());
    JsonObject body = json(page.body());
    assertTrue(body.getJsonNumber("total").longValue() > 0);
    String id = body.getJsonArray("contacts").getJsonObject(0).getString("id");
    assertEquals("ITA", body.getJsonArray("contacts").getJsonObject(0).getString("country"));

    HttpResponse<String> denied =
        post(app("api/contacts/" + id + "/opt-out"), "analyst", "analyst");
    assertEquals(403, denied.statusCode(), denied.body());
    assertFalse(denied.body().contains("Exception"), denied.body());

    HttpResponse<String> allowed =
        post(app("api/contacts/" + id + "/opt-out"), "marketer", "marketer");
    assertEquals(204, allowed.statusCode(), allowed.body());
    JsonObject detail = json(get(app("api/contacts/" + id), "analyst", "analyst").body());
    assertFalse(detail.getBoolean("reachable"));
    assertEquals(
        204,
        http.send(
                request(app("api/contacts/" + id + "/opt-out"), "marketer", "marketer")
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  @Test
  void unknownContactIsAClearLocalisedMessage() throws Exception {
    HttpRequest req =
        request(app("api/contacts/NO-SUCH-ID"), "marketer", "marketer")
            .header("Accept-Language", "it-IT,it;q=0.9")
            .GET()
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
    String message = json(r.body()).getString("message");
    assertTrue(message.contains("NO-SUCH-ID"), message);
    assertFalse(message.contains("There is no contact"), "Italian, not English: " + message);
  }

  @Test
  void badQueryValuesAreRefusedClearly() throws Exception {
    HttpResponse<String> r = get(app("api/contacts?sort=password"), "marketer", "marketer");
    assertEquals(400, r.statusCode());
    assertTrue(json(r.body()).getString("message").contains("password"));
    HttpResponse<String> sql =
        get(app("api/contacts?name=%27%3B%20DROP%20TABLE%20PARTY%3B--"), "marketer", "marketer");
    assertEquals(200, sql.statusCode());
    assertEquals(0, json(sql.body()).getJsonNumber("total").longValue());
  }

  /** The WAR sets its context root to / (glassfish-web.xml), whatever Arquillian calls it. */
  private URI app(String path) {
    return URI.create(
        base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
  }

  private HttpResponse<String> get(URI uri, String user, String password) throws Exception {
    return http.send(
        request(uri, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String user, String password) throws Exception {
    return http.send(
        request(uri, user, password).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(URI uri, String user, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (user != null) {
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      b.header("Authorization", "Basic " + token);
    }
    return b;
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
