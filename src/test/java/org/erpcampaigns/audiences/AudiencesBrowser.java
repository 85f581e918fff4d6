package org.erpcampaigns.audiences;

import static org.erpcampaigns.Browser.login;
import static org.erpcampaigns.Browser.open;
import static org.erpcampaigns.Browser.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import org.erpcampaigns.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audiences pages in headless Chromium, for {@link AudiencesIT} (client side): the overview,
 * the builder's live count and preview with reasons (and the orders left out of totals spent for
 * want of an exchange rate), the list page and "why not in the list". Skipped, with a message,
 * where Debian's chromium and chromium-driver are not installed.
 */
final class AudiencesBrowser {
  private AudiencesBrowser() {}

  static void walkThrough(URL base, long segmentId, long listId) {
    WebDriver browser = Browser.chromium(1400, 1100);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      open(browser, base, "login.xhtml");
      login(browser, wait, "marketer", "marketer");
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
}
