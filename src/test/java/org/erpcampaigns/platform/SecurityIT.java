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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.platform.control.LoginThrottle;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security regression suite: what an attacker probing the running product tried, kept so that
 * none of it comes back unseen. Numbers and dates outside their bounds, malformed and mistyped
 * bodies each get a JSON 400 in the caller's language; forged tracking tokens, the template
 * sandbox, cross-site writes and the security headers stay as they are.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {
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
  void aHugeAmountInSegmentCriteriaIsRefusedAtOnce() throws Exception {
    HttpResponse<String> warm =
        send(
            http,
            request(app("api/segments/count"), "en")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"field\":\"TOTAL_SPENT\",\"operator\":\"AT_LEAST\",\"values\":[\"10\"]}")));
    assertEquals(200, warm.statusCode(), warm.body());
    long started = System.nanoTime();
    JsonObject error =
        refused(
            "POST",
            "api/segments/count",
            "{\"field\":\"TOTAL_SPENT\",\"operator\":\"AT_LEAST\",\"values\":[\"1e999999\"]}",
            "en");
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "answered at once");
    String message = error.getString("message");
    assertTrue(message.contains("1e999999") && message.contains("2 decimals"), message);
    String tooPrecise =
        refused(
                "POST",
                "api/segments/count",
                "{\"field\":\"TOTAL_SPENT\",\"operator\":\"AT_LEAST\",\"values\":[\"10.005\"]}",
                "it")
            .getString("message");
    assertTrue(tooPrecise.contains("10.005") && tooPrecise.contains("2 decimali"), tooPrecise);
  }

  @Test
  void segmentDatesOutsideTheirRangeAreRefused() throws Exception {
    for (String date : List.of("-999999999-01-01", "+999999999-12-31", "0000-01-01")) {
      String message =
          refused(
                  "POST",
                  "api/segments/count",
                  "{\"field\":\"LAST_ORDER\",\"operator\":\"BEFORE\",\"values\":[\""
                      + date
                      + "\"]}",
                  "de")
              .getString("message");
      assertTrue(message.contains("1900-01-01") && message.contains("2999-12-31"), message);
      assertTrue(message.contains("zwischen"), "German: " + message);
    }
    String period =
        refused(
                "POST",
                "api/segments/count",
                "{\"field\":\"ORDERED\",\"values\":[\"true\"],"
                    + "\"period\":{\"from\":\"+999999999-01-01\"}}",
                "en")
            .getString("message");
    assertTrue(period.contains("2999-12-31"), period);
  }

  @Test
  void campaignDatesAndAmountsOutsideTheirRangeAreRefused() throws Exception {
    String huge = campaign("\"plannedStart\":\"+999999999-12-31\"", "fr");
    assertTrue(huge.contains("2999-12-31") && huge.contains("entre"), "French: " + huge);
    String yearZero = campaign("\"plannedEnd\":\"0000-01-01\"", "en");
    assertTrue(yearZero.contains("0000-01-01") && yearZero.contains("1900-01-01"), yearZero);
    String budget = campaign("\"budget\":\"1e999999\"", "en");
    assertTrue(budget.contains("1e999999") && budget.contains("2 decimals"), budget);
    String jsonNumber = campaign("\"expectedRevenue\":1e400", "nl");
    assertTrue(jsonNumber.contains("2 decimalen"), "Dutch: " + jsonNumber);
    String rate = campaign("\"targetConversionRate\":\"1e-999999\"", "en");
    assertTrue(rate.contains("1e-999999"), rate);
  }

  @Test
  void aSendTimeOutsideItsRangeIsRefused() throws Exception {
    String message =
        refused(
                "POST",
                "api/mailings",
                "{\"templateId\":1,\"listId\":1,\"sendAt\":\"+999999999-12-31T09:00\"}",
                "en")
            .getString("message");
    assertTrue(message.contains("2999-12-31"), message);
  }

  @Test
  void malformedBodiesAreAJsonBadRequestInTheCallersLanguage() throws Exception {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("truncated", "{\"name\":\"Spring");
    bodies.put("malformed", "{name: spring}");
    bodies.put("empty", "");
    bodies.put("array", "[]");
    bodies.put("null", "null");
    bodies.put("string", "\"campaign\"");
    bodies.put("deep", "{\"name\":" + deep + "}");
    for (String path : List.of("api/campaigns", "api/mailings", "api/segments")) {
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        JsonObject error = refused("POST", path, body.getValue(), "it");
        String message = error.getString("message");
        assertFalse(message.isBlank(), path + " " + body.getKey());
        assertFalse(message.contains("Exception"), path + " " + body.getKey() + ": " + message);
        assertFalse(
            message.equals(refused("POST", path, body.getValue(), "en").getString("message")),
            "Italian, not English: " + path + " " + body.getKey() + ": " + message);
      }
    }
    assertTrue(
        refused("POST", "api/segments/count", deep, "en").getString("message").contains("JSON"));
  }

  @Test
  void aStringWhereANumberBelongsNamesTheField() throws Exception {
    String template =
        refused("POST", "api/mailings", "{\"templateId\":\"x\"}", "en").getString("message");
    assertTrue(template.contains("templateId"), template);
    String throttle =
        refused("POST", "api/mailings/1/throttle", "{\"throttlePerSecond\":\"fast\"}", "de")
            .getString("message");
    assertTrue(throttle.contains("throttlePerSecond"), throttle);
    // JSON-B reads an id of 1e999999 as 0 (not yet refused as such): at least no 500, and at once
    long started = System.nanoTime();
    HttpResponse<String> hugeId =
        send(
            http,
            request(app("api/mailings"), "en")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"templateId\":1e999999,\"listId\":1}")));
    assertTrue(
        System.nanoTime() - started < Duration.ofSeconds(2).toNanos(),
        "a huge id answered at once");
    assertTrue(List.of(400, 404).contains(hugeId.statusCode()), hugeId.body());
    assertEquals(hugeId.statusCode(), json(hugeId.body()).getInt("status"));
    String page = refused("GET", "api/contacts?first=abc", null, "fr").getString("message");
    assertTrue(page.contains("first") && page.contains("abc"), page);
  }

  @Test
  void segmentCriteriaLongerThanTheirColumnAreRefused() throws Exception {
    String values =
        java.util.stream.IntStream.range(0, 900)
            .mapToObj(i -> "\"ITA-" + i + "-padding-padding-padding\"")
            .collect(Collectors.joining(","));
    String body =
        "{\"name\":\"Too long "
            + System.nanoTime()
            + "\",\"criteria\":{\"field\":\"COUNTRY\",\"operator\":\"IN\",\"values\":["
            + values
            + "]}}";
    String message = refused("POST", "api/segments", body, "en").getString("message");
    assertTrue(message.startsWith("The criteria are too long"), message);
  }

  @Test
  void aForgedTrackingTokenIsNotFound() throws Exception {
    for (String path : List.of("t/o/forged", "t/c/forged?u=http://evil.example/", "t/u/forged")) {
      HttpResponse<String> r = send(http, HttpRequest.newBuilder(app(path)).GET());
      assertEquals(404, r.statusCode(), path);
      assertFalse(r.headers().firstValue("Location").isPresent(), path);
    }
  }

  @Test
  void theTemplateSandboxRefusesJava() throws Exception {
    String draft =
        "{\"name\":\"sandbox\",\"defaultLanguage\":\"en\",\"variants\":[{\"language\":\"en\","
            + "\"subject\":\"Hi\",\"html\":\"<p>{{ (1).getClass() }}</p>\",\"text\":\"x\"}]}";
    JsonObject error = refused("POST", "api/mailings/templates/preview", draft, "en");
    assertTrue(error.getString("message").contains("not allowed"), error.toString());
  }

  @Test
  void aCrossSiteWriteWithTheSessionCookieIsRefused() throws Exception {
    HttpClient browser = loggedIn("marketer", "marketer");
    HttpResponse<String> created =
        send(
            browser,
            HttpRequest.newBuilder(app("api/campaigns"))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"From evil\"}")));
    assertEquals(403, created.statusCode(), created.body());
    assertEquals(403, json(created.body()).getInt("status"));
    HttpResponse<String> cookieAlone =
        send(
            browser,
            HttpRequest.newBuilder(app("api/lists/1/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, cookieAlone.statusCode(), cookieAlone.body());
  }

  @Test
  void responsesCarryTheSecurityHeaders() throws Exception {
    for (String path : List.of("login.xhtml", "api/contacts", "t/o/forged")) {
      HttpResponse<String> r = send(http, request(app(path), "en").GET());
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      String referrer = r.headers().firstValue("Referrer-Policy").orElse("");
      assertEquals(path.startsWith("t/") ? "no-referrer" : "same-origin", referrer, path);
    }
  }

  @Test
  void repeatedWrongPasswordsWaitLongerAndLongerButOnlyForThatAccount() throws Exception {
    String guessed = "analyst";
    for (int i = 1; i <= LoginThrottle.FREE; i++) {
      assertEquals(401, basic(guessed, "guess-" + i).statusCode(), "typo " + i + " costs nothing");
    }
    HttpResponse<String> throttled = basic(guessed, "guess-6");
    assertEquals(429, throttled.statusCode(), throttled.body());
    assertEquals("1", throttled.headers().firstValue("Retry-After").orElse(null));
    assertEquals(429, basic(guessed, guessed).statusCode(), "while it waits, not even checked");
    assertEquals(200, basic("marketer", "marketer").statusCode(), "other accounts are not held");
    Thread.sleep(1_100);
    assertEquals(200, basic(guessed, guessed).statusCode(), "after the wait, the right password");
    assertEquals(401, basic(guessed, "again").statusCode(), "a success cleared the count");
  }

  private HttpResponse<String> basic(String user, String password) throws Exception {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(
        http,
        HttpRequest.newBuilder(app("api/contacts?size=1"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + token)
            .GET());
  }

  /** A 400 with the JSON error body (status and message), for a marketer's request. */
  private JsonObject refused(String method, String path, String body, String language)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder b = request(app(path), language).method(method, publisher);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = send(http, b);
    assertEquals(
        400, r.statusCode(), method + " " + path + " " + abbreviated(body) + ": " + r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        r.headers().toString());
    JsonObject error = json(r.body());
    assertEquals(400, error.getInt("status"));
    return error;
  }

  private String campaign(String field, String language) throws Exception {
    return refused(
            "POST",
            "api/campaigns",
            "{\"name\":\"Bounds "
                + System.nanoTime()
                + "\",\"type\":\"MARKETING\",\"audience\":\"B2C\",\"currency\":\"EUR\","
                + field
                + "}",
            language)
        .getString("message");
  }

  private static String abbreviated(String body) {
    return body == null || body.length() < 80 ? body : body.substring(0, 80) + "...";
  }

  private HttpClient loggedIn(String user, String password) throws Exception {
    HttpClient browser = FormLogin.browser();
    FormLogin.logIn(browser, app("login.xhtml"), user, password);
    return browser;
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
      throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A marketer's API request over HTTP Basic, in a language. */
  private static HttpRequest.Builder request(URI uri, String language) {
    String token =
        Base64.getEncoder().encodeToString("marketer:marketer".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + token)
        .header("Accept-Language", language);
  }

  /** The WAR sets its context root to / (glassfish-web.xml), whatever Arquillian calls it. */
  private URI app(String path) {
    return URI.create(
        base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
