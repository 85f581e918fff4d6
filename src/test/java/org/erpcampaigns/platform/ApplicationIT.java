package org.erpcampaigns.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
 * OpenAPI document, REST security per role, clear localised errors instead of stack traces, no
 * changes from other sites with a user's session, no redirect off the site after login.
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
  void responsesCarrySecurityHeadersAndTheApiNoWadl() throws Exception {
    for (HttpResponse<String> r :
        List.of(
            get(app("login.xhtml"), null, null),
            get(app("api/contacts"), "analyst", "analyst"),
            get(app("t/o/forged"), null, null))) {
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
      // tracking answers keep the stricter no-referrer of their own: a token never leaks onwards
      String expected = r.uri().getPath().startsWith("/t/") ? "no-referrer" : "same-origin";
      assertEquals(expected, r.headers().firstValue("Referrer-Policy").orElse(null));
    }
    HttpResponse<String> options =
        http.send(
            request(app("api/contacts"), "analyst", "analyst")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(!options.body().contains("wadl"), "no WADL: " + options.body());
    assertTrue(!options.body().contains("Jersey"), "no Jersey version: " + options.body());
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

  @Test
  void changesFromAnotherSiteWithTheSessionCookieAreRefused() throws Exception {
    HttpClient browser = loggedIn("marketer", "marketer");
    String contact = reachableContact("FRA");
    String evil = "http://evil.example";

    HttpResponse<String> optOut =
        send(
            browser,
            cookie(app("api/contacts/" + contact + "/opt-out?reason=x"))
                .header("Origin", evil)
                .header("Content-Type", "text/plain")
                .header("Accept-Language", "de-DE,de;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertEquals(403, optOut.statusCode(), optOut.body());
    JsonObject error = json(optOut.body());
    assertEquals(403, error.getInt("status"));
    assertTrue(error.getString("message").startsWith("Änderung abgelehnt"), optOut.body());
    assertTrue(reachable(contact), "a refused opt-out records nothing");

    JsonObject campaign = createCampaign();
    long id = campaign.getJsonNumber("id").longValue();
    int version = campaign.getInt("version");
    URI approve = app("api/campaigns/" + id + "/actions/APPROVE?version=" + version);
    URI cancel = app("api/campaigns/" + id + "/actions/CANCEL");
    HttpResponse<String> formPost =
        send(
            browser,
            cookie(approve)
                .header("Origin", evil)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
    assertEquals(403, formPost.statusCode(), formPost.body());
    HttpResponse<String> fromAnotherPage =
        send(
            browser,
            cookie(cancel)
                .header("Referer", evil + "/campaigns.html")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertEquals(403, fromAnotherPage.statusCode(), fromAnotherPage.body());
    HttpResponse<String> sameHostOtherSite =
        send(
            browser,
            cookie(cancel)
                .header("Origin", app("").toString().replaceAll("/$", ""))
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, sameHostOtherSite.statusCode(), sameHostOtherSite.body());
    HttpResponse<String> cookieAlone =
        send(browser, cookie(cancel).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, cookieAlone.statusCode(), cookieAlone.body());
    assertEquals("PLANNED", campaignStatus(id), "no refused move was made");

    // the application's own pages, and a script with its own header, still change things
    HttpResponse<String> sameOrigin =
        send(
            browser,
            cookie(approve)
                .header("Origin", app("").toString().replaceAll("/$", ""))
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
    assertEquals("APPROVED", campaignStatus(id));
    HttpResponse<String> withHeader =
        send(
            browser,
            cookie(cancel)
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, withHeader.statusCode(), withHeader.body());
    assertEquals("CANCELLED", campaignStatus(id));
    // and HTTP Basic without any browser header, as scripts do (the other tests too)
    assertEquals(
        204,
        post(app("api/contacts/" + contact + "/opt-out"), "marketer", "marketer").statusCode());
    assertFalse(reachable(contact));
    HttpResponse<String> withdraw =
        send(
            browser,
            cookie(app("api/contacts/" + contact + "/opt-out")).header("Origin", evil).DELETE());
    assertEquals(403, withdraw.statusCode(), withdraw.body());
    assertFalse(reachable(contact), "a refused withdrawal changes nothing");
    HttpResponse<String> ownWithdraw =
        send(
            browser,
            cookie(app("api/contacts/" + contact + "/opt-out"))
                .header("Referer", app("contacts/contact.xhtml?id=" + contact).toString())
                .DELETE());
    assertEquals(204, ownWithdraw.statusCode(), ownWithdraw.body());
    assertTrue(reachable(contact));
  }

  @Test
  void theSessionCookieStaysOffOtherSitesRequests() throws Exception {
    HttpResponse<String> r = get(app("login.xhtml"), null, null);
    String cookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
    // Payara writes the value in lower case; browsers read it in any case
    assertTrue(cookie.toLowerCase(Locale.ROOT).contains("; samesite=lax"), cookie);
    assertTrue(cookie.contains("HttpOnly"), cookie);
  }

  @Test
  void afterLoginOnlyPagesOfTheApplicationAreReturnedTo() throws Exception {
    String own = app("").toString();
    for (String offSite :
        new String[] {"//evil.example/x", "///evil.example/y", "//evil.example/%2e%2e"}) {
      String location = locationAfterLogin(offSite);
      assertEquals(own + "contacts/", location, offSite);
    }
    assertEquals(
        own + "campaigns/?status=PLANNED", locationAfterLogin("/campaigns/?status=PLANNED"));
  }

  /** Asks for path as a browser does, is sent to the login page, logs in: where does it go? */
  private String locationAfterLogin(String path) throws Exception {
    HttpClient browser = browser();
    URI target = URI.create(app("").toString().replaceAll("/$", "") + path);
    HttpResponse<String> asked =
        send(browser, HttpRequest.newBuilder(target).header("Accept", "text/html").GET());
    assertEquals(302, asked.statusCode(), path);
    assertTrue(asked.headers().firstValue("Location").orElse("").contains("login.xhtml"), path);
    HttpResponse<String> login = logIn(browser, "marketer", "marketer");
    return login.headers().firstValue("Location").orElse("");
  }

  private HttpClient loggedIn(String user, String password) throws Exception {
    HttpClient browser = browser();
    HttpResponse<String> login = logIn(browser, user, password);
    assertTrue(
        login.headers().firstValue("Location").orElse("").endsWith("/contacts/"),
        login.headers().toString());
    return browser;
  }

  private HttpResponse<String> logIn(HttpClient browser, String user, String password)
      throws Exception {
    return FormLogin.logIn(browser, app("login.xhtml"), user, password);
  }

  private static HttpClient browser() {
    return FormLogin.browser();
  }

  /** A request that only the browser's session cookie authenticates. */
  private static HttpRequest.Builder cookie(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
      throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String reachableContact(String country) throws Exception {
    JsonObject page =
        json(get(app("api/contacts?size=50&country=" + country), "analyst", "analyst").body());
    for (JsonValue c : page.getJsonArray("contacts")) {
      String id = c.asJsonObject().getString("id");
      if (reachable(id)) {
        return id;
      }
    }
    throw new AssertionError("no reachable contact in " + country);
  }

  private boolean reachable(String contact) throws Exception {
    return json(get(app("api/contacts/" + contact), "analyst", "analyst").body())
        .getBoolean("reachable");
  }

  private JsonObject createCampaign() throws Exception {
    HttpResponse<String> created =
        http.send(
            request(app("api/campaigns"), "marketer", "marketer")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Cross-site target "
                            + System.nanoTime()
                            + "\",\"type\":\"MARKETING\",\"audience\":\"B2C\","
                            + "\"currency\":\"EUR\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    return json(created.body());
  }

  private String campaignStatus(long id) throws Exception {
    return json(get(app("api/campaigns/" + id), "analyst", "analyst").body()).getString("status");
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
