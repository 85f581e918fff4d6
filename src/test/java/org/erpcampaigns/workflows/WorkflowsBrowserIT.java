package org.erpcampaigns.workflows;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.screenshot;
import static org.erpcampaigns.Browser.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erpcampaigns.Browser;
import org.erpcampaigns.Deployments;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The marketer's journey through the designer in headless Chromium: build the reminder workflow
 * ("email, reminder to non-openers after 3 days, call for clickers") from its ready-made one, see
 * publishing refused with the localised reason and its place while the emails have no template (in
 * English and German), choose the templates, publish, start, and read the contacts on the graph's
 * state boxes: the number on each box is the one the REST API gives, and it follows a move made
 * meanwhile without reloading the page. Screenshots: target/screenshots/workflows-*.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkflowsBrowserIT {
  static WebDriver browser;
  static WebDriverWait wait;

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar().addClasses(DesignerFixture.class);
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.chromium(1400, 1300);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // the graph's counts re-render every 3 seconds
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void marketerBuildsTheReminderWorkflowPublishesStartsAndSeesContactsOnTheBoxes()
      throws Exception {
    logIn(browser, wait, base, "marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    browser.findElement(By.id("nav-workflows")).click();

    // a new workflow from the ready-made reminder workflow, for this run's campaign and list
    wait.until(visible("create-form:new-name")).sendKeys("Spring reminders");
    browser.findElement(By.id("create-form:new-campaign_input")).sendKeys(DesignerFixture.CAMPAIGN);
    List<WebElement> campaigns =
        wait.until(
            ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#create-form\\:new-campaign_panel li.ui-autocomplete-item"), 0));
    WebElement campaign =
        campaigns.stream().max(Comparator.comparingLong(e -> number(e.getText()))).orElseThrow();
    String campaignLabel = campaign.getText();
    campaign.click();
    wait.until(
        d ->
            campaignLabel.equals(
                d.findElement(By.id("create-form:new-campaign_input")).getAttribute("value")));
    Browser.chooseOne(browser, wait, "create-form:new-list", newest("create-form:new-list"));
    Browser.chooseOne(
        browser,
        wait,
        "create-form:new-template",
        "Email, reminder to non-openers after 3 days, call for clickers");
    screenshot(browser, "workflows-01-new");
    browser.findElement(By.id("create-form:create")).click();

    wait.until(ExpectedConditions.urlContains("/workflows/workflow.xhtml"));
    Matcher idInUrl = Pattern.compile("[?&]id=(\\d+)").matcher(browser.getCurrentUrl());
    assertTrue(idInUrl.find(), browser.getCurrentUrl());
    long id = Long.parseLong(idInUrl.group(1));
    wait.until(ExpectedConditions.textToBe(By.id("workflow-name"), "Spring reminders"));
    // the ready-made workflow's five states are on the graph
    wait.until(d -> graphTexts().containsAll(List.of("Email send", "Reminder", "Follow-up")));
    assertTrue(
        graphTexts().containsAll(List.of("Call", "Result analysis")), graphTexts()::toString);

    // refused: its emails have no template yet; the reason and the place are shown
    browser.findElement(By.id("designer:publish")).click();
    WebElement refused =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#designer-messages .ui-messages-error")));
    assertTrue(
        refused.getText().contains("The email step has no template: choose one.")
            && refused.getText().contains("state send, step first-mail"),
        refused.getText());
    String problems = browser.findElement(By.id("designer:problems")).getText();
    assertTrue(
        problems.contains(
            "State “send”, step “first-mail”: The email step has no template: choose one."),
        problems);
    assertTrue(problems.contains("State “reminder”, step “reminder-mail”"), problems);
    assertFalse(published(id), "nothing was published");
    screenshot(browser, "workflows-02-refused-en");

    inLanguage("de");
    browser.findElement(By.id("designer:publish")).click();
    WebElement abgelehnt =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#designer-messages .ui-messages-error")));
    assertTrue(abgelehnt.getText().contains("Vorlage"), abgelehnt.getText());
    assertTrue(
        browser.findElement(By.id("designer:problems")).getText().contains("„send“"),
        browser.findElement(By.id("designer:problems")).getText());
    screenshot(browser, "workflows-03-refused-de");
    inLanguage("en");

    // the templates chosen, it publishes as version 1 and starts
    String template = newest("designer:states:0:steps:0:template");
    Browser.chooseOne(browser, wait, "designer:states:0:steps:0:template", template);
    // the reminder state tags the contact first, then mails it
    Browser.chooseOne(browser, wait, "designer:states:1:steps:1:template", template);
    browser.findElement(By.id("designer:check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer-messages"), "No problem found"));
    browser.findElement(By.id("designer:publish")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer-messages"), "published as version 1"));
    wait.until(ExpectedConditions.textToBe(By.id("header-form:workflow-version"), "Version 1"));
    browser.findElement(By.cssSelector("#header-form .wf-action-START")).click();
    wait.until(ExpectedConditions.textToBe(By.id("header-form:workflow-status"), "Running"));

    // the contacts are counted on the boxes, as the API counts them
    int enrolled = inside(id, "send");
    assertEquals(DesignerFixture.MEMBERS, enrolled, "the list's six members are enrolled");
    wait.until(d -> countOnBox("Email send").equals(enrolled + " contacts"));
    assertEquals("0 contacts", countOnBox("Follow-up"));
    screenshot(browser, "workflows-04-running");

    // a move made elsewhere (the REST API) shows on the boxes without reloading the page
    HttpResponse<String> moved =
        api(
            "POST",
            "/workflows/" + id + "/move",
            Json.createObjectBuilder().add("fromState", "send").add("toState", "followup").build());
    assertEquals(200, moved.statusCode(), moved.body());
    wait.until(d -> countOnBox("Follow-up").equals(inside(id, "followup") + " contacts"));
    assertEquals(DesignerFixture.MEMBERS, inside(id, "followup"));
    wait.until(d -> countOnBox("Email send").equals("0 contacts"));
    assertFalse(browser.getPageSource().contains("\tat "), "no stack trace");
    screenshot(browser, "workflows-05-moved");

    // a state added to the running workflow's draft that nothing leads to is refused with its
    // place, and goes on the graph without touching the contacts' positions
    browser.findElement(By.id("designer:add-state")).click();
    wait.until(visible("designer:states:5:state-name"));
    wait.until(d -> graphTexts().contains("New state"));
    // in it, two calls made at the same time (a group), then the end
    String state = "designer:states:5:";
    Browser.chooseOne(browser, wait, state + "kind-to-add", "Actions together");
    browser.findElement(By.id(state + "add-step")).click();
    String group = state + "steps:0:";
    wait.until(visible(group + "group-kind-to-add"));
    for (int i = 0; i < 2; i++) {
      Browser.chooseOne(browser, wait, group + "group-kind-to-add", "Task for a person");
      browser.findElement(By.id(group + "add-to-group")).click();
      wait.until(visible(group + "inner:" + i + ":task-title")).sendKeys("Call " + (i + 1));
    }
    Browser.chooseOne(browser, wait, state + "kind-to-add", "End");
    browser.findElement(By.id(state + "add-step")).click();
    wait.until(visible(state + "steps:1:outcome"));
    assertEquals(
        "Call 1", browser.findElement(By.id(group + "inner:0:task-title")).getAttribute("value"));
    browser.findElement(By.id("designer:check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer:problems"), "State “state-1”: No contact can reach this state."));
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById('state-state-1').scrollIntoView({block: 'center'});");
    screenshot(browser, "workflows-06-unreachable");
    browser.findElement(By.id("designer:states:5:remove-state")).click();
    wait.until(d -> !graphTexts().contains("New state"));
    browser.findElement(By.id("designer:check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer-messages"), "No problem found"));
    assertEquals(DesignerFixture.MEMBERS, inside(id, "followup"));

    // a send window: switched on it offers office hours; a bad holiday is a problem with its
    // sentence, a good list is saved with the draft
    browser.findElement(By.cssSelector("#designer\\:window-on .ui-chkbox-box")).click();
    wait.until(visible("designer:window-holidays")).sendKeys("2026-12-24, 2026-12-32");
    browser.findElement(By.id("designer:check")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer:problems"),
            "“2026-12-32” is not a holiday: write a date such as 2026-12-08, or 12-25 for every"
                + " year."));
    screenshot(browser, "workflows-06b-send-window");
    WebElement holidays = browser.findElement(By.id("designer:window-holidays"));
    holidays.clear();
    holidays.sendKeys("2026-12-24, 12-25");
    browser.findElement(By.id("designer:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("designer-messages"), "Draft saved."));
    JsonObject window =
        Json.createReader(new StringReader(api("GET", "/workflows/" + id, null).body()))
            .readObject()
            .getJsonObject("definition")
            .getJsonObject("window");
    assertEquals(
        "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]",
        window.getJsonArray("days").toString());
    assertEquals("09:00", window.getString("from"));
    assertEquals("[\"2026-12-24\",\"12-25\"]", window.getJsonArray("holidays").toString());
    assertTrue(
        browser.findElements(By.id("designer:states:0:steps:0:any-time")).size() == 1,
        "email steps may now send at any time");

    inLanguage("de");
    wait.until(d -> countOnBox("Follow-up").equals(DesignerFixture.MEMBERS + " Kontakte"));
    screenshot(browser, "workflows-07-running-de");
    inLanguage("en");

    // the list shows it running, version 1, six contacts inside
    browser.findElement(By.id("nav-workflows")).click();
    WebElement row =
        wait.until(
            d ->
                d.findElements(By.cssSelector("#workflows-form\\:workflows tbody tr")).stream()
                    .filter(r -> r.getText().contains("Spring reminders"))
                    .findFirst() // newest first
                    .orElse(null));
    assertTrue(row.getText().contains("Running"), row.getText());
    assertTrue(
        row.getText().matches("(?s).*Running\\s+1\\s+" + DesignerFixture.MEMBERS + "\\s+0.*"),
        row.getText());
    screenshot(browser, "workflows-08-list");

    // stopped from the list, after a confirmation: it moves no more (and leaves later runs alone)
    row.findElement(By.cssSelector(".wf-action-STOP")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("workflows-form:confirm-yes")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("workflows-messages"), "“Spring reminders”: Stop done."));
    HttpResponse<String> stopped = api("GET", "/workflows/" + id, null);
    assertEquals(
        "STOPPED",
        Json.createReader(new StringReader(stopped.body())).readObject().getString("status"));
  }

  /** Reloads the page in another UI language (the language menu's links). */
  void inLanguage(String language) {
    browser.findElement(By.cssSelector("a.lang-" + language)).click();
    wait.until(
        d ->
            d.findElement(By.cssSelector("a.lang-" + language))
                .getAttribute("class")
                .contains("lang-current"));
    Browser.idle(browser, wait);
  }

  /** The texts the graph shows, in the order drawn. */
  @SuppressWarnings("unchecked")
  List<String> graphTexts() {
    Object texts =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#workflow-graph svg text'))"
                    + ".map(t => t.textContent.trim());");
    return new ArrayList<>((List<String>) texts);
  }

  /** The line under a state's name on its box: the contacts inside. */
  String countOnBox(String state) {
    List<String> texts = graphTexts();
    int at = texts.indexOf(state);
    return at < 0 || at + 1 >= texts.size() ? "" : texts.get(at + 1);
  }

  /** The label of a menu's option with the highest number: this deployment's own fixture. */
  String newest(String menu) {
    return browser
        .findElements(By.cssSelector("#" + menu.replace(":", "\\:") + "_input option"))
        .stream()
        .map(o -> o.getAttribute("textContent").strip())
        .filter(t -> number(t) >= 0)
        .max(Comparator.comparingLong(WorkflowsBrowserIT::number))
        .orElseThrow(() -> new AssertionError("no fixture option in " + menu));
  }

  static long number(String label) {
    Matcher m = Pattern.compile("^Designer test \\D+ (\\d+)").matcher(label);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Contacts in a state and not ended, as the REST API counts them. */
  int inside(long workflow, String state) {
    try {
      HttpResponse<String> r = api("GET", "/workflows/" + workflow, null);
      JsonObject contacts =
          Json.createReader(new StringReader(r.body())).readObject().getJsonObject("contacts");
      JsonObject byStatus = contacts.getJsonObject(state);
      if (byStatus == null) {
        return 0;
      }
      int inside = 0;
      for (var e : byStatus.entrySet()) {
        if (!"ENDED".equals(e.getKey())) {
          inside += ((jakarta.json.JsonNumber) e.getValue()).intValue();
        }
      }
      return inside;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the workflow has a published version, as the REST API says. */
  boolean published(long workflow) throws Exception {
    HttpResponse<String> r = api("GET", "/workflows/" + workflow, null);
    JsonObject w = Json.createReader(new StringReader(r.body())).readObject();
    return w.containsKey("publishedVersionId") && !w.isNull("publishedVersionId");
  }

  HttpResponse<String> api(String method, String path, JsonValue body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + base.getPort() + "/api" + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("marketer:marketer".getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
