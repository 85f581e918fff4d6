package org.erpcampaigns.mailings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.erpcampaigns.mailings.FaultySmtpServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Crashes, restarts and a flaky relay, proven on what an SMTP server received. The test starts
 * Payara Micro with the packaged WAR itself (Arquillian cannot kill and restart a container in the
 * middle of a test), on a database both processes reach (H2 in auto-server mode, or PostgreSQL with
 * -Ppostgres), and sends through {@link FaultySmtpServer}:
 *
 * <ol>
 *   <li>the application is stopped in the middle of a send and started again: every recipient got
 *       exactly one message;
 *   <li>with 421 greetings, 451 replies, dropped connections and 550 for some recipients, the
 *       sender is killed (kill -9) in the middle of a send and started again: nobody is missed,
 *       refused recipients are recorded with the server's reply, retries happened, and a message in
 *       doubt at the kill (at most one per sender thread) was sent again with the same Message-ID;
 *   <li>the relay refuses every connection for a while: no message uses up an attempt or fails, the
 *       mailing's status says the relay is down, and once it is back everyone gets one.
 * </ol>
 */
@org.junit.jupiter.api.extension.ExtendWith(org.erpcampaigns.ExactlyOnceSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Every wait below has its own limit; this one is for what has none (a JDBC read, say): a CI run
// once stopped in this class until CI's own 90 minutes were up, with nothing to show why.
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MailingRestartIT {
  static final int RECIPIENTS = 600;
  static final int WORKERS = 4;
  static FaultySmtpServer smtp;
  static Process micro;
  static int httpPort;
  static String dbUrl;
  static org.h2.tools.Server h2;
  static Path dir;
  static int starts;
  static long readyAt;
  static File log;
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** On a failure or a timeout: what Payara Micro logged last, and where every thread stood. */
  @RegisterExtension static final FailureReport diagnostics = new FailureReport();

  @BeforeAll
  @Timeout(value = 12, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void setUp() throws Exception {
    smtp = new FaultySmtpServer();
    smtp.startTls = TestTls.server();
    smtp.requireTls = true;
    smtp.login = new String[] {"campaigns", "relay pass"};
    dir = Path.of("target", "it-restart-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(dir);
    String configured = System.getProperty("it.db.url", "");
    if (configured.startsWith("jdbc:postgresql:")) {
      // A schema of its own, made afresh: its demo must have the contacts this test needs,
      // whatever the other ITs generated or changed in theirs.
      int query = configured.indexOf('?');
      String server = query < 0 ? configured : configured.substring(0, query);
      try (Connection c =
              DriverManager.getConnection(
                  server, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
          java.sql.Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS erp_campaigns_restart_it CASCADE");
        s.execute("CREATE SCHEMA erp_campaigns_restart_it");
      }
      dbUrl = server + "?currentSchema=erp_campaigns_restart_it";
    } else {
      // H2 served by this test's JVM: the database outlives every Payara Micro it starts or kills
      h2 =
          org.h2.tools.Server.createTcpServer(
                  "-tcpPort",
                  String.valueOf(freePort()),
                  "-ifNotExists",
                  "-baseDir",
                  dir.resolve("db").toString())
              .start();
      dbUrl =
          "jdbc:h2:tcp://127.0.0.1:"
              + h2.getPort()
              + "/campaigns;MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
    }
    org.erpcampaigns.Deployments.productWar(); // creates the PostgreSQL schema when there is one
    if (configured.startsWith("jdbc:postgresql:")) {
      try (Connection c = db()) {
        c.createStatement()
            .execute(
                "DELETE FROM CM_OUTBOX WHERE EMAIL LIKE '%@restart.example.com' OR EMAIL LIKE '%@kill.example.com'");
      } catch (SQLException tablesNotThereYet) {
        // first run on this schema
      }
    }
    start();
  }

  @AfterAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void tearDown() throws Exception {
    if (micro != null) {
      stop(false);
    }
    if (smtp != null) {
      smtp.close();
    }
    if (h2 != null) {
      h2.stop();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void start() throws Exception {
    httpPort = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-Xmx512m",
            "-Dhazelcast.phone.home.enabled=false",
            "-Dcampaigns.demo=true",
            "-Dcampaigns.demo.contacts=1500",
            "-Dcampaigns.demo.smtp=false",
            // the index is built at the first start only: WorkflowRestartIT gives its contacts
            // addresses of its own there, which a rebuild at a restart would take back
            "-Dcampaigns.demo.rebuild-index-at-start=false",
            "-Dcampaigns.contacts.index-refresh-minutes=600",
            "-Dcampaigns.smtp.host=127.0.0.1",
            "-Dcampaigns.smtp.port=" + smtp.port(),
            "-Dcampaigns.smtp.security=starttls",
            "-Dcampaigns.smtp.user=campaigns",
            "-Dcampaigns.smtp.password=relay pass",
            "-Djavax.net.ssl.trustStore="
                + Path.of("target", "test-classes", "smtp-test-tls.p12").toAbsolutePath(),
            "-Djavax.net.ssl.trustStorePassword=test-only",
            "-Djavax.net.ssl.trustStoreType=PKCS12",
            "-Dcampaigns.db.url=" + dbUrl,
            "-Dcampaigns.db.user=" + System.getProperty("it.db.user", "sa"),
            "-Dcampaigns.db.password=" + System.getProperty("it.db.password", "sa"),
            "-Dcampaigns.db.driver="
                + System.getProperty("it.db.driver", "org.h2.jdbcx.JdbcDataSource"),
            "-Dcampaigns.mail.workers=" + WORKERS,
            "-Dcampaigns.mail.claim-timeout-seconds=15",
            "-Dcampaigns.mail.backoff-seconds=1",
            "-Dcampaigns.mail.backoff-max-seconds=2",
            "-Dcampaigns.mail.max-attempts=8",
            "-Dcampaigns.mail.smtp-timeout-seconds=10",
            "-jar",
            System.getProperty("payara.microJar", "target/payara-micro.jar"),
            "--deploy",
            System.getProperty("war.file", "target/erp-campaigns.war"),
            "--contextroot",
            "/",
            "--port",
            String.valueOf(httpPort),
            "--nocluster",
            "--disablephonehome",
            "--rootdir",
            // a fresh root each start: in the previous root the application is already deployed,
            // Payara Micro starts that copy (health answers), then redeploys the --deploy WAR over
            // it, and requests in between get 404/500/503 (the flakiness seen before)
            dir.resolve("micro-" + (starts + 1)).toString());
    starts++;
    log = dir.resolve("micro-" + starts + ".log").toFile();
    micro = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    await(
        "Payara Micro to be ready (" + log + ")",
        240,
        () -> {
          try {
            return http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    await("the REST API", 120, MailingRestartIT::apiAnswers);
    // the demo's first purchase index is built at a timer tick after the first start: a stop in
    // the middle of that build waits for it (minutes on H2), so the cases begin after it
    await(
        "the demo's purchase index",
        180,
        () ->
            scalar(
                    "SELECT COUNT(*) FROM CM_PURCHASE_INDEX_STATE p, CM_CONTACT_INDEX_STATE c"
                        + " WHERE p.REFRESHED_AT >= c.REFRESHED_AT")
                == 1);
    readyAt = System.nanoTime();
  }

  /**
   * Stops Payara Micro: SIGTERM ({@code kill} false) as an admin would, or SIGKILL. A stop that
   * takes more than two minutes fails the test, with Payara Micro's threads in the report.
   */
  static void stop(boolean kill) throws Exception {
    if (kill) {
      micro.destroyForcibly();
    } else {
      micro.destroy();
    }
    if (!micro.waitFor(2, TimeUnit.MINUTES)) {
      String threads = FailureReport.threadsOf(micro);
      micro.destroyForcibly();
      micro.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          "Payara Micro did not stop within 2 minutes of "
              + (kill ? "SIGKILL" : "SIGTERM")
              + threads);
    }
  }

  /** Health is up before the application's REST resources are: wait for those too. */
  static boolean apiAnswers() {
    try {
      return http.send(
                  api("mailings/templates").timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static Connection db() throws SQLException {
    return DriverManager.getConnection(
        dbUrl, System.getProperty("it.db.user", "sa"), System.getProperty("it.db.password", "sa"));
  }

  static final String UNANNOUNCED =
      "SELECT COUNT(*) FROM CM_MAILING_SENT WHERE MESSAGES > ANNOUNCED";

  /** What campaign 5's mailings have had announced: every one of them is charged. */
  static final String ANNOUNCED_FOR_5 =
      "SELECT COALESCE(SUM(ANNOUNCED), 0) FROM CM_MAILING_SENT WHERE CAMPAIGN_ID = 5";

  static final String CHARGED_TO_5 =
      "SELECT COALESCE(SUM(MESSAGES), 0) FROM CM_CAMPAIGN_COST"
          + " WHERE CAMPAIGN_ID = 5 AND CATEGORY = 'EMAIL_DELIVERY'";

  static void execute(String sql, Object... args) {
    try (Connection c = db();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long scalar(String sql, Object... args) {
    try (Connection c = db();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String sql, Object... args) {
    try (Connection c = db();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A list of mailable demo contacts with addresses made for the test. */
  static long list(String name, String domain) throws SQLException {
    try (Connection c = db()) {
      TestCampaigns.ensure(c, 5);
      long id;
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT nextval('CM_DISTRIBUTION_LIST_SEQ')")) {
        rs.next();
        id = rs.getLong(1);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_DISTRIBUTION_LIST (ID, NAME, KIND, STATUS, MEMBER_COUNT, CREATED_BY, CREATED_AT)"
                  + " VALUES (?, ?, 'STATIC', 'READY', ?, 'it', CURRENT_TIMESTAMP)")) {
        ps.setLong(1, id);
        ps.setString(2, name);
        ps.setInt(3, RECIPIENTS);
        ps.executeUpdate();
      }
      List<String> parties = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N'"
                  + " AND ENABLED = 'Y' ORDER BY PARTY_ID LIMIT ?")) {
        ps.setInt(1, RECIPIENTS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            parties.add(rs.getString(1));
          }
        }
      }
      assertEquals(RECIPIENTS, parties.size(), "enough mailable demo contacts");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO CM_LIST_MEMBER (LIST_ID, PARTY_ID, EMAIL, SOURCE, ADDED_AT) VALUES (?, ?, ?, 'MANUAL', CURRENT_TIMESTAMP)")) {
        for (int i = 0; i < parties.size(); i++) {
          ps.setLong(1, id);
          ps.setString(2, parties.get(i));
          ps.setString(3, "r" + i + "@" + domain);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return id;
    }
  }

  static JsonObject post(String path, String json) throws Exception {
    HttpResponse<String> r = postOnce(path, json);
    // Right after a start Payara Micro may still be finishing the web module: seen once, a POST
    // answered 500 with an empty body (nothing logged) although a GET had just answered 200.
    while (r.statusCode() >= 500
        && r.body().isEmpty()
        && System.nanoTime() - readyAt < 30_000_000_000L) {
      Thread.sleep(500);
      r = postOnce(path, json);
    }
    assertTrue(
        r.statusCode() == 200 || r.statusCode() == 201,
        path + " answered " + r.statusCode() + ": " + r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  static JsonObject get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(api(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  /** A request to the REST API as the marketer, answered in JSON. */
  static HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/" + path))
        .timeout(Duration.ofSeconds(60))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("marketer:marketer".getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
  }

  static HttpResponse<String> postOnce(String path, String json) throws Exception {
    return http.send(
        api(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long template() throws Exception {
    return post("mailings/templates", draft()).getJsonNumber("id").longValue();
  }

  /** A template draft (a name of its own each time) as the API takes it. */
  static String draft() {
    return """
        {"name":"restart %d","campaignId":5,"senderName":"Shop","senderAddress":"news@shop.example.com",
         "defaultLanguage":"en","variants":[{"language":"en","subject":"Hi {{ contact.firstName | default('there') }}",
         "html":"<p>Dear {{ contact.firstName | default('customer') }}, <a href=\\"https://shop.example.com/\\">shop</a></p>"}]}
        """
        .formatted(System.nanoTime());
  }

  static long send(long template, long list, int throttle) throws Exception {
    return post(
            "mailings",
            "{\"templateId\":"
                + template
                + ",\"campaignId\":5,\"listId\":"
                + list
                + ",\"throttlePerSecond\":"
                + throttle
                + "}")
        .getJsonNumber("id")
        .longValue();
  }

  static Map<String, List<Received>> receivedAt(String domain) {
    return smtp.received().stream()
        .filter(r -> r.recipient().endsWith("@" + domain))
        .collect(Collectors.groupingBy(Received::recipient));
  }

  static void awaitCompleted(long mailing, String what, long seconds) throws InterruptedException {
    await(
        what,
        seconds,
        () -> "COMPLETED".equals(text("SELECT STATE FROM CM_MAILING WHERE ID = ?", mailing)));
  }

  static void await(String what, long seconds, BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  @Test
  @Order(1)
  void aRestartInTheMiddleOfASendMissesNobodyAndSendsNothingTwice() throws Exception {
    long list = list("restart list", "restart.example.com");
    long mailing = send(template(), list, 150);
    await("the first messages", 60, () -> receivedAt("restart.example.com").size() >= 100);
    stop(false); // SIGTERM: the application stops as an admin would stop it
    int atStop = receivedAt("restart.example.com").size();
    assertTrue(atStop < RECIPIENTS, "stopped in the middle: " + atStop);
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENDING'", mailing),
        "a graceful stop ends every claim: no message in doubt, the untried ones back in line");
    assertEquals(
        0,
        scalar("SELECT COUNT(*) FROM CM_SENDER_PROGRESS WHERE MAILING_ID = ?", mailing),
        "and no claim's progress left behind");
    assertEquals(
        atStop,
        scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT'", mailing),
        "what the server accepted is what the outbox recorded");

    start();
    awaitCompleted(mailing, "the mailing to complete after the restart", 120);
    Map<String, List<Received>> got = receivedAt("restart.example.com");
    assertEquals(RECIPIENTS, got.size(), "every recipient got a message");
    List<String> twice =
        got.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .toList();
    assertEquals(List.of(), twice, "nobody got two");
    assertEquals(
        RECIPIENTS,
        scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT'", mailing));
    assertEquals(
        RECIPIENTS,
        scalar(
            "SELECT COUNT(DISTINCT OUTBOX_ID) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE = 'DELIVERED'",
            mailing));
  }

  @Test
  @Order(2)
  void aKilledSenderAndAFlakyRelayChangeNothingForRecipients() throws Exception {
    if (!micro.isAlive()) {
      start();
    }
    long list = list("kill list", "kill.example.com");
    // campaign 5 charges a cost per email sent from now on: the kill must not lose any of it
    execute("UPDATE CM_CAMPAIGN SET COST_PER_EMAIL = 0.01 WHERE ID = 5");
    await("what was sent before to be announced", 30, () -> scalar(UNANNOUNCED) == 0);
    long chargedBefore = scalar(CHARGED_TO_5);
    long announcedBefore = scalar(ANNOUNCED_FOR_5);
    smtp.rejectRecipient = r -> r.endsWith("7@kill.example.com");
    long mailing = send(template(), list, 200);
    await("the first messages", 60, () -> receivedAt("kill.example.com").size() >= 60);
    smtp.refuseConnections.set(3);
    smtp.temporaryFailures.set(25);
    smtp.dropAfterData.set(6);
    await("more messages", 60, () -> receivedAt("kill.example.com").size() >= 200);
    stop(true); // SIGKILL: no chance to finish anything
    start();
    awaitCompleted(mailing, "the mailing to complete after the kill", 180);

    Map<String, List<Received>> got = receivedAt("kill.example.com");
    long rejected =
        java.util.stream.IntStream.range(0, RECIPIENTS)
            .filter(i -> String.valueOf(i).endsWith("7"))
            .count();
    assertEquals(
        RECIPIENTS - rejected, got.size(), "every recipient the relay accepts got a message");
    assertTrue(got.keySet().stream().noneMatch(r -> r.endsWith("7@kill.example.com")));
    assertEquals(
        rejected,
        scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'BOUNCED' AND LAST_REPLY LIKE '550 5.1.1%'",
            mailing),
        "refused recipients are recorded with the server's reply");
    assertEquals(
        RECIPIENTS - rejected,
        scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT'", mailing));
    assertTrue(
        smtp.refusedConnections.get() == 3
            && smtp.answered451.get() == 25
            && smtp.dropped.get() == 6,
        "the faults happened");
    assertTrue(
        // the server refuses MAIL (530) before both, so every message sent went that way
        smtp.tlsSessions.get() > 0 && smtp.logins.get() > 0,
        "the connections used STARTTLS and logged in: "
            + smtp.tlsSessions.get()
            + " TLS sessions, "
            + smtp.logins.get()
            + " logins");
    assertTrue(
        smtp.envelopesBehindContent.get() > RECIPIENTS / 2,
        "the sender pipelined (envelopes behind the previous content): "
            + smtp.envelopesBehindContent.get());
    assertTrue(
        scalar(
                "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT' AND ATTEMPTS > 1",
                mailing)
            >= 25,
        "messages that met a fault were retried and sent");

    Map<String, Long> copies = new HashMap<>();
    got.forEach((r, list2) -> copies.put(r, (long) list2.size()));
    List<String> duplicated =
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertTrue(
        duplicated.size() <= WORKERS,
        "at most one message in doubt per sender thread: " + duplicated);
    for (String r : duplicated) {
      List<Received> twice = got.get(r);
      assertEquals(2, twice.size(), r);
      assertEquals(
          twice.get(0).messageId(),
          twice.get(1).messageId(),
          "a resent message in doubt keeps its Message-ID");
      assertEquals(
          twice.get(0).messageId(),
          text("SELECT MESSAGE_ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND EMAIL = ?", mailing, r));
    }
    for (Map.Entry<String, List<Received>> e : got.entrySet()) {
      assertEquals(
          text(
              "SELECT MESSAGE_ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND EMAIL = ?",
              mailing,
              e.getKey()),
          e.getValue().get(0).messageId(),
          "the Message-ID sent is the one recorded before sending");
    }
    long sent = RECIPIENTS - rejected;
    await(
        "the campaign's costs to follow what was sent",
        30,
        () -> scalar(UNANNOUNCED) == 0 && scalar(CHARGED_TO_5) - chargedBefore >= sent);
    assertEquals(
        sent,
        scalar("SELECT MESSAGES FROM CM_MAILING_SENT WHERE MAILING_ID = ?", mailing),
        "the durable count of this mailing is what the relay took, those sent before the kill too");
    // an earlier case's mailing of campaign 5 may still send in this window (it is charged too)
    assertEquals(
        scalar(ANNOUNCED_FOR_5) - announcedBefore,
        scalar(CHARGED_TO_5) - chargedBefore,
        "every message sent is charged once, those sent just before the kill too");
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM CM_CAMPAIGN_COST WHERE CAMPAIGN_ID = 5"
                + " AND CATEGORY = 'EMAIL_DELIVERY' AND AMOUNT <> ROUND(MESSAGES * 0.01, 2)"),
        "the cost is the messages times the price");
    System.out.println(
        "event=kill-test in-doubt-resent=" + duplicated.size() + " rejected=" + rejected);
  }

  @Test
  @Order(3)
  void aRelayThatCannotBeReachedUsesUpNoAttemptAndTheSendGoesOnByItself() throws Exception {
    if (!micro.isAlive()) {
      start();
    }
    // the sender threads close their connections once idle: from now on each needs a new one
    await("the sender's connections to close", 60, () -> smtp.openConnections() == 0);
    long list = list("outage list", "outage.example.com");
    int refusedBefore = smtp.refusedConnections.get();
    smtp.refuseConnections.set(Integer.MAX_VALUE); // 421 at every greeting: the relay is down
    long mailing = send(template(), list, 200);
    await(
        "the relay to refuse a few connections",
        60,
        () -> smtp.refusedConnections.get() - refusedBefore >= 5);
    JsonObject status = get("mailings/" + mailing);
    assertTrue(
        status.containsKey("relayOutage") && !status.isNull("relayOutage"),
        "the progress says the relay cannot be reached: " + status);
    assertTrue(
        status.getJsonObject("relayOutage").getString("reason").startsWith("421"),
        status.toString());
    assertEquals(0, receivedAt("outage.example.com").size());
    assertEquals(
        0,
        scalar(
            // a claim in flight (SENDING, its attempt counted until it is put back) may be seen
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ?"
                + " AND (STATE NOT IN ('PENDING', 'SENDING') OR ATTEMPTS > 1)",
            mailing),
        "while the relay is down every message waits, no attempt used up, nothing failed");

    smtp.refuseConnections.set(0); // the relay is back
    awaitCompleted(mailing, "the mailing to complete once the relay is back", 120);
    Map<String, List<Received>> got = receivedAt("outage.example.com");
    assertEquals(RECIPIENTS, got.size(), "every recipient got a message");
    assertTrue(got.values().stream().allMatch(l -> l.size() == 1), "nobody got two");
    assertEquals(
        RECIPIENTS,
        scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = 'SENT' AND ATTEMPTS = 1",
            mailing),
        "each sent at its first counted attempt");
    assertFalse(
        get("mailings/" + mailing).containsKey("relayOutage"), "the outage is over on the page");
  }

  @Test
  @Order(4)
  void aTestSendToARelayThatSaysNothingFailsWithinTheTimeout() throws Exception {
    if (!micro.isAlive()) {
      start();
    }
    smtp.silent = true; // the connection is accepted, the greeting never comes
    try {
      long started = System.nanoTime();
      HttpResponse<String> r =
          postOnce("mailings/templates/test?language=en&to=tester%40shop.example.com", draft());
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertTrue(
          r.statusCode() >= 400 && r.statusCode() < 500,
          "a clear refusal: " + r.statusCode() + " " + r.body());
      assertTrue(r.body().contains("The SMTP server did not take the test message"), r.body());
      // the IT's smtp-timeout-seconds is 10: one wait for the greeting, not for ever
      assertTrue(seconds < 40, "answered after " + seconds + " s");
    } finally {
      smtp.silent = false;
    }
  }

  /**
   * Prints, when a test or set-up fails (a timeout too), the end of Payara Micro's log, its threads
   * (jcmd) and the threads of this JVM that were in the test's code: CI shows only what is printed.
   */
  static final class FailureReport
      implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      throw report(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      throw report(failure);
    }

    static Throwable report(Throwable failure) {
      StringBuilder out = new StringBuilder("\n=== MailingRestartIT failed: ").append(failure);
      if (log != null && log.exists()) {
        try {
          List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
          out.append("\n--- last 60 lines of ").append(log).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 60), lines.size())
              .forEach(l -> out.append(l).append('\n'));
        } catch (IOException | RuntimeException e) {
          out.append("\n(log not readable: ").append(e).append(')');
        }
      }
      if (micro != null && micro.isAlive()) {
        out.append(threadsOf(micro));
      }
      out.append("\n--- this JVM's threads in the test's code\n");
      Thread.getAllStackTraces()
          .forEach(
              (thread, frames) -> {
                if (java.util.Arrays.stream(frames)
                    .anyMatch(f -> f.getClassName().startsWith("org.erpcampaigns"))) {
                  out.append(thread).append(' ').append(thread.getState()).append('\n');
                  for (StackTraceElement f : frames) {
                    out.append("    at ").append(f).append('\n');
                  }
                }
              });
      System.out.println(out);
      return failure;
    }

    /** Payara Micro's thread dump, by the JDK's jcmd. */
    static String threadsOf(Process process) {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      try {
        Process dump =
            new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(30, TimeUnit.SECONDS);
        return "\n--- Payara Micro's threads (pid " + process.pid() + ")\n" + text;
      } catch (IOException e) {
        return "\n(no thread dump of Payara Micro: " + e + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "\n(thread dump interrupted)";
      }
    }
  }
}
