package org.erpcampaigns.audiences;

import static org.erpcampaigns.Browser.logIn;
import static org.erpcampaigns.Browser.open;
import static org.erpcampaigns.Browser.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.erpcampaigns.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audiences pages in headless Chromium, for {@link AudiencesIT} (client side): the overview,
 * the builder's live count and preview with reasons (and the orders left out of totals spent for
 * want of an exchange rate), the list page and "why not in the list"; nested groups clicked
 * together with the campaign picker, saved and reopened. Skipped, with a message, where Debian's
 * chromium and chromium-driver are not installed.
 */
final class AudiencesBrowser {
  private AudiencesBrowser() {}

  static void walkThrough(URL base, long segmentId, long listId) {
    WebDriver browser = Browser.chromium(1400, 1100);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      logIn(browser, wait, base, "marketer", "marketer");
      wait.until(ExpectedConditions.urlContains("/contacts/"));

      browser.findElement(By.id("nav-audiences")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.list-link")));
      assertTrue(browser.findElement(By.id("lists-form:lists")).getText().contains("Qxz static"));
      screenshot(browser, "audiences-01-overview");

      open(browser, base, "audiences/segment.xhtml?id=" + segmentId);
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("count"), "5 contacts match, 2 reachable addresses after suppression"));
      String preview = browser.findElement(By.id("segment-form:preview")).getText();
      assertTrue(preview.contains("marketing refused in the ERP"), preview);
      assertTrue(preview.contains("no valid email"), preview);
      String rates = browser.findElement(By.id("segment-form:orders-without-rate")).getText();
      assertTrue(rates.contains("without an exchange rate to EUR"), rates);
      assertTrue(rates.contains("(in JPY)"), rates);
      assertTrue(
          browser.getPageSource().contains("Total spent in EUR"), "the field says its currency");
      screenshot(browser, "audiences-02-builder");

