package org.erpcampaigns.mailings;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.Browser;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.mailings.MailingApi.Answer;
import org.erpcampaigns.mailings.boundary.TemplateDraft;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign's live dashboard in headless Chromium: a campaign of its own sends to two contacts;
 * the dashboard counts them sent; one recipient opens the mail (its real pixel URL, read from the
 * demo mail server's mailbox over IMAP) and clicks its link, and the open page shows the open, the
 * rates and the clicked link without being reloaded. Screenshot:
 * target/screenshots/dashboard-*.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignDashboardBrowserIT {
  static WebDriver browser;
  static WebDriverWait wait;

  @ArquillianResource URL base;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar().addClasses(BrowserListFixture.class, TestCampaigns.class);
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.chromium(1400, 1300);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theDashboardMovesByItselfWhenARecipientOpensAndClicks() throws Exception {
    MailingApi api = new MailingApi(base.getPort(), "marketer");
    String name = "Dashboard " + System.nanoTime();
    long campaign = activeCampaign(api, name);
    long list =
        api.list("/lists").stream()
            .map(JsonValue::asJsonObject)
            .filter(l -> l.getString("name").startsWith(BrowserListFixture.TASK_LIST))
            .mapToLong(l -> l.getJsonNumber("id").longValue())
            .max()
            .orElseThrow();
    List<String> recipients =
        api.api("GET", "/lists/" + list + "/members", null).body().getJsonArray("members").stream()
            .map(m -> m.asJsonObject().getString("email"))
            .toList();
    assertEquals(2, recipients.size(), recipients.toString());
    TemplateDraft draft = MailingSendIT.draft("dashboard mail");
    draft.campaignId = campaign;
    Answer template = api.saveTemplate(draft);
    assertEquals(200, template.status(), template.body().toString());
    Answer sent = api.send(template.id(), campaign, list, null, "UTC", null);
    assertEquals(201, sent.status(), sent.body().toString());

    logIn(browser, wait, base, "marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    Browser.open(browser, base, "monitoring/campaign.xhtml?id=" + campaign);
    wait.until(ExpectedConditions.textToBe(By.id("count-sent"), "2"));
    assertEquals("0", text("count-opened"));
    assertEquals("0 %", text("rate-open"));

    // one recipient opens the mail and clicks its link: the page is not reloaded
    String html = htmlOf(recipients.get(0));
    assertEquals(200, hit(path(html, "/t/o/")));
    // pushed: well before the page's fallback poll (every 10 s) would show it
    new WebDriverWait(browser, Duration.ofSeconds(8))
        .until(ExpectedConditions.textToBe(By.id("count-opened"), "1"));
    assertEquals("50 %", text("rate-open"), "one of two delivered opened");
    assertEquals(302, hit(path(html, "/t/c/")));
    wait.until(ExpectedConditions.textToBe(By.id("count-clicked"), "1"));
    assertEquals("100 %", text("rate-click-to-open"));
    // this test's HTTP client, moments after sending, is a script, not a person
    assertEquals("by people: 0", text("human-opened"));
    assertEquals("by people: 0", text("human-clicked"));
    assertEquals("by people: 0 %", text("rate-open-human"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("dashboard-form:links"), "https://shop.example.com/"));
    screenshot(browser, "dashboard-01-live");

    // the same figures as the REST API's
    Answer engagement = api.api("GET", "/engagement/campaigns/" + campaign, null);
    assertEquals(
        1,
        engagement.body().getJsonObject("opened").getInt("contacts"),
        engagement.body().toString());
    assertEquals(2, engagement.body().getJsonObject("sent").getInt("contacts"));

    // the mailing's own page and the mailings list say it too
    long mailing = sent.id();
    Browser.open(browser, base, "mailings/mailing.xhtml?id=" + mailing);
    wait.until(ExpectedConditions.textToBe(By.id("engaged-opened"), "1"));
    assertEquals("1", browser.findElement(By.id("engaged-clicked")).getText());
    assertEquals("by people: 0 (0 %)", text("engaged-opened-human"));
    Browser.open(browser, base, "mailings/index.xhtml");
    String row =
        browser
            .findElement(
                By.xpath(
                    "//a[normalize-space(text())='"
                        + mailing
                        + "']/ancestor::tr//*[contains(@id,'open-rate')]"))
            .getText();
    assertEquals("50 %", row);

    Browser.open(browser, base, "monitoring/campaign.xhtml?id=" + campaign + "&lang=de");
    wait.until(ExpectedConditions.textToBe(By.id("count-opened"), "1"));
    assertTrue(
        browser.findElement(By.id("dashboard-form:dashboard")).getText().contains("Öffnungsrate"));
    screenshot(browser, "dashboard-02-de");

    // the recipients card: both recipients, none opened as a person (the hits were a script's)
    WebElement recipientsCard =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#recipients-form\\:recipients tbody tr")).size() == 2
                    ? d.findElement(By.id("recipients-form:recipients"))
                    : null);
    assertTrue(recipientsCard.getText().contains("1 / 1"), recipientsCard.getText());

    // the running campaigns side by side: this one with its two sends, in Italian
    Browser.open(browser, base, "monitoring/index.xhtml?lang=it");
    WebElement ours =
        wait.until(
            d ->
                d.findElements(By.xpath("//a[normalize-space(text())='" + name + "']")).stream()
                    .findFirst()
                    .orElse(null));
    WebElement overviewRow = ours.findElement(By.xpath("./ancestor::tr"));
    assertEquals(
        "2", overviewRow.findElement(By.cssSelector("[id$=':sent']")).getText(), "sent to two");
    assertEquals(1, overviewRow.findElements(By.cssSelector("svg.sparkline")).size());
    assertEquals("Campagne in corso", browser.findElement(By.tagName("h1")).getText());
    screenshot(browser, "dashboard-03-overview-it");
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  /** A new campaign, approved and started, so that it takes sends. */
  static long activeCampaign(MailingApi api, String name) throws Exception {
    Answer created =
        api.api(
            "POST",
            "/campaigns",
            Json.createObjectBuilder()
                .add("name", name)
                .add("type", "MARKETING")
                .add("audience", "B2C")
                .add("currency", "EUR")
                .build());
    assertEquals(201, created.status(), created.body().toString());
    long id = created.id();
    int version = created.body().getInt("version");
    for (String action : List.of("APPROVE", "START")) {
      Answer a =
          api.api("POST", "/campaigns/" + id + "/actions/" + action + "?version=" + version, null);
      assertEquals(200, a.status(), action + " " + a.body());
      version = a.body().getInt("version");
    }
    return id;
  }

  /** The HTML part of the message the demo mail server holds for {@code address} (over IMAP). */
  static String htmlOf(String address) throws Exception {
    Properties p = new Properties();
    p.put("mail.imap.connectiontimeout", "10000");
    p.put("mail.imap.timeout", "10000");
    int port = Integer.getInteger("it.smtp.port") + 618;
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Store store = Session.getInstance(p).getStore("imap");
      store.connect("127.0.0.1", port, address, address); // GreenMail: the address is the password
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message[] messages = inbox.getMessages();
        if (messages.length > 0) {
          return html(messages[messages.length - 1]);
        }
      } finally {
        store.close();
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("no message for " + address);
      }
      Thread.sleep(500);
    }
  }

  private static String html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart m) {
      for (int i = 0; i < m.getCount(); i++) {
        String h = html(m.getBodyPart(i));
        if (h != null) {
          return h;
        }
      }
    }
    return null;
  }

  /** The path of the first tracking link of a kind in the HTML (the host is the public URL's). */
  static String path(String html, String kind) {
    Matcher found =
        Pattern.compile("https?://[^/\"]+(" + Pattern.quote(kind) + "[^\"]+)").matcher(html);
    assertTrue(found.find(), kind + " in " + html);
    return found.group(1).replace("&amp;", "&");
  }

  private int hit(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
