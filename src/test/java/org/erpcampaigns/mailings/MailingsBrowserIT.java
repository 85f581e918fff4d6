package org.erpcampaigns.mailings;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.screenshot;
import static org.erpcampaigns.Browser.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The marketer's journey in headless Chromium: write a personalised template for a campaign picked
 * by name (a broken one is refused with its line; the live preview follows the typing), save it,
 * send it to a list with a throttle, watch the progress page, pause, resume and cancel. Screenshots
 * go to target/screenshots (mailings-*.png).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailingsBrowserIT {
  static WebDriver browser;
  static WebDriverWait wait;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar().addClasses(BrowserListFixture.class, TestCampaigns.class);
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.chromium(1400, 1200);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // the progress page re-renders itself every 2 seconds
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void marketerWritesPreviewsSendsAndControlsAMailing() {
    logIn(browser, wait, base, "marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));

    browser.findElement(By.id("nav-mailings")).click();
    wait.until(visible("mailings-form:new-template")).click();
    wait.until(visible("editor:name")).sendKeys("Spring offers");
    // the template's campaign, from the picker's drop-down: campaigns by name, with their status
    browser
        .findElement(By.cssSelector("#editor\\:template-campaign .ui-autocomplete-dropdown"))
        .click();
    wait.until(
        ExpectedConditions.elementToBeClickable(
            By.cssSelector("#editor\\:template-campaign_panel li.ui-autocomplete-item")));
    List<WebElement> items =
        browser.findElements(
            By.cssSelector("#editor\\:template-campaign_panel li.ui-autocomplete-item"));
    for (WebElement item : items) {
      String label = item.getAttribute("data-item-label");
      assertTrue(
          label.matches(".+ \\((Planned|Approved|Active|Paused|Completed|Cancelled)\\)"), label);
    }
    // other tests of this database close campaigns: the send below needs an open one
    WebElement first =
        items.stream()
            .filter(
                i ->
                    i.getAttribute("data-item-label")
                        .matches(".+ \\((Planned|Approved|Active|Paused)\\)"))
            .findFirst()
            .orElseThrow();
    String campaign = first.getAttribute("data-item-label");
    first.click();
    wait.until(
        d ->
            campaign.equals(
                d.findElement(By.id("editor:template-campaign_input")).getAttribute("value")));
    browser.findElement(By.id("editor:sender-name")).sendKeys("Example Shop");
    browser.findElement(By.id("editor:sender-address")).sendKeys("news@shop.example.com");
    WebElement subject = browser.findElement(By.id("editor:subject"));
    subject.sendKeys(
        Keys.chord(Keys.CONTROL, "a"), "Spring for {{ contact.firstName | default('you') }}");
    wait.until(ExpectedConditions.textToBe(By.id("editor:preview-subject"), "Spring for Maria"));

    WebElement html = browser.findElement(By.id("editor:html"));
    html.sendKeys(
        Keys.chord(Keys.CONTROL, "a"), "<p>Dear {{ contact.firstName }},\n{% if contact.city %}");
    browser.findElement(By.id("editor:save")).click();
    WebElement refused = wait.until(visible("editor:editor-messages"));
    assertTrue(refused.getText().contains("html, line 2"), refused.getText());
    screenshot(browser, "mailings-01-refused");

    html = browser.findElement(By.id("editor:html"));
    html.sendKeys(
        Keys.chord(Keys.CONTROL, "a"),
        "<h1>Dear {{ contact.firstName | default('customer') }}</h1><p>Our offers for {{ contact.city | default('you') }}:"
            + " <a href=\"https://shop.example.com/\">the shop</a></p>");
    wait.until(d -> d.findElements(By.id("editor:preview-error")).isEmpty());
    browser.findElement(By.id("editor:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor:editor-messages"), "Template saved."));
    screenshot(browser, "mailings-02-editor");

    wait.until(ExpectedConditions.elementToBeClickable(By.id("editor:open-send"))).click();
    wait.until(visible("send-form:list"));
    assertEquals(
        campaign,
        browser.findElement(By.id("send-form:campaign_input")).getAttribute("value"),
        "the send counts for the template's campaign unless another is picked");
    Browser.chooseOne(browser, wait, "send-form:list", "Browser test customers");
    browser.findElement(By.id("send-form:throttle_input")).sendKeys("4");
    screenshot(browser, "mailings-03-send-dialog");
    browser.findElement(By.id("send-form:send")).click();

    wait.until(ExpectedConditions.urlContains("/mailings/mailing.xhtml"));
    wait.until(ExpectedConditions.textToBe(By.id("mailing-state"), "Sending"));
    wait.until(d -> Integer.parseInt(d.findElement(By.id("count-SENT")).getText()) >= 3);
    // every member of the list is either a recipient or left out (suppressed, opted out)
    wait.until(
        d ->
            Integer.parseInt(d.findElement(By.id("recipients")).getText())
                    + Integer.parseInt(d.findElement(By.id("skipped")).getText())
                == 40);
    screenshot(browser, "mailings-04-progress");
    browser.findElement(By.id("progress-form:pause")).click();
    wait.until(ExpectedConditions.textToBe(By.id("mailing-state"), "Paused"));
    browser.findElement(By.id("progress-form:resume")).click();
    wait.until(ExpectedConditions.textToBe(By.id("mailing-state"), "Sending"));
    browser.findElement(By.id("progress-form:cancel")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("progress-form:confirm-yes"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("mailing-state"), "Cancelled"));
    int cancelled =
        wait.until(d -> Integer.parseInt(d.findElement(By.id("count-CANCELLED")).getText()));
    assertTrue(cancelled > 0, "the rest was cancelled: " + cancelled);
    assertFalse(browser.getPageSource().contains("\tat "), "no stack trace");
    screenshot(browser, "mailings-05-cancelled");
  }
}
