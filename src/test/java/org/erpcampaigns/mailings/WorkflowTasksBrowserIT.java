package org.erpcampaigns.mailings;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.screenshot;
import static org.erpcampaigns.Browser.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.erpcampaigns.Browser;
import org.erpcampaigns.Deployments;
import org.erpcampaigns.mailings.MailingApi.Answer;
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
 * The tasks workflows give people, in headless Chromium: a workflow of two contacts asks the
 * marketer for a thank-you call and the admin for a note; the marketer sees the count in the
 * navigation, their own calls in the work queue (everyone's on demand), the calls marked overdue
 * once their due time has passed (the demo clock moves), closes one with a result, and finds it on
 * the contact's page with the contact's timeline. Screenshots in target/screenshots (tasks-*.png).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkflowTasksBrowserIT {
  static final String CALL = "Thank for the first order";
  static final String NOTE = "Note the account manager";

  static WebDriver browser;
  static WebDriverWait wait;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar().addClasses(BrowserListFixture.class, TestCampaigns.class);
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.chromium(1400, 1000);
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
  void marketerWorksThroughTheTasksAWorkflowGives() throws Exception {
    MailingApi marketer = new MailingApi(base.getPort(), "marketer");
    MailingApi admin = new MailingApi(base.getPort(), "admin");
    closeOpenTasks(marketer); // the queue starts empty, whatever ran before on this database
    long list = listNamed(marketer, BrowserListFixture.TASK_LIST);
    // the decision this workflow asks for (earlier ones' may still wait on the database)
    String question = "Qualified lead? " + System.nanoTime() % 1_000_000_000;
    long workflow = startTaskWorkflow(marketer, list, question);
    WorkflowIT.await(
        "four tasks", 60, () -> tasks(marketer, "?workflow=" + workflow + "&all=true").size() == 4);

    logIn(browser, wait, base, "marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    assertEquals("2", browser.findElement(By.id("nav-tasks-open")).getText(), "two calls for me");
    browser.findElement(By.id("nav-tasks")).click();
    wait.until(ExpectedConditions.urlContains("/workflows/tasks.xhtml"));
    assertEquals(List.of(CALL, CALL), titles(), "my queue: my two calls, not the admin's notes");
    assertTrue(overdueBadges().isEmpty(), "nothing is due yet");

    browser
        .findElement(By.xpath("//*[@id='tasks-form:scope']//*[contains(text(),'Everyone')]"))
        .click();
    wait.until(d -> titles().size() == 4);
    assertEquals(2, titles().stream().filter(NOTE::equals).count());
    screenshot(browser, "tasks-01-everyone");

    // the two contacts wait for the marketer's decision: yes for the first, in the queue
    List<WebElement> asked =
        wait.until(
            d -> {
              List<WebElement> q =
                  d.findElements(By.cssSelector("[id$=':question']")).stream()
                      .filter(e -> question.equals(e.getText()))
                      .toList();
              return q.size() == 2 ? q : null;
            });
    String asking = asked.get(0).getAttribute("id").replace(":question", "");
    String decidedFor = browser.findElement(By.id(asking + ":decision-contact")).getText();
    browser
        .findElement(
            By.xpath(
                "//*[@id='"
                    + asking
                    + ":question']/ancestor::tr//div[contains(@class,'ui-chkbox-box')]"))
        .click();
    browser.findElement(By.id("decisions-form:decide-yes")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("tasks-messages"), "Yes for 1 contacts."));
    screenshot(browser, "tasks-01b-decided");
    JsonArray stillAsked = marketer.list("/workflows/decisions?workflow=" + workflow);
    assertEquals(1, stillAsked.size(), stillAsked.toString());
    assertTrue(!decidedFor.equals(stillAsked.getJsonObject(0).getString("contactName", "")));
    WorkflowIT.await(
        "the yes converts",
        30,
        () ->
            counts(marketer, workflow).containsKey("hot")
                && counts(marketer, workflow).getJsonObject("hot").getInt("ENDED", 0) == 1);
    // the other, in bulk by its state, over REST: no
    Answer no =
        marketer.api(
            "POST",
            "/workflows/" + workflow + "/decisions",
            Json.createObjectBuilder().add("state", "thanks").add("yes", false).build());
    assertEquals(200, no.status(), no.body().toString());
    assertEquals(1, no.body().getInt("contacts"));
    Answer undecided =
        marketer
            .in("fr")
            .api(
                "POST",
                "/workflows/" + workflow + "/decisions",
                Json.createObjectBuilder().add("state", "thanks").build());
    assertEquals(400, undecided.status());
    assertEquals("Indiquez la décision : oui ou non.", undecided.message());
    marketer.in("en");

    // two days and a bit later the calls (due in 2 days) are overdue; the notes (5 days) are not
    Answer moved = admin.api("POST", "/demo/clock?by=PT49H", null);
    assertEquals(200, moved.status(), moved.body().toString());
    Browser.open(browser, base, "workflows/tasks.xhtml");
    wait.until(d -> titles().size() == 2);
    assertEquals(2, overdueBadges().size(), "both calls are overdue");

    String contact = browser.findElement(By.id("tasks-form:tasks:0:task-contact")).getText();
    browser.findElement(By.id("tasks-form:tasks:0:complete")).click();
    WebElement text = wait.until(visible("complete-form:result"));
    text.sendKeys("Reached her: she orders again in spring");
    screenshot(browser, "tasks-02-close-dialog");
    browser.findElement(By.id("complete-form:confirm")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("tasks-messages"), "The task is closed"));
    wait.until(d -> titles().size() == 1);

    // in German, all of my tasks: the closed call leads to its contact's page and timeline
    Browser.open(browser, base, "workflows/tasks.xhtml?lang=de");
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Aufgaben"));
    assertEquals(
        "de",
        browser.findElement(By.tagName("html")).getAttribute("lang"),
        "screen readers read the page in its language");
    browser
        .findElement(
            By.xpath("//*[@id='tasks-form:open-only']//div[contains(@class,'ui-chkbox-box')]"))
        .click();
    // open ones first, then the latest closed: this run's call, with its result
    WebElement result =
        wait.until(
            d ->
                d.findElements(By.cssSelector("[id$=':task-result']")).stream()
                    .filter(e -> e.getText().contains("Reached her"))
                    .findFirst()
                    .orElse(null));
    screenshot(browser, "tasks-03-mine-de");
    String row = result.getAttribute("id").replace(":task-result", "");
    WebElement done = browser.findElement(By.id(row + ":task-contact"));
    assertEquals(contact, done.getText());
    done.click();
    wait.until(ExpectedConditions.urlContains("/contacts/contact.xhtml"));
    // the tab, not the navigation's Workflows
    browser.findElement(By.cssSelector("a[href$='tab-workflows']")).click();
    WebElement tasks = wait.until(visible("tabs:contact-tasks"));
    assertTrue(
        tasks.getText().contains("marketer: Reached her: she orders again in spring"),
        tasks.getText());
    String timeline = browser.findElement(By.id("tabs:timeline")).getText();
    assertTrue(timeline.contains("Aufgabe abgeschlossen"), timeline);
    assertTrue(timeline.contains("Aufgenommen"), timeline);
    screenshot(browser, "tasks-04-contact-timeline-de");
    Browser.open(browser, base, "workflows/tasks.xhtml?lang=en");
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Tasks"));
    assertEquals("1", browser.findElement(By.id("nav-tasks-open")).getText());

    // the REST API tells the same: one call closed by the marketer, with its result
    JsonArray closed = tasks(marketer, "?workflow=" + workflow + "&all=true");
    long doneCount =
        closed.stream()
            .map(JsonValue::asJsonObject)
            .filter(t -> "DONE".equals(t.getString("status")))
            .peek(t -> assertEquals("marketer", t.getString("doneBy")))
            .count();
    assertEquals(1, doneCount, closed.toString());
  }

  private static JsonObject counts(MailingApi api, long workflow) {
    try {
      return api.api("GET", "/workflows/" + workflow, null).body().getJsonObject("contacts");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> titles() {
    return browser.findElements(By.cssSelector("[id$=':task-title']")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private List<WebElement> overdueBadges() {
    return browser.findElements(By.cssSelector("[id$=':overdue']"));
  }

  private static JsonArray tasks(MailingApi api, String query) {
    try {
      return api.list("/workflows/tasks" + query);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeOpenTasks(MailingApi api) throws Exception {
    for (JsonValue t : api.list("/workflows/tasks")) {
      long id = t.asJsonObject().getJsonNumber("id").longValue();
      api.api("POST", "/workflows/tasks/" + id + "/done", Json.createObjectBuilder().build());
    }
  }

  private static long listNamed(MailingApi api, String prefix) throws Exception {
    return api.list("/lists").stream()
        .map(JsonValue::asJsonObject)
        .filter(l -> l.getString("name").startsWith(prefix))
        .mapToLong(l -> l.getJsonNumber("id").longValue())
        .max()
        .orElseThrow(() -> new AssertionError("no list " + prefix));
  }

  private static long startTaskWorkflow(MailingApi api, long list, String question)
      throws Exception {
    JsonObject definition =
        Json.createReader(
                new StringReader(
                    ("{'start':'thanks','states':[{'key':'thanks','name':'Thank you','steps':["
                            + "{'key':'call','kind':'TASK','taskKind':'CALL','title':'"
                            + CALL
                            + "','assignee':'marketer','dueInDays':2},"
                            + "{'key':'note','kind':'TASK','taskKind':'NOTE','title':'"
                            + NOTE
                            + "','assignee':'admin','dueInDays':5},"
                            + "{'key':'qualified','kind':'WAIT_FOR','name':'"
                            + question
                            + "','event':'DECIDED','amount':3,'unit':'DAYS','then':'hot',"
                            + "'otherwise':'cold'}]},"
                            + "{'key':'hot','name':'Hot','steps':[{'key':'won','kind':'END',"
                            + "'outcome':'CONVERTED'}]},"
                            + "{'key':'cold','name':'Cold','steps':[{'key':'lost','kind':'END',"
                            + "'outcome':'NOT_INTERESTED'}]}]}")
                        .replace('\'', '"')))
            .readObject();
    Answer created =
        api.api(
            "POST",
            "/workflows",
            Json.createObjectBuilder()
                .add("campaignId", 1)
                .add("name", "Thank-you calls " + System.nanoTime())
                .add("listId", list)
                .add("definition", definition)
                .build());
    assertEquals(201, created.status(), created.body().toString());
    long id = created.id();
    Answer published = api.api("POST", "/workflows/" + id + "/publish", null);
    assertEquals(200, published.status(), published.body().toString());
    Answer started = api.api("POST", "/workflows/" + id + "/actions/START", null);
    assertEquals(200, started.status(), started.body().toString());
    return id;
  }
}
