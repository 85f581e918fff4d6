package org.erpcampaigns.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.erpcampaigns.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real installation's first day: demo mode off, a database without any user of ours, and the
 * first admin named in the configuration (README, "The first admin"). That admin logs in and
 * creates the other users with their roles.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirstAdminIT {
  private static final String ADMIN = "it-first-admin";
  private static final String PASSWORD = "correct horse battery";

  @Deployment(testable = false)
  static WebArchive deployment() {
    WebArchive war = Deployments.productWar();
    Deployments.withoutUsers();
    return Deployments.withConfig(
        war,
        "campaigns.demo=false\n"
            + "campaigns.admin.initial-user="
            + ADMIN
            + "\ncampaigns.admin.initial-password="
            + PASSWORD
            + "\n");
  }

  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void theConfiguredAdminIsCreatedAloneAndLogsIn() throws Exception {
    HttpResponse<String> users = send("GET", "api/users", ADMIN, PASSWORD, null);
    assertEquals(200, users.statusCode(), users.body());
    JsonArray all = Json.createReader(new StringReader(users.body())).readArray();
    JsonObject admin =
        all.getValuesAs(JsonObject.class).stream()
            .filter(u -> u.getString("username").equals(ADMIN))
            .findFirst()
            .orElseThrow(() -> new AssertionError(users.body()));
    assertEquals("[\"campaign-admin\"]", admin.getJsonArray("roles").toString());
    // nobody else but the users this admin creates (the other test may have run first)
    assertTrue(
        all.getValuesAs(JsonObject.class).stream()
            .map(u -> u.getString("username"))
            .allMatch(name -> name.equals(ADMIN) || name.startsWith("it-")),
        users.body());
    assertTrue(!users.body().contains("PBKDF2"), "no password hash in the answer");

    assertEquals(401, send("GET", "api/contacts", ADMIN, "wrong", null).statusCode());
    assertEquals(
        401, send("GET", "api/contacts", "admin", "admin", null).statusCode(), "no demo users");
    assertEquals(200, send("GET", "api/contacts", ADMIN, PASSWORD, null).statusCode());
  }

  @Test
  void theAdminCreatesUsersWithTheirRoles() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "api/users",
            ADMIN,
            PASSWORD,
            "{\"username\":\"it-analyst\",\"password\":\"twelve chars!\","
                + "\"displayName\":\"Ines Analyst\",\"roles\":[\"analyst\"]}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(
        200, send("GET", "api/contacts", "it-analyst", "twelve chars!", null).statusCode());
    assertEquals(403, send("GET", "api/users", "it-analyst", "twelve chars!", null).statusCode());
    HttpResponse<String> notAllowed =
        send(
            "POST",
            "api/users",
            "it-analyst",
            "twelve chars!",
            "{\"username\":\"x\",\"password\":\"twelve chars!\",\"roles\":[\"campaign-admin\"]}");
    assertEquals(403, notAllowed.statusCode(), notAllowed.body());

    HttpResponse<String> again =
        send(
            "POST",
            "api/users",
            ADMIN,
            PASSWORD,
            "{\"username\":\"it-analyst\",\"password\":\"twelve chars!\",\"roles\":[\"analyst\"]}");
    assertEquals(409, again.statusCode(), again.body());
    HttpResponse<String> shortPassword =
        send(
            "POST",
            "api/users",
            ADMIN,
            PASSWORD,
            "{\"username\":\"it-short\",\"password\":\"short\",\"roles\":[\"marketer\"]}");
    assertEquals(400, shortPassword.statusCode(), shortPassword.body());
    assertTrue(shortPassword.body().contains("12"), shortPassword.body());
    HttpResponse<String> unknownRole =
        send(
            "POST",
            "api/users",
            ADMIN,
            PASSWORD,
            "{\"username\":\"it-root\",\"password\":\"twelve chars!\",\"roles\":[\"root\"]}");
    assertEquals(400, unknownRole.statusCode(), unknownRole.body());
    assertEquals(401, send("GET", "api/contacts", "it-short", "short", null).statusCode());
  }

  private HttpResponse<String> send(
      String method, String path, String user, String password, String json) throws Exception {
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
