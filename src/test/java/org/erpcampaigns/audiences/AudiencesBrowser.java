package org.erpcampaigns.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audiences pages in headless Chromium, for {@link AudiencesIT} (client side): the overview,
 * the builder's live count and preview with reasons, the list page and "why not in the list".
 * Skipped, with a message, where Debian's chromium and chromium-driver are not installed.
 */
final class AudiencesBrowser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private AudiencesBrowser() {}

  static void walkThrough(URL base, long segmentId, long listId) throws Exception {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "Browser steps skipped: install Debian's chromium and chromium-driver to run them");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1400,1100",
        "--lang=en-US",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-US,en"));
    WebDriver browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(),
            options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      String root = "http://localhost:" + base.getPort() + "/";
      browser.get(root + "login.xhtml");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form:username")))
          .sendKeys("marketer");
      browser.findElement(By.id("login-form:password")).sendKeys("marketer");
      browser.findElement(By.id("login-form:login")).click();
      wait.until(ExpectedConditions.urlContains("/contacts/"));

      browser.findElement(By.id("nav-audiences")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.list-link")));
      assertTrue(browser.findElement(By.id("lists-form:lists")).getText().contains("Qxz static"));
      screenshot(browser, "audiences-01-overview");

      browser.get(root + "audiences/segment.xhtml?id=" + segmentId);
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("count"), "5 contacts match, 2 reachable addresses after suppression"));
      String preview = browser.findElement(By.id("segment-form:preview")).getText();
      assertTrue(preview.contains("marketing refused in the ERP"), preview);
      assertTrue(preview.contains("no valid email"), preview);
      screenshot(browser, "audiences-02-builder");

      browser.get(root + "audiences/list.xhtml?id=" + listId);
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

  private static void screenshot(WebDriver browser, String name) throws Exception {
    Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
