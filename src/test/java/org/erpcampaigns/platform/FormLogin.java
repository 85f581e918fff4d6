package org.erpcampaigns.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The login form as a browser fills it in, for the client-side tests that need a session. */
final class FormLogin {
  private FormLogin() {}

  /** A client that keeps cookies and follows no redirect, as a browser's tab for these tests. */
  static HttpClient browser() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager())
        .build();
  }

  /** Fills in and posts the login form at {@code loginPage}; answers the form's redirect. */
  static HttpResponse<String> logIn(HttpClient browser, URI loginPage, String user, String password)
      throws Exception {
    HttpResponse<String> form = send(browser, HttpRequest.newBuilder(loginPage).GET());
    Matcher viewState =
        Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"")
            .matcher(form.body());
    assertTrue(viewState.find(), form.body());
    String fields =
        Map.of(
                "login-form",
                "login-form",
                "login-form:username",
                user,
                "login-form:password",
                password,
                "login-form:login",
                "",
                "jakarta.faces.ViewState",
                viewState.group(1))
            .entrySet()
            .stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> login =
        send(
            browser,
            HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)));
    assertEquals(302, login.statusCode(), login.body());
    return login;
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
      throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
