package org.erpcampaigns.campaigns;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.login;
import static org.erpcampaigns.Browser.open;
import static org.erpcampaigns.Browser.screenshot;
import static org.erpcampaigns.Browser.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import org.erpcampaigns.Browser;
import org.erpcampaigns.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign journey in real headless Chromium: a marketer plans a campaign with a budget, sees
 * only the lifecycle's valid buttons, records costs until the budget warning shows, sees the chart
 * of budget against actual, and moves the campaign on; an analyst sees no edit action. Screenshots
 * go to target/screenshots (campaign-*.png). Skipped where Debian's chromium is not installed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignsBrowserIT {

  static WebDriver browser;
  static WebDriverWait wait;
  static String campaignUrl;
  static final String NAME = "Qxq Browser campaign " + Long.toString(System.nanoTime(), 36);

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar();
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.chromium(1400, 1100);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void marketerPlansACampaignWithABudget() {
    logIn(browser, wait, base, "marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-campaigns"))).click();
    wait.until(visible("new-campaign")).click();
    wait.until(visible("editor:name")).sendKeys(NAME);
    type("editor:budget_input", "1000");
    date("editor:start_input", "2026-03-01");
    date("editor:end_input", "2026-02-01");
    browser.findElement(By.id("editor:save")).click();
    WebElement error = wait.until(visible("editor-messages"));
    wait.until(ExpectedConditions.textToBePresentInElement(error, "before the planned start"));
    screenshot(browser, "campaign-01-end-before-start");

    date("editor:end_input", "2026-04-30");
    browser.findElement(By.id("editor:save")).click();
    WebElement heading = wait.until(visible("campaign-name"));
    assertEquals(NAME, heading.getText());
    campaignUrl = browser.getCurrentUrl();
    assertEquals("Planned", browser.findElement(By.id("header-form:campaign-status")).getText());
    assertEquals(
        java.time.ZoneId.systemDefault().getId(),
        browser.findElement(By.id("overview-time-zone")).getText(),
        "the time zone defaults to the server's");
    assertFalse(browser.findElements(By.cssSelector(".action-APPROVE")).isEmpty());
    assertTrue(
        browser.findElements(By.cssSelector(".action-START")).isEmpty(),
        "a planned campaign cannot start before it is approved: no Start button");
    assertTrue(browser.findElements(By.cssSelector(".action-PAUSE")).isEmpty(), "no Pause button");
    screenshot(browser, "campaign-02-overview");
  }

  @Test
  @Order(2)
  void costsUntilTheBudgetWarningShowsWithTheChart() {
    tab("Budget and costs");
    assertTrue(browser.findElements(By.id("tabs:budget-warning")).isEmpty());
    addCost("500", "Key visual");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("tabs:costs-form"), "Key visual"));
    assertTrue(browser.findElements(By.id("tabs:budget-warning")).isEmpty(), "50 %: no warning");
    addCost("320", "Print run");
    WebElement warning = wait.until(visible("tabs:budget-warning"));
    assertTrue(warning.getText().contains("82 %"), warning.getText());
    assertTrue(warning.getText().contains("warning at 80 %"), warning.getText());
    assertEquals(
        "Budget warning", browser.findElement(By.id("header-form:header-budget-state")).getText());
    WebElement canvas = browser.findElement(By.cssSelector("[id='tabs:budget-chart'] canvas"));
    wait.until(d -> canvas.getSize().getHeight() > 100 && canvas.getSize().getWidth() > 100);
    Object bars =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var c = Chart.getChart(arguments[0]); return c ? c.data.datasets.length : -1;",
                canvas);
    assertEquals(3L, bars, "budget, committed and spent");
    screenshot(browser, "campaign-03-budget-warning-chart");
  }

  @Test
  @Order(3)
  void onlyValidLifecycleButtonsAndTheGoals() {
    browser.findElement(By.cssSelector(".action-APPROVE")).click();
    wait.until(ExpectedConditions.textToBe(By.id("header-form:campaign-status"), "Approved"));
    assertFalse(browser.findElements(By.cssSelector(".action-START")).isEmpty());
    assertTrue(browser.findElements(By.cssSelector(".action-APPROVE")).isEmpty());
    tab("Goals");
    WebElement kpis = wait.until(visible("tabs:kpis"));
    assertTrue(kpis.getText().contains("ROI"), kpis.getText());
    assertTrue(kpis.getText().contains("-100 %"), "costs and no revenue: " + kpis.getText());
    screenshot(browser, "campaign-04-goals");
    tab("History");
    WebElement history = wait.until(visible("tabs:history"));
    assertTrue(history.getText().contains("Status changed"), history.getText());
    assertTrue(history.getText().contains("Cost recorded"), history.getText());
  }

  @Test
  @Order(4)
  void theListShowsTheCampaignWithItsTotalsAndAnAnalystCannotEdit() {
    open(browser, base, "campaigns/");
    WebElement table = wait.until(visible("campaigns-form:campaigns"));
    assertTrue(table.getText().contains(NAME), table.getText());
    assertTrue(browser.findElement(By.id("campaigns-form:totals")).getText().contains("EUR"));
    screenshot(browser, "campaign-05-list");
    browser.findElement(By.id("topbar-form:logout")).click();
    wait.until(ExpectedConditions.urlContains("login.xhtml"));
    login(browser, wait, "analyst", "analyst");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    browser.get(campaignUrl);
    wait.until(visible("campaign-name"));
    assertTrue(browser.findElements(By.cssSelector(".action-START")).isEmpty());
    assertTrue(browser.findElements(By.id("header-form:edit")).isEmpty());
    assertTrue(browser.findElements(By.id("tabs:cost-form:add-cost")).isEmpty());
  }

  private void addCost(String amount, String description) {
    type("tabs:cost-form:cost-amount_input", amount);
    WebElement d = browser.findElement(By.id("tabs:cost-form:cost-description"));
    d.clear();
    d.sendKeys(description);
    browser.findElement(By.id("tabs:cost-form:add-cost")).click();
  }

  private void type(String id, String value) {
    WebElement input = wait.until(visible(id));
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(value);
    input.sendKeys(Keys.TAB);
  }

  /** Types a date as text into a date picker's input (what a user typing it submits). */
  private void date(String id, String value) {
    WebElement input = wait.until(visible(id));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", input, value);
  }

  private void tab(String title) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//ul[@role='tablist']//a[normalize-space()='" + title + "']")))
        .click();
  }
}
