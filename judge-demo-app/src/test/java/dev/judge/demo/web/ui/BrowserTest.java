package dev.judge.demo.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium (Debian's {@code /usr/bin/chromium} through {@code /usr/bin/chromedriver}):
 * one browser per test class, a fresh profile each time. Screenshots go to {@code target/screenshots/}.
 */
abstract class BrowserTest extends ServerSupport {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        RequiredParts.require(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM), "Chromium and chromedriver");
        profile = Files.createTempDirectory("judge-ui-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover profile in the temp dir is harmless
            }
        }
    }

    /** Every test leaves the page without a script error. */
    @AfterEach
    void noScriptErrors() {
        if (driver == null) {
            return;
        }
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("SyntaxError") || m.contains("TypeError"))
                .toList();
        assertThat(errors).as("script errors in the browser console").isEmpty();
    }

    /** Opens the page at {@code #fragment}, without a session. */
    void openFresh(String fragment) {
        driver.get("http://localhost:" + port + "/");
        js("localStorage.clear()");
        driver.get("http://localhost:" + port + "/" + fragment);
        driver.navigate().refresh();
    }

    void go(String fragment) {
        js("location.hash = arguments[0]", fragment);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        // views re-render whole parts of the page: an element found a moment ago may be gone, look again
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    <T> T await(Function<WebDriver, T> condition) {
        return waiting(Duration.ofSeconds(15)).until(condition);
    }

    WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Clicks a button the way a user would: brought to the middle of the viewport first (a button at the
     * very edge of the viewport may take the click on a part Chromium does not count as visible), and only
     * once it can take the click.
     */
    void press(String css) {
        WebElement button = $(css);
        js("arguments[0].scrollIntoView({block: 'center'})", button);
        await(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    WebElement $(String css) {
        return visible(By.cssSelector(css));
    }

    /** Waits until the view's heading reads {@code text}. */
    void heading(String text) {
        await(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    /** Logs in through the form. */
    void logInThroughPage(String username, String password) {
        openFresh("#/login");
        $("#login-username").sendKeys(username);
        $("#login-password").sendKeys(password);
        $("#login-submit").click();
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("who-name"), username));
    }

    /** Writes a viewport screenshot to target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shows the page as a phone of this size would (touch, device width). */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Whether anything on the page sticks out sideways (a phone would scroll horizontally). */
    long horizontalOverflow() {
        return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
    }
}
