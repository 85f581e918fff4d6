package org.erpcampaigns.platform;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.screenshot;
import static org.erpcampaigns.Browser.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.util.List;
import org.erpcampaigns.Browser;
import org.erpcampaigns.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin manages users and roles (issue 18 item 10): through /api/admin/users and on the users
 * page. The user tables start empty, so the demo's admin is the only admin: the last-admin rule is
 * seen for real. Each test makes users of its own; the demo's admin stays an enabled admin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminUsersIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    WebArchive war = Deployments.productWar();
    Deployments.withoutUsers(); // demo mode then creates admin, marketer and analyst again
    return war;
  }

  // users of this run: the audit and failsafe's second try outlive a run's users
  private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
  private static final String MAX = "it-max-" + RUN;
  private static final String ADA = "it-ada-" + RUN;
  private static final String SAM = "it-sam-" + RUN;
  private static final String RAY = "it-ray-" + RUN;
  private static final String PAGE = "it-page-" + RUN;
  private static final String BAD = "it-bad-" + RUN;

  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void aCreatedUserLogsInUntilDisabledAndEveryChangeIsAudited() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "api/admin/users",
            "admin",
            "admin",
            "{\"username\":\""
                + MAX
                + "\",\"displayName\":\"Max Marketer\","
                + "\"email\":\"max@shop.example.com\",\"roles\":[\"marketer\"]}",
            null);
    assertEquals(201, created.statusCode(), created.body());
    JsonObject max = json(created.body());
    String password = max.getString("generatedPassword");
    assertTrue(password.length() >= 12, password);
    assertEquals("max@shop.example.com", max.getString("email"));
    assertTrue(max.isNull("lastLogin"));

    assertEquals(200, send("GET", "api/contacts", MAX, password, null, null).statusCode());
    JsonObject listed = user(MAX);
    assertEquals("[\"marketer\"]", listed.getJsonArray("roles").toString());
    assertTrue(listed.getBoolean("enabled"));
    assertFalse(listed.isNull("lastLogin"), "the login is recorded: " + listed);
    HttpResponse<String> all = send("GET", "api/admin/users", "admin", "admin", null, null);
    assertFalse(all.body().contains("PBKDF2"), "no password hash in the answer");
    assertFalse(all.body().contains(password), "the generated password is shown once");

    // other roles may neither read nor change users
    assertEquals(403, send("GET", "api/admin/users", MAX, password, null, null).statusCode());
    assertEquals(
        403, send("GET", "api/admin/users", "analyst", "analyst", null, null).statusCode());
    HttpResponse<String> analystWrites =
        send("PUT", "api/admin/users/" + MAX, "analyst", "analyst", "{\"enabled\":false}", null);
    assertEquals(403, analystWrites.statusCode(), analystWrites.body());
    HttpResponse<String> marketerCreates =
        send(
            "POST",
            "api/admin/users",
            "marketer",
            "marketer",
            "{\"username\":\"it-sneaky\",\"roles\":[\"campaign-admin\"]}",
            null);
    assertEquals(403, marketerCreates.statusCode(), marketerCreates.body());

    HttpResponse<String> disabled =
        send("PUT", "api/admin/users/" + MAX, "admin", "admin", "{\"enabled\":false}", null);
    assertEquals(200, disabled.statusCode(), disabled.body());
    assertFalse(json(disabled.body()).getBoolean("enabled"));
    assertEquals(
        401,
        send("GET", "api/contacts", MAX, password, null, null).statusCode(),
        "a disabled user's Basic login is refused");

    HttpResponse<String> reset =
        send(
            "POST",
            "api/admin/users/" + MAX + "/password",
            "admin",
            "admin",
            "{\"password\":\"a new secret phrase\"}",
            null);
    assertEquals(204, reset.statusCode(), reset.body());
    HttpResponse<String> changed =
        send(
            "PUT",
            "api/admin/users/" + MAX,
            "admin",
            "admin",
            "{\"enabled\":true,\"roles\":[\"analyst\",\"marketer\"],\"email\":\"\"}",
            null);
    assertEquals(200, changed.statusCode(), changed.body());
    assertTrue(json(changed.body()).isNull("email"), "a blank address removes it");
    assertEquals(401, send("GET", "api/contacts", MAX, password, null, null).statusCode());
    assertEquals(
        200, send("GET", "api/contacts", MAX, "a new secret phrase", null, null).statusCode());

    HttpResponse<String> audit =
        send("GET", "api/admin/users/audit?username=" + MAX, "admin", "admin", null, null);
    assertEquals(200, audit.statusCode(), audit.body());
    assertFalse(audit.body().contains("a new secret phrase"), audit.body());
    assertFalse(audit.body().contains(password), audit.body());
    List<JsonObject> lines =
        Json.createReader(new StringReader(audit.body())).readArray().getValuesAs(JsonObject.class);
    assertEquals(
        List.of("ENABLED", "UPDATED", "PASSWORD_RESET", "DISABLED", "CREATED"),
        lines.stream().map(l -> l.getString("action")).toList(),
        audit.body());
    assertTrue(lines.stream().allMatch(l -> l.getString("changedBy").equals("admin")));
    assertTrue(
        lines.get(1).getString("detail").contains("roles: marketer → analyst, marketer"),
        lines.get(1).toString());
    assertTrue(
        lines.get(1).getString("detail").contains("email: max@shop.example.com → -"),
        lines.get(1).toString());
    assertEquals("password: given", lines.get(2).getString("detail"));
  }

  @Test
  void aSessionEndsWhenItsUserIsDisabledOrDemoted() throws Exception {
    for (String json :
        List.of(
            "{\"username\":\""
                + SAM
                + "\",\"password\":\"sam's long secret\",\"roles\":[\"marketer\"]}",
            "{\"username\":\""
                + RAY
                + "\",\"password\":\"ray's long secret\","
                + "\"roles\":[\"campaign-admin\"]}")) {
      HttpResponse<String> created = send("POST", "api/admin/users", "admin", "admin", json, null);
      assertEquals(201, created.statusCode(), created.body());
    }
    HttpClient sam = FormLogin.browser();
    FormLogin.logIn(sam, app("login.xhtml"), SAM, "sam's long secret");
    HttpClient ray = FormLogin.browser();
    FormLogin.logIn(ray, app("login.xhtml"), RAY, "ray's long secret");
    assertEquals(200, inSession(sam, "api/contacts").statusCode());
    assertEquals(200, inSession(ray, "api/admin/users").statusCode());

    assertEquals(
        200,
        send("PUT", "api/admin/users/" + SAM, "admin", "admin", "{\"enabled\":false}", null)
            .statusCode());
    assertEquals(
        200,
        send("PUT", "api/admin/users/" + RAY, "admin", "admin", "{\"roles\":[\"marketer\"]}", null)
            .statusCode());
    assertEquals(401, inSession(sam, "api/contacts").statusCode(), "the disabled user is out");
    HttpResponse<String> page = inSession(sam, "contacts/index.xhtml");
    assertEquals(302, page.statusCode(), "to the login page");
    assertEquals(
        401, inSession(ray, "api/admin/users").statusCode(), "the demoted admin's session ends");
    HttpResponse<String> again =
        send("GET", "api/admin/users", RAY, "ray's long secret", null, null);
    assertEquals(403, again.statusCode(), "logged in again, with the new roles only");
  }

  @Test
  void theLastEnabledAdminStaysAndNoAdminLocksThemselfOut() throws Exception {
    HttpResponse<String> lastAdmin =
        send("PUT", "api/admin/users/admin", "admin", "admin", "{\"roles\":[\"marketer\"]}", "de");
    assertEquals(409, lastAdmin.statusCode(), lastAdmin.body());
    assertEquals(
        "„admin“ ist der letzte aktive Administrator: Machen Sie zuerst einen anderen Benutzer"
            + " zum Administrator.",
        json(lastAdmin.body()).getString("message"));
    HttpResponse<String> lastDisabled =
        send("PUT", "api/admin/users/admin", "admin", "admin", "{\"enabled\":false}", "en");
    assertEquals(409, lastDisabled.statusCode(), lastDisabled.body());
    assertTrue(json(lastDisabled.body()).getString("message").contains("last enabled"));

    assertEquals(
        201,
        send(
                "POST",
                "api/admin/users",
                "admin",
                "admin",
                "{\"username\":\""
                    + ADA
                    + "\",\"password\":\"ada's long secret\","
                    + "\"roles\":[\"campaign-admin\"]}",
                null)
            .statusCode());
    HttpResponse<String> self =
        send(
            "PUT",
            "api/admin/users/" + ADA,
            ADA,
            "ada's long secret",
            "{\"roles\":[\"analyst\"]}",
            "it");
    assertEquals(409, self.statusCode(), self.body());
    assertEquals(
        "Non puoi toglierti il ruolo di amministratore: deve farlo un altro amministratore.",
        json(self.body()).getString("message"));
    assertEquals(
        409,
        send("PUT", "api/admin/users/admin", "admin", "admin", "{\"enabled\":false}", null)
            .statusCode(),
        "not even with a second admin: another admin must");
    // another admin may: the demo's admin takes it-ada's role back, and is the last one again
    HttpResponse<String> demoted =
        send("PUT", "api/admin/users/" + ADA, "admin", "admin", "{\"roles\":[\"analyst\"]}", null);
    assertEquals(200, demoted.statusCode(), demoted.body());
    assertEquals(
        403, send("GET", "api/admin/users", ADA, "ada's long secret", null, null).statusCode());
    assertEquals(
        "[\"campaign-admin\"]", user("admin").getJsonArray("roles").toString(), "unchanged");
  }

  @Test
  void badInputGetsALocalisedMessageAndChangesNothing() throws Exception {
    HttpResponse<String> email =
        send(
            "POST",
            "api/admin/users",
            "admin",
            "admin",
            "{\"username\":\"" + BAD + "\",\"email\":\"bad@shop\",\"roles\":[\"marketer\"]}",
            "fr");
    assertEquals(400, email.statusCode(), email.body());
    assertEquals(
        "« bad@shop » n'est pas une adresse e-mail.", json(email.body()).getString("message"));
    HttpResponse<String> shortPassword =
        send(
            "POST",
            "api/admin/users",
            "admin",
            "admin",
            "{\"username\":\"" + BAD + "\",\"password\":\"short\",\"roles\":[\"marketer\"]}",
            "nl");
    assertEquals(400, shortPassword.statusCode(), shortPassword.body());
    assertTrue(json(shortPassword.body()).getString("message").contains("12"));
    HttpResponse<String> unknown =
        send("PUT", "api/admin/users/it-nobody", "admin", "admin", "{\"enabled\":true}", null);
    assertEquals(404, unknown.statusCode(), unknown.body());
    HttpResponse<String> wrongType =
        send("PUT", "api/admin/users/admin", "admin", "admin", "{\"enabled\":\"no\"}", null);
    assertEquals(400, wrongType.statusCode(), wrongType.body());
    assertFalse(
        send("GET", "api/admin/users", "admin", "admin", null, null).body().contains(BAD),
        "nothing created");
  }

  @Test
  void theAdminCreatesAndDisablesAUserOnThePage() throws Exception {
    WebDriver browser = Browser.chromium(1400, 1000);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      logIn(browser, wait, base, "admin", "admin");
      wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-admin"))).click();
      wait.until(visible("new-user")).click();
      wait.until(visible("user-form:username")).sendKeys(PAGE);
      browser.findElement(By.id("user-form:display-name")).sendKeys("Paula Page");
      browser.findElement(By.id("user-form:email")).sendKeys("paula@shop.example.com");
      browser.findElement(By.id("user-form:save")).click();
      WebElement generated = wait.until(visible("password-shown-form:generated"));
      String password = generated.getText();
      assertTrue(password.length() >= 12, password);
      screenshot(browser, "admin-users-01-generated-password");
      browser.findElement(By.id("password-shown-form:password-seen")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("users-form:users"), PAGE));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("audit-form:audit"), "Paula Page"));
      int row = rowOf(browser, PAGE);
      browser.findElement(By.id("users-form:users:" + row + ":toggle")).click();
      wait.until(
          ExpectedConditions.textToBe(By.id("users-form:users:" + row + ":state"), "Disabled"));
      // the admin's own row: disabling oneself is refused with the message, nothing changes
      int own = rowOf(browser, "admin");
      browser.findElement(By.id("users-form:users:" + own + ":toggle")).click();
      // the last enabled admin, or (should another admin be left) oneself: refused either way
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("users-messages"), "administrator"));
      assertEquals(
          "Enabled", browser.findElement(By.id("users-form:users:" + own + ":state")).getText());
      screenshot(browser, "admin-users-02-list-and-audit");

      // the settings: effective values and their sources, secrets masked
      browser.findElement(By.id("tab-settings")).click();
      int demo = settingRow(browser, wait, "campaigns.demo");
      assertEquals("true", browser.findElement(By.id("settings:" + demo + ":value")).getText());
      assertFalse(
          browser.findElement(By.id("settings:" + demo + ":source")).getText().isBlank(),
          "the source is named");
      int secret = settingRow(browser, wait, "campaigns.db.password");
      List<WebElement> shown = browser.findElements(By.id("settings:" + secret + ":value"));
      assertTrue(
          shown.isEmpty() || List.of("", "••••••••").contains(shown.get(0).getText()),
          "never the password itself");
      screenshot(browser, "admin-users-03-settings");
      assertFalse(user(PAGE).getBoolean("enabled"));
      assertEquals("paula@shop.example.com", user(PAGE).getString("email"));

      // the disabled user's form login is refused; the marketer sees no Administration
      browser.manage().deleteAllCookies();
      logIn(browser, wait, base, PAGE, password);
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "is wrong"));
      assertTrue(browser.getCurrentUrl().contains("login"), browser.getCurrentUrl());
      browser.manage().deleteAllCookies();
      logIn(browser, wait, base, "marketer", "marketer");
      wait.until(ExpectedConditions.urlContains("/contacts/"));
      assertTrue(browser.findElements(By.id("nav-admin")).isEmpty());
      Browser.open(browser, base, "admin/users.xhtml");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
      assertTrue(browser.findElements(By.id("users-form:users")).isEmpty(), "no user list");
    } finally {
      browser.quit();
    }
  }

  private URI app(String path) {
    return URI.create(
        base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
  }

  private HttpResponse<String> inSession(HttpClient session, String path) throws Exception {
    return session.send(
        HttpRequest.newBuilder(app(path))
            .header("Accept", "application/json, text/html")
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int settingRow(WebDriver browser, WebDriverWait wait, String key) {
    wait.until(visible("settings:0:key"));
    for (int i = 0; ; i++) {
      List<WebElement> cell = browser.findElements(By.id("settings:" + i + ":key"));
      assertFalse(cell.isEmpty(), key + " not listed");
      if (cell.get(0).getText().equals(key)) {
        return i;
      }
    }
  }

  private static int rowOf(WebDriver browser, String username) {
    for (int i = 0; ; i++) {
      List<WebElement> cell = browser.findElements(By.id("users-form:users:" + i + ":username"));
      assertFalse(cell.isEmpty(), username + " not listed");
      if (cell.get(0).getText().equals(username)) {
        return i;
      }
    }
  }

  private JsonObject user(String username) throws Exception {
    HttpResponse<String> r = send("GET", "api/admin/users", "admin", "admin", null, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonArray all = Json.createReader(new StringReader(r.body())).readArray();
    JsonObject u =
        all.getValuesAs(JsonObject.class).stream()
            .filter(x -> x.getString("username").equals(username))
            .findFirst()
            .orElse(null);
    assertNotNull(u, r.body());
    return u;
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private HttpResponse<String> send(
      String method, String path, String user, String password, String json, String language)
      throws Exception {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    base.getProtocol()
                        + "://"
                        + base.getHost()
                        + ":"
                        + base.getPort()
                        + "/"
                        + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + token);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (language != null) {
      b.header("Accept-Language", language);
    }
    return http.send(
        b.method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
