package org.erpcampaigns.mailings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.mailings.MailingApi.Answer;
import org.erpcampaigns.platform.boundary.DemoSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workflow runs by itself in Payara Micro against the demo's SMTP server, through the REST API as
 * the marketer: the ready-made "email, reminder to non-openers after 3 days, call for clickers"
 * with templates chosen, published and started; two recipients open the mail through the real pixel
 * URL in what they received, one of them clicks its real link; the clock moves three days (the
 * admin's demo clock); then each mailbox and each task is checked exactly.
 */
@ExtendWith(ArquillianExtension.class)
class WorkflowIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.withConfig(
        Deployments.inContainer(
            MailingProbe.class,
            MailingApi.class,
            MailingApi.Answer.class,
            TestCampaigns.class,
            MailingSendIT.class),
        "campaigns.public-url=https://campaigns.example.com/\n"
            + "campaigns.erp.write=classifications,communication-events\n");
  }

  @Inject MailingProbe probe;
  @Inject DemoSetup demo;
  @Inject HttpServletRequest request;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void remindersGoToTheNonOpenersOnlyAndClickersGetACall() throws Exception {
    int port = request.getLocalPort();
    MailingApi api = new MailingApi(port, "marketer");
    try (java.sql.Connection c = probe.connection()) {
      TestCampaigns.ensure(c, 1, 2, 7, 8, 9, 11);
    }
    // the IT database outlives a run: earlier runs' workflows stop, this run has its own domain
    probe.sql("UPDATE CM_WORKFLOW SET STATUS = 'STOPPED' WHERE STATUS <> 'STOPPED'");
    String domain = "@flow" + System.currentTimeMillis() % 1_000_000 + ".example.com";
    Answer t = api.saveTemplate(MailingSendIT.draft("workflow mail"));
    assertEquals(200, t.status(), t.body().toString());
    List<String> contacts = new ArrayList<>();
    for (List<Object> r :
        probe.rows(
            "SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N'"
                + " AND ENABLED = 'Y' AND CONTACT_TYPE = 'PERSON' AND NOT EXISTS (SELECT 1 FROM"
                + " CM_CONTACT_OPT_OUT x WHERE x.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID"
                + " AND x.WITHDRAWN_AT IS NULL) ORDER BY PARTY_ID DESC LIMIT 7")) {
      contacts.add((String) r.get(0));
    }
    String[][] members = new String[6][];
    for (int i = 0; i < 7; i++) {
      probe.sql(
          "UPDATE CM_CONTACT_INDEX SET EMAIL = ? WHERE PARTY_ID = ?",
          "w" + i + domain,
          contacts.get(i));
      if (i < 6) {
        members[i] = new String[] {contacts.get(i), "w" + i + domain};
      }
    }
    long list = probe.list("workflow list", "READY", members);

    // a draft from the ready-made workflow: publishing is refused until the emails have templates
    Answer created =
        api.api(
            "POST",
            "/workflows",
            Json.createObjectBuilder()
                .add("campaignId", 11)
                .add("name", "Spring follow-up")
                .add("listId", list)
                .add("keepEnrolling", true)
                .add("template", "reminder")
                .build());
    assertEquals(201, created.status(), created.body().toString());
    long id = created.id();
    JsonArray problems = created.body().getJsonArray("problems");
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems.getJsonObject(0).getString("message").contains("has no template"),
        problems.toString());
    // a send window whose hours are not times of day is refused, in the user's language
    Answer badWindow =
        api.in("it")
            .api(
                "POST",
                "/workflows",
                Json.createObjectBuilder()
                    .add("campaignId", 11)
                    .add("name", "Bad window")
                    .add("listId", list)
                    .add(
                        "definition",
                        Json.createObjectBuilder(created.body().getJsonObject("definition"))
                            .add(
                                "window",
                                Json.createObjectBuilder()
                                    .add("days", Json.createArrayBuilder().add("MONDAY"))
                                    .add("from", "9h")
                                    .add("to", "17:00")))
                    .build());
    assertEquals(400, badWindow.status(), badWindow.body().toString());
    assertTrue(badWindow.message().contains("“9h” non è un orario"), badWindow.body().toString());
    Answer refused = api.in("de").api("POST", "/workflows/" + id + "/publish", null);
    assertEquals(400, refused.status());
    assertTrue(refused.message().contains("Vorlage"), refused.message());
    api.in("en");

    JsonObject definition = withTemplate(created.body().getJsonObject("definition"), t.id());
    Answer saved =
        api.api(
            "PUT",
            "/workflows/" + id,
            Json.createObjectBuilder()
                .add("listId", list)
                .add("keepEnrolling", true)
                .add("definition", definition)
                .add("version", created.body().getInt("version"))
                .build());
    assertEquals(200, saved.status(), saved.body().toString());
    assertEquals(0, saved.body().getJsonArray("problems").size(), saved.body().toString());
    assertEquals(200, api.api("POST", "/workflows/" + id + "/publish", null).status());
    Answer started = api.api("POST", "/workflows/" + id + "/actions/START", null);
    assertEquals(200, started.status(), started.body().toString());

    await("the first mail to all six", 60, () -> received(domain).size() == 6);
    // a contact who joins the list later is enrolled too (the workflow keeps enrolling)
    probe.sql(
        "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT)"
            + " VALUES (?, ?, ?, 'MANUAL', CURRENT_TIMESTAMP)",
        list,
        contacts.get(6),
        "w6" + domain);
    await("the late joiner's first mail", 60, () -> received("w6" + domain).size() == 1);
    MimeMessage toOpener = received("w0" + domain).get(0);
    MimeMessage toClicker = received("w1" + domain).get(0);
    // they read it a while after it came: an open or click within seconds of sending is a machine's
    probe.sql(
        "UPDATE CM_OUTBOX SET SENT_AT = SENT_AT - INTERVAL '1' MINUTE"
            + " WHERE MAILING_ID IN (SELECT ID FROM CM_MAILING WHERE WORKFLOW_ID = ?)",
        id);
    assertEquals(200, hit(port, link(toOpener, "/t/o/")));
    assertEquals(200, hit(port, link(toClicker, "/t/o/")));
    assertEquals(302, hit(port, link(toClicker, "/t/c/")));

    await("the clicker's call task", 60, () -> tasks(api, id).size() == 1);
    JsonObject task = tasks(api, id).get(0).asJsonObject();
    assertEquals(contacts.get(1), task.getString("partyId"));
    assertEquals("CALL", task.getString("kind"));

    // the campaign's recipients by what they did, as CSV, and the clickers as a new list
    String openedOnly =
        text(port, "/api/monitoring/campaigns/11/recipients.csv?filter=opened_not_clicked");
    assertTrue(openedOnly.startsWith("party_id,email,name,messages,sent,"), openedOnly);
    assertTrue(openedOnly.contains("w0" + domain), openedOnly);
    assertTrue(!openedOnly.contains("w1" + domain) && !openedOnly.contains("w2" + domain));
    String clicked = text(port, "/api/monitoring/campaigns/11/recipients.csv?filter=CLICKED");
    assertTrue(clicked.contains("w1" + domain) && !clicked.contains("w0" + domain), clicked);
    long clickers =
        api.api("GET", "/monitoring/campaigns/11/recipients?filter=CLICKED&size=1", null)
            .body()
            .getJsonNumber("total")
            .longValue();
    Answer saved2 =
        api.api(
            "POST",
            "/monitoring/campaigns/11/recipients/list",
            Json.createObjectBuilder()
                .add("filter", "CLICKED")
                .add("name", "Clickers " + domain)
                .build());
    assertEquals(201, saved2.status(), saved2.body().toString());
    assertEquals(clickers, saved2.body().getInt("members"), saved2.body().toString());
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM CM_LIST_MEMBER WHERE LIST_ID = ? AND PARTY_ID = ?",
            saved2.id(),
            contacts.get(1)));
    Answer badFilter =
        api.in("nl").api("GET", "/monitoring/campaigns/11/recipients?filter=nobody", null);
    assertEquals(400, badFilter.status());
    assertTrue(
        badFilter.message().startsWith("„nobody” is geen ontvangersfilter"), badFilter.message());
    api.in("en");
    String events = text(port, "/api/monitoring/campaigns/11/events.csv");
    assertTrue(events.contains(",CLICKED," + contacts.get(1) + ","), events);

    // three days later: a reminder to the five who did not open, nothing to the openers
    Answer moved = new MailingApi(port, "admin").api("POST", "/demo/clock?by=PT73H", null);
    assertEquals(200, moved.status(), moved.body().toString());
    await("the reminders", 60, () -> received(domain).size() == 12);
    assertEquals(1, received("w0" + domain).size());
    assertEquals(1, received("w1" + domain).size());
    for (int i = 2; i < 7; i++) {
      assertEquals(2, received("w" + i + domain).size(), "w" + i);
    }
    await(
        "the opener who did not click leaves the follow-up",
        60,
        () ->
            count(
                    "SELECT COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ? AND PARTY_ID = ?"
                        + " AND STATUS = 'ENDED'",
                    id,
                    contacts.get(0))
                == 1);
    assertEquals(1, tasks(api, id).size(), "one task: nobody else clicked");
    JsonObject counts = api.api("GET", "/workflows/" + id, null).body().getJsonObject("contacts");
    assertEquals(5, counts.getJsonObject("followup").getInt("WAITING"), counts.toString());
    JsonArray timeline = api.list("/workflows/timeline/" + contacts.get(1));
    assertTrue(timeline.toString().contains("CLICKED: yes"), timeline.toString());

    // the five waiting in the follow-up are paused by hand, then resumed where they were
    Answer paused =
        api.api(
            "POST",
            "/workflows/" + id + "/contacts/pause",
            Json.createObjectBuilder().add("state", "followup").build());
    assertEquals(200, paused.status(), paused.body().toString());
    assertEquals(5, paused.body().getInt("contacts"));
    counts = api.api("GET", "/workflows/" + id, null).body().getJsonObject("contacts");
    assertEquals(5, counts.getJsonObject("followup").getInt("PAUSED"), counts.toString());
    Answer resumed =
        api.api(
            "POST",
            "/workflows/" + id + "/contacts/resume",
            Json.createObjectBuilder()
                .add("parties", Json.createArrayBuilder(contacts.subList(2, 7)))
                .build());
    assertEquals(5, resumed.body().getInt("contacts"), resumed.body().toString());
    counts = api.api("GET", "/workflows/" + id, null).body().getJsonObject("contacts");
    assertEquals(5, counts.getJsonObject("followup").getInt("WAITING"), counts.toString());
    Answer nobody =
        api.in("it")
            .api("POST", "/workflows/" + id + "/contacts/pause", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(400, nobody.status());
    assertEquals("Indica chi: i contatti, oppure lo stato in cui si trovano.", nobody.message());
    api.in("en");
    assertTrue(
        api.list("/workflows/timeline/" + contacts.get(2)).toString().contains("resumed by hand"));

    // version 2 waits two more days for the click; publishing moves nobody, a migration does
    JsonObject current = api.api("GET", "/workflows/" + id, null).body();
    Answer v2 =
        api.api(
            "PUT",
            "/workflows/" + id,
            Json.createObjectBuilder()
                .add("listId", list)
                .add("keepEnrolling", true)
                .add("definition", longerClickWait(current.getJsonObject("definition"), 5))
                .add("version", current.getInt("version"))
                .build());
    assertEquals(200, v2.status(), v2.body().toString());
    assertEquals(200, api.api("POST", "/workflows/" + id + "/publish", null).status());
    assertEquals(
        2, count("SELECT COUNT(*) FROM CM_MAILING WHERE WORKFLOW_ID = ?", id), "v1's two emails");
    long published =
        api.api("GET", "/workflows/" + id, null)
            .body()
            .getJsonNumber("publishedVersionId")
            .longValue();
    assertEquals(0, count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE VERSION_ID = ?", published));
    Answer preview =
        api.api("POST", "/workflows/" + id + "/migration/preview", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(200, preview.status(), preview.body().toString());
    JsonArray rows =
        Json.createReader(new java.io.StringReader(preview.body().getString("raw"))).readArray();
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("followup", rows.getJsonObject(0).getString("target"), rows.toString());
    assertEquals(5, rows.getJsonObject(0).getInt("contacts"), rows.toString());
    assertEquals(5, rows.getJsonObject(0).getInt("keepPlace"), rows.toString());
    Answer unknown =
        api.in("it")
            .api(
                "POST",
                "/workflows/" + id + "/migration",
                Json.createObjectBuilder()
                    .add("mapping", Json.createObjectBuilder().add("followup", "nowhere"))
                    .build());
    assertEquals(400, unknown.status());
    assertEquals("Il workflow non ha lo stato “nowhere”.", unknown.message());
    api.in("en");
    assertEquals(
        403,
        new MailingApi(port, "analyst")
            .api("POST", "/workflows/" + id + "/migration", JsonValue.EMPTY_JSON_OBJECT)
            .status());
    long dueBefore =
        count(
            "SELECT CAST(MIN(EXTRACT(EPOCH FROM DUE_AT)) AS BIGINT) FROM CM_ENROLMENT"
                + " WHERE WORKFLOW_ID = ?"
                + " AND STATE_KEY = 'followup' AND STATUS = 'WAITING'",
            id);
    Answer migrated =
        api.api("POST", "/workflows/" + id + "/migration", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(200, migrated.status(), migrated.body().toString());
    assertEquals(5, migrated.body().getInt("contacts"));
    assertEquals(
        5,
        count(
            "SELECT COUNT(*) FROM CM_ENROLMENT WHERE VERSION_ID = ? AND STATE_KEY = 'followup'"
                + " AND STATUS = 'WAITING'",
            published));
    assertEquals(
        dueBefore + 2 * 86_400,
        count(
            "SELECT CAST(MIN(EXTRACT(EPOCH FROM DUE_AT)) AS BIGINT) FROM CM_ENROLMENT"
                + " WHERE VERSION_ID = ?",
            published),
        "the click is awaited two days longer");
    assertTrue(
        api.list("/workflows/timeline/" + contacts.get(3)).toString().contains("keeps its place"));

    // an ad-hoc send to the follow-up's five, outside the steps; a template must be chosen
    Answer noTemplate =
        api.in("de")
            .api("POST", "/workflows/" + id + "/states/followup/send", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(400, noTemplate.status());
    assertEquals("Wählen Sie die Vorlage, die gesendet werden soll.", noTemplate.message());
    api.in("en");
    Answer adHoc =
        api.api(
            "POST",
            "/workflows/" + id + "/states/followup/send",
            Json.createObjectBuilder().add("templateId", t.id()).build());
    assertEquals(200, adHoc.status(), adHoc.body().toString());
    assertEquals(5, adHoc.body().getInt("contacts"));
    await("the ad-hoc mails", 60, () -> received(domain).size() == 17);
    for (int i = 2; i < 7; i++) {
      assertEquals(3, received("w" + i + domain).size(), "w" + i);
    }
    assertTrue(
        api.list("/workflows/timeline/" + contacts.get(4)).toString().contains("ad-hoc email"));

    // the analyst reads, but cannot move anyone
    Answer analyst =
        new MailingApi(port, "analyst")
            .api(
                "POST",
                "/workflows/" + id + "/move",
                Json.createObjectBuilder()
                    .add("fromState", "followup")
                    .add("toState", "analysis")
                    .build());
    assertEquals(403, analyst.status());
    assertEquals(
        403,
        new MailingApi(port, "analyst")
            .api(
                "POST",
                "/workflows/" + id + "/contacts/pause",
                Json.createObjectBuilder().add("state", "followup").build())
            .status());
    assertEquals(
        403,
        new MailingApi(port, "analyst")
            .api(
                "POST",
                "/workflows/" + id + "/states/followup/send",
                Json.createObjectBuilder().add("templateId", t.id()).build())
            .status());
  }

  static JsonObject withTemplate(JsonObject definition, long template) {
    JsonArrayBuilder states = Json.createArrayBuilder();
    for (JsonValue s : definition.getJsonArray("states")) {
      JsonArrayBuilder steps = Json.createArrayBuilder();
      for (JsonValue st : s.asJsonObject().getJsonArray("steps")) {
        JsonObject step = st.asJsonObject();
        JsonObjectBuilder b = Json.createObjectBuilder(step);
        if ("SEND_EMAIL".equals(step.getString("kind"))) {
          b.add("templateId", template);
        }
        steps.add(b);
      }
      states.add(Json.createObjectBuilder(s.asJsonObject()).add("steps", steps));
    }
    return Json.createObjectBuilder(definition).add("states", states).build();
  }

  /** The definition with the follow-up's click awaited {@code days} days. */
  static JsonObject longerClickWait(JsonObject definition, int days) {
    JsonArrayBuilder states = Json.createArrayBuilder();
    for (JsonValue s : definition.getJsonArray("states")) {
      JsonArrayBuilder steps = Json.createArrayBuilder();
      for (JsonValue st : s.asJsonObject().getJsonArray("steps")) {
        JsonObject step = st.asJsonObject();
        steps.add(
            "clicked".equals(step.getString("key"))
                ? Json.createObjectBuilder(step).add("amount", days).build()
                : step);
      }
      states.add(Json.createObjectBuilder(s.asJsonObject()).add("steps", steps));
    }
    return Json.createObjectBuilder(definition).add("states", states).build();
  }

  /**
   * "Update the CRM" and "notify the owner": the classification and the communication event go into
   * OFBiz's tables (campaigns.erp.write allows them), the tag into ours, each once per contact; the
   * owner gets one email listing the contacts, and no second one.
   */
  @Test
  void theCrmIsUpdatedOnceAndTheOwnerIsNotifiedOnce() throws Exception {
    int port = request.getLocalPort();
    MailingApi api = new MailingApi(port, "marketer");
    try (java.sql.Connection c = probe.connection()) {
      TestCampaigns.ensure(c, 1, 2, 7, 8, 9, 11);
    }
    String domain = "@crm" + System.currentTimeMillis() % 1_000_000 + ".example.com";
    probe.sql("UPDATE CM_USER SET EMAIL = ? WHERE USERNAME = 'marketer'", "owner" + domain);
    List<String> contacts = new ArrayList<>();
    for (List<Object> r :
        probe.rows(
            "SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE CONTACT_TYPE = 'PERSON'"
                + " ORDER BY PARTY_ID DESC LIMIT 3 OFFSET 20")) {
      contacts.add((String) r.get(0));
    }
    String[][] members = new String[3][];
    for (int i = 0; i < 3; i++) {
      members[i] = new String[] {contacts.get(i), "c" + i + domain};
    }
    long list = probe.list("crm list " + domain, "READY", members);
    JsonObject definition =
        Json.createReader(
                new java.io.StringReader(
                    "{\"start\":\"a\",\"states\":[{\"key\":\"a\",\"name\":\"Mark\","
                        + "\"steps\":[{\"key\":\"mark\",\"kind\":\"UPDATE_CRM\",\"crm\":"
                        + "{\"classificationGroupId\":\"KEY_ACCOUNT\",\"tag\":\"CONTACTED\","
                        + "\"communication\":true,\"subject\":\"Reached by the workflow\"}},"
                        + "{\"key\":\"tell\",\"kind\":\"NOTIFY\"},"
                        + "{\"key\":\"end\",\"kind\":\"END\"}]}]}"))
            .readObject();
    Answer created =
        api.api(
            "POST",
            "/workflows",
            Json.createObjectBuilder()
                .add("campaignId", 11)
                .add("name", "CRM " + domain)
                .add("listId", list)
                .add("definition", definition)
                .build());
    assertEquals(201, created.status(), created.body().toString());
    long id = created.id();
    assertEquals(0, created.body().getJsonArray("problems").size(), created.body().toString());
    assertEquals(200, api.api("POST", "/workflows/" + id + "/publish", null).status());
    assertEquals(200, api.api("POST", "/workflows/" + id + "/actions/START", null).status());

    await("the owner's notice", 60, () -> received("owner" + domain).size() == 1);
    MimeMessage notice = received("owner" + domain).get(0);
    assertTrue(notice.getSubject().startsWith("3 contacts reached “tell”"), notice.getSubject());
    String body = (String) notice.getContent();
    for (String party : contacts) {
      assertTrue(body.contains("- " + party), body);
    }
    assertEquals(
        3,
        count("SELECT COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ? AND STATUS = 'ENDED'", id));
    for (String party : contacts) {
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM PARTY_CLASSIFICATION WHERE PARTY_ID = ?"
                  + " AND PARTY_CLASSIFICATION_GROUP_ID = 'KEY_ACCOUNT' AND THRU_DATE IS NULL",
              party),
          "one open classification in OFBiz, also after earlier runs");
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM COMMUNICATION_EVENT WHERE PARTY_ID_TO = ? AND NOTE = ?",
              party,
              "erp-campaigns workflow " + id));
      JsonArray updates = api.list("/workflows/crm-updates/" + party);
      List<String> ofThis = new ArrayList<>();
      for (JsonValue u : updates) {
        JsonObject o = u.asJsonObject();
        if (o.getJsonNumber("workflowId").longValue() == id) {
          ofThis.add(o.getString("kind") + ":" + o.getString("writtenTo"));
        }
      }
      java.util.Collections.sort(ofThis);
      assertEquals(List.of("CLASSIFICATION:ERP", "COMMUNICATION:ERP", "TAG:OWN"), ofThis);
    }
    // a notice per step and batch (two batch threads may share the contacts), each contact in
    // one of them; the notice timer (every 10 s) mails a recipient's pending notices together:
    // after two more ticks there is still one message
    await(
        "the notices marked sent",
        30,
        () ->
            count(
                        "SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE WHERE WORKFLOW_ID = ?"
                            + " AND STATE <> 'SENT'",
                        id)
                    == 0
                && count("SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE WHERE WORKFLOW_ID = ?", id) > 0);
    assertEquals(
        contacts.size(),
        count(
            "SELECT COUNT(*) FROM CM_WORKFLOW_NOTICE_CONTACT c JOIN CM_WORKFLOW_NOTICE n"
                + " ON n.ID = c.NOTICE_ID WHERE n.WORKFLOW_ID = ?",
            id),
        "each contact in one notice");
    Thread.sleep(21_000);
    assertEquals(1, received("owner" + domain).size(), "notified once");
  }

  JsonArray tasks(MailingApi api, long workflow) {
    try {
      return api.list("/workflows/tasks?workflow=" + workflow);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String query, Object... parameters) {
    try {
      return probe.scalar(query, parameters);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  List<MimeMessage> received(String addressPart) {
    List<MimeMessage> out = new ArrayList<>();
    try {
      for (MimeMessage m : demo.receivedMail()) {
        for (Address a : m.getAllRecipients()) {
          if (a.toString().toLowerCase().contains(addressPart)) {
            out.add(m);
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The first tracking link of a kind in the message's HTML, on this server. */
  static String link(MimeMessage m, String kind) throws Exception {
    String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    Matcher found =
        Pattern.compile("https://campaigns\\.example\\.com(" + Pattern.quote(kind) + "[^\"]+)")
            .matcher(html);
    assertTrue(found.find(), kind + " in " + html);
    return found.group(1).replace("&amp;", "&");
  }

  /** A GET as the marketer; its body, which must come with 200. */
  String text(int port, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                "marketer:marketer"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  /** A person's browser: Java's own User-Agent is a script's, and scripts' clicks are bots'. */
  static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

  int hit(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", BROWSER)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static void await(String what, int seconds, BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited " + seconds + " s for " + what);
      }
      Thread.sleep(200);
    }
  }
}
