package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.scoring.Scorer;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.practice.LibraryCatalog;

import java.io.File;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the browser tests share: Debian's headless Chromium and the server's real parts. */
final class BrowserFixture {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserFixture() {
    }

    /** Skips the test class without Chromium, except under CI=true where that is a failure. */
    static void assumeChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        assumeTrue(present, "needs Debian's chromium and chromium-driver");
    }

    /**
     * The real server in-process over H2 in a temporary directory, the shipped library plus a scenarios directory
     * holding a copy of the shipped {@code scenario}, and these users (each with the password "password-" + name).
     */
    record Server(Path dir, Path scenarios, Vertx vertx, Database database, Application app, String base) {
        static Server start(String scenario, List<NewUser> users) throws Exception {
            Path dir = Files.createTempDirectory("dtr-browser");
            Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
            try (InputStream in = BrowserFixture.class.getClassLoader().getResourceAsStream("scenarios/" + scenario + ".yaml")) {
                Files.copy(in, scenarios.resolve(scenario + ".yaml"));
            }
            Vertx vertx = Vertx.vertx();
            Database database = TestDatabases.h2(dir.resolve("data"));
            var config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of("port", "0", "host", "127.0.0.1",
                    "data", dir.resolve("data").toString(), "password.iterations", "10000",
                    "scenarios", scenarios.toString()));
            var catalog = LibraryCatalog.load(BrowserFixture.class.getClassLoader(), Optional.of(scenarios));
            Application app = Application.start(vertx, database, config, realParts(catalog)).await();
            for (NewUser u : users) {
                app.users().create(u).await();
            }
            return new Server(dir, scenarios, vertx, database, app, "http://127.0.0.1:" + app.port());
        }
    }

    /** A user whose password is "password-" + name, as the browser tests log in. */
    static NewUser user(String name, io.dtrcoach.server.auth.Role role, String team) {
        return new NewUser(name, "password-" + name, role, Optional.ofNullable(team));
    }

    /** The real embedder, classifier and scorer (no test doubles), over this catalogue. */
    static Application.Parts realParts(ScenarioCatalog catalog) {
        var embedder = TestParts.embedder();
        var classifier = TrainedMoveClassifier.create(embedder);
        var scorer = Scorer.create();
        return new Application.Parts(catalog, embedder, classifier,
                scorer::score, Clock.systemUTC());
    }

    /** Headless Chromium with its own profile directory; nothing is downloaded. */
    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Stops what a browser test class started, in order: the browser; then, if the application started, the
     * application, its database, the test's other servers and Vert.x; then deletes the directories. A part left
     * null by a failed start is skipped.
     */
    static void stopAll(WebDriver browser, Application app, Database database, List<Supplier<Future<Void>>> servers,
                        Vertx vertx, Path... trees) throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close().await();
            database.close();
            for (Supplier<Future<Void>> server : servers) {
                server.get().await();
            }
            vertx.close().await();
        }
        deleteTrees(trees);
    }

    /** Signs {@code name} in (password "password-" + name) with fresh cookies. */
    static void signIn(WebDriver browser, String base, String name) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(org.openqa.selenium.By.name("username")).sendKeys(name);
        browser.findElement(org.openqa.selenium.By.name("password")).sendKeys("password-" + name);
        browser.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
        await(browser, d -> !d.getCurrentUrl().contains("/login"));
    }

    static void await(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
        await(browser, java.time.Duration.ofSeconds(40), condition);
    }

    static void await(WebDriver browser, java.time.Duration timeout,
                      java.util.function.Function<WebDriver, Boolean> condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, timeout)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    /** Types a line on the practice page, sends it, and waits for the prospect's reply to that turn. */
    static void say(WebDriver browser, String line, int turn) {
        browser.findElement(org.openqa.selenium.By.cssSelector("[data-composer-text]")).sendKeys(line);
        browser.findElement(org.openqa.selenium.By.cssSelector("[data-send]")).click();
        org.openqa.selenium.By reply = org.openqa.selenium.By.cssSelector(
                ".msg-prospect[data-turn='" + turn + "'] .msg-text");
        await(browser, d -> d.findElements(reply).stream().anyMatch(e -> !e.getText().isBlank()));
    }

    /**
     * Whether the call on the practice page has ended, asked once the page has settled: it shows the end, or is ready
     * for the next line (a reply can arrive a moment before the page shows that it ended the call).
     */
    static boolean callEnded(WebDriver browser) {
        org.openqa.selenium.By ended = org.openqa.selenium.By.cssSelector("[data-ended]");
        await(browser, d -> d.findElement(ended).isDisplayed()
                || d.findElement(org.openqa.selenium.By.cssSelector("[data-composer-text]")).isDisplayed()
                && d.findElement(org.openqa.selenium.By.cssSelector("[data-send]")).isEnabled());
        return browser.findElement(ended).isDisplayed();
    }

    /** The result of a script run in the page. */
    static Object js(WebDriver browser, String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script);
    }

    /** The visible text of the first element matching {@code css}. */
    static String text(WebDriver browser, String css) {
        return browser.findElement(org.openqa.selenium.By.cssSelector(css)).getText();
    }

    /**
     * The page as it is, at desktop width and at a phone's 375 px, into {@code dir}; the page must not scroll
     * sideways at phone width. The window is desktop-sized again after.
     */
    static void shots(WebDriver browser, Path dir, String name) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        try {
            Files.write(dir.resolve(name + "-desktop.png"), ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
            Files.write(dir.resolve(name + "-phone.png"), ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            Object overflow = js.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            Object wide = js.executeScript("var w = document.documentElement.clientWidth; return Array.from(document"
                    + ".querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 6)"
                    + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
                    + ".join('; ')");
            org.assertj.core.api.Assertions.assertThat(overflow)
                    .as(name + " fits a phone's width without sideways scrolling: " + wide).isEqualTo(false);
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    static void deleteTrees(Path... dirs) throws IOException {
        for (Path p : dirs) {
            if (p != null) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
