package org.erpcampaigns.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.erpcampaigns.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The contacts journey in real headless Chromium: log in (wrongly, then as the demo marketer),
 * filter by country, open a contact, switch the UI to Italian; an analyst sees no edit action;
 * unknown contacts and SQL in filters get clear messages. Screenshots go to target/screenshots.
 * Skipped, with a message, where Debian's chromium and chromium-driver are not installed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactsBrowserIT {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  static WebDriver browser;
  static WebDriverWait wait;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.productWar();
  }

  @BeforeAll
  static void startBrowser() {
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
        "--window-size=1400,1000",
        "--lang=en-US",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-US,en"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void wrongLoginIsRefusedWithAClearMessage() {
    open("login.xhtml");
    login("marketer", "not-the-password");
    WebElement messages = wait.until(visible("login-form:login-messages"));
    assertTrue(messages.getText().contains("wrong"), messages.getText());
    screenshot("01-wrong-login");
  }

  @Test
  @Order(2)
  void marketerFiltersContactsByCountryAndOpensOne() {
    open("login.xhtml");
    login("marketer", "marketer");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.contact-link")));
    screenshot("02-contacts");

    browser.findElement(By.id("contacts-form:contacts:country-filter")).click();
    WebElement italy =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "#contacts-form\\:contacts\\:country-filter_panel li[data-label='Italy']")));
    italy.click();
    wait.until(
        d -> {
          List<WebElement> cells =
              d.findElements(
                  By.cssSelector("#contacts-form\\:contacts_data > tr > td:nth-child(6)"));
          return !cells.isEmpty() && cells.stream().allMatch(c -> c.getText().equals("Italy"));
        });
    screenshot("03-contacts-italy");

    WebElement first = browser.findElement(By.cssSelector("a.contact-link"));
    String name = first.getText();
    first.click();
    WebElement heading = wait.until(visible("contact-name"));
    assertEquals(name, heading.getText());
    assertEquals("Italy", browser.findElement(By.id("contact-country")).getText());
    assertTrue(
        !browser.findElements(By.id("consent-form:record-opt-out")).isEmpty()
            || !browser.findElements(By.id("consent-form:withdraw-opt-out")).isEmpty(),
        "a marketer can change consent");
    screenshot("04-contact");
  }

  @Test
  @Order(3)
  void theUiSwitchesToItalian() {
    String url = browser.getCurrentUrl();
    browser.findElement(By.cssSelector("a.lang-it")).click();
    wait.until(ExpectedConditions.textToBe(By.id("nav-contacts"), "Contatti"));
    assertEquals("Italia", browser.findElement(By.id("contact-country")).getText());
    assertTrue(browser.getCurrentUrl().contains("id="), "still the same contact: " + url);
    screenshot("05-contact-italian");
    // back to English for the following steps
    browser.findElement(By.cssSelector("a.lang-en")).click();
    wait.until(ExpectedConditions.textToBe(By.id("nav-contacts"), "Contacts"));
  }

  @Test
  @Order(4)
  void unknownContactAndSqlInFiltersGetClearMessages() {
    open("contacts/contact.xhtml?id=NO-SUCH-CONTACT");
    WebElement message = wait.until(visible("contact-messages"));
    assertTrue(message.getText().contains("NO-SUCH-CONTACT"), message.getText());
    String page = browser.getPageSource();
    assertFalse(page.contains("Exception: ") || page.contains("\tat "), "no stack trace");
    screenshot("06-unknown-contact");

    open("contacts/");
    WebElement nameFilter =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#contacts-form\\:contacts\\:col-name input")));
    nameFilter.sendKeys("'; DROP TABLE PARTY; --");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("contacts-form:contacts_data"), "No contact matches"));
    screenshot("07-sql-filter");
  }

  @Test
  @Order(5)
  void analystCannotReachAnEditAction() {
    browser.findElement(By.id("topbar-form:logout")).click();
    wait.until(ExpectedConditions.urlContains("login.xhtml"));
    login("analyst", "analyst");
    wait.until(ExpectedConditions.urlContains("/contacts/"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.contact-link")))
        .click();
    wait.until(visible("contact-name"));
    assertTrue(browser.findElements(By.id("consent-form:record-opt-out")).isEmpty());
    assertTrue(browser.findElements(By.id("consent-form:withdraw-opt-out")).isEmpty());
    assertTrue(browser.findElement(By.id("consent-form:read-only-note")).isDisplayed());
    screenshot("08-analyst-contact");
  }

  /** Through localhost (Chromium resolves nothing else here), at the WAR's root context. */
  private void open(String path) {
    browser.get("http://localhost:" + base.getPort() + "/" + path);
  }

  private void login(String user, String password) {
    WebElement name = wait.until(visible("login-form:username"));
    name.clear();
    name.sendKeys(user);
    WebElement pw = browser.findElement(By.id("login-form:password"));
    pw.clear();
    pw.sendKeys(password);
    browser.findElement(By.id("login-form:login")).click();
  }

  private static org.openqa.selenium.support.ui.ExpectedCondition<WebElement> visible(String id) {
    return ExpectedConditions.visibilityOfElementLocated(By.id(id));
  }

  private static void screenshot(String name) {
    try {
      Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
