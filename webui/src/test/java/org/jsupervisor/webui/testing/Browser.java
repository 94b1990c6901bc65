package org.jsupervisor.webui.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both given by path so that
 * Selenium never tries to download a browser or driver.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static ChromeDriver start(Path profileDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + profileDir);
        // Keeps the console so tests can check that no script error or CSP violation happened.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Console messages at level SEVERE (script errors, CSP violations, failed loads) since the last call. */
    public static java.util.List<String> severeConsoleMessages(ChromeDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .toList();
    }

    /** Resizes the viewport (not the window) to width x height. */
    public static void resizeViewport(ChromeDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Number innerWidth = (Number) driver.executeScript("return window.innerWidth");
        Number innerHeight = (Number) driver.executeScript("return window.innerHeight");
        // Window decorations differ between headless modes; correct once so the viewport is exact.
        driver.manage().window().setSize(new Dimension(
                width + (width - innerWidth.intValue()), height + (height - innerHeight.intValue())));
    }

    /** Saves a PNG of the viewport. */
    public static void screenshot(ChromeDriver driver, Path png) throws IOException {
        // Two frames, so a resize's layout and scroll positions reach the captured image.
        driver.executeAsyncScript("const done = arguments[0];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()))");
        Files.createDirectories(png.getParent());
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Resizes the viewport, then saves a PNG of it. */
    public static void screenshot(ChromeDriver driver, int width, int height, Path png) throws IOException {
        resizeViewport(driver, width, height);
        screenshot(driver, png);
    }
}
