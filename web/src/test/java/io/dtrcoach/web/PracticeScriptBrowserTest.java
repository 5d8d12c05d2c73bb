package io.dtrcoach.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs practice.js in headless Chromium against a stand-in server that speaks the protocol in VIEWS.md
 * (turn POST, transcript GET, SSE events), with the strict CSP the real server sends and a report-uri
 * that would catch any inline script or style. Skipped when Debian's chromium/chromium-driver are absent.
 */
class PracticeScriptBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CSP = "default-src 'self'; form-action 'self'; base-uri 'none'; report-uri /csp-report";

    private static Vertx vertx;
    private static HandlebarsTemplateEngine engine;

    private static WebDriver browser;
    private static Path profile;

    private HttpServer server;
    private final List<JsonObject> turns = new CopyOnWriteArrayList<>();
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final List<String> cspReports = new CopyOnWriteArrayList<>();
    private final List<String> csrfSeen = new CopyOnWriteArrayList<>();
    private static final String STREAM = "0123456789abcdef0123456789abcdef";
    /** Each turn's path and the events connection it named. */
    private final List<String> turnsPosted = new CopyOnWriteArrayList<>();
    private int maxTurns = 3;

    @BeforeAll
    static void startVertxAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver");
        vertx = Vertx.vertx();
        engine = SampleViews.engine(vertx);
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopVertxAndBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void start() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        turns.add(new JsonObject().put("number", 1).put("rep", "Thanks for making time.").put("reply", "Sure."));

        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        });
        router.post("/csp-report").handler(BodyHandler.create()).handler(ctx -> {
            cspReports.add(ctx.body().asString());
            ctx.response().setStatusCode(204).end();
        });
        router.route("/static/*").handler(StaticHandler.create(WebTemplates.STATIC_ROOT).setCachingEnabled(false));
        router.get("/sessions/s1").handler(this::page);
        router.get("/api/sessions/s1").handler(ctx -> ctx.json(transcript()));
        router.get("/live/sessions/s1/events").handler(this::events);
        router.post("/api/sessions/s1/turns").handler(BodyHandler.create()).handler(this::turn);
        router.post("/live/sessions/s1/turns").handler(BodyHandler.create()).handler(this::turn);
        server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    }

    @AfterEach
    void stop() {
        browser.get("about:blank"); // closes the page's event stream before the server goes
        if (server != null) {
            streams.forEach(r -> {
                if (!r.ended()) {
                    r.end();
                }
            });
            server.close().await();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private void page(RoutingContext ctx) {
        JsonObject model = SampleViews.page("practice");
        model.getJsonObject("session").put("id", "s1").put("turnsUsed", turns.size()).put("maxTurns", maxTurns)
                .put("status", turns.size() >= maxTurns ? "ended" : "open");
        model.put("turns", new JsonArray(List.copyOf(turns)));
        engine.render(model.getMap(), WebTemplates.page("practice"))
                .onSuccess(html -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html))
                .onFailure(ctx::fail);
    }

    /** The server's SessionTranscript shape: {session: {status}, opening, turns: [{number, rep, reply}]}. */
    private JsonObject transcript() {
        return new JsonObject()
                .put("session", new JsonObject().put("id", "s1").put("status", turns.size() >= maxTurns ? "ended" : "open"))
                .put("opening", "Hi — sorry, it's been a hectic few weeks.")
                .put("turns", new JsonArray(List.copyOf(turns)));
    }

    private void events(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\nevent: hello\ndata: {\"stream\":\"" + STREAM + "\"}\n\n");
        streams.add(response);
        response.closeHandler(v -> streams.remove(response));
    }

    private void send(String event, JsonObject data) {
        streams.forEach(r -> r.write("event: " + event + "\ndata: " + data.encode() + "\n\n"));
    }

    /** Streams the reply in pieces over SSE, then answers the POST (the authoritative reply). */
    private void turn(RoutingContext ctx) {
        csrfSeen.add(ctx.request().getHeader(WebTemplates.CSRF_HEADER));
        turnsPosted.add(ctx.request().path() + " " + ctx.body().asJsonObject().getString("stream"));
        String text = ctx.body().asJsonObject().getString("text");
        int number = turns.size() + 1;
        String reply = "You said: " + text;
        turns.add(new JsonObject().put("number", number).put("rep", text).put("reply", reply));
        boolean ended = number >= maxTurns;
        send("typing", new JsonObject().put("turn", number));
        int third = reply.length() / 3;
        vertx.setTimer(150, t1 -> {
            send("token", new JsonObject().put("turn", number).put("text", reply.substring(0, third)));
            send("token", new JsonObject().put("turn", number).put("text", reply.substring(third, 2 * third)));
            vertx.setTimer(150, t2 -> {
                send("token", new JsonObject().put("turn", number).put("text", reply.substring(2 * third)));
                ctx.json(new JsonObject().put("turn", number).put("reply", reply).put("ended", ended)); // TurnReply
            });
        });
    }

    /**
     * Reports are sent asynchronously: this makes one violation on purpose (an image from another origin) and waits
     * until its report has come, so the reports of the pages before it have come too and the report path is shown to
     * work. The sentinel's report is then set aside.
     */
    private void awaitSentinelReport() {
        ((JavascriptExecutor) browser).executeScript("new Image().src = 'http://csp-sentinel.invalid/x.png';");
        waitUpTo(10).until(d -> cspReports.stream().anyMatch(r -> r.contains("csp-sentinel.invalid")));
        cspReports.removeIf(r -> r.contains("csp-sentinel.invalid"));
    }

    /** The whole page, not just the viewport, for design review: target/screenshots/*.png. */
    @SuppressWarnings("unchecked")
    private void fullPageScreenshot(Path file) throws java.io.IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        java.util.Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", java.util.Map.of());
        java.util.Map<String, Object> size = (java.util.Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
        java.util.Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
                "captureBeyondViewport", true,
                "clip", java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private WebDriverWait waitUpTo(int seconds) {
        // Generous on a loaded CI machine; the page re-renders messages, so a stale element just means "look again".
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds * 4L));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private List<String> chatTexts() {
        return browser.findElements(By.cssSelector("#chat .msg-text")).stream().map(WebElement::getText).toList();
    }

    @Test
    void should_send_a_turn_and_show_html_in_it_as_text_without_running_anything() {
        browser.get(url("/sessions/s1"));
        waitUpTo(5).until(d -> !d.findElements(By.cssSelector("#chat .msg")).isEmpty());
        assertThat(chatTexts()).containsExactly("Hi — sorry, it's been a hectic few weeks.", "Thanks for making time.", "Sure.");
        waitUpTo(5).until(d -> "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));

        String nasty = "<b>bold</b> <img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        WebElement box = browser.findElement(By.id("composer-text"));
        box.sendKeys(nasty);
        box.sendKeys(Keys.ENTER);

        waitUpTo(5).until(d -> chatTexts().contains("You said: " + nasty));
        assertThat(chatTexts()).contains(nasty);
        assertThat(browser.findElements(By.cssSelector("#chat b, #chat img, #chat script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("[data-turn-count]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("[data-typing]")).isDisplayed()).isFalse();
        assertThat(box.getAttribute("value")).isEmpty();
        assertThat(csrfSeen).containsExactly(SampleViews.CSRF);
        assertThat(turnsPosted).as("the live turn, tied to this page's events connection")
                .containsExactly("/live/sessions/s1/turns " + STREAM);
        assertThat(cspReports).as("CSP violations").isEmpty();
    }

    @Test
    void should_pick_up_where_it_was_after_a_reload() {
        browser.get(url("/sessions/s1"));
        WebElement box = waitUpTo(5).until(d -> d.findElement(By.id("composer-text")));
        box.sendKeys("What has changed on your side?");
        browser.findElement(By.cssSelector("[data-send]")).click();
        waitUpTo(5).until(d -> chatTexts().contains("You said: What has changed on your side?"));

        browser.navigate().refresh();
        waitUpTo(5).until(d -> chatTexts().size() == 5);
        assertThat(chatTexts()).containsExactly("Hi — sorry, it's been a hectic few weeks.", "Thanks for making time.",
                "Sure.", "What has changed on your side?", "You said: What has changed on your side?");
        assertThat(browser.findElement(By.cssSelector("[data-turn-count]")).getText()).isEqualTo("2");
        assertThat(cspReports).isEmpty();
    }

    @Test
    void should_close_the_composer_and_offer_the_report_when_the_conversation_ends() {
        maxTurns = 2;
        browser.get(url("/sessions/s1"));
        WebElement box = waitUpTo(5).until(d -> d.findElement(By.id("composer-text")));
        box.sendKeys("Would it be a bad idea to talk about where this is heading?");
        box.sendKeys(Keys.ENTER);

        waitUpTo(5).until(d -> d.findElement(By.cssSelector("[data-ended]")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("[data-composer]")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("[data-ended] a")).getAttribute("href"))
                .endsWith("/sessions/s1/report");
        assertThat(browser.findElement(By.cssSelector("[data-turn-count]")).getText()).isEqualTo("2");
    }

    @Test
    void should_render_every_page_under_the_strict_csp_without_a_violation_and_save_screenshots() throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        });
        router.post("/csp-report").handler(BodyHandler.create()).handler(ctx -> {
            cspReports.add(ctx.body().asString());
            ctx.response().setStatusCode(204).end();
        });
        router.route("/static/*").handler(StaticHandler.create(WebTemplates.STATIC_ROOT));
        router.get("/page/:name").handler(ctx -> engine.render(SampleViews.page(ctx.pathParam("name")).getMap(),
                        WebTemplates.page(ctx.pathParam("name")))
                .onSuccess(html -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html))
                .onFailure(ctx::fail));
        HttpServer pages = vertx.createHttpServer().requestHandler(router).listen(0).await();
        try {
            for (String page : WebTemplates.PAGES) {
                browser.get("http://127.0.0.1:" + pages.actualPort() + "/page/" + page);
                waitUpTo(5).until(d -> !d.findElements(By.cssSelector("footer.site-footer")).isEmpty());
                String background = (String) ((JavascriptExecutor) browser).executeScript(
                        "return getComputedStyle(document.querySelector('.site-header')).backgroundColor");
                assertThat(background).as(page + ": app.css applied").isEqualTo("rgb(255, 255, 255)");
                fullPageScreenshot(SCREENSHOTS.resolve(page + ".png"));
            }
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            for (String page : List.of("catalogue", "practice", "report", "team")) {
                browser.get("http://127.0.0.1:" + pages.actualPort() + "/page/" + page);
                waitUpTo(5).until(d -> !d.findElements(By.cssSelector("footer.site-footer")).isEmpty());
                fullPageScreenshot(SCREENSHOTS.resolve(page + "-phone.png"));
            }
            awaitSentinelReport();
            assertThat(cspReports).as("CSP violations").isEmpty();
        } finally {
            pages.close().await();
        }
    }
}
