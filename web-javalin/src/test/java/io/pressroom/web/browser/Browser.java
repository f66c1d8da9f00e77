package io.pressroom.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver. Both paths are given explicitly,
 * so Selenium Manager never runs and nothing is downloaded. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("pressroom.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("pressroom.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Skips the calling test (with the reason) only when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are not installed"
                        + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    public static Browser open(String baseUrl) {
        assumeInstalled();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--window-size=1366,900",
                "--force-device-scale-factor=1", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, baseUrl);
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "a visible " + css);
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void type(String css, String text) {
        act(css, input -> {
            input.clear();
            input.sendKeys(text);
        }, "typing into " + css);
    }

    /**
     * Clicks {@code css}; a button of a form is clicked once its page has bound the form (the pages
     * hold back a submission made before that, as a user's early click would be).
     */
    public void click(String css) {
        waitFor(d -> {
            WebElement target = find(css);
            Object live = script("const f = arguments[0].form; return !f || 'bound' in f.dataset;", target);
            if (!Boolean.TRUE.equals(live)) return null;
            target.click();
            return true;
        }, "clicking " + css + " (its form bound)");
    }

    /**
     * Finds {@code css} and acts on it, again with a fresh element when the page re-rendered it in
     * between (a page that draws its form after its first API answer replaces the node Selenium
     * holds; see {@link #waitFor}).
     */
    private void act(String css, java.util.function.Consumer<WebElement> action, String what) {
        waitFor(d -> {
            action.accept(find(css));
            return true;
        }, what);
    }

    /** Waits (explicitly, at most 15 s) until the condition answers something other than null/false. */
    public <T> T waitFor(ExpectedCondition<T> condition, String what) {
        ExpectedCondition<T> again = d -> {
            try {
                return condition.apply(d);
            } catch (org.openqa.selenium.WebDriverException e) {
                // a page that re-renders or reloads replaced the node: Selenium's StaleElementReference,
                // or Chromium's "Node with given id does not belong to the document"; look again
                if (e instanceof org.openqa.selenium.StaleElementReferenceException
                        || String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        };
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100))
                .withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl() + "; page text: " + text("body"))
                .until(again);
    }

    public void waitForPath(String path) {
        waitFor(d -> path.equals(path()) ? true : null, "the page " + path);
    }

    public void waitForText(String css, String text) {
        waitFor(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)) ? true : null,
                "'" + text + "' in " + css);
    }

    public String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Browser console messages at SEVERE (a CSP violation or a script error lands here), less
     * Chromium's note of each API answer with an error status (the pages handle those).
     */
    public List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !(e.getMessage().contains("/api/") && e.getMessage().contains("Failed to load resource")))
                .map(LogEntry::getMessage)
                .toList();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Writes target/screenshots/{name}.png of the whole page (the window grown to the page's height). */
    public Path screenshot(String name) {
        try {
            Dimension before = driver.manage().window().getSize();
            Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            int full = Math.min(Math.max(before.getHeight(), height.intValue() + 120), 4000);
            driver.manage().window().setSize(new Dimension(before.getWidth(), full));
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(before);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh visitor: no cookies, nothing in localStorage. */
    public void forgetEverything() {
        go("/login");
        driver.manage().deleteAllCookies();
        script("localStorage.clear();");
        driver.manage().logs().get(LogType.BROWSER); // drain what earlier pages logged
    }

    @Override
    public void close() {
        driver.quit();
    }
}
