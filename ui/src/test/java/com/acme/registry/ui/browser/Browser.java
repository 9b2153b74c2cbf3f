package com.acme.registry.ui.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real headless Chromium from Debian's packages, driven by the system chromedriver; nothing is downloaded.
 * Every page a test visits can be saved as a full-page PNG under {@code target/screenshots/<test>/}.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("registry.ui.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("registry.ui.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final Path downloads;
    private int shot;

    private Browser(ChromeDriver driver, String baseUrl, Path screenshots, Path downloads) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        this.downloads = downloads;
    }

    public static Browser open(int port, String testName) {
        requireExecutable(CHROMIUM);
        requireExecutable(CHROMEDRIVER);
        try {
            Path profile = Files.createTempDirectory("registry-chromium");
            Path downloads = Files.createTempDirectory("registry-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--disable-extensions", "--window-size=1366,900",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Path screenshots = Path.of("target", "screenshots", testName);
            Files.createDirectories(screenshots);
            return new Browser(driver, "http://localhost:" + port, screenshots, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireExecutable(String path) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: the UI tests need Debian's chromium and "
                    + "chromium-driver packages (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Signs in a demo user (password "demo"). */
    public Browser signIn(String user) {
        return signIn(user, "demo");
    }

    public Browser signIn(String user, String password) {
        go("/login");
        field("username").sendKeys(user);
        field("password").sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
        return this;
    }

    public Browser signOut() {
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/login"));
        return this;
    }

    public WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "]"));
    }

    public List<WebElement> buttons(String text) {
        return driver.findElements(By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "]"));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String title() {
        return driver.getTitle();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String path() {
        return url().substring(baseUrl.length());
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    /**
     * Waits for a condition, asking again when the page changed under it: htmx swaps replace elements
     * (even {@code body}) between finding one and reading it.
     */
    public <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Waits for the status banner that a completed action shows after its redirect. */
    public String awaitFlash() {
        return waitUntil(d -> d.findElements(By.cssSelector(".flash")).stream().findFirst().orElse(null)).getText();
    }

    /** Waits for Chromium to finish a download whose name ends with {@code extension} and returns the file. */
    public Path awaitDownload(String extension) {
        return waitUntil(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(extension)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Uploads an audit export on the verification page and returns the verdict it shows. */
    public String verifyExport(Path export) {
        WebElement before = find(By.tagName("html"));
        field("file").sendKeys(export.toAbsolutePath().toString());
        button("Verify export").click();
        waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before)::apply);
        return waitUntil(d -> d.findElements(By.cssSelector(".verdict")).stream().findFirst().orElse(null)).getText();
    }

    /** Accepts the confirmation dialog a form asks before it changes something. */
    public String acceptConfirmation() {
        var alert = new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        String question = alert.getText();
        alert.accept();
        return question;
    }

    /** Saves the whole page (not only the window) as target/screenshots/&lt;test&gt;/NN-name.png. */
    public Path screenshot(String name) {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<?, ?> content = (Map<?, ?>) metrics.get("cssContentSize");
            double width = ((Number) content.get("width")).doubleValue();
            double height = Math.min(((Number) content.get("height")).doubleValue(), 8000);
            Map<String, Object> result = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            byte[] png = Base64.getDecoder().decode((String) result.get("data"));
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
