package org.erpcampaigns.mailings;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import org.erpcampaigns.mailings.boundary.TemplateDraft;

/**
 * The mailings REST API as a marketer (or another demo user) calls it, from inside the container to
 * the same server: the secured boundary is exercised exactly as the UI's users reach it.
 */
final class MailingApi {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String root;
  private final String base;
  private final String auth;
  private String language = "en";

  MailingApi(int port, String user) {
    this.root = "http://127.0.0.1:" + port + "/api";
    this.base = root + "/mailings";
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  MailingApi in(String acceptLanguage) {
    language = acceptLanguage;
    return this;
  }

  /** An answer: status and JSON body (errors: {"status", "message"}). */
  record Answer(int status, JsonObject body) {
    String message() {
      return body.getString("message", "");
    }

    long id() {
      return body.getJsonNumber("id").longValue();
    }
  }

  Answer call(String method, String path, JsonValue body) throws Exception {
    return request(method, base + path, body);
  }

  /** Another part of the API: {@code path} below /api. */
  Answer api(String method, String path, JsonValue body) throws Exception {
    return request(method, root + path, body);
  }

  private Answer request(String method, String url, JsonValue body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", auth)
            .header("Accept", "application/json")
            .header("Accept-Language", language);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonObject json =
        r.body().isBlank() || !r.body().strip().startsWith("{")
            ? Json.createObjectBuilder().add("raw", r.body()).build()
            : Json.createReader(new StringReader(r.body())).readObject();
    return new Answer(r.statusCode(), json);
  }

  /** An answer whose body is a JSON array. */
  JsonArray list(String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(root + path))
            .header("Authorization", auth)
            .header("Accept", "application/json")
            .header("Accept-Language", language);
    HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
    }
    return Json.createReader(new StringReader(r.body())).readArray();
  }

  Answer saveTemplate(TemplateDraft d) throws Exception {
    return call("POST", "/templates", json(d));
  }

  Answer preview(TemplateDraft d, String lang, String contact) throws Exception {
    return call(
        "POST", "/templates/preview?" + q("language", lang) + "&" + q("contact", contact), json(d));
  }

  Answer test(TemplateDraft d, String lang, String contact, String to) throws Exception {
    return call(
        "POST",
        "/templates/test?" + q("language", lang) + "&" + q("contact", contact) + "&" + q("to", to),
        json(d));
  }

  Answer send(
      long template, long campaign, long list, LocalDateTime at, String zone, Integer throttle)
      throws Exception {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("templateId", template)
            .add("campaignId", campaign)
            .add("listId", list);
    if (at != null) {
      b.add("sendAt", at.toString());
    }
    if (zone != null) {
      b.add("timeZone", zone);
    }
    if (throttle != null) {
      b.add("throttlePerSecond", throttle);
    }
    return call("POST", "", b.build());
  }

  Answer act(long mailing, String action) throws Exception {
    return call("POST", "/" + mailing + "/" + action, null);
  }

  Answer status(long mailing) throws Exception {
    return call("GET", "/" + mailing, null);
  }

  private static String q(String name, String value) {
    return name + "=" + (value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  static JsonObject json(TemplateDraft d) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    put(b, "name", d.name);
    if (d.campaignId != null) {
      b.add("campaignId", d.campaignId);
    }
    if (d.id != null) {
      b.add("id", d.id);
    }
    put(b, "senderName", d.senderName);
    put(b, "senderAddress", d.senderAddress);
    put(b, "replyTo", d.replyTo);
    put(b, "defaultLanguage", d.defaultLanguage);
    JsonArrayBuilder variants = Json.createArrayBuilder();
    for (TemplateDraft.Variant v : d.variants) {
      JsonObjectBuilder vb = Json.createObjectBuilder();
      put(vb, "language", v.language);
      put(vb, "subject", v.subject);
      put(vb, "html", v.html);
      put(vb, "text", v.text);
      variants.add(vb);
    }
    return b.add("variants", variants).build();
  }

  private static void put(JsonObjectBuilder b, String key, String value) {
    if (value != null) {
      b.add(key, value);
    }
  }
}