      open(browser, base, "audiences/list.xhtml?id=" + listId);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list-form:list-name")));
      assertEquals("Qxz static", browser.findElement(By.id("list-form:list-name")).getText());
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("list-form:members"), "ada.au@example.test"));
      browser.findElement(By.id("list-form:why-id")).sendKeys("AU-P1");
      browser.findElement(By.id("list-form:explain")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("list-form:explanation"), "AU-P1 was excluded from this list by hand."));
      screenshot(browser, "audiences-03-list");
    } finally {
      browser.quit();
    }
  }

  /**
   * Through the page only: a condition, an OR group with an engagement condition (campaign picked
   * by name) and a country, a NOT group; after each step the live count reads {@code counts} (what
   * the REST API counts for the same criteria). Saves as {@code name}, reopens the segment (id from
   * {@code savedId}) and finds the same tree; then opens segment {@code orphanId}, whose campaign
   * {@code gone} no longer exists, and saves it again.
   */
  static void buildNestedGroups(
      URL base, List<String> counts, String name, LongSupplier savedId, long orphanId, long gone) {
    WebDriver browser = Browser.chromium(1400, 1100);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      logIn(browser, wait, base, "marketer", "marketer");
      wait.until(ExpectedConditions.urlContains("/contacts/"));

      open(browser, base, "audiences/segment.xhtml");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(row(1, "field"))));
      chooseOne(browser, wait, row(1, "field"), "Where › City");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(row(1, "text"))))
          .sendKeys("qxzville");
      wait.until(ExpectedConditions.textToBe(By.id("count"), counts.get(0)));

      click(browser, wait, row(0, "add-group"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(row(3, "field"))));
      assertEquals("Any of these (OR)", text(browser, row(2, "logic_label")));
      chooseOne(browser, wait, row(3, "field"), "Engagement › Opened campaign");
      WebElement picker =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.id(row(3, "campaign_input"))));
      picker.sendKeys("qxz");
      By choices = By.cssSelector(css(row(3, "campaign_panel")) + " li.ui-autocomplete-item");
      wait.until(ExpectedConditions.numberOfElementsToBe(choices, 2));
      assertEquals(
          List.of("Qxz autumn fair (Planned)", "Qxz spring sale (Active)"),
          browser.findElements(choices).stream()
              .map(li -> li.getAttribute("data-item-label"))
              .toList(),
          "campaigns by name, with their status");
      browser.findElements(choices).get(1).click();
      idle(browser, wait);
      assertEquals("Qxz spring sale (Active)", picker.getAttribute("value"));
      wait.until(ExpectedConditions.textToBe(By.id("count"), counts.get(1)));

      click(browser, wait, row(2, "add-condition"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(row(4, "multi"))));
      chooseMany(browser, wait, row(4, "multi"), "DEU");
      wait.until(ExpectedConditions.textToBe(By.id("count"), counts.get(2)));

      click(browser, wait, row(0, "add-group"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(row(6, "multi"))));
      browser.findElement(By.cssSelector(css(row(5, "negated")) + " .ui-chkbox-box")).click();
      idle(browser, wait);
      chooseMany(browser, wait, row(6, "multi"), "FRA");
      wait.until(ExpectedConditions.textToBe(By.id("count"), counts.get(3)));
      screenshot(browser, "audiences-04-nested-groups");

      browser.findElement(By.id("segment-form:segment-name")).sendKeys(name);
      browser.findElement(By.id("segment-form:save-segment")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("segment-form:messages"), "Segment \"" + name + "\" saved."));

      long id = savedId.getAsLong();
      assertTrue(id > 0, "saved under its name");
      open(browser, base, "audiences/segment.xhtml?id=" + id);
      wait.until(ExpectedConditions.textToBe(By.id("count"), counts.get(3)));
      assertEquals(
          7, browser.findElements(By.cssSelector(".criteria .criteria-row")).size(), "seven rows");
      assertEquals("All of these (AND)", text(browser, row(0, "logic_label")));
      assertEquals("Where › City", text(browser, row(1, "field_label")));
      assertEquals("qxzville", browser.findElement(By.id(row(1, "text"))).getAttribute("value"));
      assertEquals("Any of these (OR)", text(browser, row(2, "logic_label")));
      assertEquals(false, checked(browser, row(2, "negated")));
      assertEquals("Engagement › Opened campaign", text(browser, row(3, "field_label")));
      assertEquals(
          "Qxz spring sale (Active)",
          browser.findElement(By.id(row(3, "campaign_input"))).getAttribute("value"),
          "the picker shows the campaign's name, not its id");
      assertEquals("Where › Country", text(browser, row(4, "field_label")));
      assertEquals("Germany (DEU)", text(browser, row(4, "multi")));
      assertEquals("Any of these (OR)", text(browser, row(5, "logic_label")));
      assertEquals(true, checked(browser, row(5, "negated")));
      assertEquals("France (FRA)", text(browser, row(6, "multi")));
      assertEquals(
          "margin-left: 56px;",
          browser
              .findElements(By.cssSelector(".criteria .criteria-row"))
              .get(6)
              .getAttribute("style"),
          "the NOT group's condition sits two levels down");
      screenshot(browser, "audiences-05-reopened");

      open(browser, base, "audiences/segment.xhtml?id=" + orphanId);
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("segment-form:messages"),
              "This segment refers to campaign " + gone + ", which no longer exists."));
      assertEquals(
          "Campaign " + gone + " (no longer exists)",
          browser.findElement(By.id(row(2, "campaign_input"))).getAttribute("value"));
      screenshot(browser, "audiences-06-missing-campaign");
      browser.findElement(By.id("segment-form:save-segment")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("segment-form:messages"), "saved."));
    } catch (RuntimeException | AssertionError e) {
      screenshot(browser, "audiences-failed");
      throw e;
    } finally {
      browser.quit();
    }
  }

  private static String row(int index, String part) {
    return "segment-form:rows:" + index + ":" + part;
  }

  private static String css(String id) {
    return "#" + id.replace(":", "\\:");
  }

  private static String text(WebDriver browser, String id) {
    return browser.findElement(By.id(id)).getText().strip();
  }

  private static boolean checked(WebDriver browser, String id) {
    return Boolean.parseBoolean(
        browser.findElement(By.id(id + "_input")).getDomProperty("checked"));
  }

  private static void click(WebDriver browser, WebDriverWait wait, String id) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    idle(browser, wait);
  }

  /** Picks an option of a selectOneMenu by its label. */
  private static void chooseOne(WebDriver browser, WebDriverWait wait, String menu, String label) {
    Browser.chooseOne(browser, wait, menu, label);
    wait.until(ExpectedConditions.textToBe(By.id(menu + "_label"), label));
  }

  /** Ticks one value of a selectCheckboxMenu, found through its filter, and closes it. */
  private static void chooseMany(WebDriver browser, WebDriverWait wait, String menu, String value) {
    browser.findElement(By.id(menu)).click();
    WebElement panel =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(menu + "_panel")));
    panel.findElement(By.cssSelector("input.ui-selectcheckboxmenu-filter")).sendKeys(value);
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    css(menu + "_panel")
                        + " li.ui-selectcheckboxmenu-item[data-item-value='"
                        + value
                        + "'] .ui-chkbox-box")))
        .click();
    idle(browser, wait);
    panel.findElement(By.cssSelector(".ui-selectcheckboxmenu-close")).click();
    wait.until(ExpectedConditions.invisibilityOf(panel));
    idle(browser, wait);
  }

  private static void idle(WebDriver browser, WebDriverWait wait) {
    Browser.idle(browser, wait);
  }
}
