package org.erpcampaigns;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: Debian's headless Chromium kept off the network (shared/
 * PLATFORM.md), skipped with a message where it is not installed, pages loaded through localhost,
 * the login form and screenshots in target/screenshots.
 */
public final class Browser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  /**
   * Headless Chromium in English with a window of width x height; the calling test is skipped (not
   * failed) where chromium or chromium-driver is missing.
   */
  public static WebDriver chromium(int width, int height) {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "Browser tests skipped: install Debian's chromium and chromium-driver to run them");
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
        "--window-size=" + width + "," + height,
        "--lang=en-US",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(),
        options);
  }

  /**
   * Opens a page of the WAR at its root context through localhost (Chromium resolves nothing else
   * here; the deployment's URL has the machine's address).
   */
  public static void open(WebDriver browser, URL base, String path) {
    browser.get("http://localhost:" + base.getPort() + "/" + path);
  }

  /** Opens the login page and logs in as {@code user}. */
  public static void logIn(
      WebDriver browser, WebDriverWait wait, URL base, String user, String password) {
    open(browser, base, "login.xhtml");
    login(browser, wait, user, password);
  }

  /** Fills in and submits the login form of the page that is open. */
  public static void login(WebDriver browser, WebDriverWait wait, String user, String password) {
    WebElement name = wait.until(visible("login-form:username"));
    name.clear();
    name.sendKeys(user);
    WebElement pw = browser.findElement(By.id("login-form:password"));
    pw.clear();
    pw.sendKeys(password);
    browser.findElement(By.id("login-form:login")).click();
  }

  public static ExpectedCondition<WebElement> visible(String id) {
    return ExpectedConditions.visibilityOfElementLocated(By.id(id));
  }

  /** Saves what the browser shows as name.png in target/screenshots (or -Dscreenshots.dir). */
  public static void screenshot(WebDriver browser, String name) {
    try {
      Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the page has loaded and PrimeFaces has no request under way. */
  public static void idle(WebDriver browser, WebDriverWait wait) {
    wait.until(
        d ->
            (Boolean)
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "return document.readyState === 'complete' && !!window.PrimeFaces"
                            + " && PrimeFaces.ajax.Queue.isEmpty();"));
  }

  /**
   * Picks the option of a selectOneMenu whose label starts with {@code label}, and waits until the
   * menu shows it. A click that lands while the panel is still opening (slow machines) picks
   * nothing: then the panel is opened again and the option clicked again, three times at most.
   */
  public static void chooseOne(WebDriver browser, WebDriverWait wait, String menu, String label) {
    By panel = By.id(menu + "_panel");
    By option =
        By.cssSelector(
            "#" + (menu + "_panel").replace(":", "\\:") + " li[data-label^='" + label + "']");
    for (int attempt = 1; ; attempt++) {
      idle(browser, wait);
      if (!browser.findElement(panel).isDisplayed()) {
        browser.findElement(By.id(menu)).click();
      }
      wait.until(ExpectedConditions.visibilityOfElementLocated(panel));
      wait.until(ExpectedConditions.elementToBeClickable(option)).click();
      idle(browser, wait);
      try {
        new WebDriverWait(browser, java.time.Duration.ofSeconds(5))
            .until(d -> d.findElement(By.id(menu + "_label")).getText().strip().startsWith(label));
        return;
      } catch (org.openqa.selenium.TimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }
}
