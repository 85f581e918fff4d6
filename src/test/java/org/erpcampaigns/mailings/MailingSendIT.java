package org.erpcampaigns.mailings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.mailings.MailingApi.Answer;
import org.erpcampaigns.mailings.boundary.TemplateDraft;
import org.erpcampaigns.mailings.control.OutboxStore;
import org.erpcampaigns.mailings.entity.MessagesSent;
import org.erpcampaigns.mailings.entity.OutboxState;
import org.erpcampaigns.platform.boundary.DemoSetup;
import org.erpcampaigns.tracking.boundary.BounceMailbox;
import org.erpcampaigns.tracking.control.ReturnPaths;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Templates and sending inside Payara Micro through the REST API (as the demo marketer), against
 * the demo's SMTP server (GreenMail): save refuses broken and malicious templates with the line;
 * preview and test send; a send to a list reaches every allowed member exactly once with the
 * recorded Message-ID and the unsubscribe and feedback headers, in their language; suppressed and
 * opted-out members are left out, also when suppressed after the send began; header injection
 * through data fails; pause, resume, cancel; scheduled sends in a zone; concurrent claims never
 * share a row; 0 recipients and lists being refreshed are explained; analysts cannot send.
 */
@ExtendWith(ArquillianExtension.class)
class MailingSendIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.withConfig(
        Deployments.inContainer(
            MailingProbe.class, MailingApi.class, MailingApi.Answer.class, TestCampaigns.class),
        "campaigns.public-url=https://campaigns.example.com/\n"
            + "campaigns.mail.unsubscribe-mailto=unsubscribe@campaigns.example.com\n"
            + "campaigns.mail.return-path=bounces@localhost\n");
  }

  @Inject MailingProbe probe;
  @Inject DemoSetup demo;
  @Inject HttpServletRequest request;
  @Inject ReturnPaths returnPaths;
  @Inject BounceMailbox mailbox;
  MailingApi api;

  @BeforeEach
  void api() throws Exception {
    api = new MailingApi(request.getLocalPort(), "marketer");
    try (java.sql.Connection c = probe.connection()) {
      TestCampaigns.ensure(c, 1, 2, 7, 8, 9);
    }
  }

  static TemplateDraft draft(String name) {
    TemplateDraft d = new TemplateDraft();
    d.name = name;
    d.campaignId = 7L;
    d.senderName = "Shop Team";
    d.senderAddress = "news@shop.example.com";
    d.replyTo = "replies@shop.example.com";
    d.defaultLanguage = "en";
    d.variants.add(
        new TemplateDraft.Variant(
            "en",
            "Hello {{ contact.firstName | default('friend') }}",
            "<html><body><p>Dear {{ contact.firstName | default('friend') }},</p>"
                + "<p><a href=\"https://shop.example.com/sale\">Our sale</a></p>"
                + "<p><a href=\"{{ unsubscribeUrl }}\">Unsubscribe</a></p></body></html>",
            null));
    d.variants.add(
        new TemplateDraft.Variant(
            "it",
            "Ciao {{ contact.firstName | default('amico') }}",
            "<p>Caro {{ contact.firstName | default('amico') }},"
                + " <a href=\"https://shop.example.com/saldi\">saldi</a></p>",
            null));
    return d;
  }

  long saved(String name) throws Exception {
    Answer a = api.saveTemplate(draft(name));
    assertEquals(200, a.status(), a.body().toString());
    return a.id();
  }

  long send(
      long template, long campaign, long list, LocalDateTime at, String zone, Integer throttle)
      throws Exception {
    Answer a = api.send(template, campaign, list, at, zone, throttle);
    assertEquals(201, a.status(), a.body().toString());
    return a.id();
  }

  List<MimeMessage> receivedBy(String addressPart) {
    List<MimeMessage> out = new ArrayList<>();
    try {
      for (MimeMessage m : demo.receivedMail()) {
        for (Address a : m.getAllRecipients()) {
          if (a.toString().toLowerCase().contains(addressPart)) {
            out.add(m);
          }
        }
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static void await(String what, long seconds, BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Watches {@code condition} for {@code seconds}: the first time it is false, the test fails. */
  static void stays(String what, long seconds, BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("broken: " + what);
      }
      Thread.sleep(100);
    }
  }

  String state(long mailing) {
    try {
      return (String)
          probe.rows("SELECT STATE FROM CM_MAILING WHERE ID = ?", mailing).get(0).get(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  long count(long mailing, String state) {
    try {
      return probe.scalar(
          "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND STATE = ?", mailing, state);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Demo contacts that may be mailed (in the index, consent not denied, enabled). */
  List<String> mailableContacts(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (List<Object> r :
        probe.rows(
            "SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N'"
                + " AND ENABLED = 'Y' AND CONTACT_TYPE = 'PERSON' AND FIRST_NAME IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                + "   WHERE x.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID AND x.WITHDRAWN_AT IS NULL)"
                + " ORDER BY PARTY_ID LIMIT ?",
            n)) {
      ids.add((String) r.get(0));
    }
    assertEquals(n, ids.size(), "the demo has enough mailable contacts");
    return ids;
  }

  long list(String name, String domain, List<String> contacts) throws Exception {
    String[][] members = new String[contacts.size()][];
    for (int i = 0; i < contacts.size(); i++) {
      members[i] = new String[] {contacts.get(i), "r" + i + "@" + domain};
    }
    return probe.list(name, "READY", members);
  }

  @Test
  void aTemplateThatDoesNotCompileOrReachesForJavaIsRefusedWithItsLine() throws Exception {
    TemplateDraft broken = draft("broken");
    broken.variants.get(0).html = "<p>one</p>\n<p>{% if contact.firstName %}never closed</p>";
    Answer a = api.saveTemplate(broken);
    assertEquals(400, a.status());
    assertTrue(a.message().startsWith("The en variant does not work: html, line 2:"), a.message());
    Answer it = api.in("it").saveTemplate(broken);
    assertTrue(it.message().startsWith("La variante en non funziona: html, riga 2"), it.message());
    api.in("en");

    TemplateDraft evil = draft("evil");
    evil.variants.get(1).subject =
        "{{ contact.firstName.getClass().forName('java.lang.Runtime') }}";
    Answer e = api.saveTemplate(evil);
    assertEquals(400, e.status());
    assertTrue(
        e.message().contains("it variant") && e.message().contains("subject, line 1"), e.message());
    assertTrue(e.message().contains("not allowed"), e.message());

    TemplateDraft injected = draft("injected");
    injected.senderName = "Shop\r\nBcc: victim@example.com";
    assertEquals("Names may not contain line breaks.", api.saveTemplate(injected).message());
    TemplateDraft badAddress = draft("bad address");
    badAddress.senderAddress = "news@shop.example.com\r\nBcc: victim@example.com";
    Answer bad = api.saveTemplate(badAddress);
    assertEquals(400, bad.status());
    assertTrue(bad.message().contains("is not a valid sender address"), bad.message());
    assertEquals(
        0,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_MAIL_TEMPLATE WHERE NAME IN ('broken', 'evil', 'injected', 'bad address')"));
  }

  @Test
  void previewAsAContactAndTestSendToATypedAddress() throws Exception {
    String contact = mailableContacts(1).get(0);
    String first =
        (String)
            probe
                .rows("SELECT FIRST_NAME FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?", contact)
                .get(0)
                .get(0);
    TemplateDraft d = draft("preview");
    Answer p = api.preview(d, "en", contact);
    assertEquals(200, p.status(), p.body().toString());
    assertEquals("Hello " + first, p.body().getString("subject"));
    assertTrue(p.body().getString("html").contains("Dear " + first));
    assertEquals("Ciao Maria", api.preview(d, "it", null).body().getString("subject"));
    assertEquals(404, api.preview(d, "en", "NO-SUCH-CONTACT").status());

    Answer sent = api.test(d, "en", contact, "tester@qa.example.com");
    assertEquals(200, sent.status(), sent.body().toString());
    await("the test message", 10, () -> receivedBy("tester@qa.example.com").size() == 1);
    MimeMessage m = receivedBy("tester@qa.example.com").get(0);
    assertEquals("[Test] Hello " + first, m.getSubject());
    assertEquals(sent.body().getString("messageId"), m.getMessageID());
    // a message to one person: from its sender (GreenMail writes the envelope sender), no list
    assertEquals("<news@shop.example.com>", m.getHeader("Return-Path", null));
    assertEquals(null, m.getHeader("List-Id"));
    assertEquals(null, m.getHeader("Precedence"));
    Answer refused = api.test(d, "en", null, "not an address\r\nBcc: x@y.z");
    assertEquals(400, refused.status());
    assertTrue(refused.message().contains("is not a valid email address"), refused.message());
  }

  @Test
  void aSendReachesEveryAllowedMemberExactlyOnceWithItsHeaders() throws Exception {
    long t = saved("spring sale");
    // the IT database outlives a run: start without this test's suppressions
    probe.sql("DELETE FROM CM_SUPPRESSION WHERE EMAIL LIKE '%@send.example.com'");
    List<String> contacts = mailableContacts(40);
    String[][] members = new String[contacts.size() + 3][];
    for (int i = 0; i < contacts.size(); i++) {
      members[i] = new String[] {contacts.get(i), "buyer" + i + "@send.example.com"};
    }
    // an organisation has no first name: personalisation falls back to the defaults
    String organisation =
        (String)
            probe
                .rows(
                    "SELECT PARTY_ID FROM CM_CONTACT_INDEX WHERE CONTACT_TYPE = 'ORGANISATION'"
                        + " AND FIRST_NAME IS NULL AND ENABLED = 'Y'"
                        + " AND COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N'"
                        + " AND NOT EXISTS (SELECT 1 FROM CM_CONTACT_OPT_OUT x"
                        + "   WHERE x.PARTY_ID = CM_CONTACT_INDEX.PARTY_ID"
                        + "   AND x.WITHDRAWN_AT IS NULL) ORDER BY PARTY_ID LIMIT 1")
                .get(0)
                .get(0);
    members[contacts.size()] = new String[] {organisation, "Nobody@Send.Example.com"};
    // not in the contact index (its consent cannot be seen) and an unusable address: skipped
    members[contacts.size() + 1] = new String[] {"IT-NOINDEX", "ghost@send.example.com"};
    members[contacts.size() + 2] =
        new String[] {"IT-CRLF", "evil@send.example.com\r\nBcc: victim@example.com"};
    long list = probe.list("spring customers", "READY", members);
    probe.sql(
        "DELETE FROM CM_SUPPRESSION WHERE EMAIL = 'buyer1@send.example.com'"); // the IT database is
    // kept
    probe.sql(
        "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES ('buyer1@send.example.com', 'UNSUBSCRIBED', CURRENT_TIMESTAMP)");
    probe.sql(
        "INSERT INTO CM_CONTACT_OPT_OUT (ID, PARTY_ID, RECORDED_BY, RECORDED_AT) VALUES (nextval('CM_CONTACT_OPT_OUT_SEQ'), ?, 'it', CURRENT_TIMESTAMP)",
        contacts.get(2));
    int eventsBefore = probe.observed().size();
    // campaign 7 charges a cost per email sent: the campaign's costs follow the mailing
    probe.sql("UPDATE CM_CAMPAIGN SET COST_PER_EMAIL = 0.0125 WHERE ID = 7");
    String charged =
        "SELECT COALESCE(SUM(MESSAGES), 0) FROM CM_CAMPAIGN_COST"
            + " WHERE CAMPAIGN_ID = 7 AND CATEGORY = 'EMAIL_DELIVERY'";
    long chargedBefore = probe.scalar(charged);

    Answer created = api.send(t, 7, list, null, "Europe/Rome", null);
    assertEquals(201, created.status(), created.body().toString());
    long m = created.id();
    assertEquals(39, created.body().getJsonNumber("recipients").longValue());
    assertEquals(4, created.body().getJsonNumber("skipped").longValue());
    // suppressed after its row was created: checked again at send time
    probe.sql(
        "DELETE FROM CM_SUPPRESSION WHERE EMAIL = 'buyer3@send.example.com'"); // the IT database is
    // kept
    probe.sql(
        "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES ('buyer3@send.example.com', 'HARD_BOUNCE', CURRENT_TIMESTAMP)");

    await("the mailing to complete", 60, () -> "COMPLETED".equals(state(m)));
    assertEquals(38, count(m, "SENT"));
    assertEquals(1, count(m, "SUPPRESSED"));
    assertEquals(0, count(m, "BOUNCED"), "an unusable address is skipped, never a bounce");
    Answer status = api.status(m);
    assertEquals(100, status.body().getInt("percentDone"), status.body().toString());
    assertEquals(38, status.body().getJsonObject("counts").getInt("SENT"));

    for (int i = 0; i < contacts.size(); i++) {
      assertEquals(
          i == 1 || i == 2 || i == 3 ? 0 : 1,
          receivedBy("buyer" + i + "@send.example.com").size(),
          "messages to buyer" + i);
    }
    assertEquals(1, receivedBy("nobody@send.example.com").size());
    assertEquals(0, receivedBy("victim@example.com").size());
    assertEquals(0, receivedBy("ghost@send.example.com").size());
    assertEquals("Hello friend", receivedBy("nobody@send.example.com").get(0).getSubject());
    assertEquals(
        0,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND PARTY_ID IN ('IT-NOINDEX', 'IT-CRLF')",
            m));

    MimeMessage first = receivedBy("buyer0@send.example.com").get(0);
    assertEquals(
        probe
            .rows(
                "SELECT MESSAGE_ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND EMAIL = 'buyer0@send.example.com'",
                m)
            .get(0)
            .get(0),
        first.getMessageID());
    String unsubscribe = first.getHeader("List-Unsubscribe", null);
    assertTrue(unsubscribe.startsWith("<https://campaigns.example.com/t/u/"), unsubscribe);
    assertTrue(
        unsubscribe.contains(", <mailto:unsubscribe@campaigns.example.com?subject=unsubscribe%20"),
        unsubscribe);
    assertEquals("List-Unsubscribe=One-Click", first.getHeader("List-Unsubscribe-Post", null));
    assertEquals("m" + m + ":c7:marketing:erp-campaigns", first.getHeader("Feedback-ID", null));
    assertEquals("replies@shop.example.com", first.getReplyTo()[0].toString());
    assertTrue(first.getFrom()[0].toString().contains("Shop Team"));
    MimeMultipart parts = (MimeMultipart) first.getContent();
    assertEquals(2, parts.getCount());
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertTrue(
        html.contains("https://campaigns.example.com/t/c/"), "links go through click redirects");
    assertFalse(html.contains("href=\"https://shop.example.com/"), "no untracked link is left");
    assertTrue(html.contains("https://campaigns.example.com/t/o/"), "the open pixel is there");
    assertTrue(text.contains("Our sale (https://shop.example.com/sale)"), text);

    List<List<Object>> italians =
        probe.rows(
            "SELECT o.EMAIL, c.FIRST_NAME FROM CM_OUTBOX o JOIN CM_CONTACT_INDEX c ON c.PARTY_ID = o.PARTY_ID WHERE o.MAILING_ID = ? AND o.STATE = 'SENT' AND c.COUNTRY = 'ITA'",
            m);
    if (!italians.isEmpty()) {
      assertEquals(
          "Ciao " + italians.get(0).get(1),
          receivedBy((String) italians.get(0).get(0)).get(0).getSubject());
    }

    assertEquals(
        38,
        probe.scalar("SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE = 'SENT'", m));
    assertEquals(
        38,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_EVENT WHERE MAILING_ID = ? AND TYPE = 'DELIVERED'", m));
    List<MessagesSent> events = probe.observed().subList(eventsBefore, probe.observed().size());
    assertEquals(
        38,
        events.stream().filter(e -> e.mailingId() == m).mapToInt(MessagesSent::count).sum(),
        "MessagesSent events add up to the messages sent");
    assertTrue(events.stream().filter(e -> e.mailingId() == m).allMatch(e -> e.campaignId() == 7));
    await(
        "the campaign charged",
        20,
        () -> {
          try {
            return probe.scalar(charged) == chargedBefore + 38;
          } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
          }
        });
  }

  @Test
  void pauseResumeAndCancelTakeEffectWithinSeconds() throws Exception {
    long t = saved("slow");
    long list = list("slow list", "pause.example.com", mailableContacts(60));
    long m = send(t, 8, list, null, "UTC", 10);
    await("some messages", 20, () -> count(m, "SENT") >= 5);
    assertEquals(200, api.act(m, "pause").status());
    await(
        "the pause: every claim put back",
        10,
        () -> "PAUSED".equals(state(m)) && count(m, "SENDING") == 0);
    long atPause = count(m, "SENT");
    int receivedAtPause = receivedBy("@pause.example.com").size();
    assertTrue(atPause < 60);
    // whatever the relay receives during the pause fails the test at once
    stays(
        "nothing is sent while paused",
        3,
        () ->
            count(m, "SENT") == atPause
                && receivedBy("@pause.example.com").size() == receivedAtPause);
    assertEquals(409, api.act(m, "pause").status(), "a paused mailing cannot be paused again");

    assertEquals(200, api.act(m, "resume").status());
    await("sending again", 20, () -> count(m, "SENT") > atPause);
    assertEquals(200, api.act(m, "cancel").status());
    await(
        "the cancel: every claim ended, the rest cancelled",
        10,
        () ->
            "CANCELLED".equals(state(m))
                && count(m, "SENDING") == 0
                && count(m, "SENT") + count(m, "CANCELLED") == 60);
    long sent = count(m, "SENT");
    assertTrue(sent < 60, "cancelled before the end: " + sent);
    assertEquals(60 - sent, count(m, "CANCELLED"));
    stays("nothing is sent once cancelled", 2, () -> count(m, "SENT") == sent);
    assertEquals(
        sent,
        receivedBy("@pause.example.com").size(),
        "what was received is what is recorded SENT");
  }

  @Test
  void aScheduledSendStartsAtItsTimeInItsZone() throws Exception {
    long t = saved("scheduled");
    long list = list("scheduled list", "sched.example.com", mailableContacts(3));
    ZoneId zone = ZoneId.of("America/New_York");
    LocalDateTime inFiveSeconds = LocalDateTime.now(zone).plusSeconds(5).withNano(0);
    Answer a = api.send(t, 9, list, inFiveSeconds, zone.getId(), null);
    assertEquals(201, a.status(), a.body().toString());
    long m = a.id();
    assertEquals("SCHEDULED", a.body().getString("state"));
    assertEquals(
        inFiveSeconds.atZone(zone).toOffsetDateTime().toString(), a.body().getString("sendAt"));
    assertEquals(
        0,
        probe.scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ?", m),
        "recipients are prepared at send time");
    stays("nothing before its time", 2, () -> receivedBy("@sched.example.com").isEmpty());
    await("the scheduled mailing", 30, () -> "COMPLETED".equals(state(m)));
    assertEquals(3, receivedBy("@sched.example.com").size());
  }

  @Test
  void emptyAndRefreshingListsAreExplainedNotSilentlySent() throws Exception {
    long t = saved("nobody");
    long empty = probe.list("empty list", "READY", new String[0][]);
    Answer e = api.in("de").send(t, 1, empty, null, "UTC", null);
    assertEquals(400, e.status());
    assertEquals(
        "Die Liste \"empty list\" hat keine Mitglieder: nichts würde gesendet.", e.message());
    api.in("en");

    probe.sql(
        "DELETE FROM CM_SUPPRESSION WHERE EMAIL = 'gone@empty.example.com'"); // the IT database is
    // kept
    probe.sql(
        "INSERT INTO CM_SUPPRESSION (EMAIL, REASON, CREATED_AT) VALUES ('gone@empty.example.com', 'UNSUBSCRIBED', CURRENT_TIMESTAMP)");
    long suppressed =
        probe.list(
            "suppressed list", "READY", new String[][] {{"IT-GONE", "gone@empty.example.com"}});
    Answer s = api.send(t, 1, suppressed, null, "UTC", null);
    assertEquals(400, s.status());
    assertTrue(
        s.message().startsWith("All 1 members of the list \"suppressed list\" are suppressed"),
        s.message());

    long refreshing =
        probe.list(
            "refreshing list",
            "REFRESHING",
            new String[][] {{mailableContacts(1).get(0), "r1@refresh.example.com"}});
    Answer r = api.in("fr").send(t, 1, refreshing, null, "UTC", null);
    assertEquals(409, r.status(), "the list's state: a conflict, as audiences answers it");
    assertTrue(r.message().contains("en cours d'actualisation"), r.message());
    api.in("en");
    assertEquals(404, api.send(t, 1, 999_999, null, "UTC", null).status());
    assertEquals(
        400, api.send(t, 1, refreshing, LocalDateTime.now(), "Mars/Olympus", null).status());
    assertEquals(
        0,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_MAILING WHERE LIST_ID IN (?, ?, ?)",
            empty,
            suppressed,
            refreshing));
  }

  @Test
  void aCompletedOrCancelledCampaignTakesNoNewSends() throws Exception {
    long t = saved("closed campaign");
    long list = list("closed campaign list", "closed.example.com", mailableContacts(2));
    try (java.sql.Connection c = probe.connection()) {
      TestCampaigns.ensure(c, 901, 902);
    }
    probe.sql("UPDATE CM_CAMPAIGN SET STATUS = 'COMPLETED' WHERE ID = 901");
    probe.sql("UPDATE CM_CAMPAIGN SET STATUS = 'ACTIVE' WHERE ID = 902"); // the database is kept
    Answer refused = api.in("it").send(t, 901, list, null, "UTC", null);
    assertEquals(409, refused.status(), refused.body().toString());
    assertTrue(
        refused
            .message()
            .endsWith(
                " è completata o annullata: non accetta nuovi invii. Scegli una campagna aperta."),
        refused.message());
    api.in("en");

    // scheduled while open, cancelled before its time: it does not go out
    LocalDateTime inThreeSeconds = LocalDateTime.now(ZoneId.of("UTC")).plusSeconds(3).withNano(0);
    Answer scheduled = api.send(t, 902, list, inThreeSeconds, "UTC", null);
    assertEquals(201, scheduled.status(), scheduled.body().toString());
    probe.sql("UPDATE CM_CAMPAIGN SET STATUS = 'CANCELLED' WHERE ID = 902");
    await(
        "the scheduled mailing to be cancelled",
        30,
        () -> "CANCELLED".equals(state(scheduled.id())));
    assertEquals(0, receivedBy("@closed.example.com").size());
    assertEquals(
        0, probe.scalar("SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ?", scheduled.id()));
    assertEquals(
        0,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_MAILING WHERE CAMPAIGN_ID = 901 AND LIST_ID = ?", list));
  }

  @Test
  void analystsMayReadButNotSend() throws Exception {
    long t = saved("read only");
    MailingApi analyst = new MailingApi(request.getLocalPort(), "analyst");
    assertEquals(403, analyst.saveTemplate(draft("by an analyst")).status());
    long list = list("analyst list", "analyst.example.com", mailableContacts(1));
    assertEquals(403, analyst.send(t, 1, list, null, "UTC", null).status());
    assertEquals(200, analyst.call("GET", "/templates", null).status());
  }

  @Test
  void twoClaimsOnOneOutboxNeverShareARow() throws Exception {
    long t = saved("concurrent claims");
    long list = list("claims list", "claims.example.com", mailableContacts(50));
    // scheduled far ahead, so the sender leaves it alone; its rows are made due by hand
    long m = send(t, 2, list, LocalDateTime.now().plusDays(1), "UTC", null);
    try (Connection c = probe.connection()) {
      OutboxStore.enqueue(
          c,
          m,
          2,
          list,
          LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1),
          LocalDateTime.now(ZoneOffset.UTC));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    // both first claims start together, and neither claims again before both made their first
    // (else, on a loaded machine, one thread could take all 50 before the other got a connection)
    CyclicBarrier start = new CyclicBarrier(2);
    CyclicBarrier firstClaimsMade = new CyclicBarrier(2);
    try {
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        String token =
            "it-worker-" + m + "-" + w; // this mailing's own, whatever a kept database holds
        claims.add(
            pool.submit(
                () -> {
                  List<Long> all = new ArrayList<>();
                  try (Connection c = probe.connection()) {
                    int round = 0;
                    start.await(30, TimeUnit.SECONDS);
                    List<Long> got;
                    do {
                      got =
                          OutboxStore.claim(
                              c,
                              m,
                              7,
                              6,
                              token + ":" + round, // a token names one claim, as the sender's do
                              LocalDateTime.now(ZoneOffset.UTC),
                              id -> "<" + id + "@it>");
                      all.addAll(got);
                      if (round++ == 0) {
                        firstClaimsMade.await(30, TimeUnit.SECONDS);
                      }
                    } while (!got.isEmpty());
                  }
                  return all;
                }));
      }
      List<Long> a = claims.get(0).get();
      List<Long> b = claims.get(1).get();
      Map<Long, Integer> seen = new HashMap<>();
      a.forEach(id -> seen.merge(id, 1, Integer::sum));
      b.forEach(id -> seen.merge(id, 1, Integer::sum));
      assertEquals(50, seen.size(), "every row claimed");
      assertTrue(seen.values().stream().allMatch(n -> n == 1), "no row claimed twice");
      assertFalse(
          a.isEmpty() || b.isEmpty(), "both claimers got work: " + a.size() + "/" + b.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reconciliationReadsAStoppedClaimsProgress() throws Exception {
    long t = saved("stopped claims");
    long list = list("progress list", "progress.example.com", mailableContacts(12));
    long m = send(t, 2, list, LocalDateTime.now().plusDays(1), "UTC", null);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    List<Long> resent;
    List<Long> assumed;
    try (Connection c = probe.connection()) {
      OutboxStore.enqueue(c, m, 2, list, now.minusMinutes(1), now);
      // two claims of six, as two sender threads that were killed would leave them: each had
      // begun its third row (sent the first two, the third in doubt, the rest untried)
      resent = OutboxStore.claim(c, m, 6, 6, "it-stopped:1", now, id -> "<" + id + ".r@it>");
      assumed = OutboxStore.claim(c, m, 6, 6, "it-stopped:2", now, id -> "<" + id + ".a@it>");
      java.util.Collections.sort(resent);
      java.util.Collections.sort(assumed);
      try (var begin = OutboxStore.prepareBegin(c)) {
        for (int i = 0; i < 3; i++) {
          assertTrue(OutboxStore.begin(begin, "it-stopped:1", resent.get(i), now));
          assertTrue(OutboxStore.begin(begin, "it-stopped:2", assumed.get(i), now));
        }
      }
      // the second row of the first claim was refused by the server and written at once
      OutboxStore.settle(
          c,
          "it-stopped:1",
          new OutboxStore.Failure(resent.get(1), OutboxState.BOUNCED, "550 no such user", null),
          now);
      LocalDateTime later = now.plusMinutes(10);
      OutboxStore.Reconciled fresh =
          OutboxStore.reconcile(c, now.minusMinutes(5), true, "it-reconcile:0", later);
      assertEquals(
          null, fresh.sentByMailing().get(List.of(2L, m)), "claims in progress are left alone");
      assertEquals(
          11, // the twelfth, refused, was settled at once
          probe.scalar(
              "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND CLAIMED_BY IS NOT NULL", m));
      OutboxStore.Reconciled r1 =
          OutboxStore.reconcile(c, later.minusMinutes(5), true, "it-reconcile:1", later);
      // (other tests' stopped claims may be taken over by the same reconciliation)
      assertTrue(r1.inDoubt() >= 2, "one row in doubt per claim");
      assertTrue(r1.retried() >= 6, "three untried rows per claim back in line");
      assertEquals(3, r1.sentByMailing().get(List.of(2L, m)), "rows below the progresses");
    }
    assertEquals("SENT", outboxState(resent.get(0)));
    assertEquals("BOUNCED", outboxState(resent.get(1)));
    assertEquals("FAILED", outboxState(resent.get(2)), "in doubt: due again, same Message-ID");
    assertEquals(
        "<" + resent.get(2) + ".r@it>",
        probe.rows("SELECT MESSAGE_ID FROM CM_OUTBOX WHERE ID = ?", resent.get(2)).get(0).get(0));
    for (int i = 3; i < 6; i++) {
      assertEquals("PENDING", outboxState(resent.get(i)));
      assertEquals("PENDING", outboxState(assumed.get(i)));
    }
    assertEquals(
        2,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_EVENT WHERE TYPE IN ('SENT', 'DELIVERED') AND OUTBOX_ID = ?",
            assumed.get(1)),
        "a SENT and a DELIVERED event for a row below the progress");
    assertEquals(
        0,
        probe.scalar("SELECT COUNT(*) FROM CM_SENDER_PROGRESS WHERE MAILING_ID = ?", m),
        "the stopped claims' progress is gone");
    assertEquals(
        0,
        probe.scalar(
            "SELECT COUNT(*) FROM CM_OUTBOX WHERE MAILING_ID = ? AND CLAIMED_BY IS NOT NULL", m));
  }

  @Test
  void anInDoubtMessageCanBeCountedAsSent() throws Exception {
    long t = saved("assumed claims");
    long list = list("assumed list", "assumed.example.com", mailableContacts(4));
    long m = send(t, 2, list, LocalDateTime.now().plusDays(1), "UTC", null);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    List<Long> claimed;
    try (Connection c = probe.connection()) {
      OutboxStore.enqueue(c, m, 2, list, now.minusMinutes(1), now);
      claimed = OutboxStore.claim(c, m, 4, 6, "it-assumed:1", now, id -> "<" + id + "@it>");
      java.util.Collections.sort(claimed);
      try (var begin = OutboxStore.prepareBegin(c)) {
        assertTrue(OutboxStore.begin(begin, "it-assumed:1", claimed.get(0), now));
        assertTrue(OutboxStore.begin(begin, "it-assumed:1", claimed.get(1), now));
      }
      LocalDateTime later = now.plusMinutes(10);
      OutboxStore.Reconciled r =
          OutboxStore.reconcile(c, later.minusMinutes(5), false, "it-reconcile:2", later);
      assertTrue(r.inDoubt() >= 1 && r.retried() >= 2, r.toString());
      assertEquals(2, r.sentByMailing().get(List.of(2L, m)), "the row in doubt counted as sent");
    }
    List<List<Object>> inDoubt =
        probe.rows("SELECT STATE, LAST_REPLY FROM CM_OUTBOX WHERE ID = ?", claimed.get(1));
    assertEquals("SENT", inDoubt.get(0).get(0));
    assertTrue(String.valueOf(inDoubt.get(0).get(1)).startsWith("in doubt: counted as sent"));
    assertEquals("SENT", outboxState(claimed.get(0)));
    assertEquals("PENDING", outboxState(claimed.get(2)));
    assertEquals("PENDING", outboxState(claimed.get(3)));
  }

  @Test
  void aConsentWithdrawnInTheErpCountsAtSendTimeBeforeTheContactIndexKnowsIt() throws Exception {
    long t = saved("erp consent");
    List<String> contacts = mailableContacts(3);
    String[][] members = new String[3][];
    for (int i = 0; i < 3; i++) {
      String email =
          (String)
              probe
                  .rows(
                      "SELECT LOWER(EMAIL) FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?",
                      contacts.get(i))
                  .get(0)
                  .get(0);
      members[i] = new String[] {contacts.get(i), email};
    }
    String withdrawn = members[1][1];
    probe.sql(
        "DELETE FROM CM_SUPPRESSION WHERE EMAIL IN (?, ?, ?)",
        members[0][1],
        withdrawn,
        members[2][1]);
    long list = probe.list("erp consent list", "READY", members);
    List<List<Object>> before =
        probe.rows(
            "SELECT m.CONTACT_MECH_ID, m.ALLOW_SOLICITATION FROM PARTY_CONTACT_MECH m"
                + " JOIN CONTACT_MECH c ON c.CONTACT_MECH_ID = m.CONTACT_MECH_ID"
                + " WHERE m.PARTY_ID = ? AND LOWER(c.INFO_STRING) = ?",
            contacts.get(1),
            withdrawn);
    assertFalse(before.isEmpty(), "the contact's address is an ERP contact mech");
    int receivedBefore = receivedBy(withdrawn).size();
    int othersBefore = receivedBy(members[0][1]).size() + receivedBy(members[2][1]).size();
    try {
      // in the ERP only: the contact index still says solicitation is allowed
      probe.sql(
          "UPDATE PARTY_CONTACT_MECH SET ALLOW_SOLICITATION = 'N' WHERE PARTY_ID = ?"
              + " AND CONTACT_MECH_ID = ?",
          contacts.get(1),
          before.get(0).get(0));
      assertEquals(
          1,
          probe.scalar(
              "SELECT COUNT(*) FROM CM_CONTACT_INDEX WHERE PARTY_ID = ?"
                  + " AND COALESCE(ALLOW_SOLICITATION, 'Y') <> 'N'",
              contacts.get(1)));
      long m = send(t, 2, list, null, "UTC", null);
      await("the mailing to complete", 60, () -> "COMPLETED".equals(state(m)));
      assertEquals(2, count(m, "SENT"));
      assertEquals(1, count(m, "SUPPRESSED"));
      assertEquals(
          "SUPPRESSED",
          probe
              .rows(
                  "SELECT STATE FROM CM_OUTBOX WHERE MAILING_ID = ? AND PARTY_ID = ?",
                  m,
                  contacts.get(1))
              .get(0)
              .get(0));
      assertEquals(receivedBefore, receivedBy(withdrawn).size(), "nothing sent to the withdrawn");
      assertEquals(
          othersBefore + 2, receivedBy(members[0][1]).size() + receivedBy(members[2][1]).size());
    } finally {
      for (List<Object> row : before) {
        probe.sql(
            "UPDATE PARTY_CONTACT_MECH SET ALLOW_SOLICITATION = ? WHERE PARTY_ID = ?"
                + " AND CONTACT_MECH_ID = ?",
            row.get(1),
            contacts.get(1),
            row.get(0));
      }
    }
  }

  @Test
  void aMessageGoesFromItsReturnPathWhereABounceThatQuotesNothingFindsIt() throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    String gone = "gone." + run + "@verp.example.com";
    String kept = "kept." + run + "@verp.example.com";
    List<String> contacts = mailableContacts(2);
    long list =
        probe.list(
            "verp " + run,
            "READY",
            new String[][] {{contacts.get(0), gone}, {contacts.get(1), kept}});
    long m = send(saved("verp " + run), 7, list, null, "UTC", null);
    await("the mailing to complete", 60, () -> "COMPLETED".equals(state(m)));
    String row = "SELECT ID FROM CM_OUTBOX WHERE MAILING_ID = ? AND EMAIL = ?";
    long goneRow = probe.scalar(row, m, gone);
    long keptRow = probe.scalar(row, m, kept);

    // what the receiving server got: the envelope sender (GreenMail writes it as Return-Path) is
    // the message's own signed address; the list headers are there
    MimeMessage received = receivedBy(gone).get(0);
    String returnPath = returnPaths.address(goneRow).orElseThrow();
    assertTrue(returnPath.matches("bounces\\+[0-9a-z]+-[a-z2-7]{16}@localhost"), returnPath);
    assertEquals(1, received.getHeader("Return-Path").length, "only the receiving server's");
    assertEquals("<" + returnPath + ">", received.getHeader("Return-Path", null));
    assertEquals("<campaign-7.localhost>", received.getHeader("List-Id", null));
    assertEquals("bulk", received.getHeader("Precedence", null));
    assertEquals(
        "<" + returnPaths.address(keptRow).orElseThrow() + ">",
        receivedBy(kept).get(0).getHeader("Return-Path", null),
        "each message its own");

    // bounces that quote nothing (no Message-ID, no original), delivered to return paths: the
    // genuine one, and one with the other message's id under this one's signature
    String bounceKey = "<verp." + run + "@mx.verp.example.com>";
    String forgedKey = "<forged." + run + "@mx.verp.example.com>";
    String forged =
        "bounces+" + Long.toString(keptRow, 36) + returnPath.substring(returnPath.indexOf('-'));
    deliver(returnPath, bounceQuotingNothing(bounceKey, returnPath, gone));
    deliver(forged, bounceQuotingNothing(forgedKey, forged, kept));

    String inbound = "SELECT COUNT(*) FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY = ?";
    await(
        "the bounce recorded",
        60,
        () -> {
          try {
            mailbox.poll();
            return probe.scalar(inbound, bounceKey) == 1;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    List<Object> recorded =
        probe
            .rows(
                "SELECT OUTBOX_ID, KIND, DECISION FROM CM_INBOUND_MAIL WHERE MESSAGE_KEY = ?",
                bounceKey)
            .get(0);
    assertEquals(goneRow, ((Number) recorded.get(0)).longValue(), "matched by its return path");
    assertEquals("HARD_BOUNCE", recorded.get(1));
    assertEquals("SUPPRESSED", recorded.get(2));
    assertEquals("BOUNCED", outboxState(goneRow));
    assertEquals(
        "HARD_BOUNCE",
        probe.rows("SELECT REASON FROM CM_SUPPRESSION WHERE EMAIL = ?", gone).get(0).get(0));

    BounceMailbox.Poll again = mailbox.poll();
    assertTrue(again.leftAlone() >= 1, "the forged one stays for a human: " + again);
    assertEquals(0, probe.scalar(inbound, forgedKey), "a forged return path matches nothing");
    assertEquals("SENT", outboxState(keptRow));
    assertEquals(0, probe.scalar("SELECT COUNT(*) FROM CM_SUPPRESSION WHERE EMAIL = ?", kept));
  }

  /** An RFC 3464 report without the returned message or its headers, as some servers send. */
  private static String bounceQuotingNothing(String messageId, String to, String failed) {
    return "From: MAILER-DAEMON@mx.verp.example.com (Mail Delivery System)\r\n"
        + "To: "
        + to
        + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        + "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nMessage-ID: "
        + messageId
        + "\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        + "Your message could not be delivered to one or more recipients.\r\n\r\n"
        + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.verp.example.com\r\n\r\n"
        + "Final-Recipient: rfc822; "
        + failed
        + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 <"
        + failed
        + ">: Recipient address rejected: User unknown\r\n\r\n"
        + "--b1--\r\n";
  }

  /**
   * Hands a message to the demo mail server for this envelope recipient, as the mail system that
   * bounced would: the server's plus addressing puts it into the polled bounces@localhost.
   */
  private static void deliver(String recipient, String raw) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", System.getProperty("campaigns.smtp.port", "3025"));
    Session session = Session.getInstance(props);
    MimeMessage m =
        new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new InternetAddress[] {new InternetAddress(recipient)});
    }
  }

  private Object outboxState(long outboxId) throws Exception {
    return probe.rows("SELECT STATE FROM CM_OUTBOX WHERE ID = ?", outboxId).get(0).get(0);
  }
}
