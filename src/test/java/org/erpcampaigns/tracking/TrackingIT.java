package org.erpcampaigns.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.tracking.control.TrackingTokens;
import org.erpcampaigns.tracking.control.TrackingTokens.Purpose;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracking from the outside, as a recipient's mail client and browser, a mail provider and a script
 * see it: the open pixel, click redirects, the unsubscribe page and the one-click POST without a
 * login, forged and altered tokens, bursts of hits, bounces, complaints, replies and unsubscribe
 * mails delivered into the demo IMAP mailbox, and the engagement counts API. Outbox rows are laid
 * down with SQL as the sender would write them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrackingIT {
  static final String SECRET = "it-tracking-secret-0123456789abcdef";
  static final String ADMIN = "admin";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(
        Deployments.productWar().addClass(TrackingProbe.class),
        "campaigns.tracking.secret=" + SECRET + "\ncampaigns.erp.consent-write-back=true\n");
  }

  @ArquillianResource URL base;

  private final TrackingTokens tokens = new TrackingTokens(SECRET.getBytes(StandardCharsets.UTF_8));
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Ids of this run: the IT database outlives a run, so every run uses fresh outbox ids. */
  private static final long RUN = System.currentTimeMillis() / 1000 % 1_000_000 * 10_000;

  private static final AtomicLong NEXT = new AtomicLong(RUN + 1);

  @Test
  void forgedAndAlteredTokensGet404WithoutRedirectOrData() throws Exception {
    long id = outbox(mailing(), "forged@example.test", "SENT", null);
    String open = tokens.sign(id, Purpose.OPEN);
    String unsubscribe = tokens.sign(id, Purpose.UNSUBSCRIBE);
    String altered = open.substring(0, open.length() - 1) + (open.endsWith("A") ? "B" : "A");
    String otherId = Long.toString(id + 1, 36) + open.substring(open.indexOf('.'));
    for (String path :
        List.of(
            "t/o/" + altered,
            "t/o/" + otherId,
            "t/o/x" + open,
            "t/o/" + unsubscribe, // a token for another purpose
            "t/u/" + open,
            "t/u/" + altered,
            "t/u/"
                + new TrackingTokens("another-secret-0123456789".getBytes())
                    .sign(id, Purpose.UNSUBSCRIBE),
            "t/c/" + open + "?u=" + enc("https://shop.example/"),
            "t/nothing")) {
      HttpResponse<String> r = get(path, null);
      assertEquals(404, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Location").isEmpty(), path);
      assertFalse(r.body().contains("forged@example.test"), path);
      assertFalse(r.body().contains("fo***"), path);
    }
    HttpResponse<String> post = postOneClick("t/u/" + altered, "List-Unsubscribe=One-Click", null);
    assertEquals(404, post.statusCode());
    flush();
    assertEquals("0", scalar("SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ?", id));
    assertEquals(
        "0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", "forged@example.test"));
  }

  @Test
  void clickRedirectsOnlyToTheUrlOfItsToken() throws Exception {
    long id = outbox(mailing(), "clicker@example.test", "SENT", null);
    String target = "https://shop.example/autumn?utm_source=mail&x=1#top";
    String token = tokens.signClick(id, target);

    HttpResponse<String> ok = get("t/c/" + token + "?u=" + enc(target), null);
    assertEquals(302, ok.statusCode());
    assertEquals(target, ok.headers().firstValue("Location").orElse(""));

    for (String foreign :
        List.of("https://evil.example/phish", "https://shop.example/autumn", target + "&y=2")) {
      HttpResponse<String> r = get("t/c/" + token + "?u=" + enc(foreign), null);
      assertEquals(404, r.statusCode(), foreign);
      assertTrue(r.headers().firstValue("Location").isEmpty(), foreign);
    }
    assertEquals(404, get("t/c/" + token, null).statusCode(), "no URL at all");

    flush();
    assertEquals(
        "1", scalar("SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'CLICKED'", id));
    assertEquals(
        target, scalar("SELECT DETAIL FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'CLICKED'", id));
  }

  @Test
  void openPixelIsAnUncachedGifAndEveryOpenIsCounted() throws Exception {
    long mailing = mailing();
    long id = outbox(mailing, "reader@example.test", "SENT", null);
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(app("t/o/" + tokens.sign(id, Purpose.OPEN))).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("image/gif"));
      assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
      assertEquals("GIF89a", new String(r.body(), 0, 6, StandardCharsets.US_ASCII));
    }
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(app("t/o/" + tokens.sign(id, Purpose.OPEN)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(200, head.statusCode(), "a link checker's HEAD is answered");
    flush();
    JsonObject counts = json(get("api/engagement/mailings/" + mailing, "analyst").body());
    assertEquals(1, counts.getJsonObject("opened").getInt("contacts"), counts.toString());
    assertEquals(4, counts.getJsonObject("opened").getInt("total"), "raw: the HEAD too");
    assertEquals(0, counts.getJsonObject("clicked").getInt("total"));
    assertEquals(
        "MACHINE_OPEN",
        scalar(
            "SELECT ORIGIN FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'OPENED'"
                + " ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY",
            id),
        "the HEAD is a machine's");
  }

  @Test
  void unsubscribePageSpeaksTheContactsLanguageAndChangesNothing() throws Exception {
    long id = outbox(mailing(), "lucia.bianchi@example.test", "SENT", null);
    String path = "t/u/" + tokens.sign(id, Purpose.UNSUBSCRIBE);

    HttpResponse<String> italian =
        http.send(
            HttpRequest.newBuilder(app(path))
                .header("Accept-Language", "it-IT,it;q=0.9,en;q=0.5")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, italian.statusCode());
    assertTrue(italian.body().contains("<html lang=\"it\""), italian.body());
    assertTrue(italian.body().contains("Non vuoi più ricevere"), italian.body());
    assertTrue(italian.body().contains("lu***@example.test"), "the address, masked");
    assertFalse(italian.body().contains("lucia.bianchi@"), "never the whole address");
    assertTrue(italian.body().contains("name=\"List-Unsubscribe\" value=\"One-Click\""));

    HttpResponse<String> german = get(path + "?lang=de", null);
    assertTrue(german.body().contains("Möchten Sie unsere Marketing-E-Mails"), german.body());

    assertEquals(
        "0",
        scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", "lucia.bianchi@example.test"),
        "showing the page does not unsubscribe (mail scanners follow links)");
  }

  @Test
  void oneClickUnsubscribeWithoutLoginSuppressesEverywhereAndIsIdempotent() throws Exception {
    String party = "IT-TU" + (RUN / 10_000);
    String email = "tina.unsub." + RUN + "@example.test";
    ofbizContact(party, email);
    long campaign = mailing();
    long id = outbox(campaign, party, "Tina.Unsub." + RUN + "@Example.test", "SENT", null);
    long pendingElsewhere = outbox(mailing(), party, email, "PENDING", null);
    long retryElsewhere = outbox(mailing(), party, email, "FAILED", null);
    long otherContact = outbox(mailing(), "someone.else." + RUN + "@example.test", "PENDING", null);
    String path = "t/u/" + tokens.sign(id, Purpose.UNSUBSCRIBE);

    HttpResponse<String> noBody = postOneClick(path, "", null);
    assertEquals(400, noBody.statusCode(), "a POST must say List-Unsubscribe=One-Click");

    for (int attempt = 0; attempt < 3; attempt++) {
      HttpResponse<String> r = postOneClick(path, "List-Unsubscribe=One-Click", "fr");
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("Vous êtes désabonné"), r.body());
    }

    assertEquals(
        "UNSUBSCRIBED", scalar("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", email));
    assertEquals("1", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", email));
    assertEquals("SENT", state(id));
    assertEquals("SUPPRESSED", state(pendingElsewhere), "the rest of a running send");
    assertEquals("SUPPRESSED", state(retryElsewhere));
    assertEquals("PENDING", state(otherContact));
    assertEquals(
        "1",
        scalar("SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'UNSUBSCRIBED'", id));
    assertEquals(
        "1",
        scalar(
            "SELECT COUNT(*) FROM CM_CONTACT_OPT_OUT WHERE PARTY_ID = ? AND WITHDRAWN_AT IS NULL",
            party));
    assertEquals(
        "N",
        scalar("SELECT ALLOW_SOLICITATION FROM PARTY_CONTACT_MECH WHERE PARTY_ID = ?", party),
        "written back to OFBiz");

    HttpResponse<String> again = get(path + "?lang=en", null);
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("is unsubscribed"), again.body());
    assertFalse(again.body().contains("unsubscribe-confirm"), "no button any more");
  }

  @Test
  void burstOfPixelHitsFromManyThreadsIsAllRecorded() throws Exception {
    int messages = 50;
    int hitsEach = 100;
    long mailing = mailing();
    List<String> pixels = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      pixels.add(
          "t/o/"
              + tokens.sign(
                  outbox(mailing, "burst" + i + "@example.test", "SENT", null), Purpose.OPEN));
    }
    JsonObject before = json(post("api/it-probe/flush", "", ADMIN).body());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                int ok = 0;
                for (int n = thread; n < messages * hitsEach; n += 8) {
                  HttpResponse<Void> r =
                      http.send(
                          HttpRequest.newBuilder(app(pixels.get(n % messages))).GET().build(),
                          HttpResponse.BodyHandlers.discarding());
                  ok += r.statusCode() == 200 ? 1 : 0;
                }
                return ok;
              }));
    }
    int ok = 0;
    for (Future<Integer> f : done) {
      ok += f.get();
    }
    double httpSeconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    assertEquals(messages * hitsEach, ok);
    JsonObject after = json(post("api/it-probe/flush", "", ADMIN).body());
    assertEquals(
        String.valueOf(messages * hitsEach),
        scalar("SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE = 'OPENED'", mailing));
    long written =
        after.getJsonNumber("written").longValue() - before.getJsonNumber("written").longValue();
    long writeMs =
        after.getJsonNumber("writeMillis").longValue()
            - before.getJsonNumber("writeMillis").longValue();
    long batches =
        after.getJsonNumber("batches").longValue() - before.getJsonNumber("batches").longValue();
    assertEquals(0, after.getJsonNumber("lost").longValue());
    System.out.printf(
        "tracking-burst hits=%d threads=8 http_hits_per_s=%.0f events_written=%d batches=%d"
            + " write_ms=%d events_written_per_s=%d%n",
        ok,
        ok / httpSeconds,
        written,
        batches,
        writeMs,
        writeMs == 0 ? written * 1000 : written * 1000 / writeMs);

    // the writer alone, without HTTP: a burst of 20,000 events buffered, then written in batches
    long benchMailing = mailing();
    long target = outbox(benchMailing, "bench@example.test", "SENT", null);
    HttpResponse<String> bench =
        post("api/it-probe/bench", "outboxId=" + target + "&n=20000", ADMIN);
    assertEquals(200, bench.statusCode(), bench.body());
    System.out.println("tracking-event-writer " + bench.body());
    assertEquals(
        "20000",
        scalar(
            "SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE = 'OPENED'",
            benchMailing));
  }

  @Test
  void bouncesComplaintsAndRepliesArriveThroughTheMailbox() throws Exception {
    long mailing = mailing();
    long hard = outbox(mailing, "maria.rossi@example.it", "SENT", "<cm." + RUN + ".1@it.example>");
    long soft =
        outbox(mailing, "jan." + RUN + "@example.nl", "SENT", "cm." + RUN + ".2@it.example");
    long replied =
        outbox(mailing, "maria." + RUN + "@example.it", "SENT", "<cm." + RUN + ".3@it.example>");
    long complained = outbox(mailing, "lucie." + RUN + "@hotmail.example", "SENT", null);
    long laterForHard = outbox(mailing(), "maria.rossi@example.it", "PENDING", null);
    // the same address from an earlier run may be suppressed already: start clean
    update("DELETE FROM CM_SUPPRESSION WHERE EMAIL = ?", "maria.rossi@example.it");

    deliver(
        sample("postfix-hard-bounce.eml")
            .replace("<cm.7a1f.1042@campaigns.shop.example>", "<cm." + RUN + ".1@it.example>")
            .replace("sy.AbCdEfGhIjKlMnOpQrStUv", "none")
            .replace("20261124081403.4Xk2Lq1Zm3z9sWd", "hard." + RUN));
    deliver(
        sample("postfix-delayed.eml")
            .replace("<cm.7a1f.2077@campaigns.shop.example>", "<cm." + RUN + ".2@it.example>")
            .replace("20261125122044.C1D2E3F4A5", "soft." + RUN));
    deliver(
        sample("reply.eml")
            .replace("cm.7a1f.1042@campaigns.shop.example", "cm." + RUN + ".3@it.example")
            .replace("CAF3x9q+Yk1", "reply." + RUN));
    deliver(
        sample("arf-abuse.eml")
            .replace("2a9.ZyXwVuTsRqPoNmLkJiHgFe", tokens.sign(complained, Purpose.UNSUBSCRIBE))
            .replace("arf.20261126100211.9911", "arf." + RUN));
    deliver(sample("plain-bounce.eml").replace("qmail.1732436400.771", "qmail." + RUN));

    // the mailbox's own tick (every 30 s) may get there first: poll until all four are recorded
    int recorded = 0;
    for (int i = 0; i < 60 && !"4".equals(inboundEvents(mailing)); i++) {
      JsonObject poll = json(post("api/it-probe/poll", "", ADMIN).body());
      recorded += poll.getInt("recorded");
      if (i > 0) {
        Thread.sleep(1000);
      }
    }
    assertEquals("4", inboundEvents(mailing));
    assertTrue(recorded <= 4, "nothing recorded twice");

    assertEquals(
        "hard 5.1.1",
        scalar(
            "SELECT SUBSTRING(DETAIL, 1, 10) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'BOUNCED'",
            hard));
    assertEquals("BOUNCED", state(hard));
    assertEquals(
        "HARD_BOUNCE",
        scalar("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", "maria.rossi@example.it"));
    assertEquals("SUPPRESSED", state(laterForHard));

    assertEquals(
        "soft 4.4.1",
        scalar(
            "SELECT SUBSTRING(DETAIL, 1, 10) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'BOUNCED'",
            soft));
    assertEquals("SENT", state(soft), "a soft bounce changes nothing else");
    assertEquals(
        "DELAYED RECORDED",
        scalar("SELECT REASON || ' ' || DECISION FROM CM_INBOUND_MAIL WHERE OUTBOX_ID = ?", soft),
        "a delay warning does not count towards the soft-bounce limit");
    assertEquals(
        "0",
        scalar(
            "SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", "jan." + RUN + "@example.nl"));

    assertEquals(
        "Re: Autumn offers for you",
        scalar("SELECT DETAIL FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'REPLIED'", replied));

    assertEquals(
        "1",
        scalar(
            "SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'COMPLAINED'",
            complained));
    assertEquals(
        "COMPLAINT",
        scalar(
            "SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?",
            "lucie." + RUN + "@hotmail.example"));

    JsonObject again = json(post("api/it-probe/poll", "", ADMIN).body());
    assertEquals(1, again.getInt("read"), "processed messages were moved out: " + again);
    assertEquals(0, again.getInt("recorded"));
    assertEquals(
        1, again.getInt("leftAlone"), "the bounce that returns nothing of ours stays for a human");
    assertEquals(
        "4",
        scalar(
            "SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE IN ('BOUNCED', 'REPLIED', 'COMPLAINED')",
            mailing));

    JsonObject counts = json(get("api/engagement/mailings/" + mailing, "analyst").body());
    assertEquals(2, counts.getJsonObject("bounced").getInt("contacts"), counts.toString());
    assertEquals(1, counts.getJsonObject("hardBounced").getInt("total"), counts.toString());
    assertEquals(1, counts.getJsonObject("replied").getInt("total"));
    assertEquals(1, counts.getJsonObject("complained").getInt("total"));
  }

  @Test
  void realBouncesAndAnswersAreJudgedByReasonNotByTheirFirstDigit() throws Exception {
    long mailing = mailing();
    String fullEmail = "paolo." + RUN + "@example.org";
    long full = outbox(mailing, fullEmail, "SENT", "<cm." + RUN + ".full@it.example>");
    String dmarcEmail = "anna." + RUN + "@gmail.com";
    long dmarc = outbox(mailing, dmarcEmail, "SENT", "<cm." + RUN + ".dmarc@it.example>");
    String vacationEmail = "lena." + RUN + "@icloud.com";
    long vacation = outbox(mailing, vacationEmail, "SENT", "<cm." + RUN + ".vacation@it.example>");
    String reportedEmail = "noreply." + RUN + "@example.net";
    long reported = outbox(mailing, reportedEmail, "SENT", "<cm." + RUN + ".arf@it.example>");
    String cautiousEmail = "cautious." + RUN + "@example.org";
    long cautious = outbox(mailing, cautiousEmail, "SENT", "<cm." + RUN + ".challenge@it.example>");
    // one address, soft bounces from three consecutive mailings, and a fourth mailing not sent yet
    String softEmail = "claire." + RUN + "@example.ch";
    String softParty = "IT-SB" + (RUN / 10_000);
    long[] soft = new long[3];
    for (int i = 0; i < 3; i++) {
      soft[i] =
          outbox(
              mailing(), softParty, softEmail, "SENT", "<cm." + RUN + ".soft" + i + "@it.example>");
    }
    long softPending = outbox(mailing(), softParty, softEmail, "PENDING", null);

    String fullKey = "<full." + RUN + "@inbound.example>";
    String dmarcKey = "<dmarc." + RUN + "@inbound.example>";
    String vacationKey = "<vacation." + RUN + "@inbound.example>";
    String arfKey = "<arf." + RUN + "@inbound.example>";
    String challengeKey = "<challenge." + RUN + "@inbound.example>";
    deliver(corpus("postfix-quota-5.0.0.eml", "<cm." + RUN + ".full@it.example>", fullKey));
    deliver(corpus("postfix-gmail-dmarc.eml", "<cm." + RUN + ".dmarc@it.example>", dmarcKey));
    deliver(corpus("icloud-vacation.eml", "<cm." + RUN + ".vacation@it.example>", vacationKey));
    deliver(corpus("arf-auth-failure-dmarc.eml", "<cm." + RUN + ".arf@it.example>", arfKey));
    deliver(
        corpus("challenge-response.eml", "<cm." + RUN + ".challenge@it.example>", challengeKey));
    String[] softKeys = new String[3];
    for (int i = 0; i < 2; i++) {
      softKeys[i] = "<soft" + i + "." + RUN + "@inbound.example>";
      deliver(
          corpus(
              "exim-mailbox-full.eml", "<cm." + RUN + ".soft" + i + "@it.example>", softKeys[i]));
    }
    try {
      pollUntilRecorded(
          fullKey, dmarcKey, vacationKey, arfKey, challengeKey, softKeys[0], softKeys[1]);

      assertEquals("SOFT_BOUNCE", scalar(inboundKind(), fullKey));
      assertEquals("SENT", state(full), "a full mailbox does not bounce the message for good");
      assertEquals("0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", fullEmail));
      assertEquals(
          "MAILBOX_FULL 5.0.0 POSTFIX COUNTED",
          scalar(
              "SELECT REASON || ' ' || STATUS || ' ' || SERVER_KIND || ' ' || DECISION"
                  + " FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY = ?",
              fullKey));

      assertEquals("POLICY_BOUNCE", scalar(inboundKind(), dmarcKey));
      assertEquals("SENT", state(dmarc));
      assertEquals(
          "0",
          scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", dmarcEmail),
          "our own DMARC failing is no reason to drop the recipient");

      assertEquals("AUTO_REPLY", scalar(inboundKind(), vacationKey));
      assertEquals(
          "0",
          scalar(
              "SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'REPLIED'", vacation),
          "an iCloud vacation reply is no reply");

      assertEquals("FEEDBACK", scalar(inboundKind(), arfKey));
      assertEquals(
          "0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", reportedEmail));
      assertEquals(
          "0",
          scalar(
              "SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'COMPLAINED'",
              reported),
          "a DMARC failure report is no complaint");

      assertEquals("0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", softEmail));
      assertEquals("PENDING", state(softPending), "two soft bounces in a row are not enough");

      softKeys[2] = "<soft2." + RUN + "@inbound.example>";
      deliver(corpus("exim-mailbox-full.eml", "<cm." + RUN + ".soft2@it.example>", softKeys[2]));
      pollUntilRecorded(softKeys[2]);
      assertEquals(
          "SOFT_BOUNCES",
          scalar("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", softEmail),
          "the third soft bounce in a row suppresses the address");
      assertEquals("ESCALATED", scalar(decision(), softKeys[2]));
      assertEquals("COUNTED", scalar(decision(), softKeys[1]));
      assertEquals("SUPPRESSED", state(softPending), "the next mailing skips it");
      for (long id : soft) {
        assertEquals("SENT", state(id));
      }

      // what a marketer sees: the mailing's bounces by meaning, the sender problem by domain
      JsonObject counts = json(get("api/engagement/mailings/" + mailing, "analyst").body());
      assertEquals(2, counts.getJsonObject("bounced").getInt("total"), counts.toString());
      assertEquals(0, counts.getJsonObject("hardBounced").getInt("total"), counts.toString());
      assertEquals(1, counts.getJsonObject("softBounced").getInt("total"), counts.toString());
      assertEquals(1, counts.getJsonObject("policyRejected").getInt("total"), counts.toString());
      assertEquals(0, counts.getJsonObject("replied").getInt("total"), counts.toString());
      assertEquals(0, counts.getJsonObject("complained").getInt("total"), counts.toString());
      JsonArray problems = counts.getJsonArray("senderProblems");
      assertEquals(2, problems.size(), problems.toString());
      JsonObject gmail = problem(problems, "gmail.com");
      assertEquals("POLICY_BOUNCE", gmail.getString("kind"));
      assertEquals("AUTHENTICATION", gmail.getString("reason"));
      assertEquals(1, gmail.getInt("reports"));
      assertTrue(gmail.getString("example").contains("DMARC policy"), gmail.toString());
      JsonObject report = problem(problems, "example.net");
      assertEquals("FEEDBACK", report.getString("kind"));
      assertTrue(report.getString("example").contains("Auth-Failure: dmarc"), report.toString());

      HttpResponse<String> reports =
          get("api/engagement/mailings/" + mailing + "/reports", "marketer");
      assertEquals(200, reports.statusCode(), reports.body());
      JsonObject quota = decisionOf(json("{\"a\":" + reports.body() + "}").getJsonArray("a"), full);
      assertEquals("MAILBOX_FULL", quota.getString("reason"));
      assertEquals("COUNTED", quota.getString("decision"));
      assertEquals(fullEmail, quota.getString("email"));
      assertTrue(
          quota.getString("serverText").contains("exceeded storage allocation"), quota.toString());
      assertEquals(
          403, get("api/engagement/mailings/" + mailing + "/reports", "analyst").statusCode());

      // the challenge waits for a person: recorded as such, and still in the mailbox
      assertEquals("CHALLENGE", scalar(inboundKind(), challengeKey));
      HttpResponse<String> attention = get("api/engagement/attention", "marketer");
      assertEquals(200, attention.statusCode(), attention.body());
      JsonObject challenge =
          decisionOf(json("{\"a\":" + attention.body() + "}").getJsonArray("a"), cautious);
      assertEquals("cautious@example.org", challenge.getString("reportedBy"));
      assertTrue(
          challenge.getString("serverText").startsWith("Please confirm"), challenge.toString());
      assertEquals(List.of(challengeKey), inbox(Set.of(challengeKey, fullKey, dmarcKey), false));
    } finally {
      inbox(Set.of(challengeKey), true);
    }
  }

  @Test
  void unsubscribeMailsInTheMailboxUnsubscribeOnceAndForgedOnesChangeNothing() throws Exception {
    String party = "IT-MU" + (RUN / 10_000);
    String email = "marco.mail." + RUN + "@example.test";
    ofbizContact(party, email);
    long id = outbox(mailing(), party, email, "SENT", null);
    long pendingElsewhere = outbox(mailing(), party, email, "PENDING", null);
    String clickedParty = "IT-MC" + (RUN / 10_000);
    String clickedEmail = "carla.click." + RUN + "@example.test";
    ofbizContact(clickedParty, clickedEmail);
    long clicked = outbox(mailing(), clickedParty, clickedEmail, "SENT", null);
    String forgedEmail = "fabio.forged." + RUN + "@example.test";
    long forgedTarget = outbox(mailing(), forgedEmail, "SENT", null);
    String valid = tokens.sign(forgedTarget, Purpose.UNSUBSCRIBE);
    String forged = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");

    // the recipient of "clicked" unsubscribed with one click before the mail arrives
    String clickedToken = tokens.sign(clicked, Purpose.UNSUBSCRIBE);
    assertEquals(
        200, postOneClick("t/u/" + clickedToken, "List-Unsubscribe=One-Click", null).statusCode());

    String byMail = "<mu." + RUN + "@mail.example.test>";
    String afterClick = "<mc." + RUN + "@mail.example.test>";
    String withForged = "<mf." + RUN + "@mail.example.test>";
    String withoutToken = "<mn." + RUN + "@mail.example.test>";
    String mail =
        unsubscribeMail(
            byMail, email, "Re: UNSUBSCRIBE   " + tokens.sign(id, Purpose.UNSUBSCRIBE), "");
    deliver(mail);
    deliver(mail); // the same mail twice: a client that sent it again, a server that delivered
    deliver(
        unsubscribeMail(
            afterClick, clickedEmail, "Abmelden", "unsubscribe " + clickedToken + "\r\n\r\nCarla"));
    deliver(unsubscribeMail(withForged, forgedEmail, "unsubscribe " + forged, ""));
    deliver(unsubscribeMail(withoutToken, forgedEmail, "unsubscribe", "please stop"));
    try {
      for (int i = 0;
          i < 60
              && !"2"
                  .equals(
                      scalar(
                          "SELECT COUNT(*) FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY IN (?, ?)",
                          byMail,
                          afterClick));
          i++) {
        assertEquals(200, post("api/it-probe/poll", "", ADMIN).statusCode());
        if (i > 0) {
          Thread.sleep(1000);
        }
      }

      assertEquals("UNSUBSCRIBE", scalar(inboundKind(), byMail));
      assertEquals(
          "UNSUBSCRIBED", scalar("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", email));
      assertEquals(
          "unsubscribe mail of message " + id,
          scalar("SELECT DETAIL FROM CM_SUPPRESSION WHERE EMAIL = ?", email));
      assertEquals("SUPPRESSED", state(pendingElsewhere), "the rest of a running send");
      assertEquals("1", unsubscribedEvents(id), "the same mail twice unsubscribes once");
      assertEquals(
          "unsubscribe-mail",
          scalar(
              "SELECT RECORDED_BY FROM CM_CONTACT_OPT_OUT WHERE PARTY_ID = ?"
                  + " AND WITHDRAWN_AT IS NULL",
              party));
      assertEquals(
          "N",
          scalar("SELECT ALLOW_SOLICITATION FROM PARTY_CONTACT_MECH WHERE PARTY_ID = ?", party),
          "written back to OFBiz");

      assertEquals("UNSUBSCRIBE", scalar(inboundKind(), afterClick));
      assertEquals("1", unsubscribedEvents(clicked), "the mail after the click adds nothing");
      assertEquals(
          "unsubscribe link of message " + clicked,
          scalar("SELECT DETAIL FROM CM_SUPPRESSION WHERE EMAIL = ?", clickedEmail));
      assertEquals(
          "1",
          scalar(
              "SELECT COUNT(*) FROM CM_CONTACT_OPT_OUT WHERE PARTY_ID = ? AND WITHDRAWN_AT IS NULL",
              clickedParty));

      assertEquals("0", scalar("SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ?", forgedTarget));
      assertEquals("0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", forgedEmail));
      assertEquals(
          "0",
          scalar(
              "SELECT COUNT(*) FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY IN (?, ?)",
              withForged,
              withoutToken));

      assertEquals(
          List.of(withForged, withoutToken),
          inbox(Set.of(byMail, afterClick, withForged, withoutToken), false),
          "recorded mail moved to the processed folder, the rest left for a human");
    } finally {
      inbox(Set.of(withForged, withoutToken), true);
    }
  }

  static final String SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String SAFE_LINKS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " BingPreview/1.0b";
  static final String GMAIL_PROXY =
      "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

  @Test
  void peopleProxiesAndScannersAreToldApartWhenRecorded() throws Exception {
    long mailing = mailing();
    long reader = sentAnHourAgo(outbox(mailing, "reader.h@example.test", "SENT", null));
    long scanned = sentAnHourAgo(outbox(mailing, "scanned.h@example.test", "SENT", null));
    long justSent = outbox(mailing, "prefetched.h@example.test", "SENT", null);
    update("UPDATE CM_OUTBOX SET SENT_AT = ? WHERE ID = ?", "now", justSent);
    long everyLink = sentAnHourAgo(outbox(mailing, "gateway.h@example.test", "SENT", null));
    String target = "https://shop.example/winter";

    // the reader opens the mail on an iPhone and clicks in a desktop browser
    assertEquals(200, hit("GET", open(reader), SAFARI).statusCode());
    HttpResponse<String> click = hit("GET", click(reader, target), CHROME);
    assertEquals(302, click.statusCode());
    // a link checker asks first with HEAD: answered, a bot's
    HttpResponse<String> head = hit("HEAD", click(reader, target), CHROME);
    assertEquals(302, head.statusCode());
    assertEquals(target, head.headers().firstValue("Location").orElse(""));

    // Safe Links follows the link and Apple's proxy loads the pixel: redirected all the same
    HttpResponse<String> scan = hit("GET", click(scanned, target), SAFE_LINKS);
    assertEquals(302, scan.statusCode(), "a scanner's click never breaks the link");
    assertEquals(target, scan.headers().firstValue("Location").orElse(""));
    assertEquals(200, hit("GET", open(scanned), "Mozilla/5.0").statusCode());

    // Gmail's proxy fetching the pixel the moment the message was sent: a prefetch
    assertEquals(200, hit("GET", open(justSent), GMAIL_PROXY).statusCode());

    // a gateway opening every link of a message at once, with a browser's User-Agent
    for (String link : List.of(target, "https://shop.example/sale", "https://shop.example/faq")) {
      assertEquals(302, hit("GET", click(everyLink, link), CHROME).statusCode());
    }
    flush();

    assertEquals("HUMAN", origins(reader, "OPENED"));
    assertEquals("HUMAN,BOT_CLICK", origins(reader, "CLICKED"));
    assertEquals("BOT_CLICK", origins(scanned, "CLICKED"));
    assertEquals("MACHINE_OPEN", origins(scanned, "OPENED"));
    assertEquals("MACHINE_OPEN", origins(justSent, "OPENED"));
    assertEquals("BOT_CLICK,BOT_CLICK,BOT_CLICK", origins(everyLink, "CLICKED"));

    JsonObject counts = json(get("api/engagement/mailings/" + mailing, "analyst").body());
    assertEquals(count(3, 3), counts.getJsonObject("opened"), counts.toString());
    assertEquals(count(1, 1), counts.getJsonObject("humanOpened"), counts.toString());
    assertEquals(count(3, 6), counts.getJsonObject("clicked"), counts.toString());
    assertEquals(count(1, 1), counts.getJsonObject("humanClicked"), counts.toString());
    JsonObject campaign = json(get("api/engagement/campaigns/" + mailing, "analyst").body());
    assertEquals(count(1, 1), campaign.getJsonObject("humanClicked"), campaign.toString());
  }

  @Test
  void aScannerSubmittingTheUnsubscribePageUnsubscribesNobody() throws Exception {
    String party = "IT-TS" + (RUN / 10_000);
    String email = "sam.scanned." + RUN + "@example.test";
    ofbizContact(party, email);
    long id = outbox(mailing(), party, email, "SENT", null);
    String path = "t/u/" + tokens.sign(id, Purpose.UNSUBSCRIBE);

    HttpResponse<String> page = hit("GET", path, SAFE_LINKS);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("name=\"via\" value=\"page\""), page.body());
    // Safe Links submits the forms it finds (FusionAuth saw it): the page's form, from a scanner
    HttpResponse<String> submitted =
        http.send(
            HttpRequest.newBuilder(app(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", SAFE_LINKS)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "List-Unsubscribe=One-Click&via=page&lang=en"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, submitted.statusCode());
    assertTrue(submitted.body().contains("unsubscribe-confirm"), "the question again");
    assertEquals("0", scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", email));

    // the person presses the button
    HttpResponse<String> pressed =
        http.send(
            HttpRequest.newBuilder(app(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", CHROME)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "List-Unsubscribe=One-Click&via=page&lang=en"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, pressed.statusCode());
    assertEquals(
        "UNSUBSCRIBED", scalar("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", email));
  }

  private long sentAnHourAgo(long outboxId) throws Exception {
    String hourAgo =
        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
            .minusHours(1)
            .withNano(0)
            .toString()
            .replace('T', ' ');
    update("UPDATE CM_OUTBOX SET SENT_AT = CAST(? AS TIMESTAMP) WHERE ID = ?", hourAgo, outboxId);
    return outboxId;
  }

  private String open(long outboxId) {
    return "t/o/" + tokens.sign(outboxId, Purpose.OPEN);
  }

  private String click(long outboxId, String url) {
    return "t/c/" + tokens.signClick(outboxId, url) + "?u=" + enc(url);
  }

  private HttpResponse<String> hit(String method, String path, String userAgent) throws Exception {
    return http.send(
        HttpRequest.newBuilder(app(path))
            .header("User-Agent", userAgent)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The origins of a message's events of the type, in the order they were recorded. */
  private String origins(long outboxId, String type) throws Exception {
    return scalar(
        "SELECT STRING_AGG(ORIGIN, ',' ORDER BY ID) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = ?",
        outboxId,
        type);
  }

  private static JsonObject count(int contacts, int total) {
    return Json.createObjectBuilder().add("contacts", contacts).add("total", total).build();
  }

  @Test
  void engagementApiIsProtectedDescribedAndLocalised() throws Exception {
    assertEquals(401, get("api/engagement/campaigns/1", null).statusCode());
    assertEquals(200, get("api/engagement/campaigns/1", "analyst").statusCode());
    HttpResponse<String> bad =
        http.send(
            request("api/engagement/campaigns/0", "marketer")
                .header("Accept-Language", "nl")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertEquals("De id moet een positief getal zijn.", json(bad.body()).getString("message"));
    String openapi = get("openapi", null).body();
    assertTrue(openapi.contains("/api/engagement/campaigns/{campaignId}"), openapi);
  }

  // --- helpers ---

  private long mailing() {
    return NEXT.getAndIncrement();
  }

  private long outbox(long mailing, String email, String state, String messageId) throws Exception {
    return outbox(mailing, "IT-TP" + NEXT.get() % 100_000_000, email, state, messageId);
  }

  private long outbox(long mailing, String party, String email, String state, String messageId)
      throws Exception {
    long id = NEXT.getAndIncrement();
    List<String> p =
        new ArrayList<>(
            List.of(
                String.valueOf(id),
                String.valueOf(mailing),
                String.valueOf(mailing),
                party,
                email,
                state,
                "now",
                "now"));
    p.add(messageId == null ? "" : messageId);
    update(
        "INSERT INTO CM_OUTBOX (ID, MAILING_ID, CAMPAIGN_ID, PARTY_ID, EMAIL, STATE, DUE_AT,"
            + " CREATED_AT, MESSAGE_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''))",
        p.toArray());
    return id;
  }

  private void ofbizContact(String party, String email) throws Exception {
    update(
        "INSERT INTO PARTY (PARTY_ID, PARTY_TYPE_ID, STATUS_ID, CREATED_STAMP) VALUES (?, 'PERSON', 'PARTY_ENABLED', ?)",
        party,
        "now");
    update(
        "INSERT INTO PERSON (PARTY_ID, FIRST_NAME, LAST_NAME) VALUES (?, 'Tina', 'Unsub')", party);
    update(
        "INSERT INTO CONTACT_MECH (CONTACT_MECH_ID, CONTACT_MECH_TYPE_ID, INFO_STRING) VALUES (?, 'EMAIL_ADDRESS', ?)",
        party,
        email);
    update(
        "INSERT INTO PARTY_CONTACT_MECH (PARTY_ID, CONTACT_MECH_ID, FROM_DATE, ALLOW_SOLICITATION) VALUES (?, ?, ?, 'Y')",
        party,
        party,
        "now");
  }

  private String inboundEvents(long mailing) throws Exception {
    return scalar(
        "SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ?"
            + " AND TYPE IN ('BOUNCED', 'REPLIED', 'COMPLAINED')",
        mailing);
  }

  private static String decision() {
    return "SELECT DECISION FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY = ?";
  }

  /** Polls the mailbox (as its own tick may, too) until all these messages are recorded. */
  private void pollUntilRecorded(String... keys) throws Exception {
    String count =
        "SELECT COUNT(*) FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY IN ("
            + String.join(", ", java.util.Collections.nCopies(keys.length, "?"))
            + ")";
    for (int i = 0;
        i < 60 && !String.valueOf(keys.length).equals(scalar(count, (Object[]) keys));
        i++) {
      assertEquals(200, post("api/it-probe/poll", "", ADMIN).statusCode());
      if (i > 0) {
        Thread.sleep(1000);
      }
    }
    assertEquals(
        String.valueOf(keys.length), scalar(count, (Object[]) keys), String.join(" ", keys));
  }

  private static JsonObject problem(JsonArray problems, String domain) {
    for (JsonObject p : problems.getValuesAs(JsonObject.class)) {
      if (domain.equals(p.getString("domain"))) {
        return p;
      }
    }
    throw new AssertionError("no sender problem at " + domain + ": " + problems);
  }

  private static JsonObject decisionOf(JsonArray decisions, long outboxId) {
    for (JsonObject d : decisions.getValuesAs(JsonObject.class)) {
      if (d.getJsonNumber("outboxId").longValue() == outboxId) {
        return d;
      }
    }
    throw new AssertionError("no report about message " + outboxId + ": " + decisions);
  }

  /**
   * A message of the classifier's corpus, pointed at one of this run's messages: the quoted
   * Message-ID replaced by ours, its own Message-ID by a fresh one.
   */
  private static String corpus(String name, String ourMessageId, String ownMessageId)
      throws Exception {
    return sample("corpus/" + name)
        .replaceAll("<cm\\.c0\\.\\d+@campaigns\\.shop\\.example>", ourMessageId)
        .replaceFirst("(?m)^Message-ID: <[^>]+>", "Message-ID: " + ownMessageId);
  }

  private static String inboundKind() {
    return "SELECT KIND FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY = ?";
  }

  private String unsubscribedEvents(long outboxId) throws Exception {
    return scalar(
        "SELECT COUNT(*) FROM CM_EVENT WHERE OUTBOX_ID = ? AND TYPE = 'UNSUBSCRIBED'", outboxId);
  }

  /** A mail as a client writes it from the List-Unsubscribe mailto, with this Message-ID. */
  private static String unsubscribeMail(
      String messageId, String from, String subject, String body) {
    return "From: <"
        + from
        + ">\r\nTo: unsubscribe@shop.example\r\nSubject: "
        + subject
        + "\r\nDate: Tue, 24 Nov 2026 11:02:41 +0100\r\nMessage-ID: "
        + messageId
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        + body
        + "\r\n";
  }

  /**
   * The Message-IDs among these that are in the polled folder of the demo mailbox, in the order of
   * the folder; with remove, those messages are deleted from it.
   */
  private static List<String> inbox(Set<String> messageIds, boolean remove) throws Exception {
    Session session = Session.getInstance(new Properties());
    List<String> found = new ArrayList<>();
    try (Store store = session.getStore("imap")) {
      store.connect(
          "127.0.0.1",
          Integer.getInteger("it.smtp.port", 3025) + 618,
          "bounces@localhost",
          "bounces@localhost");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      try {
        for (Message m : inbox.getMessages()) {
          String[] id = m.getHeader("Message-ID");
          if (!m.isSet(Flags.Flag.DELETED) && id != null && messageIds.contains(id[0].strip())) {
            found.add(id[0].strip());
            if (remove) {
              m.setFlag(Flags.Flag.DELETED, true);
            }
          }
        }
      } finally {
        inbox.close(true);
      }
    }
    return found;
  }

  private String state(long outboxId) throws Exception {
    return scalar("SELECT STATE FROM CM_OUTBOX WHERE ID = ?", outboxId);
  }

  private void flush() throws Exception {
    assertEquals(200, post("api/it-probe/flush", "", ADMIN).statusCode());
  }

  private long update(String sql, Object... parameters) throws Exception {
    HttpResponse<String> r = post("api/it-probe/update", form(sql, parameters), ADMIN);
    assertEquals(200, r.statusCode(), sql + ": " + r.body());
    return Long.parseLong(r.body().strip());
  }

  private String scalar(String sql, Object... parameters) throws Exception {
    HttpResponse<String> r = post("api/it-probe/scalar", form(sql, parameters), ADMIN);
    assertEquals(200, r.statusCode(), sql + ": " + r.body());
    return r.body();
  }

  private static String form(String sql, Object... parameters) {
    StringBuilder f = new StringBuilder("sql=").append(enc(sql));
    for (Object p : parameters) {
      f.append("&p=").append(enc(String.valueOf(p)));
    }
    return f.toString();
  }

  private void deliver(String raw) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", System.getProperty("it.smtp.port", "3025"));
    Session session = Session.getInstance(props);
    MimeMessage m =
        new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      // sendMessage, not Transport.send: the message goes as it is, its Message-ID kept
      t.sendMessage(m, new InternetAddress[] {new InternetAddress("bounces@localhost")});
    }
  }

  private static String sample(String name) throws Exception {
    try (InputStream in = TrackingIT.class.getResourceAsStream("/tracking/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> postOneClick(String path, String body, String lang)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (lang != null) {
      b.header("Accept-Language", lang);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String user) throws Exception {
    return http.send(
        request(path, user)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(app(path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private URI app(String path) {
    // the WAR's own context root is "/", whatever Arquillian's URL says
    return URI.create(
        base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
