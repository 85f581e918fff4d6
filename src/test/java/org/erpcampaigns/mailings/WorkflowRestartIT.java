package org.erpcampaigns.mailings;

import static org.erpcampaigns.mailings.MailingRestartIT.await;
import static org.erpcampaigns.mailings.MailingRestartIT.db;
import static org.erpcampaigns.mailings.MailingRestartIT.http;
import static org.erpcampaigns.mailings.MailingRestartIT.post;
import static org.erpcampaigns.mailings.MailingRestartIT.scalar;
import static org.erpcampaigns.mailings.MailingRestartIT.smtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.erpcampaigns.mailings.FaultySmtpServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow engine across kill -9, proven on what the SMTP server received: "email → opened
 * within 3 days, otherwise a reminder" for 600 contacts, with Payara Micro killed (SIGKILL) while
 * it sends the first emails and again while it decides and sends the reminders. Every contact gets
 * its first email once, the openers (a third, through the real pixel of what they received) no
 * reminder, every other contact one; each email step has one outbox row per contact and one
 * Message-ID. A message in doubt at a kill may reach the server twice with its one Message-ID (the
 * sender's documented window, at most one per sender thread and kill); nothing else twice. Uses
 * {@link MailingRestartIT}'s own server, relay and database.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.erpcampaigns.ExactlyOnceSuite.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkflowRestartIT {
  static final String DOMAIN = "flow-kill.example.com";

  @RegisterExtension
  static final MailingRestartIT.FailureReport diagnostics = new MailingRestartIT.FailureReport();

  @BeforeAll
  @Timeout(value = 12, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void setUp() throws Exception {
    MailingRestartIT.setUp();
  }

  @AfterAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void tearDown() throws Exception {
    MailingRestartIT.tearDown();
  }

  @Test
  void killedTwiceTheWorkflowMailsEachStepOnceAndRemindsOnlyTheNonOpeners() throws Exception {
    int contacts = MailingRestartIT.RECIPIENTS;
    long list = MailingRestartIT.list("workflow kill list", DOMAIN);
    try (java.sql.Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                // workflow emails go to the address the contact index has: the list's addresses
                "UPDATE CM_CONTACT_INDEX SET EMAIL = (SELECT m.EMAIL FROM CM_LIST_MEMBER m"
                    + " WHERE m.LIST_ID = ? AND m.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID)"
                    + " WHERE PARTY_ID IN (SELECT PARTY_ID FROM CM_LIST_MEMBER WHERE LIST_ID = ?)")) {
      ps.setLong(1, list);
      ps.setLong(2, list);
      assertEquals(contacts, ps.executeUpdate());
    }
    long first = MailingRestartIT.template();
    long reminder = MailingRestartIT.template();
    String definition =
        """
        {"start":"send","states":[
         {"key":"send","name":"Email send","steps":[{"key":"first-mail","kind":"SEND_EMAIL","templateId":%d},
           {"key":"opened","kind":"WAIT_FOR","amount":3,"unit":"DAYS","event":"OPENED","then":"done","otherwise":"reminder"}]},
         {"key":"reminder","name":"Reminder","steps":[{"key":"reminder-mail","kind":"SEND_EMAIL","templateId":%d},
           {"key":"reminded","kind":"END","outcome":"COMPLETED"}]},
         {"key":"done","name":"Opened","steps":[{"key":"opened-end","kind":"END","outcome":"COMPLETED"}]}]}
        """
            .formatted(first, reminder);
    long workflow =
        post(
                "workflows",
                "{\"campaignId\":5,\"name\":\"kill test\",\"listId\":"
                    + list
                    + ",\"definition\":"
                    + definition
                    + "}")
            .getJsonNumber("id")
            .longValue();
    post("workflows/" + workflow + "/publish", "");
    long firstMailing = mailing(workflow, "first-mail");
    long reminderMailing = mailing(workflow, "reminder-mail");
    try (java.sql.Connection c = db();
        PreparedStatement ps =
            // slow enough that each kill comes in the middle of a step's emails
            c.prepareStatement(
                "UPDATE CM_MAILING SET THROTTLE_PER_SECOND = 150 WHERE WORKFLOW_ID = ?")) {
      ps.setLong(1, workflow);
      assertEquals(2, ps.executeUpdate());
    }
    post("workflows/" + workflow + "/actions/START", "");

    // 1. killed while the first emails go out
    await("the first emails", 120, () -> received(firstMailing).size() >= 100);
    MailingRestartIT.stop(true);
    int atKill = received(firstMailing).size();
    MailingRestartIT.start();
    await(
        "every contact's first email and its wait for the open",
        240,
        () ->
            received(firstMailing).size() == contacts
                && scalar(
                        "SELECT COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ?"
                            + " AND STATUS = 'WAITING'",
                        workflow)
                    == contacts);

    // 2. a third opens, through the pixel in what each of them received, a while after it came
    // (an open within seconds of sending is a prefetch, a machine's)
    MailingRestartIT.execute(
        "UPDATE CM_OUTBOX SET SENT_AT = SENT_AT - INTERVAL '1' MINUTE WHERE MAILING_ID = ?",
        firstMailing);
    Set<String> openers = new HashSet<>();
    for (Map.Entry<String, List<Received>> e : received(firstMailing).entrySet()) {
      int i = Integer.parseInt(e.getKey().substring(1, e.getKey().indexOf('@')));
      if (i % 3 == 0) {
        assertEquals(200, hit(openPixel(e.getValue().get(0))), e.getKey());
        openers.add(e.getKey());
      }
    }
    await(
        "the engine to end the openers' wait",
        120,
        () ->
            scalar(
                    "SELECT COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ? AND STATUS = 'ENDED'"
                        + " AND STATE_KEY = 'done'",
                    workflow)
                == openers.size());

    // 3. three days later; killed while the reminders go out
    moveClock();
    int reminders = contacts - openers.size();
    await("the first reminders", 120, () -> received(reminderMailing).size() >= 60);
    MailingRestartIT.stop(true);
    MailingRestartIT.start();
    moveClock(); // the demo clock starts again at the real time
    await(
        "every non-opener's reminder",
        240,
        () ->
            received(reminderMailing).size() == reminders
                && scalar(
                        "SELECT COUNT(*) FROM CM_ENROLMENT WHERE WORKFLOW_ID = ?"
                            + " AND STATUS = 'ENDED'",
                        workflow)
                    == contacts);

    // what the server received, against what the engine decided
    Map<String, List<Received>> firsts = received(firstMailing);
    Map<String, List<Received>> reminded = received(reminderMailing);
    assertEquals(contacts, firsts.size(), "every contact got the first email");
    assertEquals(Set.of(), intersection(reminded.keySet(), openers), "no opener got a reminder");
    assertEquals(reminders, reminded.size(), "every other contact got one");
    int inDoubt = 0;
    for (Map<String, List<Received>> step : List.of(firsts, reminded)) {
      for (Map.Entry<String, List<Received>> e : step.entrySet()) {
        Set<String> ids = e.getValue().stream().map(Received::messageId).collect(toSet());
        assertEquals(1, ids.size(), e.getKey() + ": one message per step, " + ids);
        inDoubt += e.getValue().size() - 1;
      }
    }
    assertTrue(
        inDoubt <= 2 * MailingRestartIT.WORKERS,
        "at most one message in doubt per sender thread and kill, resent with its Message-ID: "
            + inDoubt);
    for (long mailing : new long[] {firstMailing, reminderMailing}) {
      assertEquals(
          0,
          scalar(
              "SELECT COUNT(*) FROM (SELECT PARTY_ID FROM CM_OUTBOX WHERE MAILING_ID = ?"
                  + " GROUP BY PARTY_ID HAVING COUNT(*) > 1) x",
              mailing),
          "one outbox row per contact and step");
    }
    assertEquals(
        contacts,
        scalar(
            "SELECT COUNT(*) FROM CM_WORKFLOW_ACTIVITY WHERE WORKFLOW_ID = ? AND KIND = 'CONDITION'",
            workflow),
        "one decision per contact");
    System.out.println(
        "event=workflow-kill-test first-at-kill="
            + atKill
            + " openers="
            + openers.size()
            + " in-doubt-resent="
            + inDoubt);
  }

  static <T> java.util.stream.Collector<T, ?, Set<T>> toSet() {
    return Collectors.toSet();
  }

  static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  static long mailing(long workflow, String step) {
    return scalar(
        "SELECT ID FROM CM_MAILING WHERE WORKFLOW_ID = ? AND WORKFLOW_STEP LIKE ?",
        workflow,
        "%:" + step);
  }

  /** What the server received of one mailing, by recipient (the Message-ID says which mailing). */
  static Map<String, List<Received>> received(long mailing) {
    Set<String> ids = new HashSet<>();
    try (java.sql.Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT MESSAGE_ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND MESSAGE_ID IS NOT NULL")) {
      ps.setLong(1, mailing);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    Map<String, List<Received>> byRecipient = new HashMap<>();
    for (Received r : smtp.received()) {
      if (r.recipient().endsWith("@" + DOMAIN) && ids.contains(r.messageId())) {
        byRecipient.computeIfAbsent(r.recipient(), k -> new java.util.ArrayList<>()).add(r);
      }
    }
    return byRecipient;
  }

  /** The path of the open pixel in a received message's HTML. */
  static String openPixel(Received r) throws Exception {
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(r.data().getBytes(StandardCharsets.UTF_8)));
    String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    Matcher found = Pattern.compile("https?://[^/\"]+(/t/o/[^\"]+)").matcher(html);
    assertTrue(found.find(), "an open pixel in " + html);
    return found.group(1).replace("&amp;", "&");
  }

  static int hit(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + MailingRestartIT.httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", WorkflowIT.BROWSER)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static void moveClock() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + MailingRestartIT.httpPort
                            + "/api/demo/clock?by=PT73H"))
                .timeout(Duration.ofSeconds(30))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }
}
