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

import java.io.File;
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
